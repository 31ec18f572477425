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
}

export interface UserRecord extends Principal {
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
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
}

export const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.role, u.unit_id, a.path AS unit_path, u.department_id, u.password_hash,
         u.failed_attempts, u.locked_until, u.disabled
  FROM users u LEFT JOIN admin_units a ON a.id = u.unit_id`;

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
  };
}

export async function countUsers(db: Db): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(*) AS n FROM users'))!.n;
}

export async function createUsers(db: Db, users: readonly NewUser[]): Promise<void> {
  await db.write(async (conn) => {
    for (const u of users) {
      await conn.run(
        `INSERT INTO users (id, username, display_name, role, unit_id, department_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::TIMESTAMP)`,
        [u.id, u.username, u.displayName, u.role, u.unitId, u.departmentId, u.passwordHash, u.createdAt],
      );
    }
  });
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
}

export async function recordSuccessfulSignIn(db: Db, userId: string): Promise<void> {
  await db.write((conn) =>
    conn.run('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [userId]),
  );
}
