// Deciding an action (办理): `(case, command, actor, at)` → the step it adds and the new state, or a
// refusal that names the state and the action and changes nothing. The route turns the refusal's kind
// into its status: role → 403, holder → 403, state → 409, invalid → 400.
import type { EventOrigin } from '../model';
import { getItem } from '../taxonomy';
import { evolve, holderOf, initialState } from './evolve';
import { MAX_EXTENSION_HOURS, stageLimitMinutes } from './limits';
import { roleMay } from './permissions';
import {
  type Actor,
  type Assignee,
  type CaseAction,
  type CaseFacts,
  type CaseState,
  type CaseStep,
  isOpen,
  type LocalLevel,
  OPEN_TASK_STATES,
  type Rater,
  type Satisfaction,
  STAGE_OF_STATUS,
  type StepDetail,
  type Task,
} from './states';

export interface Assignment {
  assignee: Assignee;
  /** The task's own limit in clock hours; absent: the item's handling limit. */
  hours?: number;
}

/** What a user asks for. Every command may carry a note (办理意见). */
export type CaseCommand = { note?: string } & (
  | { action: 'file' }
  | { action: 'reject'; reason: string }
  | { action: 'merge'; into: string }
  | { action: 'dispatch'; lead: Assignment; co?: Assignment[] }
  | { action: 'accept' }
  | { action: 'return'; reason: string }
  | { action: 'escalate'; to: Assignee | 'centre' }
  | { action: 'requestExtension'; hours: number; reason: string }
  | { action: 'approveExtension' | 'refuseExtension'; task?: number }
  | { action: 'feedback' }
  | { action: 'verify'; passed: boolean }
  | { action: 'evaluate'; satisfaction: Satisfaction; ratedBy: Rater }
  | { action: 'supervise' }
  | { action: 'shelve'; reason: string; supervisor: string }
  | { action: 'unshelve' }
);

export interface ReportCommand {
  source: EventOrigin;
  description: string;
  note?: string;
}

export type RefusalKind = 'role' | 'holder' | 'state' | 'invalid';
export interface Refusal {
  ok: false;
  kind: RefusalKind;
  code: string;
  message: string;
  /** The field at fault, for `invalid`. */
  field?: string;
}
export interface Decision {
  ok: true;
  step: CaseStep;
  state: CaseState;
  /**
   * Steps decided before `step` as one: all are written or none (a leader's instruction takes the case
   * up, dispatches and supervises it: instruct.ts). Absent for a single action.
   */
  earlier?: CaseStep[];
}

/** The most co-handling departments and units one summons (会办) may call. */
export const MAX_CO_HANDLERS = 8;

const refuse = (kind: RefusalKind, code: string, message: string, field?: string): Refusal => ({
  ok: false,
  kind,
  code,
  message,
  ...(field ? { field } : {}),
});

/** Which channels each role reports through. */
const SOURCES_BY_ROLE: Record<Actor['role'], readonly EventOrigin[]> = {
  gridworker: ['patrol', 'resident'],
  community: ['patrol', 'resident'],
  subdistrict: ['patrol', 'resident'],
  department: ['department'],
  centre: ['hotline', 'resident', 'camera', 'patrol'],
  // the platform's own channels: a sensor's alarm, a camera's recognition, the residents' app, the 12345 hotline
  system: ['sensor', 'camera', 'resident', 'hotline'],
  analyst: [],
  leader: ['leader'], // 领导交办: a case a city leader assigns
  screen: [],
  admin: [],
};

/** A new case from a report (信息收集): its first step and state. */
export function openCase(facts: CaseFacts, cmd: ReportCommand, actor: Actor, at: string): Decision | Refusal {
  if (!roleMay(actor.role, 'report'))
    return refuse('role', 'forbidden', `The role ${actor.role} may not report a case.`);
  if (!SOURCES_BY_ROLE[actor.role].includes(cmd.source))
    return refuse(
      'invalid',
      'invalid_source',
      `source: a ${actor.role} reports through ${SOURCES_BY_ROLE[actor.role].join(' or ')}, not '${cmd.source}'.`,
      'source',
    );
  const step: CaseStep = {
    seq: 1,
    stage: 'collect',
    action: 'report',
    at,
    actor: actor.id,
    role: actor.role,
    note: cmd.note?.trim() || cmd.description,
    detail: { action: 'report', departmentId: getItem(facts.itemCode).departmentId },
  };
  return { ok: true, step, state: initialState(facts, step) };
}

