// The leader scheduling day (市级领导调度日): the months with a leader day, one month's view (candidates
// by rule, agenda, instructions, follow-up), the centre setting the agenda, and the leader's instruction
// (批示), which becomes real workflow steps through the case writer (dispatch to a lead department and
// co-handlers, each with its deadline, and 督办) with its decision row in the same transaction. Any
// refusal changes nothing. The big screen (kiosk) reads the same view masked.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeOf } from '../domain/access';
import { DEPARTMENT_IDS } from '../domain/departments';
import { type LeaderMonth, monthOf, parseMonth } from '../domain/leaderDay/month';
import { AGENDA_RULES } from '../domain/leaderDay/rules';
import { clockMinutesBetween } from '../domain/workflow/clock';
import type { Assignment, Refusal } from '../domain/workflow/decide';
import { decideInstruction } from '../domain/workflow/instruct';
import { limitsOf, MAX_EXTENSION_HOURS } from '../domain/workflow/limits';
import { cachedJson } from '../http/cachedJson';
import { auditedCaller } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { appendAudit } from '../store/audit';
import { applyCaseAction } from '../store/caseWriter';
import type { Db } from '../store/db';
import {
  type CoHandler,
  decisionWriter,
  defaultLeader,
  isLeader,
  LEADER_DAY_TABLES,
  listLeaderDays,
  readLeaderDay,
  writeAgenda,
} from '../store/leaderDays';
import { leaderDayView, monthCandidates } from '../store/leaderDayView';
import { RISK_TABLES } from '../store/risk';
import { actorOf, dossierOf, liveCaseOf, refusalError } from './caseDetail';
import { CaseDetailSchema, EventSchema } from './caseSchemas';
import { json } from './schemas';

const MonthParam = z
  .string()
  .openapi({ param: { name: 'month', in: 'path' }, example: '2026-10', description: 'YYYY-MM (China Standard Time)' });

const Reason = z.object({ rule: z.enum(AGENDA_RULES), zh: z.string(), en: z.string() });
const TaskSummary = z.object({
  no: z.number(),
  role: z.string(),
  assignee: z.string(),
  assigneeKind: z.string(),
  state: z.string(),
  deadlineAt: z.string().nullable(),
});
const LeaderCaseSchema = EventSchema.extend({ tasks: z.array(TaskSummary) }).openapi('LeaderDayCase');
const RiskSchema = z
  .object({ gridId: z.string(), rank: z.number(), name: z.string(), score: z.number() })
  .nullable()
  .openapi({ description: "The case's grid among the month's highest-risk grids (rank 1 = highest), or null" });
const DecisionSchema = z
  .object({
    eventId: z.string(),
    text: z.string(),
    leadDepartment: z.string(),
    leadDeadlineAt: z.string(),
    coHandlers: z.array(z.object({ departmentId: z.string(), deadlineAt: z.string() })),
    decidedBy: z.string().nullable().openapi({ description: 'The leader (user id); null on the masked (kiosk) view' }),
    decidedByName: z.string().nullable(),
    decidedAt: z.string(),
    firstSeq: z.number().openapi({ description: "The first step of the case's timeline the instruction wrote" }),
  })
  .openapi('LeaderDecision');
