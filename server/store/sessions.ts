// Sign-in sessions. Only a SHA-256 of the session token is stored, so a copy of the database does not
// hand out live sessions.
import type { Db } from './db';
import { toUserRecord, USER_SELECT, type UserRecord } from './users';

/**
 * Moved with every change to the sessions other than a new one: a new session changes nobody's
 * existing one, so the guard's remembered sessions (auth/sessionMemo.ts) outlive a sign-in and are
 * dropped on a sign-out, an extension or a sweep. Not a table: a version of its own beside 'sessions'.
 */
export const SESSIONS_CHANGED = 'sessions.changed';

export interface NewSession {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(db: Db, s: NewSession): Promise<void> {
  await db.write((conn) =>
    conn.run(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip, user_agent) VALUES ($1, $2, $3::TIMESTAMP, $4::TIMESTAMP, $5, $6)',
      [s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.ip, s.userAgent],
    ),
  );
  db.versions.bump('sessions');
}

/** The user of a live session, with the session's expiry. */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<(UserRecord & { expiresAt: string }) | undefined> {
  const r = await db.one<Parameters<typeof toUserRecord>[0] & { expires_at: string }>(
    `SELECT x.*, s.expires_at FROM sessions s JOIN (${USER_SELECT}) x ON x.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2::TIMESTAMP AND NOT x.disabled`,
    [tokenHash, now],
  );
  return r && { ...toUserRecord(r), expiresAt: r.expires_at };
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: string): Promise<void> {
  await db.write((conn) =>
    conn.run('UPDATE sessions SET expires_at = $2::TIMESTAMP WHERE token_hash = $1', [tokenHash, expiresAt]),
  );
  db.versions.bump('sessions', SESSIONS_CHANGED);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.write((conn) => conn.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]));
  db.versions.bump('sessions', SESSIONS_CHANGED);
}

/** Deletes the sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.write((conn) => conn.run('DELETE FROM sessions WHERE expires_at <= $1::TIMESTAMP', [now]));
  if (result.rowsChanged) db.versions.bump('sessions', SESSIONS_CHANGED);
  return result.rowsChanged;
}

/** Sessions not yet expired (a gauge for /metrics). */
export async function countLiveSessions(db: Db, now: string): Promise<number> {
  const r = await db.one<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE expires_at > $1::TIMESTAMP', [now]);
  return r?.n ?? 0;
}