/** Decides `cmd` on `state`: the step and the state after it, or why not. */
export function decide(state: CaseState, cmd: CaseCommand, actor: Actor, at: string): Decision | Refusal {
  const allowed = checkAllowed(state, cmd.action, actor);
  if (allowed) return allowed;
  if (Date.parse(at) < Date.parse(state.updatedAt))
    return refuse('invalid', 'clock_backwards', `at: ${at} is before the case's last step.`, 'at');
  const detail = resolve(state, cmd, actor);
  if (detail && 'ok' in detail) return detail;
  const step: CaseStep = {
    seq: state.seq + 1,
    stage: STAGE_OF_STATUS[state.status],
    action: cmd.action,
    at,
    actor: actor.id,
    role: actor.role,
    note: noteOf(cmd),
    detail: detail ?? null,
  };
  // The step takes the stage it works on: a dispatch is 派遣, a feedback 处置反馈, and so on.
  step.stage = STEP_STAGE[cmd.action] ?? step.stage;
  return { ok: true, step, state: evolve(state, step) };
}

const STEP_STAGE: Partial<Record<CaseAction, CaseStep['stage']>> = {
  file: 'file',
  reject: 'file',
  merge: 'file',
  dispatch: 'dispatch',
  accept: 'handle',
  return: 'handle',
  escalate: 'handle',
  requestExtension: 'handle',
  approveExtension: 'handle',
  refuseExtension: 'handle',
  feedback: 'feedback',
  verify: 'verify',
  evaluate: 'evaluate',
};

/**
 * Whether `actor` may take `action` on the case as it stands — role, state and holding the task or the
 * place — before looking at the command's payload. The actions a dossier offers are those that pass.
 */
export function checkAllowed(state: CaseState, action: CaseAction, actor: Actor): Refusal | null {
  if (!roleMay(actor.role, action))
    return refuse('role', 'forbidden', `The role ${actor.role} may not ${action} a case.`);
  const illegal = () =>
    refuse(
      'state',
      'illegal_transition',
      `Cannot ${action} case ${state.facts.id} in state '${state.status}'${state.longTerm ? ' (shelved, 挂账)' : ''}.`,
    );
  if (action === 'report') return illegal();
  if (state.longTerm) return action === 'unshelve' || action === 'supervise' ? null : illegal();
  switch (action) {
    case 'file':
    case 'reject':
    case 'merge':
      return state.status === 'reported' ? null : illegal();
    case 'dispatch':
      return state.status === 'filed' ? null : illegal();
    case 'accept':
    case 'return':
      if (!['dispatched', 'handling'].includes(state.status)) return illegal();
      return ownTask(state, actor, ['assigned']) ? null : notHolder(state, action, actor, 'an unsigned task');
    case 'feedback':
    case 'requestExtension': {
      if (!['dispatched', 'handling'].includes(state.status)) return illegal();
      const t = ownTask(state, actor, ['accepted']);
      if (!t) return notHolder(state, action, actor, 'a signed task');
      if (action === 'requestExtension' && t.pendingExtension)
        return refuse(
          'state',
          'illegal_transition',
          `Task ${t.no} of case ${state.facts.id} already awaits an extension decision.`,
        );
      if (action === 'feedback' && t.role === 'lead') {
        const open = state.tasks.filter((x) => x.role === 'co' && OPEN_TASK_STATES.includes(x.state));
        if (open.length)
          return refuse(
            'state',
            'co_handlers_open',
            `Cannot feed back case ${state.facts.id}: co-handling tasks ${open.map((x) => x.no).join(', ')} are still open.`,
          );
      }
      return null;
    }
    case 'escalate': {
      if (!['dispatched', 'handling'].includes(state.status)) return illegal();
      const t = ownTask(state, actor, ['assigned', 'accepted']);
      if (t?.role !== 'lead' || t.assignee.kind !== 'unit')
        return notHolder(state, action, actor, 'the lead task of a grid, community or subdistrict');
      return null;
    }
    case 'approveExtension':
    case 'refuseExtension':
      if (!['dispatched', 'handling'].includes(state.status)) return illegal();
      return state.tasks.some((t) => t.pendingExtension) ? null : illegal();
    case 'verify':
      if (state.status !== 'feedback') return illegal();
      return mayVerify(state, actor) ? null : notHolder(state, action, actor, 'the place (its grid or village)');
    case 'evaluate':
      return state.status === 'verified' ? null : illegal();
    case 'supervise':
      if (!isOpen(state.status)) return illegal();
      return state.supervisedBy
        ? refuse(
            'state',
            'illegal_transition',
            `Case ${state.facts.id} is already supervised (督办) by ${state.supervisedBy}.`,
          )
        : null;
    case 'shelve':
      return ['filed', 'dispatched', 'handling', 'feedback'].includes(state.status) ? null : illegal();
    case 'unshelve':
      return illegal(); // only a shelved case (handled above)
  }
}