const AgendaEntry = z.object({
  position: z.number(),
  eventId: z.string(),
  rules: z
    .array(z.enum(AGENDA_RULES))
    .openapi({ description: 'The rules that proposed it; empty: added by the centre with a note' }),
  note: z.string().nullable(),
  addedBy: z.string().nullable(),
  addedByName: z.string().nullable(),
  addedAt: z.string(),
  risk: RiskSchema,
  case: LeaderCaseSchema.nullable(),
  decision: DecisionSchema.nullable(),
});
const ViewSchema = z
  .object({
    month: z.string(),
    asOf: z.string().openapi({
      description: "The moment the candidates are judged at: the month's end, or now in the current month",
    }),
    masked: z
      .boolean()
      .openapi({ description: 'true for the kiosk: no user ids or staff names, phone numbers masked in text' }),
    day: z
      .object({
        leaderId: z.string().nullable(),
        leaderName: z.string().nullable(),
        status: z.enum(['planned', 'held']),
        heldAt: z.string().nullable(),
        agendaCount: z.number(),
        decisionCount: z.number(),
      })
      .nullable()
      .openapi({ description: 'null until the centre sets an agenda' }),
    rules: z.array(
      z.object({
        rule: z.enum(AGENDA_RULES),
        zh: z.string(),
        en: z.string(),
        enabled: z.boolean(),
        weight: z.number(),
      }),
    ),
    maxAgenda: z.number(),
    candidates: z.array(
      z.object({
        eventId: z.string(),
        rules: z.array(z.enum(AGENDA_RULES)),
        reasons: z.array(Reason),
        score: z.number(),
        onAgenda: z.boolean(),
        risk: RiskSchema,
        case: LeaderCaseSchema.nullable(),
      }),
    ),
    agenda: z.array(AgendaEntry),
    decisions: z.array(DecisionSchema),
    followUp: z.object({
      month: z.string(),
      cases: z.array(
        z.object({
          eventId: z.string(),
          decision: DecisionSchema,
          case: LeaderCaseSchema.nullable(),
          closed: z.boolean(),
          pastDeadline: z.boolean(),
          flagged: z.boolean(),
        }),
      ),
    }),
  })
  .openapi('LeaderDay');

const MonthSummary = z
  .object({
    month: z.string(),
    leaderId: z.string().nullable(),
    leaderName: z.string().nullable(),
    status: z.enum(['planned', 'held']),
    heldAt: z.string().nullable(),
    agendaCount: z.number(),
    decisionCount: z.number(),
  })
  .openapi('LeaderDayMonth');

const monthErrors = {
  400: errorResponse('bad_month: not a month (YYYY-MM); bad_request: an invalid body'),
  404: errorResponse('no_data: the month has not begun, or ended before the first case'),
};

const list = createRoute({
  method: 'get',
  path: '/leader-days',
  tags: ['leader-days'],
  summary: 'The months with a leader scheduling day (市级领导调度日): leader, status, case counts; newest first',
  responses: {
    200: json(z.object({ months: z.array(MonthSummary) }), 'The leader days'),
    500: errorResponses[500],
  },
});

const one = createRoute({
  method: 'get',
  path: '/leader-days/{month}',
  tags: ['leader-days'],
  summary:
    "One month's leader day: candidates by rule (with reasons), the agenda in order, the instructions (批示), and last month's supervised cases as they stand (follow-up)",
  request: { params: z.object({ month: MonthParam }) },
  responses: { 200: json(ViewSchema, "The month's leader day"), ...monthErrors, 500: errorResponses[500] },
});

const AgendaBody = z
  .object({
    cases: z
      .array(
        z
          .object({
            eventId: z.string().min(1).max(40),
            note: z.string().trim().min(1).max(500).optional().openapi({
              description: "The centre's note; required for a case no rule proposed (the centre's own addition)",
            }),
          })
          .strict(),
      )
      .max(50),
    leaderId: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'The city leader who presides (a leader account); default: kept, or the first leader' }),
  })
  .strict()
  .openapi('LeaderDayAgendaBody');

const setAgenda = createRoute({
  method: 'post',
  path: '/leader-days/{month}/cases',
  tags: ['leader-days'],
  summary:
    "Set the month's agenda in order (centre only): each case a candidate of the month, or an open case the centre adds with a note",
  request: {
    params: z.object({ month: MonthParam }),
    body: { content: { 'application/json': { schema: AgendaBody } }, required: true },
  },
  responses: {
    200: json(ViewSchema, "The month's leader day after the change"),
    400: errorResponse(
      'bad_month; bad_request; too_many (more than maxAgenda); duplicate_case; not_candidate (neither proposed nor a note given); unknown_case; unknown_leader',
    ),
    404: monthErrors[404],
    409: errorResponse(
      'not_current_month: a past month’s agenda is kept as it was; case_closed: a case added by the centre is not open; decided_case_removed: a case already instructed must stay',
    ),
    500: errorResponses[500],
  },
});

const Deadline = z
  .string()
  .refine(
    (s) => !Number.isNaN(Date.parse(s)),
    'expected an ISO 8601 date-time, or YYYY-MM-DD (the end of that day, CST)',
  )
  .openapi({ example: '2026-12-15T10:00:00Z' });
