// Account administration rules (账号管理): what a user's fields must be, which scope a role takes, and
// which changes an administrator may not make (the last administrator, themselves). Pure.
import { GEOGRAPHIC_ROLES, ROLE_UNIT_LEVELS, ROLES, type Role } from './access';

/** A problem with one field of an account (or of one CSV line). */
export interface FieldError {
  field: string;
  message: string;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** The account fields an administrator sets. */
export interface AccountSpec {
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  departmentId: string | null;
}

/** What the store knows about a scope: the unit's level (undefined: no such unit), whether the department exists. */
export interface ScopeFacts {
  unitLevel: string | undefined;
  departmentExists: boolean;
}

export function usernameError(username: string): FieldError | null {
  return USERNAME_PATTERN.test(username)
    ? null
    : {
        field: 'username',
        message: '3–64 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.',
      };
}

export function displayNameError(displayName: string): FieldError | null {
  const n = displayName.trim().length;
  return n >= 1 && n <= 64 ? null : { field: 'displayName', message: '1–64 characters.' };
}

/** Whether role and scope fit: a geographic role needs a unit of its level, a department user a department, others neither. */
export function scopeErrors(
  role: string,
  unitId: string | null,
  departmentId: string | null,
  facts: ScopeFacts,
): FieldError[] {
  if (!(ROLES as readonly string[]).includes(role))
    return [{ field: 'role', message: `Unknown role "${role}"; one of ${ROLES.join(', ')}.` }];
  const r = role as Role;
  const errors: FieldError[] = [];
  if (GEOGRAPHIC_ROLES.includes(r)) {
    const levels = ROLE_UNIT_LEVELS[r]!;
    if (!unitId) errors.push({ field: 'unitId', message: `A ${r} needs a unit (${levels.join(' or ')}).` });
    else if (facts.unitLevel === undefined) errors.push({ field: 'unitId', message: `Unknown unit "${unitId}".` });
    else if (!levels.includes(facts.unitLevel))
      errors.push({
        field: 'unitId',
        message: `A ${r} is bound to a ${levels.join(' or ')}, not a ${facts.unitLevel} (${unitId}).`,
      });
  } else if (unitId) errors.push({ field: 'unitId', message: `A ${r} has no unit.` });
  if (r === 'department') {
    if (!departmentId) errors.push({ field: 'departmentId', message: 'A department user needs a department.' });
    else if (!facts.departmentExists)
      errors.push({ field: 'departmentId', message: `Unknown department "${departmentId}".` });
  } else if (departmentId) errors.push({ field: 'departmentId', message: `A ${r} has no department.` });
  return errors;
}

/** The refusal code for an administrator's change that would leave the platform without one, or lock them out. */
export type LockoutRefusal = 'self_lockout' | 'last_admin';

/**
 * Whether a change to `target` may go ahead: nobody disables or demotes themselves, and the last active
 * administrator stays one. `activeAdmins` counts enabled admins before the change.
 */
export function lockoutRefusal(
  actorId: string,
  target: { userId: string; role: Role; disabled: boolean },
  change: { disable?: boolean; role?: Role },
  activeAdmins: number,
): LockoutRefusal | null {
  const removesAdmin =
    target.role === 'admin' && !target.disabled && (change.disable === true || (change.role ?? 'admin') !== 'admin');
  if (!removesAdmin) return null;
  if (target.userId === actorId) return 'self_lockout';
  return activeAdmins <= 1 ? 'last_admin' : null;
}
