// The case workflow's vocabulary (闭环工作流): where a case stands, what may be done to it, who holds
// which task. Pure data types; the rules are in decide.ts and evolve.ts.
import type { Role } from '../access';
import type { AdminLevel, EventOrigin, EventStage } from '../model';

/**
 * Where a case stands (案件状态). The seven stages' statuses, plus two ends for reports that were
 * never filed: `rejected` (不予立案, invalid) and `merged` (a duplicate merged into an open case).
 * `verified` is 结案: verification passed, the case is closed for the handlers and awaits 评价;
 * `closed` is the loop complete, evaluated.
 */
export const CASE_STATUSES = [
  'reported', // 待立案
  'filed', // 已立案，待派遣
  'dispatched', // 已派遣，待签收
  'handling', // 处置中
  'feedback', // 已反馈，待核查
  'verified', // 核查通过，已结案，待评价
  'closed', // 已评价
  'rejected', // 不予立案
  'merged', // 重复，已合并
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still being worked on (not 结案, not turned away). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'filed', 'dispatched', 'handling', 'feedback'];
export const isOpen = (s: CaseStatus) => OPEN_STATUSES.includes(s);

/** Every action a user (or the platform, for sensor reports) may take on a case. */
export const CASE_ACTIONS = [
  'report', // 上报 (信息收集)
  'file', // 立案
  'reject', // 不予立案
  'merge', // 重复合并
  'dispatch', // 派遣 (one lead, any co-handlers: 街道吹哨、部门报到)
  'accept', // 签收
  'return', // 退回 (not ours)
  'escalate', // 上报上级 (grid → community → subdistrict/town → centre)
  'requestExtension', // 申请延期
  'approveExtension', // 批准延期
  'refuseExtension', // 驳回延期
  'feedback', // 处置反馈
  'verify', // 核查 (passed: 结案; failed: 返工)
  'evaluate', // 评价
  'supervise', // 督办
  'shelve', // 挂账 (long-term, clock stopped)
  'unshelve', // 销账, back to work
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_NAMES: Record<CaseAction, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'Report' },
  file: { zh: '立案', en: 'File' },
  reject: { zh: '不予立案', en: 'Reject' },
  merge: { zh: '合并重复', en: 'Merge duplicate' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  accept: { zh: '签收', en: 'Accept' },
  return: { zh: '退回', en: 'Return' },
  escalate: { zh: '上报上级', en: 'Escalate' },
  requestExtension: { zh: '申请延期', en: 'Request extension' },
  approveExtension: { zh: '批准延期', en: 'Approve extension' },
  refuseExtension: { zh: '驳回延期', en: 'Refuse extension' },
  feedback: { zh: '处置反馈', en: 'Report handled' },
  verify: { zh: '核查', en: 'Verify' },
  evaluate: { zh: '评价', en: 'Evaluate' },
  supervise: { zh: '督办', en: 'Supervise' },
  shelve: { zh: '挂账', en: 'Shelve (long-term)' },
  unshelve: { zh: '销账', en: 'Resume' },
};

/** 满意 / 基本满意 / 不满意. */
export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_ZH: Record<Satisfaction, string> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};
/** Who gave the rating: the resident called back (回访), the reporter, or the centre seat's own assessment. */
export const RATERS = ['resident', 'reporter', 'centre'] as const;
export type Rater = (typeof RATERS)[number];

/** The levels a case can be handled at below the city: a grid, a community or village, a subdistrict or town. */
export type LocalLevel = Exclude<AdminLevel, 'city'>;

/** Who a task goes to: a department (职能部门) or a local unit (网格/社区/村/街道/镇). */
export type Assignee = { kind: 'department'; id: string } | { kind: 'unit'; id: string; level: LocalLevel };

/** A holder of a clock or of "who must act now": 'centre', a department id or a unit id. */
export type HolderKey = string;
export const CENTRE: HolderKey = 'centre';

