// Reading a timeline back into a case (回放): the steps recorded by the machine carry their action and
// detail; the generated history's steps (and a store migrated from before the workflow) carry only a
// stage, an actor and a note, and are read as the straight run they are: report, file, dispatch to
// the item's department, accept, feedback, a passed verification, evaluation.

import type { Role } from '../access';
import type { EventStage } from '../model';
import { getItem } from '../taxonomy';
import type { CaseCommand } from './decide';
import { evolve, initialState } from './evolve';
import { stageLimitMinutes } from './limits';
import {
  type CaseAction,
  type CaseFacts,
  type CaseState,
  type CaseStep,
  type Rater,
  SATISFACTION_ZH,
  type Satisfaction,
  type StepDetail,
} from './states';

/** A step as stored: the machine's fields may be missing on history. */
export interface StoredStep {
  seq: number;
  stage: EventStage;
  at: string;
  actor: string;
  note: string;
  action?: CaseAction | null;
  role?: Role | 'system' | null;
  detail?: StepDetail | null;
}

/** The action a history step's stage stands for. */
export const ACTION_OF_STAGE: Record<EventStage, CaseAction> = {
  collect: 'report',
  file: 'file',
  dispatch: 'dispatch',
  handle: 'accept',
  feedback: 'feedback',
  verify: 'verify',
  evaluate: 'evaluate',
};

/**
 * The role of a staff account by its id (staffAccounts.ts: S-gw…, S-v-…, S-c-…, S-s-…, S-t-…, S-d…,
 * S-seat…); null for a channel that is no account (resident, camera, sensor:…, hotline-12345).
 */
export function roleOfActorId(id: string): Role | null {
  if (id.startsWith('S-gw')) return 'gridworker';
  if (id.startsWith('S-v-') || id.startsWith('S-c-')) return 'community';
  if (id.startsWith('S-s-') || id.startsWith('S-t-')) return 'subdistrict';
  if (id.startsWith('S-seat')) return 'centre';
  if (/^S-d\d{2}$/.test(id)) return 'department';
  return null;
}

const SATISFACTION_BY_ZH = new Map(
  (Object.entries(SATISFACTION_ZH) as [Satisfaction, string][]).map(([k, zh]) => [zh, k]),
);

/** History's evaluation note (综合评价：满意) as a rating; an overdue case's note carries none. */
export function satisfactionOfNote(note: string): Satisfaction | null {
  const m = /综合评价：(满意|基本满意|不满意)/.exec(note);
  return m ? (SATISFACTION_BY_ZH.get(m[1]!) ?? null) : null;
}

/** A stored step with its action and detail filled in where history left them out. */
export function normaliseStep(step: StoredStep, facts: CaseFacts, departmentId: string): CaseStep {
  const action = step.action ?? ACTION_OF_STAGE[step.stage];
  const role = step.role ?? roleOfActorId(step.actor);
  const base = { seq: step.seq, stage: step.stage, action, at: step.at, actor: step.actor, role, note: step.note };
  if (step.detail) return { ...base, detail: step.detail };
  return { ...base, detail: historyDetail(action, step.note, facts, departmentId) };
}

function historyDetail(action: CaseAction, note: string, facts: CaseFacts, departmentId: string): StepDetail | null {
  switch (action) {
    case 'report':
      return { action: 'report', departmentId };
    case 'dispatch':
      return {
        action: 'dispatch',
        tasks: [
          {
            role: 'lead',
            assignee: { kind: 'department', id: departmentId },
            limitMinutes: stageLimitMinutes(getItem(facts.itemCode), 'handle'),
          },
        ],
      };
    case 'accept':
    case 'feedback':
      return { action, task: 1 };
    case 'verify':
      return { action: 'verify', passed: true };
    case 'evaluate': {
      const satisfaction = satisfactionOfNote(note);
      const ratedBy: Rater | null = satisfaction ? 'resident' : null;
      return { action: 'evaluate', satisfaction, ratedBy };
    }
    default:
      return null;
  }
}

/** The case a timeline describes. `departmentId` is the department the case was reported for. */
export function replay(facts: CaseFacts, steps: readonly StoredStep[], departmentId: string): CaseState {
  const sorted = [...steps].sort((a, b) => a.seq - b.seq);
  const first = sorted[0];
  if (!first) throw new Error(`case ${facts.id} has no steps`);
  let s = initialState(facts, normaliseStep(first, facts, departmentId));
  for (const step of sorted.slice(1)) s = evolve(s, normaliseStep(step, facts, departmentId));
  return s;
}

/**
 * The command a recorded step answers (for replaying a timeline through `decide`, which checks it).
 * Escalation and merge name their target, a dispatch its tasks, as the step's detail resolved them.
 */
export function commandOfStep(step: CaseStep, itemCode: string): CaseCommand {
  const d = step.detail;
  const note = step.note;
  switch (step.action) {
    case 'dispatch': {
      if (d?.action !== 'dispatch') throw new Error(`step ${step.seq}: a dispatch without tasks`);
      const handle = stageLimitMinutes(getItem(itemCode), 'handle');
      const [lead, ...co] = d.tasks.map((t) => ({
        assignee: t.assignee,
        ...(t.limitMinutes === handle ? {} : { hours: t.limitMinutes / 60 }),
      }));
      if (!lead) throw new Error(`step ${step.seq}: a dispatch without a lead`);
      return { action: 'dispatch', lead, co, note };
    }
    case 'reject':
      return { action: 'reject', reason: d?.action === 'reject' ? d.reason : note, note };
    case 'merge':
      return { action: 'merge', into: d?.action === 'merge' ? d.into : '', note };
    case 'return':
      return { action: 'return', reason: note || '退回', note };
    case 'escalate':
      return { action: 'escalate', to: d?.action === 'escalate' && d.to ? d.to : 'centre', note };
    case 'requestExtension':
      return {
        action: 'requestExtension',
        hours: d && 'hours' in d && d.hours ? d.hours : 0,
        reason: note || '延期',
        note,
      };
    case 'approveExtension':
    case 'refuseExtension':
      return { action: step.action, task: d && 'task' in d ? d.task : undefined, note };
    case 'verify':
      return { action: 'verify', passed: d?.action === 'verify' ? d.passed : true, note };
    case 'evaluate':
      // History may carry no rating (an overdue case's note): the machine keeps it as unrated.
      return {
        action: 'evaluate',
        satisfaction: (d?.action === 'evaluate' ? d.satisfaction : null) as Satisfaction,
        ratedBy: (d?.action === 'evaluate' ? d.ratedBy : null) as Rater,
        note,
      };
    case 'shelve':
      return {
        action: 'shelve',
        reason: d?.action === 'shelve' ? d.reason : note,
        supervisor: d?.action === 'shelve' ? d.supervisor : step.actor,
        note,
      };
    case 'report':
      throw new Error('a report opens a case (openCase), it is no command');
    default:
      return { action: step.action, note };
  }
}
