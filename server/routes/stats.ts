// Big-screen statistics (大屏统计): events per day, events by category, the departments' ranking;
// and the analyst's case heat layer (cases per H3 cell over any span of the history). Aggregates only. The window ends today (the platform's now); for a dataset whose history
// ends earlier it ends at the last reported event instead, and says so (`window.fallback`).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { StatsWindow } from '../domain/eventStats';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponses, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { eventHeat, eventHistorySpan } from '../store/eventHeat';
import { dailyEventCounts, departmentRanking, eventsByCategory, statsWindow } from '../store/eventStats';
import { json } from './schemas';

const Days = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30).openapi({ description: 'Length of the window in days' }),
});
const WindowSchema = z
  .object({ from: z.string(), to: z.string(), days: z.number().int(), fallback: z.boolean() })
  .openapi('StatsWindow', {
    description: 'Whole UTC days, `to` exclusive; fallback: moved back to the last day with events',
  }) satisfies z.ZodType<StatsWindow>;

const daily = createRoute({
  method: 'get',
  path: '/stats/events/daily',
  tags: ['stats'],
  summary: 'Events reported per day (and closed since) over the last days',
  request: { query: Days },
  responses: {
    200: json(
      z.object({
        window: WindowSchema,
        days: z.array(z.object({ day: z.string(), reported: z.number().int(), closed: z.number().int() })),
      }),
      'One entry per day, oldest first',
    ),
    ...errorResponses,
  },
});

const byCategory = createRoute({
  method: 'get',
  path: '/stats/events/by-category',
  tags: ['stats'],
  summary: 'Events of the window by taxonomy category',
  request: { query: Days },
  responses: {
    200: json(
      z.object({
        window: WindowSchema,
        categories: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            nameEn: z.string(),
            count: z.number().int(),
            open: z.number().int(),
          }),
        ),
      }),
      'All categories, most events first',
    ),
    ...errorResponses,
  },
});

const ranking = createRoute({
  method: 'get',
  path: '/stats/departments/ranking',
  tags: ['stats'],
  summary: 'Departments ranked by closure rate, overdue rate and handling time',
  request: { query: Days },
  responses: {
    200: json(
      z.object({
        window: WindowSchema,
        departments: z.array(
          z.object({
            rank: z.number().int(),
            id: z.string(),
            name: z.string(),
            nameEn: z.string(),
            events: z.number().int(),
            closed: z.number().int(),
            closureRate: z.number(),
            overdueRate: z.number(),
            avgHandlingHours: z.number().nullable(),
          }),
        ),
      }),
      'Best first',
    ),
    ...errorResponses,
  },
});

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const Day = z.string().refine(isDay, 'expected a day YYYY-MM-DD');

const HeatQuery = z
  .object({
    res: z
      .enum(['7', '8', '9'])
      .default('8')
      .transform((r) => Number(r) as 7 | 8 | 9)
      .openapi({ description: 'H3 resolution of the cells (9 is stored; 8 and 7 fold it into parents)' }),
    from: Day.openapi({ example: '2026-01-01', description: 'First day counted (UTC)' }),
    to: Day.openapi({ example: '2026-01-31', description: 'Last day counted (UTC), inclusive' }),
    within: z
      .string()
      .regex(/^[0-9A-Z]{6,20}$/, 'expected a unit id such as 340881002001')
      .optional()
      .openapi({ description: 'Only cases in this unit of the tree and below' }),
    category: z
      .string()
      .regex(/^\d{2}$/, 'expected a two-digit category code such as 01')
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const heat = createRoute({
  method: 'get',
  path: '/stats/events/h3',
  tags: ['stats'],
  summary: 'Cases per H3 cell over a span of days (the case heat layer), counted in DuckDB',
  request: { query: HeatQuery },
  responses: {
    200: json(
      z.array(z.object({ h3: z.string(), count: z.number().int() })).openapi('HeatCells'),
      'Cells with at least one case, most first; rejected and merged reports do not count',
    ),
    ...errorResponses,
  },
});

/** The statistics read the cases, and name departments and categories. */
const STATS_TABLES = ['events', 'departments', 'taxonomy_categories'];

/**
 * City-wide figures, the same for every reader allowed them. The window moves with the day, so the
 * day is part of the key: a new day is a new answer even when no case changed.
 */
export function statsRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  const cached = <T>(c: Context, name: string, days: number, build: (window: StatsWindow) => Promise<T>) => {
    const at = now();
    return cachedJson(c, deps, {
      key: `stats/${name}?days=${days}&day=${at.slice(0, 10)}`,
      tables: STATS_TABLES,
      build: async () => {
        const window = await statsWindow(db, at, days);
        return { window, ...(await build(window)) };
      },
    });
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(daily, (c) =>
      cached(c, 'daily', c.req.valid('query').days, async (w) => ({ days: await dailyEventCounts(db, w) })),
    )
    .openapi(byCategory, (c) =>
      cached(c, 'by-category', c.req.valid('query').days, async (w) => ({
        categories: await eventsByCategory(db, w),
      })),
    )
    .openapi(ranking, (c) =>
      cached(c, 'ranking', c.req.valid('query').days, async (w) => ({
        departments: await departmentRanking(db, w),
      })),
    )
    .openapi(heat, async (c) => {
      const q = c.req.valid('query');
      const unit = q.within ? await getAdminUnit(db, q.within) : undefined;
      if (q.within && !unit) throw badParam('within', `No unit with id ${q.within}`);
      return cachedJson(c, deps, {
        key: `stats/h3?${queryKey(q)}`,
        tables: ['events', 'admin_units'],
        build: async () => {
          // A span that misses the history entirely is a mistake, not an empty map.
          const span = await eventHistorySpan(db);
          const last = span && span.last > now().slice(0, 10) ? span.last : now().slice(0, 10);
          if (span && (q.to < span.first || q.from > last))
            throw badParam(
              'from',
              `The history runs from ${span.first} to ${last}; ${q.from}..${q.to} lies outside it`,
            );
          return eventHeat(db, { ...q, withinPath: unit?.path });
        },
      });
    });
}

const badParam = (field: string, message: string) =>
  new ApiError(400, 'bad_request', `${field}: ${message}`, [{ field, message }]);
