// Platform users (用户) and their sign-in state. Passwords arrive here already hashed.
import type { Principal, Role } from '../domain/access';
import type { Db } from './db';

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  departmentId: string | null;
  passwordHash: string;
  createdAt: string;
  /** A one-time password: the user must choose their own at first sign-in. */
  mustChangePassword?: boolean;
  /** Created disabled (the dataset's staff accounts, until an administrator brings one into use). */
  disabled?: boolean;
}

export interface UserRecord extends Principal {
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  /** A confirmed TOTP second factor (store/totp.ts). */
  totpEnabled: boolean;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  unit_path: string | null;
  department_id: string | null;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: boolean;
  must_change_password: boolean | null;
  totp_enabled: boolean;
}

export const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, a.path AS unit_path, u.department_id, u.password_hash,
         u.failed_attempts, u.locked_until, u.disabled, u.must_change_password, coalesce(t.enabled, false) AS totp_enabled
  FROM users u LEFT JOIN admin_units a ON a.id = u.unit_id LEFT JOIN user_totp t ON t.user_id = u.id`;

export function toUserRecord(r: Row): UserRecord {
  return {
    userId: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    unitId: r.unit_id,
    unitPath: r.unit_path,
    departmentId: r.department_id,
    passwordHash: r.password_hash,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password === true,
    totpEnabled: r.totp_enabled === true,
  };
}

/** Rows per INSERT statement: one statement of 200 rows takes about what 30 single-row ones do. */
const INSERT_BATCH = 200;

/** Inserts every user in one transaction: all of them or none. */
export async function createUsers(db: Db, users: readonly NewUser[]): Promise<void> {
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (let start = 0; start < users.length; start += INSERT_BATCH) {
        const batch = users.slice(start, start + INSERT_BATCH);
        const values = batch.map((_, i) => {
          const p = (k: number) => `$${i * 10 + k}`;
          return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::TIMESTAMP, ${p(9)}, ${p(10)})`;
        });
        await conn.run(
          `INSERT INTO users (id, username, display_name, role, unit_id, department_id, password_hash, created_at, must_change_password, disabled)
         VALUES ${values.join(', ')}`,
          batch.flatMap((u) => [
            u.id,
            u.username,
            u.displayName,
            u.role,
            u.unitId,
            u.departmentId,
            u.passwordHash,
            u.createdAt,
            u.mustChangePassword === true,
            u.disabled === true,
          ]),
        );
      }
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  });
  db.versions.bump('users');
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const r = await db.one<Row>(`${USER_SELECT} WHERE u.username = $1`, [username]);
  return r && toUserRecord(r);
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.all<Row>(`${USER_SELECT} ORDER BY u.username`)).map(toUserRecord);
}

/** Counts a failed sign-in; `lockUntil` locks the account until then. */
export async function recordFailedSignIn(db: Db, userId: string, lockUntil: string | null): Promise<void> {
  await db.write((conn) =>
    conn.run(
      `UPDATE users SET failed_attempts = CASE WHEN $2::TIMESTAMP IS NULL THEN failed_attempts + 1 ELSE 0 END, locked_until = $2::TIMESTAMP WHERE id = $1`,
      [userId, lockUntil],
    ),
  );
  db.versions.bump('users');
}

/**
 * Forgives earlier failures. Most sign-ins have none to forgive: then nothing is written and the users'
 * version stays, so fifty staff signing in at 8:30 do not empty the guard's remembered sessions (and
 * queue fifty writes on the single writer) for nothing.
 */
export async function recordSuccessfulSignIn(db: Db, userId: string): Promise<void> {
  const result = await db.write((conn) =>
    conn.run(
      'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND (failed_attempts <> 0 OR locked_until IS NOT NULL)',
      [userId],
    ),
  );
  if (result.rowsChanged) db.versions.bump('users');
}

export async function findUserById(db: Db, userId: string): Promise<UserRecord | undefined> {
  const r = await db.one<Row>(`${USER_SELECT} WHERE u.id = $1`, [userId]);
  return r && toUserRecord(r);
}

/** Which of `usernames` are taken already. */
export async function existingUsernames(db: Db, usernames: readonly string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db.all<{ username: string }>(
    'SELECT username FROM users WHERE list_contains($1::VARCHAR[], username)',
    [`[${usernames.map((u) => JSON.stringify(u)).join(',')}]`],
  );
  return new Set(rows.map((r) => r.username));
}

/** The next free user id (`U` and a serial). */
export async function nextUserIds(db: Db, count: number): Promise<string[]> {
  const r = await db.one<{ n: number | null }>(
    "SELECT max(TRY_CAST(substr(id, 2) AS INTEGER)) AS n FROM users WHERE id LIKE 'U%'",
  );
  const start = (r?.n ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => `U${String(start + i).padStart(3, '0')}`);
}

/** The level of a unit of the admin tree, or undefined when there is no such unit. */
export async function unitLevel(db: Db, unitId: string): Promise<string | undefined> {
  return (await db.one<{ level: string }>('SELECT level FROM admin_units WHERE id = $1', [unitId]))?.level;
}

export async function departmentExists(db: Db, departmentId: string): Promise<boolean> {
  return (await db.one('SELECT 1 AS x FROM departments WHERE id = $1', [departmentId])) !== undefined;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  return (await db.one<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled"))!.n;
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  unitId?: string | null;
  departmentId?: string | null;
  disabled?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

const CHANGE_COLUMNS: Record<keyof UserChange, string> = {
  displayName: 'display_name',
  role: 'role',
  unitId: 'unit_id',
  departmentId: 'department_id',
  disabled: 'disabled',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
};

/**
 * Changes a user and, in the same transaction, ends their sessions: all of them, or all but
 * `keepSessionHash` (the caller's own, when they change their own password). A new password also
 * clears a lock-out.
 */
export async function updateUser(
  db: Db,
  userId: string,
  change: UserChange,
  sessions: { revoke: boolean; keepSessionHash?: string },
): Promise<void> {
  const keys = (Object.keys(change) as (keyof UserChange)[]).filter((k) => change[k] !== undefined);
  const sets = keys.map((k, i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`);
  if (change.passwordHash) sets.push('failed_attempts = 0', 'locked_until = NULL');
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      if (sets.length)
        await conn.run(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, [
          userId,
          ...keys.map((k) => change[k] as string | boolean | null),
        ]);
      if (sessions.revoke)
        await conn.run('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
          userId,
          sessions.keepSessionHash ?? '',
        ]);
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  });
  db.versions.bump('users', 'sessions');
}
