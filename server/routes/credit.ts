// Resident credit points (信用积分): the rules catalogue, the records (propose, confirm, publish, appeal,
// decide, repair, withdraw), a resident's archive (each view audited, the name masked) and the analysts'
// aggregates. Thin: the machine is domain/credit/record.ts, the writes store/credit.ts (each step with
// its audit row in one transaction); docs/credit-api.md is the contract the /credit page codes against.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Principal, type Scope, scopeKey, scopeOf } from '../domain/access';
import {
  CREDIT_ACTIONS,
  type CreditCommand,
  type CreditRecordState,
  fadesAt,
  VIEW_STATES,
  viewOf,
} from '../domain/credit/record';
import { levelOf } from '../domain/credit/rules';
import { maskName } from '../domain/masking';
import { cachedJson, queryKey } from '../http/cachedJson';
import { auditedCaller } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { appendAudit } from '../store/audit';
import {
  actOnCredit,
  getCreditRecord,
  listCreditRecords,
  namesFor,
  proposeCredit,
  residentCreditRecords,
} from '../store/credit';
import { type CreditStatsBy, creditStats, lastMonths } from '../store/creditStats';
import type { Db } from '../store/db';
import { getResident } from '../store/residents';
import { json } from './schemas';

const Name = z.object({ zh: z.string(), en: z.string() });
const RecordId = z
  .string()
  .regex(/^C[RH]\d{7}$/, 'expected a credit record id such as CR0000001')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'CR0000001' });
const ResidentIdParam = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected a resident id')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'R000001' });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day YYYY-MM-DD');

const ItemSchema = z
  .object({
    code: z.string(),
    name: Name,
    kind: z.enum(['positive', 'negative']),
    points: z.number().int().openapi({ description: 'A magnitude: a negative item takes it off the balance' }),
    capMonth: z.number().int(),
    capYear: z.number().int(),
    evidence: Name,
    department: z.string().optional(),
    caseItems: z.array(z.string()).optional(),
    fromClosedCase: z.boolean().optional(),
    fadeMonths: z.number().int().optional(),
    repair: z
      .object({ afterMonths: z.number().int().optional(), positivePoints: z.number().int().optional() })
      .optional(),
  })
  .openapi('CreditItem');
const RulesSchema = z
  .object({
    version: z.number().int(),
    publicationDays: z.number().int(),
    basePoints: z.number().int(),
    levels: z.array(z.object({ code: z.string(), name: Name, min: z.number().int() })),
    items: z.array(ItemSchema),
  })
  .openapi('CreditRules');

const Person = z.object({ id: z.string(), name: z.string(), role: z.string() });
const StepSchema = z.object({
  seq: z.number().int(),
  action: z.enum(['propose', ...CREDIT_ACTIONS]),
  actorId: z.string(),
  actorName: z.string(),
  role: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  detail: z
    .object({
      statement: z.string().optional(),
      outcome: z.enum(['upheld', 'dismissed']).optional(),
      path: z.enum(['time', 'positive']).optional(),
    })
    .nullable(),
});
const RecordSchema = z
  .object({
    id: z.string(),
    residentId: z.string(),
    residentName: z.string().openapi({ description: 'Masked (张*), as residents are elsewhere' }),
    gridId: z.string(),
    gridName: z.string(),
    ruleCode: z.string(),
    ruleVersion: z.number().int(),
    ruleName: Name,
    kind: z.enum(['positive', 'negative']),
    points: z.number().int().openapi({ description: 'Signed, frozen at proposal: a negative record is below zero' }),
    occurredOn: z.string(),
    evidence: z.string(),
    note: z.string().nullable(),
    caseId: z.string().nullable(),
    state: z.enum(VIEW_STATES).openapi({ description: 'effective and faded are read off the clock' }),
    counts: z.boolean(),
    publishedAt: z.string().nullable(),
    publicUntil: z.string().nullable(),
    fadesAt: z.string().nullable(),
    appealOutcome: z.enum(['upheld', 'dismissed']).nullable(),
    proposedBy: Person,
    confirmedBy: Person.nullable(),
    steps: z.array(StepSchema),
  })
  .openapi('CreditRecord');

const conflicts = {
  403: errorResponse('Your role may not take this action (forbidden), or the unit is outside your scope'),
  409: errorResponse(
    'illegal_transition (not in this state), same_person (the proposer confirming, the proposer or confirmer deciding), cap_exceeded, repair_not_met',
  ),
} as const;

