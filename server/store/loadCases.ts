// The workflow's columns of a generated history (the projection, each case's share of the assessment,
// who supervised it) and the open cases' tasks, computed from the dataset in memory, for the load's
// appenders to write with the rows. They are what projectCases and assessCases (caseProjection.ts)
// would write after the load, by the same replay; reading the steps back and updating every case
// took about a minute at scale 1. Those two still fill a store from before at start. The generator
// hands over each case's state as its machine left it, so its history is not replayed a second time.
import type { CityDataset, EventStep } from '../domain/model';
import { getItem } from '../domain/taxonomy';
import {
  type CaseAssessment,
  type CaseProjection,
  caseAssessmentOf,
  projectionOf,
  type TaskView,
  taskViews,
} from '../domain/workflow/projection';
import { ACTION_OF_STAGE, normaliseStep, replay, roleOfActorId, type StoredStep } from '../domain/workflow/replay';
import type { CaseFacts, CaseState } from '../domain/workflow/states';

/** A dataset as the load reads it; `caseStates`, when given, are the cases' states after their last steps. */
export type CasesInput = Pick<CityDataset, 'events' | 'eventSteps' | 'adminUnits'> & {
  caseStates?: ReadonlyMap<string, CaseState>;
};

/** An event's workflow columns as a load writes them (null where the store would leave NULL). */
export type CaseColumns = Pick<
  CaseProjection,
  | 'departmentId'
  | 'closedAt'
  | 'dueAt'
  | 'warnAt'
  | 'checkAt'
  | 'supervisedBy'
  | 'leaderSupervisedBy'
  | 'leaderSupervisedAt'
> & {
  status: string;
  overdue: boolean;
  holders: string[] | null;
  /** Null only for a case whose grid is unknown (nothing of it is replayed). */
  assessment: CaseAssessment | null;
};

export interface LoadedTask {
  eventId: string;
  task: TaskView;
}

const EPOCH = new Date(0).toISOString();
const FINISHED = new Set(['closed', 'rejected', 'merged']);

/** The action and role a step is stored with (load.ts's event_steps columns). */
export const storedAction = (s: EventStep) => s.action ?? ACTION_OF_STAGE[s.stage];
export const storedRole = (s: EventStep) => (s.role === undefined ? roleOfActorId(s.actor) : s.role);

/** Each event's columns by id, and the open cases' tasks in the order of the events' ids. */
export function caseColumnsOf(
  d: CasesInput,
  paths: ReadonlyMap<string, string>,
): { byEvent: Map<string, CaseColumns>; tasks: LoadedTask[] } {
  const units = new Map(d.adminUnits.map((u) => [u.id, u]));
  const stepsOf = new Map<string, EventStep[]>();
  for (const s of d.eventSteps) {
    const list = stepsOf.get(s.eventId);
    if (list) list.push(s);
    else stepsOf.set(s.eventId, [s]);
  }
  const byEvent = new Map<string, CaseColumns>();
  const tasks: LoadedTask[] = [];
  const events = [...d.events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of events) {
    const steps = stepsOf.get(e.id) ?? [];
    const unit = units.get(e.gridId);
    const path = paths.get(e.gridId);
    const finished = FINISHED.has(e.status);
    const c: CaseColumns = {
      status: e.status,
      departmentId: e.departmentId,
      closedAt: e.closedAt,
      overdue: e.overdue,
      holders: finished ? [] : null,
      dueAt: null,
      warnAt: null,
      checkAt: null,
      ...(finished ? supervisionOf(steps) : { supervisedBy: null, leaderSupervisedBy: null, leaderSupervisedAt: null }),
      assessment: null,
    };
    byEvent.set(e.id, c);
    if (!unit || !path) continue;
    if (steps.length === 0) {
      // (none is generated so) counts as nothing, as assessCases has it
      c.assessment = {
        stagesEntered: 1,
        handlingMinutes: null,
        dispatchedTo: [],
        returnedBy: [],
        verifications: 0,
        reworks: 0,
        rating: null,
      };
      continue;
    }
    const facts: CaseFacts = {
      id: e.id,
      itemCode: e.itemCode,
      source: e.source,
      gridId: e.gridId,
      gridPath: path.split('/'),
      area: unit.area === 'village' ? 'village' : 'urban',
      reportedAt: e.reportedAt,
    };
    const department = getItem(e.itemCode).departmentId;
    const state =
      d.caseStates?.get(e.id) ??
      replay(
        facts,
        steps.map((s) => normaliseStep(storedStep(s), facts, department)),
        department,
      );
    if (finished) {
      c.assessment = caseAssessmentOf(state);
      continue;
    }
    // An open case: its whole projection, with `now` long before any deadline (as projectCases).
    const p = projectionOf(state, EPOCH);
    Object.assign(c, {
      status: p.status,
      departmentId: p.departmentId,
      closedAt: p.closedAt,
      overdue: e.overdue || p.late,
      holders: p.holders,
      dueAt: p.dueAt,
      warnAt: p.warnAt,
      checkAt: p.checkAt,
      supervisedBy: p.supervisedBy,
      leaderSupervisedBy: p.leaderSupervisedBy,
      leaderSupervisedAt: p.leaderSupervisedAt,
      assessment: p.assessment,
    });
    for (const task of taskViews(state)) tasks.push({ eventId: e.id, task });
  }
  return { byEvent, tasks };
}

/** A step as read back from the store (detail included), for the replay. */
function storedStep(s: EventStep): StoredStep {
  return {
    seq: s.seq,
    stage: s.stage,
    at: s.at,
    actor: s.actor,
    note: s.note,
    action: storedAction(s),
    role: storedRole(s),
    detail: s.detail ?? null,
  };
}

/** Who supervised a finished case last (督办), and the city leader who did (领导督办), as projectCases reads them. */
function supervisionOf(
  steps: readonly EventStep[],
): Pick<CaseColumns, 'supervisedBy' | 'leaderSupervisedBy' | 'leaderSupervisedAt'> {
  let last: EventStep | null = null;
  let leader: EventStep | null = null;
  for (const s of steps) {
    if (storedAction(s) !== 'supervise') continue;
    if (!last || s.seq > last.seq) last = s;
    if (storedRole(s) === 'leader' && (!leader || s.seq > leader.seq)) leader = s;
  }
  return {
    supervisedBy: last?.actor ?? null,
    leaderSupervisedBy: leader?.actor ?? null,
    leaderSupervisedAt: leader?.at ?? null,
  };
}
