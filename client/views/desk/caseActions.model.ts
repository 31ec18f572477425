// Which actions a user may take on a case now (可办理操作), for the dossier's buttons and the bulk
// dispatch: the same rules as the server's machine (server/domain/workflow/decide.ts, checkAllowed) —
// the role's permission for the action, the case's status, holding a task or the place — computed
// from what the dossier shows. The server still decides; a refusal is shown as it says. Pure.
import type { Role } from '@domain/access';
import { roleMay } from '@domain/workflow/permissions';
import {
  CASE_ACTIONS,
  type CaseAction,
  type CaseStatus,
  OPEN_STATUSES,
  OPEN_TASK_STATES,
  type TaskRole,
  type TaskState,
} from '@domain/workflow/states';

export interface Viewer {
  role: Role;
  unitId: string | null;
  departmentId: string | null;
}

/** What the rules read of a case (a dossier has all of it). */
export interface CaseForActions {
  status: CaseStatus;
  longTerm: unknown | null;
  supervisedBy: string | null;
  gridId: string;
  /** The unit ids from the city down to the grid ([] when not known yet: a community may then not verify). */
  gridPath: readonly string[];
  tasks: ReadonlyArray<{
    role: TaskRole;
    assignee: { kind: 'department' | 'unit'; id: string };
    state: TaskState;
    pendingExtension: unknown | null;
  }>;
}

type Task = CaseForActions['tasks'][number];

const IN_HAND: readonly CaseStatus[] = ['dispatched', 'handling'];

/** The viewer's own task (by department or unit) in one of `states`. */
function ownTask(c: CaseForActions, v: Viewer, states: readonly TaskState[]): Task | undefined {
  const key = v.role === 'department' ? v.departmentId : v.unitId;
  if (!key) return undefined;
  return c.tasks.find((t) => t.assignee.id === key && states.includes(t.state));
}

/** 核查: the centre, the grid's worker, or the community or village committee above the grid. */
function mayVerify(c: CaseForActions, v: Viewer): boolean {
  if (v.role === 'centre') return true;
  if (v.role === 'gridworker') return v.unitId === c.gridId;
  if (v.role === 'community') return !!v.unitId && c.gridPath.includes(v.unitId);
  return false;
}

/** Whether the case as it stands lets the viewer take `action` (the payload is the form's to check). */
export function mayTake(v: Viewer, c: CaseForActions, action: CaseAction): boolean {
  if (action === 'report' || !roleMay(v.role, action)) return false;
  if (c.longTerm) return action === 'unshelve' || action === 'supervise';
  switch (action) {
    case 'file':
    case 'reject':
    case 'merge':
      return c.status === 'reported';
    case 'dispatch':
      return c.status === 'filed';
    case 'accept':
    case 'return':
      return IN_HAND.includes(c.status) && !!ownTask(c, v, ['assigned']);
    case 'feedback':
    case 'requestExtension': {
      if (!IN_HAND.includes(c.status)) return false;
      const t = ownTask(c, v, ['accepted']);
      if (!t) return false;
      if (action === 'requestExtension') return !t.pendingExtension;
      // the lead feeds back once every co-handler has
      return t.role !== 'lead' || !c.tasks.some((x) => x.role === 'co' && OPEN_TASK_STATES.includes(x.state));
    }
    case 'escalate': {
      if (!IN_HAND.includes(c.status)) return false;
      const t = ownTask(c, v, ['assigned', 'accepted']);
      return t?.role === 'lead' && t.assignee.kind === 'unit';
    }
    case 'approveExtension':
    case 'refuseExtension':
      return IN_HAND.includes(c.status) && c.tasks.some((t) => t.pendingExtension);
    case 'verify':
      return c.status === 'feedback' && mayVerify(c, v);
    case 'evaluate':
      return c.status === 'verified';
    case 'supervise':
      return OPEN_STATUSES.includes(c.status) && !c.supervisedBy;
    case 'shelve':
      return ['filed', 'dispatched', 'handling', 'feedback'].includes(c.status);
    case 'unshelve':
      return false; // only a shelved case (above)
  }
}

/** The actions the viewer may take now, in the workflow's order. */
export function allowedActions(v: Viewer, c: CaseForActions): CaseAction[] {
  return CASE_ACTIONS.filter((a) => mayTake(v, c, a));
}