const rules = createRoute({
  method: 'get',
  path: '/credit/rules',
  tags: ['credit'],
  summary: 'The credit rules catalogue (items, caps, evidence, fading, repair, levels)',
  responses: { 200: json(RulesSchema, 'The catalogue in force'), ...errorResponses },
});
const list = createRoute({
  method: 'get',
  path: '/credit/records',
  tags: ['credit'],
  summary: 'Credit records in your scope: a work queue or all, newest first',
  request: {
    query: z.object({
      queue: z
        .enum(['confirm', 'publishing', 'appeals', 'all'])
        .default('all')
        .openapi({ description: 'confirm: proposed; publishing: in their publication; appeals: open appeals' }),
      state: z.enum(VIEW_STATES).optional(),
      gridId: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/)
        .optional(),
      residentId: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,40}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
  },
  responses: {
    200: json(z.object({ total: z.number().int(), items: z.array(RecordSchema) }), 'A page of records'),
    403: errorResponse('The grid is outside your scope'),
    ...errorResponses,
  },
});
const one = createRoute({
  method: 'get',
  path: '/credit/records/{id}',
  tags: ['credit'],
  summary: 'One credit record with its steps',
  request: { params: z.object({ id: RecordId }) },
  responses: { 200: json(RecordSchema, 'The record'), ...notFoundResponse, ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/credit/records',
  tags: ['credit'],
  summary: 'Propose a record for a resident in your scope (a grid worker or community; confirmed by another person)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              residentId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
              ruleCode: z.string().min(1).max(40),
              occurredOn: Day,
              evidence: z.string().trim().min(2).max(500),
              note: z.string().trim().max(500).optional(),
              caseId: z
                .string()
                .regex(/^E[A-Z0-9]{1,20}$/)
                .optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: json(RecordSchema, 'The proposed record'),
    ...notFoundResponse,
    ...conflicts,
    ...errorResponses,
  },
});
const Action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), reason: z.string().trim().max(500).optional() }).strict(),
  z.object({ action: z.literal('publish'), reason: z.string().trim().max(500).optional() }).strict(),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(2).max(500) }).strict(),
  z.object({ action: z.literal('withdraw'), reason: z.string().trim().min(2).max(500) }).strict(),
  z
    .object({
      action: z.literal('appeal'),
      reason: z.string().trim().min(2).max(500),
      statement: z.string().trim().min(2).max(2000),
    })
    .strict(),
  z
    .object({
      action: z.literal('decide'),
      outcome: z.enum(['upheld', 'dismissed']),
      reason: z.string().trim().min(2).max(500),
    })
    .strict(),
  z
    .object({
      action: z.literal('repair'),
      path: z.enum(['time', 'positive']),
      reason: z.string().trim().min(2).max(500),
    })
    .strict(),
]);
const actions = createRoute({
  method: 'post',
  path: '/credit/records/{id}/actions',
  tags: ['credit'],
  summary: 'Confirm, reject, publish, appeal, decide an appeal, repair or withdraw a record',
  request: {
    params: z.object({ id: RecordId }),
    body: { required: true, content: { 'application/json': { schema: Action } } },
  },
  responses: {
    200: json(RecordSchema, 'The record after the action'),
    ...notFoundResponse,
    ...conflicts,
    ...errorResponses,
  },
});
const archive = createRoute({
  method: 'get',
  path: '/residents/{id}/credit',
  tags: ['credit'],
  summary: "A resident's credit archive: balance, level and every record with its steps (audited; name masked)",
  request: { params: z.object({ id: ResidentIdParam }) },
  responses: {
    200: json(
      z
        .object({
          residentId: z.string(),
          name: z.string(),
          gridId: z.string(),
          gridName: z.string(),
          balance: z.number().int(),
          basePoints: z.number().int(),
          level: z.object({ code: z.string(), name: Name }),
          records: z.array(RecordSchema),
        })
        .openapi('CreditArchive'),
      'The archive',
    ),
    ...notFoundResponse,
    ...errorResponses,
  },
});
const stats = createRoute({
  method: 'get',
  path: '/credit/stats',
  tags: ['credit'],
  summary: 'Credit records in aggregate by grid, item or month (no resident)',
  request: {
    query: z.object({
      unitId: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/)
        .optional()
        .openapi({ description: 'Default: your unit, or the city' }),
      by: z.enum(['grid', 'item', 'month']).default('grid'),
      from: Month.optional().openapi({ description: 'Default: twelve months back' }),
      to: Month.optional().openapi({ description: 'Default: this month' }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          by: z.enum(['grid', 'item', 'month']),
          unitId: z.string(),
          from: z.string(),
          to: z.string(),
          rows: z.array(
            z.object({
              key: z.string(),
              name: z.union([Name, z.string()]),
              records: z.number().int(),
              residents: z.number().int(),
              positivePoints: z.number().int(),
              negativePoints: z.number().int(),
              appeals: z.number().int(),
            }),
          ),
        })
        .openapi('CreditStats'),
      'The aggregates',
    ),
    403: errorResponse('The unit is outside your scope'),
    ...errorResponses,
  },
});