export const TASK_ROLES = ['lead', 'co'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];
export const TASK_STATES = ['assigned', 'accepted', 'done', 'returned', 'escalated', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const OPEN_TASK_STATES: readonly TaskState[] = ['assigned', 'accepted'];

/** A task (任务) of a dispatch: one lead (主办), any co-handlers (协办), each with its own limit. */
export interface Task {
  no: number;
  role: TaskRole;
  assignee: Assignee;
  state: TaskState;
  assignedAt: string;
  /** The task's limit in clock minutes (the handling stage's, or the dispatcher's), extensions included. */
  limitMinutes: number;
  /** The clock now running for it (see clocks in CaseState). */
  clockKey: string | null;
  pendingExtension: { hours: number; reason: string; requestedBy: string; at: string } | null;
}

/** Who acts: a user (or a channel of the platform: `system`, e.g. a sensor's alarm). */
export interface Actor {
  id: string;
  role: Role | 'system';
  /** The unit a geographically scoped user is bound to (grid, community/village, subdistrict/town). */
  unitId?: string | null;
  departmentId?: string | null;
}

/** What a case is about, fixed at report. `gridPath` lists the unit ids from the city down to the grid. */
export interface CaseFacts {
  id: string;
  itemCode: string;
  source: EventOrigin;
  gridId: string;
  gridPath: readonly string[];
  area: 'urban' | 'village';
  reportedAt: string;
}

/** A running or finished time limit (时限): one per stage entry, one per task. */
export interface Clock {
  /** Unique within the case: `<stage>:<seq of the step that started it>` (tasks: `handle:<seq>:<task no>`). */
  key: string;
  stage: ClockStage;
  holder: HolderKey;
  startedAt: string;
  limitMinutes: number;
  deadlineAt: string;
  /** At 80% of the limit (预警). */
  warnAt: string;
  endedAt: string | null;
}
/** The stages that run against a limit (collect has none: the report is the clock's start). */
export type ClockStage = Exclude<EventStage, 'collect'>;

export interface CaseCounts {
  /** Tasks returned as not the assignee's own (退回): each counts against dispatch accuracy. */
  returns: number;
  /** Failed verifications sent back to handling (返工). */
  reworks: number;
  escalations: number;
  extensions: number;
}

/**
 * What the case adds to the assessment's counts (考核, domain/assessment.ts) beyond its status and
 * times, folded from the timeline so that the store keeps it beside the case (store/assessment.ts).
 */
export interface CaseTally {
  /** Each task dispatched (派遣), its assignee: a summons counts each department; an escalation's task is no dispatch. */
  dispatchedTo: HolderKey[];
  /** Each task returned (退回), its assignee (the one who returned it: only the holder may). */
  returnedBy: HolderKey[];
  /** Verifications (核查), passed or failed (the failed ones: counts.reworks). */
  verifications: number;
}

/** The whole state of a case, as replaying its timeline gives it. */
export interface CaseState {
  facts: CaseFacts;
  status: CaseStatus;
  /** The seq and time of the last step. */
  seq: number;
  updatedAt: string;
  tasks: Task[];
  clocks: Clock[];
  counts: CaseCounts;
  tally: CaseTally;
  /** The department answering for the case: the item's, then the lead department of the last dispatch. */
  departmentId: string;
  closedAt: string | null;
  supervisedBy: string | null;
  /**
   * 领导督办: the last city leader who supervised the case, and when (a supervise step of role
   * `leader`, e.g. a leader day's instruction). Kept when a later 挂账 names another supervisor.
   */
  leaderSupervision: { by: string; at: string } | null;
  longTerm: { reason: string; supervisor: string; since: string } | null;
  mergedInto: string | null;
  rejectedReason: string | null;
  evaluation: { satisfaction: Satisfaction | null; ratedBy: Rater | null } | null;
}

/** A step of the timeline (流转记录): who did what, when, and the action's resolved details. */
export interface CaseStep {
  seq: number;
  stage: EventStage;
  action: CaseAction;
  at: string;
  actor: string;
  role: Role | 'system' | null;
  note: string;
  /** The action's resolved payload (assignees, hours, outcome); null when it has none. */
  detail: StepDetail | null;
}

export type StepDetail =
  | { action: 'report'; departmentId: string }
  | { action: 'merge'; into: string }
  | { action: 'reject'; reason: string }
  | { action: 'dispatch'; tasks: { role: TaskRole; assignee: Assignee; limitMinutes: number }[] }
  | {
      action: 'accept' | 'return' | 'feedback' | 'requestExtension' | 'escalate';
      task: number;
      hours?: number;
      to?: Assignee | 'centre';
    }
  | { action: 'approveExtension' | 'refuseExtension'; task: number; hours: number }
  | { action: 'verify'; passed: boolean }
  | { action: 'evaluate'; satisfaction: Satisfaction | null; ratedBy: Rater | null }
  | { action: 'shelve'; reason: string; supervisor: string };

/** The stage a status belongs to, for a step taken in it (督办, 挂账 and the like). */
export const STAGE_OF_STATUS: Record<CaseStatus, EventStage> = {
  reported: 'collect',
  filed: 'file',
  dispatched: 'dispatch',
  handling: 'handle',
  feedback: 'feedback',
  verified: 'verify',
  closed: 'evaluate',
  rejected: 'file',
  merged: 'file',
};
