// Sensing terminals' live side (感知终端): the latest state of every sensor for the map, one
// sensor's state with its open alarms, and its per-minute series (24 hours by default) for charts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SensorState } from '../domain/sensorState';
import { METRICS, NUMERIC_METRICS, type NumericMetric } from '../domain/telemetry';
import { cachedJson } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { listAlarms } from '../store/alarms';
import { getSensorState, listSensorStates } from '../store/sensorState';
import { listSensors } from '../store/sensors';
import { minuteSeries } from '../store/telemetry';
import { AlarmSchema } from './alarms';
import { json, LonLatSchema } from './schemas';

const KINDS = ['manhole', 'rain-gauge', 'river-gauge'] as const;
const SensorId = z
  .string()
  .regex(/^[A-Z]{2}-\d{2,6}$/, 'expected a sensor id such as MH-0001')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'MH-0001' });

const StateSchema = z
  .object({
    online: z.boolean(),
    ts: z.string().nullable().openapi({ description: "The latest reading's device time" }),
    receivedAt: z.string().nullable(),
    statusAt: z.string().nullable(),
    values: z
      .record(z.string(), z.union([z.number(), z.boolean()]))
      .openapi({ example: { waterLevelM: 0.42, coverOpen: false, batteryPct: 87 } }),
  })
  .openapi('SensorState');
const SensorLiveSchema = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS),
    position: LonLatSchema,
    gridId: z.string(),
    componentId: z.string().nullable(),
    state: StateSchema.nullable(),
  })
  .openapi('SensorLive');

const states = createRoute({
  method: 'get',
  path: '/sensors/state',
  tags: ['sensing'],
  summary: 'Every sensor with its latest state (the map)',
  request: { query: z.object({ kind: z.enum(KINDS).optional() }) },
  responses: { 200: json(z.array(SensorLiveSchema), 'Sensors by id'), ...errorResponses },
});

const one = createRoute({
  method: 'get',
  path: '/sensors/{id}',
  tags: ['sensing'],
  summary: 'One sensor: its latest state, units and open alarms',
  request: { params: z.object({ id: SensorId }) },
  responses: {
    200: json(
      SensorLiveSchema.extend({
        metrics: z.array(
          z.object({ metric: z.string(), unit: z.string(), min: z.number(), max: z.number(), zh: z.string() }),
        ),
        openAlarms: z.array(AlarmSchema),
      }),
      'The sensor',
    ),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const Range = z.object({ avg: z.number(), min: z.number(), max: z.number() });
const series = createRoute({
  method: 'get',
  path: '/sensors/{id}/series',
  tags: ['sensing'],
  summary: 'Per-minute series of a sensor (24 hours by default), for charts',
  request: {
    params: z.object({ id: SensorId }),
    query: z.object({
      hours: z.coerce
        .number()
        .min(0.1)
        .max(24 * 30)
        .default(24),
      metrics: z
        .string()
        .regex(/^[A-Za-z0-9]+(,[A-Za-z0-9]+)*$/, 'expected metric names separated by commas')
        .optional()
        .openapi({
          description: `Some of ${NUMERIC_METRICS.join(', ')}; default: all of the sensor's kind`,
          example: 'waterLevelM,ch4Lel',
        }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          id: z.string(),
          from: z.string(),
          metrics: z.array(z.string()),
          points: z.array(
            z.object({
              t: z.string(),
              samples: z.number(),
              values: z.record(z.string(), z.union([Range, z.number()])),
            }),
          ),
        })
        .openapi('SensorSeries'),
      'One point per minute with readings, oldest first',
    ),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const stateJson = (s: SensorState | null | undefined) =>
  s
    ? {
        online: s.online,
        ts: s.ts,
        receivedAt: s.receivedAt,
        statusAt: s.statusAt,
        values: s.values as Record<string, number | boolean>,
      }
    : null;
const metricsOf = (kind: (typeof KINDS)[number]) =>
  NUMERIC_METRICS.filter((m) => (METRICS[m].kinds as readonly string[]).includes(kind));

export function sensorRoutes(deps: RouteDeps) {
  const { db, ingest } = deps;
  const findSensor = async (id: string) => {
    const s = (await listSensors(db, {})).find((x) => x.id === id);
    if (!s) throw new ApiError(404, 'not_found', `No sensor ${id}.`);
    return s;
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(states, (c) => {
      const { kind } = c.req.valid('query');
      // The map's first picture of the sensors, one answer for every reader (no scope, no personal
      // data). Its version is the saved states': the ingest saves the changed ones every second, so
      // the answer is rebuilt at most once a second under a storm of readings and held (with 304s)
      // while nothing changes; every change reaches open pages at once by the live stream.
      return cachedJson(c, deps, {
        key: `sensors/state?kind=${kind ?? ''}`,
        tables: ['sensors', 'sensor_state'],
        build: async () => {
          const saved = ingest ? null : new Map((await listSensorStates(db)).map((s) => [s.deviceId, s]));
          return (await listSensors(db, { kind })).map((s) => ({
            id: s.id,
            kind: s.kind,
            position: s.position,
            gridId: s.gridId,
            componentId: s.componentId,
            state: stateJson(ingest ? ingest.states.get(s.id) : saved!.get(s.id)),
          }));
        },
      });
    })
    .openapi(one, async (c) => {
      const s = await findSensor(c.req.valid('param').id);
      const state = ingest ? ingest.states.get(s.id) : await getSensorState(db, s.id);
      const openAlarms = await listAlarms(db, { deviceId: s.id, status: 'open' });
      return c.json(
        {
          id: s.id,
          kind: s.kind,
          position: s.position,
          gridId: s.gridId,
          componentId: s.componentId,
          state: stateJson(state),
          metrics: [
            ...metricsOf(s.kind).map((m) => ({
              metric: m,
              unit: METRICS[m].unit,
              min: METRICS[m].min,
              max: METRICS[m].max,
              zh: METRICS[m].zh,
            })),
            ...(s.kind === 'manhole' ? [{ metric: 'coverOpen', unit: '', min: 0, max: 1, zh: '井盖开启' }] : []),
          ],
          openAlarms,
        },
        200,
      );
    })
    .openapi(series, async (c) => {
      const s = await findSensor(c.req.valid('param').id);
      const q = c.req.valid('query');
      const own = metricsOf(s.kind);
      const asked = q.metrics ? q.metrics.split(',') : own;
      const unknown = asked.filter((m) => !(own as string[]).includes(m));
      if (unknown.length)
        throw new ApiError(
          400,
          'bad_request',
          `metrics: ${unknown.join(', ')} not measured by a ${s.kind}; it measures ${own.join(', ')}`,
        );
      // live data runs on the wall clock
      const fromMs = Date.now() - q.hours * 3600_000;
      const points = await minuteSeries(db, s.id, fromMs, asked as NumericMetric[]);
      return c.json({ id: s.id, from: new Date(fromMs).toISOString(), metrics: asked, points }, 200);
    });
}
