// The case workflow's request and response schemas (the OpenAPI document is generated from them).
import { z } from '@hono/zod-openapi';
import { CASE_ACTIONS, CASE_STATUSES, RATERS, SATISFACTIONS, TASK_ROLES, TASK_STATES } from '../domain/workflow/states';
import { LonLatSchema } from './schemas';

export const SOURCES = ['patrol', 'resident', 'camera', 'sensor', 'hotline', 'department', 'leader'] as const;
export const EventIdParam = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected an event id')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'E0000001' });

export const PhotoIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a photo id (from POST /api/photos)')
  .openapi({ description: 'A photo uploaded through POST /api/photos (its SHA-256)' });
/** Up to three photos a step brings (现场照片, 处置后照片). */
const Photos = z.array(PhotoIdSchema).max(3, 'at most 3 photos').optional();

export const PhotoRefSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ example: '/api/photos/…' }),
    seq: z.number().openapi({ description: 'The timeline step that brought it (1: the report)' }),
  })
  .openapi('CasePhoto');

export const EventSchema = z
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
    status: z.enum(CASE_STATUSES),
    closedAt: z.string().nullable().openapi({ description: '结案: when the verification passed' }),
    overdue: z.boolean().openapi({
      description:
        'While a limit runs: whether it has been missed now; once none runs: whether the case ever missed one',
    }),
    description: z.string(),
    holders: z.array(z.string()).openapi({
      description:
        "Who must act now: 'centre', a department id (D02) or a unit id (grid, community, village, subdistrict, town)",
    }),
    dueAt: z.string().nullable().openapi({ description: 'The earliest deadline of the limits running now' }),
    warnAt: z.string().nullable().openapi({ description: 'When the running limit reaches 80% (预警)' }),
    supervisedBy: z.string().nullable().openapi({ description: 'Who supervises the case (督办), if anyone' }),
    leaderSupervisedBy: z.string().nullable().openapi({
      description:
        '领导督办: the city leader (user id) who supervised the case last, e.g. at a leader day; null when none did',
    }),
    leaderSupervisedAt: z.string().nullable().openapi({ description: 'When that leader supervised it' }),
  })
  .openapi('Event');

const AssigneeSchema = z.union([
  z.object({ kind: z.literal('department'), id: z.string() }),
  z.object({
    kind: z.literal('unit'),
    id: z.string(),
    level: z.enum(['grid', 'community', 'village', 'subdistrict', 'town']),
  }),
]);

const TaskSchema = z
  .object({
    no: z.number(),
    role: z.enum(TASK_ROLES),
    assignee: AssigneeSchema,
    state: z.enum(TASK_STATES),
    open: z.boolean(),
    assignedAt: z.string(),
    limitMinutes: z.number(),
    deadlineAt: z.string().nullable(),
    warnAt: z.string().nullable(),
    pendingExtension: z
      .object({ hours: z.number(), reason: z.string(), requestedBy: z.string(), at: z.string() })
      .nullable(),
  })
  .openapi('CaseTask');

const StepSchema = z
  .object({
    eventId: z.string(),
    seq: z.number(),
    stage: z.string(),
    action: z.enum(CASE_ACTIONS),
    at: z.string(),
    actor: z.string(),
    role: z.string().nullable().openapi({
      description:
        "The actor's role; `system` for a channel (resident, camera, sensor, hotline), null in history from before the workflow",
    }),
    actorName: z.string().nullable().openapi({
      description:
        "The acting account's display name (a grid worker's masked, 张*), or null when the actor is a channel (camera, hotline) rather than an account",
    }),
    note: z.string(),
    detail: z.record(z.string(), z.unknown()).nullable().openapi({ description: "The action's resolved payload" }),
  })
  .openapi('CaseStep');

const DeductionSchema = z
  .object({
    clockKey: z.string(),
    holder: z.string(),
    stage: z.string(),
    dueAt: z.string(),
    deductedAt: z.string(),
    points: z.number(),
    reason: z.string(),
  })
  .openapi('CaseDeduction');

export const CaseDetailSchema = EventSchema.extend({
  steps: z.array(StepSchema),
  tasks: z.array(TaskSchema),
  counts: z.object({ returns: z.number(), reworks: z.number(), escalations: z.number(), extensions: z.number() }),
  longTerm: z.object({ reason: z.string(), supervisor: z.string(), since: z.string() }).nullable(),
  mergedInto: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  evaluation: z
    .object({ satisfaction: z.enum(SATISFACTIONS).nullable(), ratedBy: z.enum(RATERS).nullable() })
    .nullable(),
  deductions: z.array(DeductionSchema),
  photos: z.array(PhotoRefSchema).openapi({ description: 'The photos of the case, in the order of the timeline' }),
  actions: z.array(z.enum(CASE_ACTIONS)).openapi({ description: 'The actions the signed-in user may take now' }),
}).openapi('CaseDetail');

