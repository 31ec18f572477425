// Case trends, forecasts and anomalies (趋势、预测、异常) of any unit of the tree, for analysts:
// cases per ISO week or month and category, the next 8 weeks or 3 months with an 80% interval, and
// the units far above their own baseline. Periods are China Standard Time; the model and its rules
// are domain/forecast/. Readers see the cases of their scope only, as in GET /api/events.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Scope, scopeKey, scopeOf, unitInScope } from '../domain/access';
import {
  ANOMALY,
  densify,
  findAnomalies,
  forecastCases,
  METHOD,
  type PeriodCount,
} from '../domain/forecast/caseForecast';
import {
  GRANULARITIES,
  type Granularity,
  isPeriod,
  periodEnd,
  periodOf,
  periodRange,
  periodStart,
  SEASON_LENGTH,
  shiftPeriod,
} from '../domain/forecast/periods';
import { INTERVAL } from '../domain/forecast/seasonalModel';
import { findCategory, TAXONOMY } from '../domain/taxonomy';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { type AdminUnitRecord, getAdminUnit } from '../store/adminUnits';
import {
  type CaseHistory,
  caseHistory,
  caseTrend,
  LEVEL_DEPTH,
  lastCompletePeriod,
  levelSeries,
  type TrendLevel,
  unitSeries,
} from '../store/eventTrends';
import { json } from './schemas';

const UnitParam = z
  .string()
  .regex(/^[0-9A-Z]{6,20}$/, 'expected a unit id such as 340881002001G01')
  .openapi({ description: 'Any unit of the tree: a grid up to the city', example: '340881002001G01' });
const By = z
  .enum(GRANULARITIES as [Granularity, ...Granularity[]])
  .default('week')
  .openapi({ description: 'ISO weeks (2026-W05) or calendar months (2026-05), China time' });
const Bound = z
  .string()
  .regex(/^\d{4}-(\d{2}-\d{2}|W\d{2}|\d{2})$/, 'expected a day (2026-05-01) or a period (2026-W05, 2026-05)')
  .optional();

