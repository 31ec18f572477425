// Big-screen statistics (大屏统计): events per day, events by category, the departments' ranking.
// City-wide aggregates only. The window ends today (the platform's now); for a dataset whose history
// ends earlier it ends at the last reported event instead, and says so (`window.fallback`).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { StatsWindow } from '../domain/eventStats';
import { cachedJson } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
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
    );
}