const Note = z.string().trim().max(500).optional();
const Reason = z.string().trim().min(1, 'say why').max(500);
const Hours = z.number().int().min(1).max(720);
const Assignment = z.object({
  assignee: z
    .string()
    .regex(/^(D\d{2}|[0-9A-Z]{6,20})$/, 'expected a department id (D02) or a unit id')
    .openapi({ example: 'D02' }),
  hours: Hours.optional().openapi({
    description: "The task's own limit in clock hours (default: the item's handling limit)",
  }),
});

/** One body per action (`{"action": ..., ...}`); every one may carry a note (办理意见). */
export const CaseActionBody = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('file'), note: Note }),
    z.object({ action: z.literal('reject'), reason: Reason, note: Note }),
    z.object({
      action: z.literal('merge'),
      into: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'expected an event id'),
      note: Note,
    }),
    z.object({
      action: z.literal('dispatch'),
      lead: Assignment,
      co: z.array(Assignment).max(8).optional().openapi({ description: 'Co-handlers of a summons (会办)' }),
      note: Note,
    }),
    z.object({ action: z.literal('accept'), note: Note }),
    z.object({ action: z.literal('return'), reason: Reason, note: Note }),
    z.object({ action: z.literal('escalate'), note: Note }),
    z.object({ action: z.literal('requestExtension'), hours: Hours, reason: Reason, note: Note }),
    z.object({ action: z.literal('approveExtension'), task: z.number().int().min(1).optional(), note: Note }),
    z.object({ action: z.literal('refuseExtension'), task: z.number().int().min(1).optional(), note: Note }),
    z.object({ action: z.literal('feedback'), note: Note, photos: Photos }),
    z.object({ action: z.literal('verify'), passed: z.boolean(), note: Note, photos: Photos }),
    z.object({
      action: z.literal('evaluate'),
      satisfaction: z.enum(SATISFACTIONS).openapi({ description: '满意 / 基本满意 / 不满意' }),
      ratedBy: z.enum(RATERS),
      note: Note,
    }),
    z.object({ action: z.literal('supervise'), note: Note }),
    z.object({
      action: z.literal('shelve'),
      reason: Reason,
      supervisor: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,60}$/, 'expected a user id')
        .openapi({ description: 'The user id of who supervises the shelved case' }),
      note: Note,
    }),
    z.object({ action: z.literal('unshelve'), note: Note }),
  ])
  .openapi('CaseAction');
export type CaseActionBody = z.infer<typeof CaseActionBody>;

export const ReportBody = z
  .object({
    itemCode: z
      .string()
      .regex(/^\d{6}$/, 'expected a six-digit taxonomy item code')
      .openapi({ example: '010101' }),
    lon: z.number().min(-180).max(180).openapi({ example: 116.95 }),
    lat: z.number().min(-90).max(90).openapi({ example: 31.05 }),
    description: z.string().trim().min(1, 'describe what was found').max(500),
    source: z.enum(SOURCES),
    note: Note,
    photos: Photos,
    reporterResidentId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected a resident id')
      .optional()
      .openapi({
        description:
          "The resident behind a 随手拍 report (source 'resident'), in your scope: closing the case proposes their credit record (信用积分)",
      }),
  })
  .openapi('CaseReport');

/**
 * A case on the live stream (GET /api/live, SSE event `event`): a new one, or a change to one, as
 * server/domain/live.ts's LiveEvent types it; docs/asyncapi.yaml documents it (tests/asyncapi.test.ts
 * holds the two together).
 */
export const LiveCaseSchema = z
  .object({
    id: z.string(),
    code: z.string().optional(),
    itemCode: z.string(),
    source: z.enum(SOURCES),
    gridId: z.string(),
    position: z.array(z.number()).length(2),
    reportedAt: z.string(),
    deadlineAt: z.string(),
    departmentId: z.string(),
    status: z.enum(CASE_STATUSES),
    closedAt: z.string().optional(),
    description: z.string(),
    alarmId: z.string().optional(),
    action: z.enum(CASE_ACTIONS).optional(),
    holders: z.array(z.string()).optional(),
    taskDepartments: z.array(z.string()).optional(),
    leaderSupervisedBy: z.string().optional(),
  })
  .strict();
