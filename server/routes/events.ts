// Events (事件/案卷): the cases in your scope, and one case with its timeline.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeKey, scopeOf } from '../domain/access';
import { actorName } from '../domain/staffAccounts';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, ErrorSchema, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { getEvent, listEvents } from '../store/events';
import { BboxParam, BoolParam, json, LonLatSchema } from './schemas';

const STATUSES = ['reported', 'filed', 'dispatched', 'handling', 'feedback', 'verified', 'closed'] as const;
const SOURCES = ['patrol', 'resident', 'camera', 'sensor', 'hotline', 'department'] as const;
const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date');

const EventSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    itemCode: z.string(),
    source: z.enum(SOURCES),
    gridId: z.string(),
    position: LonLatSchema,
    reportedAt: z.string(),
    deadlineAt: z.string(),
    departmentId: z.string(),
    status: z.enum(STATUSES),
    closedAt: z.string().nullable(),
    overdue: z.boolean(),
    description: z.string(),
  })
  .openapi('Event');

const StepSchema = z.object({
  eventId: z.string(),
  seq: z.number(),
  stage: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable().openapi({
    description:
      "The acting account's display name (a grid worker's masked, 张*), or null when the actor is a channel (camera, hotline) rather than an account",
  }),
  note: z.string(),
});

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
      status: z.enum(STATUSES).optional(),
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
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
  },
  responses: {
    200: json(z.object({ total: z.number(), events: z.array(EventSchema) }), 'A page of events'),
    403: { description: 'Outside your scope', content: { 'application/json': { schema: ErrorSchema } } },
    ...errorResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/events/{id}',
  tags: ['events'],
  summary: 'One event with its workflow timeline',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected an event id')
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: json(EventSchema.extend({ steps: z.array(StepSchema) }), 'The event'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

export function eventRoutes(deps: RouteDeps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const scope = scopeOf(c.get('principal')!);
      const q = c.req.valid('query');
      if (q.gridId) {
        if (!(await getAdminUnit(db, q.gridId, scope)))
          throw new ApiError(403, 'out_of_scope', `Grid ${q.gridId} is outside your scope.`);
      }
      if (q.departmentId && scope.kind === 'department' && q.departmentId !== scope.departmentId) {
        throw new ApiError(403, 'out_of_scope', `Department ${q.departmentId} is not yours.`);
      }
      // One page per (query, reader's scope, version of the cases).
      return cachedJson(c, deps, {
        key: `events?${queryKey(q)}&scope=${scopeKey(scope)}`,
        tables: ['events', 'admin_units'],
        build: () => listEvents(db, scope, q),
      });
    })
    .openapi(one, async (c) => {
      const e = await getEvent(db, scopeOf(c.get('principal')!), c.req.valid('param').id);
      if (!e) throw new ApiError(404, 'not_found', 'No such event in your scope.');
      const steps = e.steps.map(({ actorRole, ...s }) => ({ ...s, actorName: actorName(actorRole, s.actorName) }));
      return c.json({ ...e, steps }, 200);
    });
}