const InstructionBody = z
  .object({
    eventId: z.string().min(1).max(40),
    text: z.string().trim().min(1).max(2000).openapi({ description: 'The instruction (批示内容)' }),
    lead: z.object({ departmentId: z.string(), deadline: Deadline }).strict(),
    co: z
      .array(z.object({ departmentId: z.string(), deadline: Deadline }).strict())
      .max(8)
      .optional(),
  })
  .strict()
  .openapi('LeaderInstructionBody');

const instruct = createRoute({
  method: 'post',
  path: '/leader-days/{month}/instructions',
  tags: ['leader-days'],
  summary:
    "A city leader's instruction (批示) on a case of the month's agenda (leader only): dispatched to a lead department and co-handlers, each with its deadline, and supervised (督办)",
  request: {
    params: z.object({ month: MonthParam }),
    body: { content: { 'application/json': { schema: InstructionBody } }, required: true },
  },
  responses: {
    200: json(z.object({ decision: DecisionSchema, case: CaseDetailSchema }), 'The instruction and the case after it'),
    400: errorResponse(
      'bad_month; bad_request; unknown_department; duplicate_department; deadline_past; deadline_too_far; invalid_command (from the workflow)',
    ),
    403: errorResponse('forbidden: only a city leader instructs'),
    404: monthErrors[404],
    409: errorResponse(
      'not_current_month: instructions are for the current month; not_on_agenda; already_instructed; illegal_transition (the workflow refused: the case cannot be dispatched in its state)',
    ),
    500: errorResponses[500],
  },
});

function monthParam(value: string): LeaderMonth {
  const m = parseMonth(value);
  if (!m)
    throw new ApiError(400, 'bad_month', `month: '${value}' is not a month (YYYY-MM).`, [
      { field: 'month', message: 'expected YYYY-MM' },
    ]);
  return m;
}

const noData = (month: string, why: 'future' | 'no_data') =>
  new ApiError(
    404,
    'no_data',
    why === 'future' ? `The month ${month} has not begun.` : `The month ${month} ended before the first case: no data.`,
  );

/** A deadline as an instant: a date alone is the end of that day in CST. */
function deadlineOf(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s)
    ? new Date(Date.parse(`${s}T23:59:59+08:00`)).toISOString()
    : new Date(s).toISOString();
}

/** A department named in the instruction, or 400 naming the field. */
function department(id: string, field: string): string {
  if (!DEPARTMENT_IDS.includes(id))
    throw new ApiError(400, 'unknown_department', `${field}: no department ${id}.`, [
      { field, message: 'no such department' },
    ]);
  return id;
}

/** The task's limit in whole clock hours from `now` to the deadline, on the case's clock (never past it). */
function hoursTo(itemCode: string, now: string, deadline: string): number {
  return Math.floor(clockMinutesBetween(Date.parse(now), Date.parse(deadline), limitsOf(itemCode).basis) / 60);
}