/** The actor's own task (by department or unit) in one of `states`. */
function ownTask(state: CaseState, actor: Actor, states: readonly Task['state'][]): Task | undefined {
  const key = actor.role === 'department' ? actor.departmentId : actor.unitId;
  if (!key) return undefined;
  return state.tasks.find((t) => holderOf(t.assignee) === key && states.includes(t.state));
}

function notHolder(state: CaseState, action: CaseAction, actor: Actor, what: string): Refusal {
  return refuse(
    'holder',
    'not_task_holder',
    `${actor.id} may not ${action} case ${state.facts.id}: it does not hold ${what} (state '${state.status}').`,
  );
}

/** 核查: the grid's worker, the community or village committee above the grid, or the centre. */
function mayVerify(state: CaseState, actor: Actor): boolean {
  if (actor.role === 'centre') return true;
  if (actor.role === 'gridworker') return actor.unitId === state.facts.gridId;
  if (actor.role === 'community') return !!actor.unitId && state.facts.gridPath.includes(actor.unitId);
  return false;
}

/** The command's payload checked and resolved into the step's detail (or a refusal naming the field). */
function resolve(state: CaseState, cmd: CaseCommand, actor: Actor): StepDetail | Refusal | undefined {
  switch (cmd.action) {
    case 'reject':
      if (!cmd.reason?.trim())
        return refuse('invalid', 'invalid_command', 'reason: say why the report is not filed.', 'reason');
      return { action: 'reject', reason: cmd.reason.trim() };
    case 'merge':
      if (cmd.into === state.facts.id)
        return refuse('invalid', 'invalid_command', 'into: a case cannot merge into itself.', 'into');
      return { action: 'merge', into: cmd.into };
    case 'dispatch':
      return resolveDispatch(state, cmd.lead, cmd.co ?? []);
    case 'accept':
    case 'feedback':
      return {
        action: cmd.action,
        task: ownTask(state, actor, cmd.action === 'accept' ? ['assigned'] : ['accepted'])!.no,
      };
    case 'return':
      if (!cmd.reason?.trim())
        return refuse('invalid', 'invalid_command', 'reason: say why the task is not yours.', 'reason');
      return { action: 'return', task: ownTask(state, actor, ['assigned'])!.no };
    case 'escalate': {
      const t = ownTask(state, actor, ['assigned', 'accepted'])!;
      const from: LocalLevel = t.assignee.kind === 'unit' ? t.assignee.level : 'grid';
      const want = NEXT_LEVEL[from];
      const to = cmd.to;
      const got = to === 'centre' ? 'centre' : to.kind === 'unit' ? to.level : 'department';
      if (!want.includes(got) || (to !== 'centre' && !state.facts.gridPath.includes(to.id)))
        return refuse(
          'invalid',
          'invalid_command',
          `to: a ${from} escalates to its ${want.join(' or ')}, not to ${to === 'centre' ? 'the centre' : to.id}.`,
          'to',
        );
      return { action: 'escalate', task: t.no, to };
    }
    case 'requestExtension': {
      const bad = hoursInvalid(cmd.hours, 'hours');
      if (bad) return bad;
      if (!cmd.reason?.trim())
        return refuse('invalid', 'invalid_command', 'reason: say why more time is needed.', 'reason');
      return { action: 'requestExtension', task: ownTask(state, actor, ['accepted'])!.no, hours: cmd.hours };
    }
    case 'approveExtension':
    case 'refuseExtension': {
      const pending = state.tasks.filter((t) => t.pendingExtension);
      const t =
        cmd.task === undefined
          ? pending.length === 1
            ? pending[0]
            : undefined
          : pending.find((x) => x.no === cmd.task);
      if (!t)
        return refuse(
          'invalid',
          'invalid_command',
          `task: name the task whose extension you decide (pending: ${pending.map((x) => x.no).join(', ')}).`,
          'task',
        );
      return { action: cmd.action, task: t.no, hours: t.pendingExtension!.hours };
    }
    case 'verify':
      return { action: 'verify', passed: cmd.passed };
    case 'evaluate':
      return { action: 'evaluate', satisfaction: cmd.satisfaction, ratedBy: cmd.ratedBy };
    case 'shelve':
      if (!cmd.reason?.trim())
        return refuse('invalid', 'invalid_command', 'reason: say why the case is shelved.', 'reason');
      if (!cmd.supervisor?.trim())
        return refuse('invalid', 'invalid_command', 'supervisor: name who supervises the shelved case.', 'supervisor');
      return { action: 'shelve', reason: cmd.reason.trim(), supervisor: cmd.supervisor.trim() };
    default:
      return undefined;
  }
}

