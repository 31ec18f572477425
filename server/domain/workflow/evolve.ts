// Applying a recorded step to a case (流转): the timeline is the case's source of truth, and replaying
// it step by step gives the state. No checks here — decide.ts refuses what may not happen; a step that
// is in the timeline happened. Clocks start and stop with the stages and tasks they time.
import { addClockMinutes } from './clock';
import { limitsOf, WARNING_SHARE } from './limits';
import {
  type Assignee,
  type CaseFacts,
  type CaseState,
  type CaseStep,
  CENTRE,
  type Clock,
  type ClockStage,
  type HolderKey,
  OPEN_TASK_STATES,
  type Task,
} from './states';

export const holderOf = (a: Assignee): HolderKey => a.id;

/** Who verifies on the spot (核查): the grid's worker in town, the village committee in the pilot villages. */
export function verifierOf(facts: CaseFacts): HolderKey {
  return facts.area === 'village' ? (facts.gridPath[facts.gridPath.length - 2] ?? facts.gridId) : facts.gridId;
}

/** The state right after the report (信息收集): waiting to be filed by the centre. */
export function initialState(facts: CaseFacts, report: CaseStep): CaseState {
  if (report.action !== 'report') throw new Error(`case ${facts.id}: the first step must be a report`);
  const departmentId = report.detail?.action === 'report' ? report.detail.departmentId : '';
  const s: CaseState = {
    facts,
    status: 'reported',
    seq: report.seq,
    updatedAt: report.at,
    tasks: [],
    clocks: [],
    counts: { returns: 0, reworks: 0, escalations: 0, extensions: 0 },
    tally: { dispatchedTo: [], returnedBy: [], verifications: 0 },
    departmentId,
    closedAt: null,
    supervisedBy: null,
    leaderSupervision: null,
    longTerm: null,
    mergedInto: null,
    rejectedReason: null,
    evaluation: null,
  };
  startClock(s, 'file', CENTRE, report, stageLimit(s, 'file'));
  return s;
}

