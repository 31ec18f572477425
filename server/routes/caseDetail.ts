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
import type { CaseRecord } from '../store/caseRecords';
import { readCaseRecords } from '../store/caseRecords';
import { loadCase } from '../store/cases';
import type { CaseNow } from '../store/caseWriter';
import type { Db } from '../store/db';
import { photoExists } from '../store/photos';

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

/** The dossier of a case as `principal` sees it: its record, and what the machine's state adds. */
export function dossierOf(record: CaseRecord, found: CaseNow, principal: Principal) {
  const { event, deductions, photos } = record;
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

export type CaseDossier = ReturnType<typeof dossierOf>;

/** One case's dossier read from the store; 404 when it is not in the scope. */
export async function caseDetail(db: Db, scope: Scope, id: string, principal: Principal, now: string) {
  const [records, found] = await Promise.all([readCaseRecords(db, scope, [id], now), loadCase(db, scope, id)]);
  const record = records.get(id);
  if (!record || !found) throw new ApiError(404, 'not_found', 'No such event in your scope.');
  return dossierOf(record, found, principal);
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
export function liveCaseOf(d: CaseDossier, action: CaseAction): LiveEvent {
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
    ...(d.leaderSupervisedBy ? { leaderSupervisedBy: d.leaderSupervisedBy } : {}),
  };
}