const NEXT_LEVEL: Record<LocalLevel, readonly string[]> = {
  grid: ['community', 'village'],
  community: ['subdistrict'],
  village: ['town'],
  subdistrict: ['centre'],
  town: ['centre'],
};

export function resolveDispatch(state: CaseState, lead: Assignment, co: Assignment[]): StepDetail | Refusal {
  if (co.length > MAX_CO_HANDLERS)
    return refuse('invalid', 'invalid_command', `co: at most ${MAX_CO_HANDLERS} co-handlers.`, 'co');
  const all = [lead, ...co];
  const ids = all.map((a) => a.assignee.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return refuse('invalid', 'invalid_command', `co: ${dup} is named twice.`, 'co');
  for (const [i, a] of all.entries()) {
    const field = i === 0 ? 'lead' : `co.${i - 1}`;
    if (a.assignee.kind === 'unit' && !state.facts.gridPath.slice(1).includes(a.assignee.id))
      return refuse(
        'invalid',
        'invalid_command',
        `${field}: unit ${a.assignee.id} is not above the case's grid.`,
        field,
      );
    if (a.hours !== undefined) {
      const bad = hoursInvalid(a.hours, `${field}.hours`);
      if (bad) return bad;
    }
  }
  const handle = (a: Assignment) => (a.hours !== undefined ? a.hours * 60 : handleLimit(state));
  return {
    action: 'dispatch',
    tasks: all.map((a, i) => ({ role: i === 0 ? 'lead' : 'co', assignee: a.assignee, limitMinutes: handle(a) })),
  };
}

function handleLimit(state: CaseState): number {
  return stageLimitMinutes(getItem(state.facts.itemCode), 'handle');
}

export function hoursInvalid(hours: number, field: string): Refusal | null {
  return Number.isInteger(hours) && hours >= 1 && hours <= MAX_EXTENSION_HOURS
    ? null
    : refuse(
        'invalid',
        'invalid_command',
        `${field}: a whole number of hours from 1 to ${MAX_EXTENSION_HOURS}.`,
        field,
      );
}

function noteOf(cmd: CaseCommand): string {
  const reason = 'reason' in cmd ? cmd.reason : undefined;
  return (cmd.note ?? reason ?? '').trim();
}