/** The state after `step`. Does not change `state`. */
export function evolve(state: CaseState, step: CaseStep): CaseState {
  const s = clone(state);
  s.seq = step.seq;
  s.updatedAt = step.at;
  const d = step.detail;
  switch (step.action) {
    case 'report':
      throw new Error(`case ${s.facts.id}: a second report step (seq ${step.seq})`);
    case 'file':
      endClocks(s, step.at);
      s.status = 'filed';
      startClock(s, 'dispatch', CENTRE, step, stageLimit(s, 'dispatch'));
      break;
    case 'reject':
      endClocks(s, step.at);
      s.status = 'rejected';
      s.rejectedReason = d?.action === 'reject' ? d.reason : step.note;
      break;
    case 'merge':
      endClocks(s, step.at);
      s.status = 'merged';
      s.mergedInto = d?.action === 'merge' ? d.into : null;
      break;
    case 'dispatch': {
      if (d?.action !== 'dispatch') throw new Error(`case ${s.facts.id}: dispatch step ${step.seq} without tasks`);
      endClocks(s, step.at);
      // 改派: a dispatch of a case still being handled (a leader's instruction) replaces its open tasks.
      for (const t of s.tasks) if (OPEN_TASK_STATES.includes(t.state)) closeTask(s, t, 'cancelled', step.at);
      for (const t of d.tasks) {
        addTask(s, step, t.role, t.assignee, t.limitMinutes);
        s.tally.dispatchedTo.push(holderOf(t.assignee));
      }
      const lead = d.tasks.find((t) => t.role === 'lead');
      if (lead?.assignee.kind === 'department') s.departmentId = lead.assignee.id;
      s.status = 'dispatched';
      break;
    }
    case 'accept': {
      const t = taskOf(s, step);
      t.state = 'accepted';
      if (t.role === 'lead') s.status = 'handling';
      break;
    }
    case 'return': {
      const t = taskOf(s, step);
      closeTask(s, t, 'returned', step.at);
      s.counts.returns++;
      s.tally.returnedBy.push(holderOf(t.assignee));
      if (t.role === 'lead') backToCentre(s, step);
      break;
    }
    case 'escalate': {
      const t = taskOf(s, step);
      closeTask(s, t, 'escalated', step.at);
      s.counts.escalations++;
      const to = d?.action === 'escalate' ? d.to : undefined;
      if (!to || to === 'centre') backToCentre(s, step);
      else {
        addTask(s, step, 'lead', to, t.limitMinutes);
        s.status = 'dispatched';
      }
      break;
    }
    case 'requestExtension': {
      const t = taskOf(s, step);
      t.pendingExtension = { hours: hoursOf(step), reason: step.note, requestedBy: step.actor, at: step.at };
      break;
    }
    case 'approveExtension': {
      // 延期: the running clock stops and a longer one takes over from the same start, so a limit
      // already missed before the approval stays missed (and deducted) — a deduction never unhappens.
      const t = taskOf(s, step);
      t.pendingExtension = null;
      t.limitMinutes += hoursOf(step) * 60;
      const c = s.clocks.find((k) => k.key === t.clockKey && k.endedAt === null);
      if (c) {
        c.endedAt = step.at;
        const next = startClock(s, 'handle', c.holder, step, t.limitMinutes, t.no);
        next.startedAt = c.startedAt;
        setLimit(s, next, t.limitMinutes);
        t.clockKey = next.key;
      }
      s.counts.extensions++;
      break;
    }
    case 'refuseExtension':
      taskOf(s, step).pendingExtension = null;
      break;
    case 'feedback': {
      const t = taskOf(s, step);
      closeTask(s, t, 'done', step.at);
      if (t.role === 'lead') {
        s.status = 'feedback';
        startClock(s, 'verify', verifierOf(s.facts), step, stageLimit(s, 'verify'));
      }
      break;
    }
    case 'verify':
      endClocks(s, step.at);
      s.tally.verifications++;
      if (d?.action === 'verify' && !d.passed) {
        // 返工: the lead handles again, on a fresh handling limit.
        s.counts.reworks++;
        const lead = lastLead(s);
        if (lead) {
          lead.state = 'accepted';
          lead.clockKey = startClock(s, 'handle', holderOf(lead.assignee), step, lead.limitMinutes, lead.no).key;
        }
        s.status = 'handling';
      } else {
        s.status = 'verified';
        s.closedAt = step.at;
        startClock(s, 'evaluate', CENTRE, step, stageLimit(s, 'evaluate'));
      }
      break;
    case 'evaluate':
      endClocks(s, step.at);
      s.status = 'closed';
      s.evaluation =
        d?.action === 'evaluate'
          ? { satisfaction: d.satisfaction, ratedBy: d.ratedBy }
          : { satisfaction: null, ratedBy: null };
      break;
    case 'supervise':
      s.supervisedBy = step.actor;
      if (step.role === 'leader') s.leaderSupervision = { by: step.actor, at: step.at };
      break;
    case 'shelve':
      // 挂账: every clock stops; nobody is timed until the case is taken up again.
      endClocks(s, step.at);
      for (const t of s.tasks) t.clockKey = null;
      s.longTerm = {
        reason: d?.action === 'shelve' ? d.reason : step.note,
        supervisor: d?.action === 'shelve' ? d.supervisor : step.actor,
        since: step.at,
      };
      s.supervisedBy = s.longTerm.supervisor;
      break;
    case 'unshelve':
      s.longTerm = null;
      restartClocks(s, step);
      break;
  }
  return s;
}

function clone(s: CaseState): CaseState {
  return {
    ...s,
    tasks: s.tasks.map((t) => ({ ...t, assignee: { ...t.assignee } })),
    // a stopped clock never changes again: shared, only running ones are copied
    clocks: s.clocks.map((c) => (c.endedAt === null ? { ...c } : c)),
    counts: { ...s.counts },
    tally: { ...s.tally, dispatchedTo: [...s.tally.dispatchedTo], returnedBy: [...s.tally.returnedBy] },
    longTerm: s.longTerm && { ...s.longTerm },
    evaluation: s.evaluation && { ...s.evaluation },
  };
}

