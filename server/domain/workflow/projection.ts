// What the store keeps beside the timeline for its lists (案件投影): the status, who must act now, the
// running deadline and warning, when the deadline checker must look next, who supervises. All of it
// follows from the state; the store writes it in the same transaction as the step.
import { currentDeadline, currentWarning, dueDeductions, holdersOf, nextCheckAt } from './deadlines';
import { type CaseState, type CaseStatus, type HolderKey, OPEN_TASK_STATES, type Task } from './states';

export interface CaseProjection {
  status: CaseStatus;
  departmentId: string;
  closedAt: string | null;
  holders: HolderKey[];
  dueAt: string | null;
  warnAt: string | null;
  /** The next deadline still ahead of `now` (the checker's next look), or null. */
  checkAt: string | null;
  supervisedBy: string | null;
  /** Whether any limit of the case has been missed by `now` (the list's `overdue` once nothing runs). */
  late: boolean;
}

export function projectionOf(s: CaseState, now: string): CaseProjection {
  return {
    status: s.status,
    departmentId: s.departmentId,
    closedAt: s.closedAt,
    holders: holdersOf(s),
    dueAt: currentDeadline(s),
    warnAt: currentWarning(s),
    checkAt: nextCheckAt(s, now),
    supervisedBy: s.supervisedBy,
    late: dueDeductions(s, now).length > 0,
  };
}

/** A task as the API shows it: with the deadline of the clock now running for it (null when none runs). */
export interface TaskView extends Omit<Task, 'clockKey'> {
  deadlineAt: string | null;
  warnAt: string | null;
  open: boolean;
}

export function taskViews(s: CaseState): TaskView[] {
  return s.tasks.map(({ clockKey, ...t }) => {
    const c = s.clocks.find((k) => k.key === clockKey && k.endedAt === null);
    return {
      ...t,
      deadlineAt: c?.deadlineAt ?? null,
      warnAt: c?.warnAt ?? null,
      open: OPEN_TASK_STATES.includes(t.state),
    };
  });
}