const trend = createRoute({
  method: 'get',
  path: '/stats/events/trend',
  tags: ['stats'],
  summary: "A unit's cases per week or month and taxonomy category",
  description:
    '`from` and `to` (both included) are days or periods of `by`; by default the last 52 weeks or 24 months up to the running one. Every period × category is listed, zeros included.',
  request: {
    query: z.object({
      unit: UnitParam,
      by: By,
      category: z
        .string()
        .regex(/^\d{2}$/, 'expected a two-digit taxonomy category code such as 01')
        .optional()
        .openapi({ description: 'One taxonomy category (two digits); all nine when absent' }),
      from: Bound,
      to: Bound,
    }),
  },
  responses: {
    200: json(
      z.object({
        unit: z.string(),
        name: z.string(),
        by: z.enum(['week', 'month']),
        from: z.string(),
        to: z.string(),
        asOf: z.string().openapi({ description: "The statistics' now: the running period is not complete" }),
        series: z.array(z.object({ period: z.string(), category: z.string(), count: z.number().int() })),
      }),
      'Oldest period first, categories in code order within a period',
    ),
    403: errorResponse('The unit is outside your scope'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const PointSchema = z.object({ period: z.string(), count: z.number().int() });
const forecast = createRoute({
  method: 'get',
  path: '/stats/events/forecast',
  tags: ['stats'],
  summary: "A unit's cases forecast 8 weeks or 3 months ahead, with its history and anomalies",
  description: `Method ${METHOD} (domain/forecast/seasonalModel.ts): seasonal index × working days × damped trend; low and high bound an ${INTERVAL[1] * 100 - INTERVAL[0] * 100}% interval. The forecast starts with the running period. History: the last two years of complete weeks, three of months; anomalies: its periods above the ${ANOMALY.quantile * 100}% quantile of the forecast made before them, at least ${ANOMALY.minRatio}× and ${ANOMALY.minExcess} cases over expected.`,
  request: { query: z.object({ unit: UnitParam, by: By }) },
  responses: {
    200: json(
      z.object({
        unit: z.string(),
        name: z.string(),
        by: z.enum(['week', 'month']),
        method: z.string(),
        asOf: z.string(),
        interval: z.number(),
        history: z.array(PointSchema),
        forecast: z.array(
          z.object({ period: z.string(), expected: z.number(), low: z.number().int(), high: z.number().int() }),
        ),
        anomalies: z.array(z.object({ period: z.string(), count: z.number().int(), expected: z.number() })),
      }),
      'The forecast',
    ),
    403: errorResponse('The unit is outside your scope'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const anomalies = createRoute({
  method: 'get',
  path: '/stats/events/anomalies',
  tags: ['stats'],
  summary: 'Units of a level far above their own baseline in the last complete week or month',
  request: {
    query: z.object({
      level: z
        .enum(Object.keys(LEVEL_DEPTH) as [TrendLevel, ...TrendLevel[]])
        .default('grid')
        .openapi({ description: 'The level whose units are judged' }),
      by: By,
    }),
  },
  responses: {
    200: json(
      z.object({
        level: z.string(),
        by: z.enum(['week', 'month']),
        period: z.string().nullable().openapi({ description: 'The period judged: the last complete one' }),
        method: z.string(),
        rule: z.object({ quantile: z.number(), minRatio: z.number(), minExcess: z.number() }),
        anomalies: z.array(
          z.object({
            unitId: z.string(),
            name: z.string(),
            period: z.string(),
            count: z.number().int(),
            expected: z.number(),
          }),
        ),
      }),
      'Furthest above expected first',
    ),
    ...errorResponses,
  },
});

/** Periods of history the forecast answer shows. */
const HISTORY_SHOWN: Record<Granularity, number> = { week: 104, month: 36 };
/** Default span of the trend: a year of weeks, two of months. */
const TREND_DEFAULT: Record<Granularity, number> = { week: 52, month: 24 };
const TABLES = ['events', 'admin_units'];

const iso = (ms: number) => new Date(ms).toISOString();

/** The unit asked for: 404 when there is none, 403 when it lies outside a geographic scope. */
async function unitFor(db: RouteDeps['db'], id: string, scope: Scope): Promise<AdminUnitRecord> {
  const unit = await getAdminUnit(db, id);
  if (!unit) throw new ApiError(404, 'not_found', `No unit with id ${id}`);
  if (!unitInScope(scope, unit.path)) throw new ApiError(403, 'out_of_scope', `Unit ${id} is outside your scope.`);
  return unit;
}

/** A `from`/`to` bound as a period of `by`: a day's period, or the period itself. */
function boundPeriod(field: 'from' | 'to', value: string, by: Granularity): string {
  const bad = (message: string) => new ApiError(400, 'bad_request', `${field}: ${message}`, [{ field, message }]);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T00:00:00+08:00`);
    if (Number.isNaN(ms) || iso(ms + 8 * 3_600_000).slice(0, 10) !== value) throw bad(`${value} is not a day`);
    return periodOf(ms, by);
  }
  if (!isPeriod(value, by)) throw bad(`${value} is not a ${by} (by=${by}: ${by === 'week' ? '2026-W05' : '2026-05'})`);
  return value;
}

/** The history's span, or a 400 naming it when `periods` reach outside it. */
function withinHistory(history: CaseHistory | null, by: Granularity, bounds: Record<string, string>) {
  if (!history) return;
  const first = periodOf(Date.parse(history.first), by);
  const last = periodOf(Date.parse(history.asOf), by);
  for (const [field, p] of Object.entries(bounds)) {
    if (periodStart(p) < periodStart(first) || periodStart(p) > periodStart(last)) {
      const message = `${p} lies outside the case history (${first} to ${last})`;
      throw new ApiError(400, 'out_of_range', `${field}: ${message}`, [{ field, message }]);
    }
  }
}

/**
 * A unit's forecast answer (GET /api/stats/events/forecast) as of `at`, in `scope`: its history, the
 * forecast from the running period on, and its anomalies. Apart from the route so the analytics
 * benchmark times exactly what a cache miss does.
 */
export async function unitForecast(
  db: RouteDeps['db'],
  scope: Scope,
  q: { unit: string; by: Granularity },
  at: string,
) {
  const unit = await unitFor(db, q.unit, scope);
  const history = await caseHistory(db, at);
  const empty = { unit: unit.id, name: unit.name, by: q.by, method: METHOD, interval: INTERVAL[1] - INTERVAL[0] };
  if (!history) return { ...empty, asOf: at, history: [], forecast: [], anomalies: [] };
  const first = periodOf(Date.parse(history.first), q.by);
  const last = lastCompletePeriod(history.asOf, q.by);
  if (periodStart(last) < periodStart(first))
    return { ...empty, asOf: history.asOf, history: [], forecast: [], anomalies: [] };
  const parentPath = unit.parentId ? unit.path.slice(0, unit.path.lastIndexOf('/')) : null;
  const series = await unitSeries(
    db,
    scope,
    {
      path: unit.path,
      parentPath,
      by: q.by,
      from: iso(periodStart(first)),
      to: iso(periodEnd(last, q.by)),
    },
    at,
  );
  const own = densify(series.own, first, last, q.by);
  const parent = series.parent ? densify(series.parent, first, last, q.by) : undefined;
  const shown = own.slice(-HISTORY_SHOWN[q.by]);
  return {
    ...empty,
    asOf: history.asOf,
    history: shown,
    forecast: forecastCases(own, q.by, parent),
    anomalies: findAnomalies(own, q.by, shown[0]!.period, parent),
  };
}

export function statsTrendRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  /** Answers depend on the reader's scope and, through the running period, on the day. */
  const cached = <T>(c: Context, name: string, q: object, scope: Scope, at: string, build: () => Promise<T>) =>
    cachedJson(c, deps, {
      key: `stats/${name}?${queryKey(q as Record<string, unknown>)}&scope=${scopeKey(scope)}&day=${at.slice(0, 10)}`,
      tables: TABLES,
      build,
    });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(trend, (c) => {
      const q = c.req.valid('query');
      const scope = scopeOf(c.get('principal')!);
      if (q.category && !findCategory(q.category))
        throw new ApiError(400, 'bad_request', `category: no taxonomy category ${q.category}`, [
          { field: 'category', message: `no taxonomy category ${q.category}` },
        ]);
      const asked = {
        from: q.from ? boundPeriod('from', q.from, q.by) : undefined,
        to: q.to ? boundPeriod('to', q.to, q.by) : undefined,
      };
      const at = now();
      // Everything that reads the store runs in the build, so a 304 reads nothing (a refusal is not kept).
      return cached(c, 'trend', q, scope, at, async () => {
        const unit = await unitFor(db, q.unit, scope);
        const history = await caseHistory(db, at);
        withinHistory(history, q.by, {
          ...(asked.from && { from: asked.from }),
          ...(asked.to && { to: asked.to }),
        });
        const asOf = history?.asOf ?? at;
        const to = asked.to ?? periodOf(Date.parse(asOf), q.by);
        let from = asked.from ?? shiftPeriod(to, 1 - TREND_DEFAULT[q.by], q.by);
        if (!asked.from && history) {
          const first = periodOf(Date.parse(history.first), q.by);
          if (periodStart(from) < periodStart(first)) from = first;
        }
        if (periodStart(from) > periodStart(to))
          throw new ApiError(400, 'bad_request', `from (${from}) is after to (${to})`, [
            { field: 'from', message: 'after to' },
          ]);
        const rows = await caseTrend(db, scope, {
          path: unit.path,
          by: q.by,
          from: iso(periodStart(from)),
          to: iso(periodEnd(to, q.by)),
          category: q.category,
        });
        const counts = new Map(rows.map((r) => [`${r.period}|${r.category}`, r.count]));
        const categories = q.category ? [q.category] : TAXONOMY.categories.map((k) => k.code);
        const series = periodRange(from, to, q.by).flatMap((period) =>
          categories.map((category) => ({ period, category, count: counts.get(`${period}|${category}`) ?? 0 })),
        );
        return { unit: unit.id, name: unit.name, by: q.by, from, to, asOf, series };
      });
    })
    .openapi(forecast, (c) => {
      const q = c.req.valid('query');
      const scope = scopeOf(c.get('principal')!);
      const at = now();
      return cached(c, 'forecast', q, scope, at, () => unitForecast(db, scope, q, at));
    })
    .openapi(anomalies, (c) => {
      const q = c.req.valid('query');
      const scope = scopeOf(c.get('principal')!);
      const at = now();
      return cached(c, 'anomalies', q, scope, at, async () => {
        const base = { level: q.level, by: q.by, method: METHOD, rule: { ...ANOMALY } };
        const history = await caseHistory(db, at);
        if (!history) return { ...base, period: null, anomalies: [] };
        const last = lastCompletePeriod(history.asOf, q.by);
        // Three years before the judged period are all the model looks at.
        const first = shiftPeriod(last, -3 * SEASON_LENGTH[q.by], q.by);
        const { units, series } = await levelSeries(
          db,
          scope,
          { level: q.level, by: q.by, from: iso(periodStart(first)), to: iso(periodEnd(last, q.by)) },
          at,
        );
        const periods = periodRange(first, last, q.by);
        const dense = (id: string | null): PeriodCount[] | undefined =>
          id ? densify(series.get(id) ?? [], periods) : undefined;
        const found = units.flatMap((u) =>
          findAnomalies(dense(u.id)!, q.by, last, dense(u.parentId)).map((a) => ({
            unitId: u.id,
            name: u.name,
            ...a,
          })),
        );
        const ratio = (a: { count: number; expected: number }) => a.count / Math.max(a.expected, 0.01);
        found.sort((a, b) => ratio(b) - ratio(a) || (a.unitId < b.unitId ? -1 : 1));
        return { ...base, period: last, anomalies: found };
      });
    });
}
