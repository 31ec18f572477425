// One unit of the tree (a responsibility grid, or any unit above it): where it sits, what lies below,
// and its six elements.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Scope, scopeKey, scopeOf } from '../domain/access';
import { maskName, maskPhone } from '../domain/masking';
import { cachedJson } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getAdminUnit, getAncestors, getChildren } from '../store/adminUnits';
import { unitCredit } from '../store/creditStats';
import { getGridWorker } from '../store/gridWorkers';
import { getUnitSummary } from '../store/unitSummary';
import { json, LonLatSchema } from './schemas';

const UnitRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
const counts = z.record(z.string(), z.number());
const n = z.number().int();

const GridSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    area: z.string().nullable(),
    centroid: LonLatSchema,
    areaM2: z.number(),
    ancestors: z.array(UnitRef),
    children: z.array(UnitRef),
    gridWorker: z
      .object({ id: z.string(), name: z.string(), phone: z.string() })
      .nullable()
      .openapi({ description: 'Name and phone masked' }),
    people: z.object({
      households: n,
      residents: n,
      elderlyAlone: n,
      disabled: n,
      lowIncome: n,
      partyMembers: n,
      byAgeBand: counts.openapi({ description: 'Full years: 0-17, 18-34, 35-59, 60-79, 80+' }),
      bySex: counts,
      byTag: counts,
    }),
    places: z.object({
      buildings: n,
      byUse: counts,
      dwellings: n,
      households: n,
      compounds: n.openapi({ description: 'Residential compounds (住宅小区)' }),
    }),
    events: z.object({
      total: n,
      open: n,
      closed: n,
      overdue: n,
      last30Days: n.openapi({ description: 'Reported today (China time) and in the 29 days before' }),
      byStatus: counts,
      byCategory: counts.openapi({ description: 'By taxonomy category code' }),
      byMonth: counts.openapi({ description: 'The last 12 months (YYYY-MM, China time), the running one included' }),
    }),
    things: z.object({
      components: n,
      byState: counts,
      byCategory: counts.openapi({ description: 'Components by category code' }),
      cameras: n,
      camerasOnline: n,
      camerasByOwner: counts,
      patrolPoints: n,
      sensors: n,
      sensorsByKind: counts,
    }),
    sentiment: z.object({
      total: n,
      positive: n,
      neutral: n,
      negative: n,
      byTopic: counts,
      byPolarity: counts,
      byMonth: counts.openapi({ description: 'The last 12 months (YYYY-MM, China time)' }),
    }),
    organisations: z.object({ total: n, byKind: counts, unitHeads: n }),
    credit: z
      .object({
        records: n,
        residents: n,
        positivePoints: n,
        negativePoints: n,
        appealsOpen: n,
        publishing: n,
        byMonth: z.array(z.object({ month: z.string(), positive: n, negative: n })),
      })
      .openapi({
        description:
          'Resident credit points in aggregate (信用积分): records, residents with one, points counting now, open appeals, publications running, and the points counting by month of the deed over the last 12 months',
      }),
  })
  .openapi('GridSummary');

const getGrid = createRoute({
  method: 'get',
  path: '/grids/{id}',
  tags: ['grids'],
  summary: "A grid's (or any unit's) summary: place in the tree and its six elements",
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/, 'expected a unit id such as 340881002001G01')
        .openapi({ param: { name: 'id', in: 'path' }, example: '340881002001G01' }),
    }),
  },
  responses: { 200: json(GridSummarySchema, 'The summary'), ...notFoundResponse, ...errorResponses },
});

const ref = (u: { id: string; name: string; level: string }) => ({ id: u.id, name: u.name, level: u.level });

/** What a unit's summary counts; a write to any of them moves it. */
const SUMMARY_TABLES = [
  'admin_units',
  'grid_workers',
  'households',
  'residents',
  'buildings',
  'events',
  'components',
  'cameras',
  'patrol_points',
  'sensors',
  'sentiments',
  'organisations',
  'unit_heads',
  'credit_records',
];
/** The events of the last 30 days move with the clock: a summary is rebuilt at least this often. */
export const SUMMARY_FRESH_MS = 60_000;

export function gridRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getGrid, (c) => {
    const { id } = c.req.valid('param');
    const scope = scopeOf(c.get('principal')!);
    // Keyed by the reader's scope: a unit outside it is a 404 (never cached), never another scope's bytes.
    return cachedJson(c, deps, {
      key: `grids/${id}?scope=${scopeKey(scope)}`,
      tables: SUMMARY_TABLES,
      maxAgeMs: SUMMARY_FRESH_MS,
      build: () => unitSummary(db, id, scope, now()),
    });
  });
}

export async function unitSummary(db: RouteDeps['db'], id: string, scope: Scope, at: string) {
  // Outside a geographic role's scope a unit does not exist, as far as that user can tell.
  const unit = await getAdminUnit(db, id, scope);
  if (!unit) throw new ApiError(404, 'not_found', `No grid or unit with id ${id} in your scope`);
  const [ancestors, children, worker, summary, credit] = await Promise.all([
    getAncestors(db, unit),
    getChildren(db, unit.id),
    unit.level === 'grid' ? getGridWorker(db, unit.id) : undefined,
    getUnitSummary(db, unit.path, at),
    unitCredit(db, unit.path, at),
  ]);
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    area: unit.area,
    centroid: unit.centroid,
    areaM2: unit.areaM2,
    ancestors: ancestors.map(ref),
    children: children.map(ref),
    gridWorker: worker ? { id: worker.id, name: maskName(worker.name), phone: maskPhone(worker.phone) } : null,
    ...summary,
    credit,
  };
}