export function leaderDayRoutes(deps: RouteDeps) {
  const { db, now, ingest } = deps;
  const cfg = { leaderDay: deps.leaderDay, risk: deps.risk };
  const view = async (month: LeaderMonth, masked: boolean, at: string) => {
    const v = await leaderDayView(db, cfg, month, at, masked);
    if ('none' in v) throw noData(month.value, v.none);
    return v;
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      // The kiosk's list without the leaders' account ids (their offices stay), as its view.
      const masked = c.get('principal')!.role === 'screen';
      return cachedJson(c, deps, {
        key: `leader-days?masked=${masked}`,
        tables: [...LEADER_DAY_TABLES, 'users'],
        build: async () => ({
          months: (await listLeaderDays(db)).map((m) => (masked ? { ...m, leaderId: null } : m)),
        }),
      });
    })
    .openapi(one, async (c) => {
      const principal = c.get('principal')!;
      const month = monthParam(c.req.valid('param').month);
      const masked = principal.role === 'screen';
      const at = now();
      // One answer per month, masking and minute (follow-up flags and overdue move with the clock),
      // rebuilt when a table it reads moves (a meeting-room display and the kiosk poll it).
      return cachedJson(c, deps, {
        key: `leader-days/${month.value}?masked=${masked}&minute=${at.slice(0, 16)}`,
        tables: [...RISK_TABLES, 'event_steps', 'event_tasks', 'users', ...LEADER_DAY_TABLES],
        build: () => view(month, masked, at),
      });
    })
    .openapi(setAgenda, async (c) => {
      const principal = c.get('principal')!;
      const month = monthParam(c.req.valid('param').month);
      const body = c.req.valid('json');
      const at = now();
      const proposed = await monthCandidates(db, cfg, month, at);
      if ('none' in proposed) throw noData(month.value, proposed.none);
      if (month.value !== monthOf(at))
        throw new ApiError(
          409,
          'not_current_month',
          `The agenda is set for the current month (${monthOf(at)}); ${month.value} is past.`,
        );
      if (body.cases.length > deps.leaderDay.maxAgenda)
        throw new ApiError(400, 'too_many', `cases: at most ${deps.leaderDay.maxAgenda} on an agenda.`, [
          { field: 'cases', message: `at most ${deps.leaderDay.maxAgenda}` },
        ]);
      const ids = body.cases.map((x) => x.eventId);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup)
        throw new ApiError(400, 'duplicate_case', `cases: ${dup} is named twice.`, [
          { field: 'cases', message: `${dup} twice` },
        ]);
      const byId = new Map(proposed.candidates.map((x) => [x.eventId, x]));
      const added = body.cases.filter((x) => !byId.has(x.eventId));
      for (const [i, x] of body.cases.entries())
        if (!byId.has(x.eventId) && !x.note)
          throw new ApiError(
            400,
            'not_candidate',
            `cases.${i}: ${x.eventId} is not a candidate of ${month.value}; the centre adds a case of its own with a note saying why.`,
            [{ field: `cases.${i}.note`, message: 'required for a case no rule proposed' }],
          );
      const open = await openCases(
        db,
        added.map((x) => x.eventId),
      );
      for (const x of added) {
        const status = open.get(x.eventId);
        if (status === undefined)
          throw new ApiError(400, 'unknown_case', `cases: no case ${x.eventId}.`, [
            { field: 'cases', message: `no case ${x.eventId}` },
          ]);
        if (!status)
          throw new ApiError(409, 'case_closed', `cases: case ${x.eventId} is not open; the agenda takes open cases.`);
      }
      const current = await readLeaderDay(db, month.value);
      const removed = current.decisions.filter((d) => !ids.includes(d.eventId));
      if (removed.length)
        throw new ApiError(
          409,
          'decided_case_removed',
          `cases: ${removed.map((d) => d.eventId).join(', ')} already carry an instruction of ${month.value} and stay on its agenda.`,
        );
      let leaderId = body.leaderId ?? current.day?.leaderId ?? (await defaultLeader(db));
      if (body.leaderId && !(await isLeader(db, body.leaderId)))
        throw new ApiError(400, 'unknown_leader', `leaderId: ${body.leaderId} is no city leader's account.`, [
          { field: 'leaderId', message: 'not a leader' },
        ]);
      if (!leaderId) throw new ApiError(409, 'no_leader', 'There is no city leader account to preside.');
      leaderId = String(leaderId);
      await writeAgenda(db, {
        month: month.value,
        items: body.cases.map((x) => ({
          eventId: x.eventId,
          rules: byId.get(x.eventId)?.rules ?? [],
          note: x.note ?? null,
        })),
        by: principal.userId,
        at,
        leaderId,
      });
      await appendAudit(db, {
        ...auditedCaller(c, at),
        action: 'leader-agenda',
        targetType: 'leader-day',
        targetId: month.value,
        reason: null,
        detail: JSON.stringify({ cases: ids, leaderId }),
      });
      return c.json(await view(month, false, at), 200);
    })
    .openapi(instruct, async (c) => {
      const principal = c.get('principal')!;
      const month = monthParam(c.req.valid('param').month);
      const body = c.req.valid('json');
      const at = now();
      if (month.value !== monthOf(at))
        throw new ApiError(
          409,
          'not_current_month',
          `Instructions are given in the current month (${monthOf(at)}), not ${month.value}.`,
        );
      const { day, agenda, decisions } = await readLeaderDay(db, month.value);
      if (!day) {
        const proposed = await monthCandidates(db, cfg, month, at);
        if ('none' in proposed) throw noData(month.value, proposed.none);
      }
      if (!agenda.some((a) => a.eventId === body.eventId))
        throw new ApiError(409, 'not_on_agenda', `Case ${body.eventId} is not on the agenda of ${month.value}.`);
      if (decisions.some((d) => d.eventId === body.eventId))
        throw new ApiError(
          409,
          'already_instructed',
          `Case ${body.eventId} already has an instruction of ${month.value}.`,
        );
      const lead = {
        departmentId: department(body.lead.departmentId, 'lead.departmentId'),
        deadlineAt: deadlineOf(body.lead.deadline),
      };
      const co: CoHandler[] = (body.co ?? []).map((x, i) => ({
        departmentId: department(x.departmentId, `co.${i}.departmentId`),
        deadlineAt: deadlineOf(x.deadline),
      }));
      const named = [lead.departmentId, ...co.map((x) => x.departmentId)];
      const twice = named.find((d, i) => named.indexOf(d) !== i);
      if (twice)
        throw new ApiError(400, 'duplicate_department', `co: department ${twice} is named twice.`, [
          { field: 'co', message: `${twice} twice` },
        ]);
      const fields = [
        ['lead.deadline', lead.deadlineAt] as const,
        ...co.map((x, i) => [`co.${i}.deadline`, x.deadlineAt] as const),
      ];
      for (const [field, d] of fields)
        if (Date.parse(d) <= Date.parse(at))
          throw new ApiError(400, 'deadline_past', `${field}: ${d} is not in the future.`, [
            { field, message: 'in the past' },
          ]);
      const assignment = (
        departmentId: string,
        deadlineAt: string,
        field: string,
        itemCode: string,
      ): Assignment | Refusal => {
        const hours = hoursTo(itemCode, at, deadlineAt);
        if (hours < 1)
          return {
            ok: false,
            kind: 'invalid',
            code: 'deadline_past',
            message: `${field}: less than one working hour away.`,
            field,
          };
        if (hours > MAX_EXTENSION_HOURS)
          return {
            ok: false,
            kind: 'invalid',
            code: 'deadline_too_far',
            message: `${field}: more than ${MAX_EXTENSION_HOURS} clock hours away.`,
            field,
          };
        return { assignee: { kind: 'department', id: departmentId }, hours };
      };
      const outcome = await applyCaseAction(
        db,
        {
          id: body.eventId,
          scope: scopeOf(principal),
          by: principal,
          now: at,
          also: decisionWriter({
            month: month.value,
            eventId: body.eventId,
            text: body.text,
            leadDepartment: lead.departmentId,
            leadDeadlineAt: lead.deadlineAt,
            coHandlers: co,
            by: principal.userId,
            at,
          }),
        },
        (state) => {
          const l = assignment(lead.departmentId, lead.deadlineAt, 'lead.deadline', state.facts.itemCode);
          if ('ok' in l) return l;
          const cs: Assignment[] = [];
          for (const [i, x] of co.entries()) {
            const a = assignment(x.departmentId, x.deadlineAt, `co.${i}.deadline`, state.facts.itemCode);
            if ('ok' in a) return a;
            cs.push(a);
          }
          return decideInstruction(state, { lead: l, co: cs, note: body.text }, actorOf(principal), at);
        },
      );
      if (!outcome.ok) {
        if (outcome.kind === 'not_found') throw new ApiError(404, 'not_found', `No case ${body.eventId}.`);
        throw refusalError(outcome);
      }
      await appendAudit(db, {
        ...auditedCaller(c, at),
        action: 'leader-instruction',
        targetType: 'event',
        targetId: body.eventId,
        reason: body.text,
        detail: JSON.stringify({ month: month.value, lead, co }),
      });
      const detail = dossierOf(outcome.record, outcome.case, principal);
      ingest?.live.publish('event', liveCaseOf(detail, 'supervise'));
      const decision = (await readLeaderDay(db, month.value)).decisions.find((d) => d.eventId === body.eventId)!;
      return c.json({ decision, case: detail }, 200);
    });
}

/** Whether each case exists and is open (absent: no such case). */
async function openCases(db: Db, ids: readonly string[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const id of ids) {
    const r = await db.one<{ status: string }>('SELECT status FROM events WHERE id = $1', [id]);
    if (r) out.set(id, ['reported', 'filed', 'dispatched', 'handling', 'feedback'].includes(r.status));
  }
  return out;
}
