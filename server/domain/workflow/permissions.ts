// Who may take which action (谁能做什么): each action needs a permission of the access table, so the
// roles allowed follow from ROLE_PERMISSIONS and there is one place to change them. Holding the task
// (a department's own, a unit's own) or the place (the grid to verify) is checked by decide.ts.
import { type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '../access';
import { CASE_ACTIONS, type CaseAction } from './states';

export const ACTION_PERMISSION: Record<CaseAction, Permission> = {
  report: 'report',
  file: 'dispatch',
  reject: 'dispatch',
  merge: 'dispatch',
  dispatch: 'dispatch',
  approveExtension: 'dispatch',
  refuseExtension: 'dispatch',
  evaluate: 'dispatch',
  shelve: 'dispatch',
  unshelve: 'dispatch',
  accept: 'handle',
  return: 'handle',
  escalate: 'handle',
  requestExtension: 'handle',
  feedback: 'handle',
  verify: 'verify',
  supervise: 'supervise',
};

/** The permissions that reach the case-actions route (any one of them). */
export const CASE_ACTION_PERMISSIONS: readonly Permission[] = [
  ...new Set(CASE_ACTIONS.filter((a) => a !== 'report').map((a) => ACTION_PERMISSION[a])),
];

/** The roles that may take `action` (the platform's own `system` actor may only report). */
export function rolesFor(action: CaseAction): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(ACTION_PERMISSION[action]));
}

export function roleMay(role: Role | 'system', action: CaseAction): boolean {
  if (role === 'system') return action === 'report';
  return ROLE_PERMISSIONS[role].includes(ACTION_PERMISSION[action]);
}
