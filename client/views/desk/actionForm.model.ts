// The forms of the actions (办理表单): which fields each action asks for, their first values, and the
// request body a filled form makes (or the field at fault). The bulk dispatch's plan: each case to its
// item's department, or all to one chosen. Pure.
import { findItem } from '@domain/taxonomy';
import type { CaseAction, Rater, Satisfaction } from '@domain/workflow/states';
import type { CaseActionRequest } from '../../api/casesApi';

export interface ActionDraft {
  note: string;
  reason: string;
  into: string;
  /** A department id (D02) or a local unit id above the case's grid. */
  lead: string;
  co: readonly string[];
  hours: string;
  passed: '' | 'yes' | 'no';
  satisfaction: '' | Satisfaction;
  ratedBy: '' | Rater;
  supervisor: string;
  /** The task whose extension is decided (its number), when more than one awaits. */
  task: string;
}

export type DraftField = Exclude<keyof ActionDraft, 'note'>;

/** The fields of each action's form beyond the note every action may carry (办理意见). */
export const ACTION_FIELDS: Record<Exclude<CaseAction, 'report'>, readonly DraftField[]> = {
  file: [],
  reject: ['reason'],
  merge: ['into'],
  dispatch: ['lead', 'co', 'hours'],
  accept: [],
  return: ['reason'],
  escalate: [],
  requestExtension: ['hours', 'reason'],
  approveExtension: ['task'],
  refuseExtension: ['task'],
  feedback: [],
  verify: ['passed'],
  evaluate: ['satisfaction', 'ratedBy'],
  supervise: [],
  shelve: ['reason', 'supervisor'],
  unshelve: [],
};

/** The department that answers for an item (the dispatch's first choice), or null for an unknown item. */
export const itemDepartment = (itemCode: string) => findItem(itemCode)?.departmentId ?? null;

/**
 * A form's first values: the dispatch to the item's department, the shelving under the user, the
 * extension decided for the first task awaiting one (`pending`: their numbers).
 */
export function draftFor(
  action: CaseAction,
  ctx: { itemCode: string; userId: string; pending?: readonly number[] },
): ActionDraft {
  return {
    note: '',
    reason: '',
    into: '',
    lead: action === 'dispatch' ? (itemDepartment(ctx.itemCode) ?? '') : '',
    co: [],
    hours: '',
    passed: '',
    satisfaction: '',
    ratedBy: action === 'evaluate' ? 'resident' : '',
    supervisor: action === 'shelve' ? ctx.userId : '',
    task: action === 'approveExtension' || action === 'refuseExtension' ? String(ctx.pending?.[0] ?? '') : '',
  };
}

export type FormProblem = { field: DraftField; problem: 'required' | 'hours' };
export type FormResult = { ok: true; body: CaseActionRequest } | ({ ok: false } & FormProblem);

const MAX_HOURS = 720;

/** Whole hours from 1 to 720, or undefined for a blank; NaN when it is not that. */
function hoursOf(text: string): number | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= MAX_HOURS ? n : Number.NaN;
}

/** The request body of a filled form, or the first field at fault. */
export function requestOf(action: Exclude<CaseAction, 'report'>, d: ActionDraft): FormResult {
  const note = d.note.trim() || undefined;
  const need = (field: DraftField): FormResult => ({ ok: false, field, problem: 'required' });
  const badHours: FormResult = { ok: false, field: 'hours', problem: 'hours' };
  switch (action) {
    case 'reject':
    case 'return':
      return d.reason.trim() ? { ok: true, body: { action, reason: d.reason.trim(), note } } : need('reason');
    case 'merge':
      return d.into.trim() ? { ok: true, body: { action, into: d.into.trim(), note } } : need('into');
    case 'dispatch': {
      if (!d.lead) return need('lead');
      const hours = hoursOf(d.hours);
      if (Number.isNaN(hours)) return badHours;
      const co = d.co.filter((id) => id && id !== d.lead).map((assignee) => ({ assignee, hours }));
      return {
        ok: true,
        body: { action, lead: { assignee: d.lead, hours }, ...(co.length ? { co } : {}), note },
      };
    }
    case 'requestExtension': {
      const hours = hoursOf(d.hours);
      if (hours === undefined) return need('hours');
      if (Number.isNaN(hours)) return badHours;
      return d.reason.trim() ? { ok: true, body: { action, hours, reason: d.reason.trim(), note } } : need('reason');
    }
    case 'verify':
      return d.passed ? { ok: true, body: { action, passed: d.passed === 'yes', note } } : need('passed');
    case 'evaluate':
      if (!d.satisfaction) return need('satisfaction');
      if (!d.ratedBy) return need('ratedBy');
      return { ok: true, body: { action, satisfaction: d.satisfaction, ratedBy: d.ratedBy, note } };
    case 'shelve':
      if (!d.reason.trim()) return need('reason');
      if (!d.supervisor.trim()) return need('supervisor');
      return { ok: true, body: { action, reason: d.reason.trim(), supervisor: d.supervisor.trim(), note } };
    case 'approveExtension':
    case 'refuseExtension':
      return { ok: true, body: { action, ...(d.task ? { task: Number(d.task) } : {}), note } };
    default:
      return { ok: true, body: { action, note } };
  }
}

/** One case of a bulk dispatch: where it goes (null: its item has no department to go to). */
export interface BulkDispatchStep {
  id: string;
  code: string;
  lead: string | null;
}

/** The bulk dispatch (批量派遣): each case to its item's department, or every one to `to`. */
export function bulkDispatchPlan(
  cases: ReadonlyArray<{ id: string; code: string; itemCode: string }>,
  to: string,
): BulkDispatchStep[] {
  return cases.map((c) => ({ id: c.id, code: c.code, lead: to || itemDepartment(c.itemCode) }));
}