const SYSTEM_NAME = '系统（结案自动提议）';

/** A record as answered: names resolved, the resident's masked, the state read off the clock. */
async function answerOf(db: Db, records: readonly CreditRecordState[], now: string) {
  const names = await namesFor(db, records);
  const person = (id: string, role: string) => ({
    id,
    name: id === 'system' ? SYSTEM_NAME : (names.users.get(id)?.name ?? id),
    role,
  });
  return records.map((r) => {
    const view = viewOf(r, now);
    return {
      id: r.id,
      residentId: r.residentId,
      residentName: maskName(names.residents.get(r.residentId) ?? '?'),
      gridId: r.gridId,
      gridName: names.grids.get(r.gridId) ?? r.gridId,
      ruleCode: r.ruleCode,
      ruleVersion: r.ruleVersion,
      ruleName: r.ruleName,
      kind: r.kind,
      points: r.points,
      occurredOn: r.occurredOn,
      evidence: r.evidence,
      note: r.note,
      caseId: r.caseId,
      state: view.state,
      counts: view.counts,
      publishedAt: r.publishedAt,
      publicUntil: r.publicUntil,
      fadesAt: fadesAt(r),
      appealOutcome: r.appealOutcome,
      proposedBy: person(r.proposedBy, r.proposedRole),
      confirmedBy: r.confirmedBy
        ? person(r.confirmedBy, r.steps.find((s) => s.action === 'confirm')?.role ?? '')
        : null,
      steps: r.steps.map((s) => ({ ...s, actorName: person(s.actorId, s.role).name })),
    };
  });
}

const STATUS = { role: 403, invalid: 400, not_found: 404 } as const;
function refusal(r: { code: string; message: string }): ApiError {
  const status = STATUS[r.code as keyof typeof STATUS] ?? 409;
  const code = r.code === 'role' ? 'forbidden' : r.code === 'invalid' ? 'bad_request' : r.code;
  return new ApiError(status, code, r.message);
}

const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });
const audited = (c: Context<AppEnv>, at: string) => auditedCaller(c, at);

