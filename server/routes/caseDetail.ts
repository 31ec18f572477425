// What the case routes share: the principal as the machine's actor, a refusal as its HTTP error, and
// the dossier (案卷) of one case: the event, its timeline with roles, its tasks, its deductions, and the
// actions the caller may take now.
import type { Principal, Scope } from '../domain/access';
import type { LiveEvent } from '../domain/live';
import { actorName } from '../domain/staffAccounts';
import { checkAllowed, type Refusal } from '../domain/workflow/decide';
import { taskViews } from '../domain/workflow/projection';
import { type Actor, CASE_ACTIONS, type CaseAction } from '../domain/workflow/states';
import { ApiError } from '../http/errors';
import { caseDeductions, loadCase } from '../store/cases';
import type { Db } from '../store/db';
import { getEvent } from '../store/events';
import { casePhotos, photoExists } from '../store/photos';

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
  const [event, found, deductions, photos] = await Promise.all([
    getEvent(db, scope, id, now),
    loadCase(db, scope, id),
    caseDeductions(db, id),
    casePhotos(db, id),
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
    photos,
    actions: CASE_ACTIONS.filter((a) => a !== 'report' && checkAllowed(state, a, actor) === null),
  };
}

/** The photos a body names, each checked to have been uploaded (400 naming the one missing). */
export function checkPhotos(dir: string | undefined, photos: readonly string[] | undefined): string[] {
  if (!photos?.length) return [];
  if (!dir) throw new ApiError(503, 'photos_off', 'This server keeps no photos.');
  photos.forEach((id, i) => {
    if (!photoExists(dir, id))
      throw new ApiError(
        400,
        'unknown_photo',
        `photos.${i}: no uploaded photo ${id}; upload it first (POST /api/photos).`,
        [{ field: `photos.${i}`, message: 'no such uploaded photo' }],
      );
  });
  if (new Set(photos).size !== photos.length)
    throw new ApiError(400, 'duplicate_photo', 'photos: the same photo is named twice.', [
      { field: 'photos', message: 'named twice' },
    ]);
  return [...photos];
}

/** The case as the live stream announces it after `action` (GET /api/live, `event`). */
export function liveCaseOf(d: Awaited<ReturnType<typeof caseDetail>>, action: CaseAction): LiveEvent {
  return {
    id: d.id,
    code: d.code,
    itemCode: d.itemCode,
    source: d.source,
    gridId: d.gridId,
    position: d.position,
    reportedAt: d.reportedAt,
    deadlineAt: d.deadlineAt,
    departmentId: d.departmentId,
    status: d.status,
    ...(d.closedAt ? { closedAt: d.closedAt } : {}),
    description: d.description,
    action,
    holders: d.holders,
    taskDepartments: [...new Set(d.tasks.filter((t) => t.assignee.kind === 'department').map((t) => t.assignee.id))],
  };
}
