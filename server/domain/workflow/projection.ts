// What the store keeps beside the timeline for its lists (案件投影): the status, who must act now, the
// running deadline and warning, when the deadline checker must look next, who supervises. All of it
// follows from the state; the store writes it in the same transaction as the step. With it, what the
// case adds to the assessment (考核计数), so that a period's assessment sums the cases' columns instead
// of reading their timelines again (store/assessment.ts).
import { clockMinutesBetween } from './clock';
import { currentDeadline, currentWarning, dueDeductions, holdersOf, nextCheckAt } from './deadlines';
import {
  type CaseState,
  type CaseStatus,
  type HolderKey,
  OPEN_TASK_STATES,
  type Satisfaction,
  type Task,
} from './states';

/** A case's share of the assessment's counts; the rest follows from its status, times and deductions. */
export interface CaseAssessment {
  /**
   * How many of the timed stages (file, dispatch, handle, verify, evaluate) the case entered by its
   * status: every report entered filing (1); filed, dispatch (2); dispatched or handling, handling (3);
   * fed back, verification (4); closed (结案), evaluation (5). A stage run late counts as entered too,
   * from the deductions (store/assessment.ts).
   */
  stagesEntered: 1 | 2 | 3 | 4 | 5;
  /** Working minutes from report to closure (结案), on the domain's clock; null while not closed. */
  handlingMinutes: number | null;
  /** Each task dispatched, its assignee; each task returned, its assignee. */
  dispatchedTo: HolderKey[];
  returnedBy: HolderKey[];
  /** Verifications, and of them the failed ones (返工). */
  verifications: number;
  reworks: number;
  /** The evaluation's rating (满意/基本满意/不满意), when it gave one. */
  rating: Satisfaction | null;
}

function stagesEntered(s: CaseState): CaseAssessment['stagesEntered'] {
  if (s.closedAt !== null) return 5;
  switch (s.status) {
    case 'feedback':
    case 'verified':
    case 'closed':
      return 4;
    case 'dispatched':
    case 'handling':
      return 3;
    case 'filed':
      return 2;
    default:
      return 1; // reported, rejected, merged: never filed
  }
}

export function caseAssessmentOf(s: CaseState): CaseAssessment {
  return {
    stagesEntered: stagesEntered(s),
    // Always working time, whatever the item's basis: the indicator compares units on one footing.
    handlingMinutes:
      s.closedAt === null
        ? null
        : clockMinutesBetween(Date.parse(s.facts.reportedAt), Date.parse(s.closedAt), 'working'),
    dispatchedTo: s.tally.dispatchedTo,
    returnedBy: s.tally.returnedBy,
    verifications: s.tally.verifications,
    reworks: s.counts.reworks,
    rating: s.evaluation?.satisfaction ?? null,
  };
}

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
  /** 领导督办: the city leader who supervised the case last, and when; null when none did. */
  leaderSupervisedBy: string | null;
  leaderSupervisedAt: string | null;
  /** Whether any limit of the case has been missed by `now` (the list's `overdue` once nothing runs). */
  late: boolean;
  assessment: CaseAssessment;
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
    leaderSupervisedBy: s.leaderSupervision?.by ?? null,
    leaderSupervisedAt: s.leaderSupervision?.at ?? null,
    late: dueDeductions(s, now).length > 0,
    assessment: caseAssessmentOf(s),
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