export function creditRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(rules, (c) => {
      const { $comment: _, ...catalogue } = deps.credit;
      return c.json(catalogue, 200);
    })
    .openapi(list, async (c) => {
      const scope = scopeOf(c.get('principal')!);
      const q = c.req.valid('query');
      if (q.gridId && !(await getAdminUnit(db, q.gridId, scope)))
        throw new ApiError(403, 'out_of_scope', `Grid ${q.gridId} is outside your scope.`);
      const at = now();
      const { total, records } = await listCreditRecords(db, scope, q, at);
      return c.json({ total, items: await answerOf(db, records, at) }, 200);
    })
    .openapi(one, async (c) => {
      const r = await getCreditRecord(db, scopeOf(c.get('principal')!), c.req.valid('param').id);
      if (!r) throw new ApiError(404, 'not_found', 'No such credit record in your scope.');
      return c.json((await answerOf(db, [r], now()))[0]!, 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal')!;
      const body = c.req.valid('json');
      const resident = await getResident(db, scopeOf(principal), body.residentId);
      if (!resident) throw new ApiError(404, 'not_found', `No resident ${body.residentId} in your scope.`);
      if (body.caseId) {
        const ev = await db.one<{ status: string }>('SELECT status FROM events WHERE id = $1', [body.caseId]);
        if (!ev) throw new ApiError(400, 'bad_request', `caseId: no case ${body.caseId}.`);
        if (ev.status !== 'closed')
          throw new ApiError(400, 'bad_request', `caseId: case ${body.caseId} is not closed (${ev.status}).`);
      }
      const at = now();
      const d = await proposeCredit(db, {
        rules: deps.credit,
        proposal: { ...body, gridId: resident.gridId },
        actor: actorOf(principal),
        at,
        audit: audited(c, at),
      });
      if (!d.ok) throw refusal(d);
      return c.json((await answerOf(db, [d.record], at))[0]!, 201);
    })
    .openapi(actions, async (c) => {
      const principal = c.get('principal')!;
      const at = now();
      const d = await actOnCredit(db, {
        id: c.req.valid('param').id,
        scope: scopeOf(principal),
        cmd: c.req.valid('json') as CreditCommand,
        actor: actorOf(principal),
        at,
        rules: deps.credit,
        audit: audited(c, at),
      });
      if (!d.ok) throw refusal(d);
      return c.json((await answerOf(db, [d.record], at))[0]!, 200);
    })
    .openapi(archive, async (c) => {
      const { id } = c.req.valid('param');
      const resident = await getResident(db, scopeOf(c.get('principal')!), id);
      if (!resident) throw new ApiError(404, 'not_found', 'No such resident in your scope.');
      const at = now();
      // Written before the archive leaves: no view of a resident's credit without its audit row.
      await appendAudit(db, {
        ...audited(c, at),
        action: 'credit-view',
        targetType: 'resident',
        targetId: id,
        reason: null,
      });
      const records = await residentCreditRecords(db, id);
      const balance = records.reduce((sum, r) => sum + (viewOf(r, at).counts ? r.points : 0), deps.credit.basePoints);
      const level = levelOf(deps.credit, balance);
      return c.json(
        {
          residentId: id,
          name: maskName(resident.name),
          gridId: resident.gridId,
          gridName: resident.gridName,
          balance,
          basePoints: deps.credit.basePoints,
          level: { code: level.code, name: level.name },
          records: await answerOf(db, records, at),
        },
        200,
      );
    })
    .openapi(stats, (c) => {
      const principal = c.get('principal')!;
      const scope = scopeOf(principal);
      const q = c.req.valid('query');
      const months = lastMonths(now());
      const from = q.from ?? months[0]!;
      const to = q.to ?? months.at(-1)!;
      if (from > to) throw new ApiError(400, 'bad_request', `from ${from} is after to ${to}.`);
      const unitId = q.unitId ?? principal.unitId ?? null;
      // Keyed by the reader's scope: a unit outside it is refused (never held), never another scope's bytes.
      return cachedJson(c, deps, {
        key: `credit/stats?${queryKey({ unitId, by: q.by, from, to })}&scope=${scopeKey(scope)}`,
        tables: CREDIT_STATS_TABLES,
        // which records count is read off the clock (in effect, faded)
        maxAgeMs: CREDIT_STATS_FRESH_MS,
        build: () => creditStatsAnswer(db, deps.credit, { unitId, by: q.by, from, to, scope, at: now() }),
      });
    });
}

/** What GET /credit/stats reads: the records, and the units for the grids' names and the scope. */
const CREDIT_STATS_TABLES = ['credit_records', 'admin_units'] as const;
const CREDIT_STATS_FRESH_MS = 60_000;

async function creditStatsAnswer(
  db: Db,
  rules: RouteDeps['credit'],
  f: { unitId: string | null; by: CreditStatsBy; from: string; to: string; scope: Scope; at: string },
) {
  const unitId =
    f.unitId ??
    (await db.one<{ id: string }>('SELECT id FROM admin_units WHERE parent_id IS NULL ORDER BY id LIMIT 1'))!.id;
  const unit = await getAdminUnit(db, unitId, f.scope);
  if (!unit) throw new ApiError(403, 'out_of_scope', `Unit ${unitId} is outside your scope.`);
  const rows = await creditStats(db, { path: unit.path, by: f.by, from: f.from, to: f.to, now: f.at });
  const gridNames =
    f.by === 'grid'
      ? new Map(
          (
            await db.all<{ id: string; name: string }>(
              `SELECT id, name FROM admin_units WHERE level = 'grid' AND (path = $1 OR starts_with(path, $1 || '/'))`,
              [unit.path],
            )
          ).map((g) => [g.id, g.name]),
        )
      : new Map<string, string>();
  const nameOf = (key: string) =>
    f.by === 'grid'
      ? (gridNames.get(key) ?? key)
      : f.by === 'item'
        ? (rules.items.find((i) => i.code === key)?.name ?? key)
        : key;
  return { by: f.by, unitId: unit.id, from: f.from, to: f.to, rows: rows.map((r) => ({ ...r, name: nameOf(r.key) })) };
}
