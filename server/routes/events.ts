// Events (事件/案卷): the cases in your scope, one case's dossier, and reporting a new one (上报). The
// actions on a case are in eventActions.ts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Principal, scopeKey, scopeOf, unitInScope } from '../domain/access';
import type { LonLat } from '../domain/model';
import { pointInArea } from '../domain/pointInArea';
import { findItem } from '../domain/taxonomy';
import { openCase } from '../domain/workflow/decide';
import { caseDeadline } from '../domain/workflow/limits';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { unitsAt } from '../store/cases';
import { createCase } from '../store/caseWriter';
import type { Db } from '../store/db';
import { listEvents } from '../store/events';
import { getResident } from '../store/residents';
import { actorOf, caseDetail, checkPhotos, dossierOf, liveCaseOf, refusalError } from './caseDetail';
import { CaseDetailSchema, EventIdParam, EventSchema, ReportBody, SOURCES } from './caseSchemas';
import { BboxParam, BoolParam, json } from './schemas';

const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date');

const list = createRoute({
  method: 'get',
  path: '/events',
  tags: ['events'],
  summary: 'Events in your scope, newest first',
  request: {
    query: z.object({
      gridId: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/, 'expected a grid id such as 340881002001G01')
        .optional(),
      status: z
        .enum(['reported', 'filed', 'dispatched', 'handling', 'feedback', 'verified', 'closed', 'rejected', 'merged'])
        .optional(),
      open: BoolParam.optional(),
      source: z.enum(SOURCES).optional(),
      itemCode: z
        .string()
        .regex(/^\d{6}$/, 'expected a six-digit taxonomy item code')
        .optional(),
      departmentId: z
        .string()
        .regex(/^D\d{2}$/, 'expected a department id such as D02')
        .optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      bbox: BboxParam.optional(),
      overdue: BoolParam.optional().openapi({ description: 'A running limit missed now (true) or not (false)' }),
      warning: BoolParam.optional().openapi({
        description: 'true: past 80% of a running limit, not yet missed (预警)',
      }),
      holder: z
        .string()
        .regex(/^(me|centre|D\d{2}|[0-9A-Z]{6,20})$/, "expected 'me', 'centre', a department id or a unit id")
        .optional()
        .openapi({
          description: "Who must act now: 'me' (your own unit, department or the centre), 'centre', D02, a unit id",
        }),
      supervised: BoolParam.optional().openapi({ description: 'Under supervision (督办, and every shelved case)' }),
      leaderSupervised: BoolParam.optional().openapi({
        description: 'Supervised by a city leader (领导督办, e.g. at a leader scheduling day)',
      }),
      near: z
        .string()
        .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/, 'expected lon,lat such as 116.95,31.05')
        .optional()
        .openapi({
          description:
            'Only cases within `radius` metres of this place (lon,lat): with itemCode, open=true and from= (48 h ago), the likely duplicates of a report',
        }),
      radius: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .optional()
        .openapi({ description: 'Metres around `near` (default 50, at most 500)' }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
  },
  responses: {
    200: json(z.object({ total: z.number(), events: z.array(EventSchema) }), 'A page of events'),
    403: errorResponse('Outside your scope'),
    ...errorResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/events/{id}',
  tags: ['events'],
  summary: 'One case: the event, its timeline with roles, its tasks and deductions, and the actions you may take',
  request: { params: z.object({ id: EventIdParam }) },
  responses: {
    200: json(CaseDetailSchema, 'The case'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const report = createRoute({
  method: 'post',
  path: '/events',
  tags: ['events'],
  summary: 'Report a case (上报): the grid is found from the place; the case waits for the centre to file it',
  request: { body: { content: { 'application/json': { schema: ReportBody } }, required: true } },
  responses: {
    201: json(CaseDetailSchema, 'The new case'),
    400: errorResponse(
      'Invalid body; unknown_item; outside_city (the place is not in the city); outside_grids (in the city but in no responsibility grid); invalid_source',
    ),
    403: errorResponse('The place is outside your scope, or your role may not report'),
    500: errorResponses[500],
  },
});

/** 'me' as the principal's own holder key. */
function holderKey(p: Principal, holder: string | undefined): string | undefined {
  if (holder !== 'me') return holder;
  if (p.role === 'centre') return 'centre';
  if (p.role === 'department') return p.departmentId ?? undefined;
  return p.unitId ?? undefined;
}

/** The responsibility grid at a place, or the 400 that says why there is none. */
async function gridAt(db: Db, place: LonLat) {
  const units = await unitsAt(db, place);
  const city = units.find((u) => u.level === 'city' && pointInArea(u.geometry, place));
  if (!city)
    throw new ApiError(400, 'outside_city', `The place ${place.join(',')} is outside the city.`, [
      { field: 'lon', message: 'outside the city' },
    ]);
  const grid = units.find((u) => u.level === 'grid' && pointInArea(u.geometry, place));
  if (!grid)
    throw new ApiError(400, 'outside_grids', `The place ${place.join(',')} lies in no responsibility grid.`, [
      { field: 'lon', message: 'in no responsibility grid' },
    ]);
  return grid;
}

export function eventRoutes(deps: RouteDeps) {
  const { db, now, ingest, photos } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const principal = c.get('principal')!;
      const scope = scopeOf(principal);
      const q = c.req.valid('query');
      if (q.gridId) {
        if (!(await getAdminUnit(db, q.gridId, scope)))
          throw new ApiError(403, 'out_of_scope', `Grid ${q.gridId} is outside your scope.`);
      }
      if (q.departmentId && scope.kind === 'department' && q.departmentId !== scope.departmentId) {
        throw new ApiError(403, 'out_of_scope', `Department ${q.departmentId} is not yours.`);
      }
      if (q.radius !== undefined && !q.near)
        throw new ApiError(400, 'bad_request', 'radius: give near=lon,lat with it.', [
          { field: 'radius', message: 'needs near' },
        ]);
      const [lon, lat] = q.near ? q.near.split(',').map(Number) : [];
      const { near: _n, radius: _r, ...rest } = q;
      const query = {
        ...rest,
        holder: holderKey(principal, q.holder),
        near: q.near ? { lon: lon!, lat: lat!, radius: q.radius ?? 50 } : undefined,
      };
      const at = now();
      // One page per (query, reader's scope, version of the cases, minute): overdue and warnings come
      // from the clock, so an answer is kept for the minute it was built in at most.
      return cachedJson(c, deps, {
        key: `events?${queryKey(query)}&scope=${scopeKey(scope)}&minute=${at.slice(0, 16)}`,
        tables: ['events', 'event_tasks', 'admin_units'],
        build: () => listEvents(db, scope, query, at),
      });
    })
    .openapi(one, async (c) => {
      const principal = c.get('principal')!;
      return c.json(await caseDetail(db, scopeOf(principal), c.req.valid('param').id, principal, now()), 200);
    })
    .openapi(report, async (c) => {
      const principal = c.get('principal')!;
      const body = c.req.valid('json');
      if (!findItem(body.itemCode))
        throw new ApiError(400, 'unknown_item', `itemCode: no taxonomy item ${body.itemCode}.`, [
          { field: 'itemCode', message: 'no such taxonomy item' },
        ]);
      const photoIds = checkPhotos(photos?.dir, body.photos);
      const grid = await gridAt(db, [body.lon, body.lat]);
      const scope = scopeOf(principal);
      if (scope.kind === 'unit' && !unitInScope(scope, grid.path))
        throw new ApiError(403, 'out_of_scope', `The place lies in grid ${grid.id}, outside your scope.`);
      if (body.reporterResidentId !== undefined) {
        if (body.source !== 'resident')
          throw new ApiError(
            400,
            'bad_request',
            "reporterResidentId: only a report of source 'resident' names its resident.",
            [{ field: 'reporterResidentId', message: "only with source 'resident'" }],
          );
        if (!(await getResident(db, scope, body.reporterResidentId)))
          throw new ApiError(
            400,
            'bad_request',
            `reporterResidentId: no resident ${body.reporterResidentId} in your scope.`,
            [{ field: 'reporterResidentId', message: 'no such resident in your scope' }],
          );
      }
      const at = now();
      const report = {
        lon: body.lon,
        lat: body.lat,
        description: body.description,
        overallDeadlineAt: caseDeadline(body.itemCode, at),
        reporterResidentId: body.reporterResidentId ?? null,
      };
      const d = await createCase(db, { report, by: principal, now: at, photos: photoIds }, (id) =>
        openCase(
          {
            id,
            itemCode: body.itemCode,
            source: body.source,
            gridId: grid.id,
            gridPath: grid.path.split('/'),
            area: grid.area === 'village' ? 'village' : 'urban',
            reportedAt: at,
          },
          { source: body.source, description: body.description, note: body.note },
          actorOf(principal),
          at,
        ),
      );
      if (!d.ok) throw refusalError(d);
      const detail = dossierOf(d.record, d.case, principal);
      ingest?.live.publish('event', liveCaseOf(detail, 'report'));
      return c.json(detail, 201);
    });
}
