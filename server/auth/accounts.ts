// Account administration: create, change, disable, enable, reset, import, and a user's own password
// change. Every change ends the account's open sessions where it must and lands in the audit log with
// before and after (never a password or hash). One-time passwords are returned to the caller once.

import type { Principal, Role } from '../domain/access';
import { displayNameError, type FieldError, lockoutRefusal, scopeErrors, usernameError } from '../domain/accounts';
import type { AuditAction } from '../domain/audit';
import { checkPassword } from '../domain/passwordPolicy';
import { appendAudit } from '../store/audit';
import type { Db } from '../store/db';
import {
  countActiveAdmins,
  createUsers,
  departmentExists,
  existingUsernames,
  findUserById,
  type NewUser,
  nextUserIds,
  type UserRecord,
  unitLevel,
  updateUser,
} from '../store/users';
import { hashPassword, randomPassword, verifyPassword } from './passwords';
import type { Client } from './signIn';
import { hashToken } from './tokens';

/** A refused account change: the HTTP status, a code, and the fields (or CSV lines) at fault. */
export class AccountError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 429 | 503,
    readonly code: string,
    message: string,
    readonly fields: Array<FieldError & { line?: number }> = [],
  ) {
    super(message);
  }
}

/** An account as the API shows it: no hash, no counters. */
export interface AccountView {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  departmentId: string | null;
  lockedUntil: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

export const viewOf = (u: UserRecord): AccountView => ({
  userId: u.userId,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  departmentId: u.departmentId,
  lockedUntil: u.lockedUntil,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  totpEnabled: u.totpEnabled,
});

/** What an audit entry records of an account: who it is and where it works, nothing secret. */
const auditView = (u: AccountView | UserRecord) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  departmentId: u.departmentId,
  disabled: u.disabled,
});

export interface Actor {
  principal: Principal;
  client: Client;
  now: string;
}

async function audit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  targetId: string | null,
  detail: unknown,
  reason: string | null = null,
): Promise<void> {
  await appendAudit(db, {
    at: actor.now,
    actorId: actor.principal.userId,
    actor: actor.principal.username,
    role: actor.principal.role,
    action,
    targetType: 'user',
    targetId,
    reason,
    ip: actor.client.ip,
    userAgent: actor.client.userAgent,
    outcome: 'ok',
    detail: JSON.stringify(detail),
  });
}

async function scopeFacts(db: Db, unitId: string | null, departmentId: string | null) {
  return {
    unitLevel: unitId ? await unitLevel(db, unitId) : undefined,
    departmentExists: departmentId ? await departmentExists(db, departmentId) : false,
  };
}

export interface AccountInput {
  username: string;
  displayName: string;
  role: string;
  unitId?: string | null;
  departmentId?: string | null;
}

/** Every problem with one account's fields (duplicates against the store included). */
async function accountErrors(db: Db, a: AccountInput): Promise<FieldError[]> {
  const unitId = a.unitId || null;
  const departmentId = a.departmentId || null;
  const errors = [usernameError(a.username), displayNameError(a.displayName)].filter((e) => e !== null);
  errors.push(...scopeErrors(a.role, unitId, departmentId, await scopeFacts(db, unitId, departmentId)));
  if (!errors.some((e) => e.field === 'username') && (await existingUsernames(db, [a.username])).has(a.username))
    errors.push({ field: 'username', message: `The username "${a.username}" is taken.` });
  return errors;
}

