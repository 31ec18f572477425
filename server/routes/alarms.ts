// Alarms (告警): the list, newest first, and acknowledging one (raised → acknowledged; the rules
// clear it when the condition ends). Each raised alarm carries the id of the event it created.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Alarm } from '../domain/alarms';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { acknowledgeAlarm, getAlarm, listAlarms } from '../store/alarms';
import { json, LonLatSchema } from './schemas';

const STATUSES = ['raised', 'acknowledged', 'cleared'] as const;

export const AlarmSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    rule: z.string(),
    metric: z.string(),
    itemCode: z.string(),
    severity: z.number(),
    status: z.enum(STATUSES),
    message: z.string(),
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    raisedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    clearedAt: z.string().nullable(),
    eventId: z.string().nullable(),
    position: LonLatSchema,
    gridId: z.string(),
  })
  .openapi('Alarm') satisfies z.ZodType<Alarm>; // the record the live stream sends too

const AlarmId = z
  .string()
  .regex(/^AL\d{7,}$/, 'expected an alarm id such as AL0000001')
  .openapi({ param: { name: 'id', in: 'path' } });

const list = createRoute({
  method: 'get',
  path: '/alarms',
  tags: ['sensing'],
  summary: 'Alarms, newest first (status open = raised or acknowledged)',
  request: {
    query: z.object({
      status: z.enum([...STATUSES, 'open']).optional(),
      deviceId: z
        .string()
        .regex(/^[A-Z]{2}-\d{2,6}$/, 'expected a sensor id such as MH-0001')
        .optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(200),
    }),
  },
  responses: { 200: json(z.array(AlarmSchema), 'Alarms'), ...errorResponses },
});

const one = createRoute({
  method: 'get',
  path: '/alarms/{id}',
  tags: ['sensing'],
  summary: 'One alarm (a shared link to it, its panel)',
  request: { params: z.object({ id: AlarmId }) },
  responses: { 200: json(AlarmSchema, 'The alarm'), ...notFoundResponse, ...errorResponses },
});

const acknowledge = createRoute({
  method: 'post',
  path: '/alarms/{id}/acknowledge',
  tags: ['sensing'],
  summary: 'Acknowledge a raised alarm',
  request: { params: z.object({ id: AlarmId }) },
  responses: {
    200: json(AlarmSchema, 'The alarm after acknowledging'),
    409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not in state raised'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

export function alarmRoutes(deps: RouteDeps) {
  const { db, now, ingest } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) => {
      // Every raise, acknowledgement and clear moves the alarms' version: the list is never stale.
      const q = c.req.valid('query');
      return cachedJson(c, deps, { key: `alarms?${queryKey(q)}`, tables: ['alarms'], build: () => listAlarms(db, q) });
    })
    .openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      const alarm = await getAlarm(db, id);
      if (!alarm) throw new ApiError(404, 'not_found', `No alarm ${id}.`);
      return c.json(alarm, 200);
    })
    .openapi(acknowledge, async (c) => {
      const { id } = c.req.valid('param');
      const before = await getAlarm(db, id);
      if (!before) throw new ApiError(404, 'not_found', `No alarm ${id}.`);
      if (before.status !== 'raised')
        throw new ApiError(409, 'conflict', `Alarm ${id} is ${before.status}, not raised.`);
      const by = c.get('principal')?.username ?? 'anonymous';
      const after = ingest ? await ingest.alarms.acknowledge(id, by) : await acknowledgeAlarm(db, id, by, now());
      return c.json(after!, 200);
    });
}