function stageLimit(s: CaseState, stage: ClockStage): number {
  return limitsOf(s.facts.itemCode).minutes[stage];
}

function startClock(
  s: CaseState,
  stage: ClockStage,
  holder: HolderKey,
  step: Pick<CaseStep, 'seq' | 'at'>,
  limitMinutes: number,
  taskNo?: number,
): Clock {
  const c: Clock = {
    key: taskNo === undefined ? `${stage}:${step.seq}` : `${stage}:${step.seq}:${taskNo}`,
    stage,
    holder,
    startedAt: step.at,
    limitMinutes: 0,
    deadlineAt: step.at,
    warnAt: step.at,
    endedAt: null,
  };
  setLimit(s, c, limitMinutes);
  s.clocks.push(c);
  return c;
}

function setLimit(s: CaseState, c: Clock, limitMinutes: number): void {
  const { basis } = limitsOf(s.facts.itemCode);
  const start = Date.parse(c.startedAt);
  c.limitMinutes = limitMinutes;
  c.deadlineAt = new Date(addClockMinutes(start, limitMinutes, basis)).toISOString();
  c.warnAt = new Date(addClockMinutes(start, limitMinutes * WARNING_SHARE, basis)).toISOString();
}

/** Stops the running clocks (all, or those `which` picks). */
function endClocks(s: CaseState, at: string, which: (c: Clock) => boolean = () => true): void {
  for (const c of s.clocks) if (c.endedAt === null && which(c)) c.endedAt = at;
}

function addTask(s: CaseState, step: CaseStep, role: Task['role'], assignee: Assignee, limitMinutes: number): Task {
  const no = s.tasks.length + 1;
  const clock = startClock(s, 'handle', holderOf(assignee), step, limitMinutes, no);
  const t: Task = {
    no,
    role,
    assignee: { ...assignee },
    state: 'assigned',
    assignedAt: step.at,
    limitMinutes,
    clockKey: clock.key,
    pendingExtension: null,
  };
  s.tasks.push(t);
  return t;
}

function closeTask(s: CaseState, t: Task, state: Task['state'], at: string): void {
  t.state = state;
  t.pendingExtension = null;
  endClocks(s, at, (c) => c.key === t.clockKey);
  t.clockKey = null;
}

/** The whole dispatch failed (the lead returned it, or it was escalated to the city): the centre dispatches again. */
function backToCentre(s: CaseState, step: CaseStep): void {
  for (const t of s.tasks) if (OPEN_TASK_STATES.includes(t.state)) closeTask(s, t, 'cancelled', step.at);
  s.status = 'filed';
  startClock(s, 'dispatch', CENTRE, step, stageLimit(s, 'dispatch'));
}

function restartClocks(s: CaseState, step: CaseStep): void {
  switch (s.status) {
    case 'reported':
      startClock(s, 'file', CENTRE, step, stageLimit(s, 'file'));
      break;
    case 'filed':
      startClock(s, 'dispatch', CENTRE, step, stageLimit(s, 'dispatch'));
      break;
    case 'dispatched':
    case 'handling':
      for (const t of s.tasks)
        if (OPEN_TASK_STATES.includes(t.state))
          t.clockKey = startClock(s, 'handle', holderOf(t.assignee), step, t.limitMinutes, t.no).key;
      break;
    case 'feedback':
      startClock(s, 'verify', verifierOf(s.facts), step, stageLimit(s, 'verify'));
      break;
    default:
      break;
  }
}

function taskOf(s: CaseState, step: CaseStep): Task {
  const no = step.detail && 'task' in step.detail ? step.detail.task : undefined;
  const t = s.tasks.find((x) => x.no === no);
  if (!t) throw new Error(`case ${s.facts.id}: step ${step.seq} (${step.action}) names no task of the case`);
  return t;
}

function lastLead(s: CaseState): Task | undefined {
  return [...s.tasks].reverse().find((t) => t.role === 'lead' && t.state === 'done');
}

function hoursOf(step: CaseStep): number {
  const d = step.detail;
  return d && 'hours' in d && typeof d.hours === 'number' ? d.hours : 0;
}
