// What the case routes share: the principal as the machine's actor, a refusal as its HTTP error, and
// the dossier (案卷) of one case: the event, its timeline with roles, its tasks, its deductions, and the
// actions the caller may take now.
import type { Principal, Scope } from '../domain/access';
import { actorName } from '../domain/staffAccounts';
import { checkAllowed, type Refusal } from '../domain/workflow/decide';
import { taskViews } from '../domain/workflow/projection';
import { type Actor, CASE_ACTIONS } from '../domain/workflow/states';
import { ApiError } from '../http/errors';
import { caseDeductions, loadCase } from '../store/cases';
import type { Db } from '../store/db';
import { getEvent } from '../store/events';

export const actorOf = (p: Principal): Actor => ({
  id: p.userId,
  role: p.role,
  unitId: p.unitId,
  departmentId: p.departmentId,
});

const STATUS_OF: Record<Refusal['kind'], 400 | 403 | 409> = { invalid: 400, role: 403, holder: 403, state: 409 };

export function refusalError(r: Refusal): ApiError {
  return new ApiError(
    STATUS_OF[r.kind],
    r.code,
    r.message,
    r.field ? [{ field: r.field, message: r.message }] : undefined,
  );
}

export async function caseDetail(db: Db, scope: Scope, id: string, principal: Principal, now: string) {
  const [event, found, deductions] = await Promise.all([
    getEvent(db, scope, id, now),
    loadCase(db, scope, id),
    caseDeductions(db, id),
  ]);
  if (!event || !found) throw new ApiError(404, 'not_found', 'No such event in your scope.');
  const { state } = found;
  const actor = actorOf(principal);
  const steps = event.steps.map(({ actorRole, ...s }, i) => {
    const replayed = found.steps[i];
    return {
      ...s,
      action: replayed?.action ?? 'report',
      role: replayed?.role ?? actorRole,
      detail: (replayed?.detail ?? null) as Record<string, unknown> | null,
      actorName: actorName(actorRole, s.actorName),
    };
  });
  return {
    ...event,
    steps,
    tasks: taskViews(state),
    counts: state.counts,
    longTerm: state.longTerm,
    mergedInto: state.mergedInto,
    rejectedReason: state.rejectedReason,
    evaluation: state.evaluation,
    deductions,
    actions: CASE_ACTIONS.filter((a) => a !== 'report' && checkAllowed(state, a, actor) === null),
  };
}
