// The headline figures of the city (the big screen's header).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { cachedJson } from '../http/cachedJson';
import type { RouteDeps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { getOverview } from '../store/overview';
import { json } from './schemas';

const n = z.number().int();
export const OverviewSchema = z
  .object({
    subdistricts: n,
    communities: n,
    urbanGrids: n,
    towns: n,
    villages: n,
    villageGrids: n,
    components: n,
    cameras: n,
    patrolPoints: n,
    residents: n,
    departments: n,
    gridPartyBranches: n,
    compoundPartyGroups: n,
    unitHeads: n,
    taxonomy: z.object({ categories: n, subcategories: n, items: n }),
    events: z.object({
      total: n,
      closed: n,
      closureRate: z.number().openapi({ example: 0.993 }),
      firstDay: z
        .string()
        .nullable()
        .openapi({ description: 'Day (UTC) of the first report in the history', example: '2019-01-01' }),
      lastDay: z.string().nullable().openapi({ description: 'Day (UTC) of the latest report', example: '2026-10-31' }),
    }),
  })
  .openapi('Overview');

const overview = createRoute({
  method: 'get',
  path: '/overview',
  tags: ['city'],
  summary: 'Headline figures of the city, counted from the data',
  responses: { 200: json(OverviewSchema, 'The figures'), ...errorResponses },
});

/** What the figures count: a write to any of these tables moves them. */
const OVERVIEW_TABLES = [
  'admin_units',
  'components',
  'cameras',
  'patrol_points',
  'residents',
  'departments',
  'organisations',
  'unit_heads',
  'taxonomy_categories',
  'taxonomy_subcategories',
  'taxonomy_items',
  'events',
];

export function overviewRoutes(deps: RouteDeps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(overview, (c) =>
    cachedJson(c, deps, { key: 'overview', tables: OVERVIEW_TABLES, build: () => getOverview(deps.db) }),
  );
}