function invalid(errors: FieldError[]): AccountError {
  return new AccountError(400, 'invalid_account', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

async function newAccount(a: AccountInput, id: string, now: string): Promise<{ user: NewUser; password: string }> {
  const password = randomPassword();
  return {
    password,
    user: {
      id,
      username: a.username,
      displayName: a.displayName.trim(),
      role: a.role as Role,
      unitId: a.unitId || null,
      departmentId: a.departmentId || null,
      passwordHash: await hashPassword(password),
      createdAt: now,
      mustChangePassword: true,
    },
  };
}

export async function createAccount(
  db: Db,
  actor: Actor,
  a: AccountInput,
): Promise<{ user: AccountView; oneTimePassword: string }> {
  const errors = await accountErrors(db, a);
  if (errors.length) throw invalid(errors);
  const [id] = await nextUserIds(db, 1);
  const { user, password } = await newAccount(a, id!, actor.now);
  await createUsers(db, [user]);
  const created = (await findUserById(db, user.id))!;
  await audit(db, actor, 'user-create', user.id, { before: null, after: auditView(created) });
  return { user: viewOf(created), oneTimePassword: password };
}

async function target(db: Db, userId: string): Promise<UserRecord> {
  const u = await findUserById(db, userId);
  if (!u) throw new AccountError(404, 'not_found', `No user ${userId}.`);
  return u;
}

async function refuseLockout(db: Db, actor: Actor, u: UserRecord, change: { disable?: boolean; role?: Role }) {
  const refusal = lockoutRefusal(actor.principal.userId, u, change, await countActiveAdmins(db));
  if (refusal === 'self_lockout')
    throw new AccountError(409, 'self_lockout', 'You cannot disable or demote your own administrator account.');
  if (refusal === 'last_admin')
    throw new AccountError(409, 'last_admin', 'This is the last active administrator; make another one first.');
}

export interface AccountChange {
  displayName?: string;
  role?: string;
  unitId?: string | null;
  departmentId?: string | null;
}

/** Changes name, role or scope; a new role or scope ends the user's sessions. */
export async function changeAccount(db: Db, actor: Actor, userId: string, c: AccountChange): Promise<AccountView> {
  const u = await target(db, userId);
  const role = c.role ?? u.role;
  const unitId = c.unitId !== undefined ? c.unitId || null : u.unitId;
  const departmentId = c.departmentId !== undefined ? c.departmentId || null : u.departmentId;
  const errors: FieldError[] = [];
  if (c.displayName !== undefined) {
    const e = displayNameError(c.displayName);
    if (e) errors.push(e);
  }
  errors.push(...scopeErrors(role, unitId, departmentId, await scopeFacts(db, unitId, departmentId)));
  if (errors.length) throw invalid(errors);
  await refuseLockout(db, actor, u, { role: role as Role });
  const scopeChanged = role !== u.role || unitId !== u.unitId || departmentId !== u.departmentId;
  await updateUser(
    db,
    userId,
    { displayName: c.displayName?.trim(), role: role as Role, unitId, departmentId },
    { revoke: scopeChanged },
  );
  const after = (await findUserById(db, userId))!;
  await audit(db, actor, 'user-update', userId, {
    before: auditView(u),
    after: auditView(after),
    sessionsEnded: scopeChanged,
  });
  return viewOf(after);
}

/** Disables (ending every session) or re-enables an account. */
export async function setDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<AccountView> {
  const u = await target(db, userId);
  if (disabled) await refuseLockout(db, actor, u, { disable: true });
  await updateUser(db, userId, { disabled }, { revoke: disabled });
  const after = (await findUserById(db, userId))!;
  await audit(db, actor, disabled ? 'user-disable' : 'user-enable', userId, {
    before: auditView(u),
    after: auditView(after),
    sessionsEnded: disabled,
  });
  return viewOf(after);
}

/** A new one-time password; the user's sessions end and they must choose a password at next sign-in. */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
): Promise<{ user: AccountView; oneTimePassword: string }> {
  const u = await target(db, userId);
  const password = randomPassword();
  await updateUser(
    db,
    userId,
    { passwordHash: await hashPassword(password), mustChangePassword: true },
    { revoke: true },
  );
  const after = (await findUserById(db, userId))!;
  await audit(db, actor, 'password-reset', userId, {
    before: auditView(u),
    after: auditView(after),
    sessionsEnded: true,
  });
  return { user: viewOf(after), oneTimePassword: password };
}

/** A signed-in user's own password change: the current one, then a new one that meets the policy. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  sessionToken: string,
  current: string,
  next: string,
): Promise<void> {
  const u = await target(db, actor.principal.userId);
  if (!(await verifyPassword(current, u.passwordHash)))
    throw new AccountError(400, 'wrong_password', 'currentPassword: this is not your current password.', [
      { field: 'currentPassword', message: 'Not your current password.' },
    ]);
  const violation = checkPassword(next, u.username);
  if (violation)
    throw new AccountError(400, `weak_password`, `newPassword: ${violation.message}`, [
      { field: 'newPassword', message: `${violation.rule}: ${violation.message}` },
    ]);
  if (current === next)
    throw new AccountError(400, 'weak_password', 'newPassword: choose a password other than the current one.', [
      { field: 'newPassword', message: 'same_as_current: the new password must differ from the current one.' },
    ]);
  await updateUser(
    db,
    u.userId,
    { passwordHash: await hashPassword(next), mustChangePassword: false },
    { revoke: true, keepSessionHash: hashToken(sessionToken) },
  );
  await audit(db, actor, 'password-change', u.userId, { otherSessionsEnded: true, wasOneTime: u.mustChangePassword });
}

/** The columns of an import file, in this order (a header line names them). */
export const IMPORT_COLUMNS = ['username', 'displayName', 'role', 'unitId', 'departmentId'] as const;

/**
 * Creates every account of `rows` (line number and fields), or none: all rows are checked first, and
 * any problem in any row (duplicates within the file included) refuses the whole import.
 */
export async function importAccounts(
  db: Db,
  actor: Actor,
  rows: Array<{ line: number; account: AccountInput }>,
): Promise<Array<{ user: AccountView; oneTimePassword: string }>> {
  const problems: Array<FieldError & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const { line, account } of rows) {
    for (const e of await accountErrors(db, account)) problems.push({ line, ...e });
    const first = seen.get(account.username);
    if (first !== undefined)
      problems.push({ line, field: 'username', message: `"${account.username}" appears already on line ${first}.` });
    else seen.set(account.username, line);
  }
  if (rows.length === 0) problems.push({ line: 1, field: 'file', message: 'The file holds no accounts.' });
  if (problems.length)
    throw new AccountError(
      400,
      'invalid_import',
      `${problems.length} problem(s); nothing was created. ${problems
        .slice(0, 5)
        .map((p) => `line ${p.line}, ${p.field}: ${p.message}`)
        .join('; ')}`,
      problems,
    );
  const ids = await nextUserIds(db, rows.length);
  const made = [];
  for (const [i, { account }] of rows.entries()) made.push(await newAccount(account, ids[i]!, actor.now));
  await createUsers(
    db,
    made.map((m) => m.user),
  );
  const out = [];
  for (const m of made) out.push({ user: viewOf((await findUserById(db, m.user.id))!), oneTimePassword: m.password });
  await audit(db, actor, 'user-import', null, {
    created: out.map((o) => auditView(o.user)),
  });
  return out;
}
