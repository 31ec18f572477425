// Users' second factors (双因素认证): the TOTP seed (sealed by the caller; it never reaches SQL in clear),
// whether it is confirmed, the last time step accepted, and the recovery codes' hashes. Each code, step
// or recovery code is taken by one conditional UPDATE on the single writer, so two requests racing
// with the same code cannot both succeed.
import type { Db } from './db';

export interface TotpFactor {
  userId: string;
  /** The seed as sealed by auth/secretBox.ts. */
  sealedSecret: string;
  /** Confirmed with a code; false while enrolment is pending. */
  enabled: boolean;
  /** The last time step accepted (null: none yet). */
  lastStep: number | null;
}

export async function findTotpFactor(db: Db, userId: string): Promise<TotpFactor | undefined> {
  const r = await db.one<{ user_id: string; secret: string; enabled: boolean; last_step: number | null }>(
    'SELECT user_id, secret, enabled, last_step FROM user_totp WHERE user_id = $1',
    [userId],
  );
  return r && { userId: r.user_id, sealedSecret: r.secret, enabled: r.enabled, lastStep: r.last_step };
}

/**
 * Stores a new, unconfirmed seed for `userId` (replacing an unconfirmed one). False, and nothing
 * changed, when the user has a confirmed one.
 */
export async function savePendingTotp(db: Db, userId: string, sealedSecret: string, at: string): Promise<boolean> {
  const saved = await db.write(async (conn) => {
    const updated = await conn.run(
      'UPDATE user_totp SET secret = $2, created_at = $3::TIMESTAMP, last_step = NULL WHERE user_id = $1 AND NOT enabled',
      [userId, sealedSecret, at],
    );
    if (updated.rowsChanged > 0) return true;
    const exists = await conn.runAndReadAll('SELECT 1 FROM user_totp WHERE user_id = $1', [userId]);
    if (exists.currentRowCount > 0) return false;
    await conn.run(
      'INSERT INTO user_totp (user_id, secret, enabled, created_at) VALUES ($1, $2, false, $3::TIMESTAMP)',
      [userId, sealedSecret, at],
    );
    return true;
  });
  db.versions.bump('user_totp');
  return saved;
}

/**
 * Confirms the pending seed (its code was of time step `step`) and stores the recovery codes' hashes,
 * replacing any earlier ones, in one transaction. False when there was no pending seed.
 */
export async function enableTotp(
  db: Db,
  userId: string,
  step: number,
  recoveryCodeHashes: readonly string[],
  at: string,
): Promise<boolean> {
  const enabled = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const r = await conn.run(
        'UPDATE user_totp SET enabled = true, enabled_at = $3::TIMESTAMP, last_step = $2 WHERE user_id = $1 AND NOT enabled',
        [userId, step, at],
      );
      if (r.rowsChanged === 0) {
        await conn.run('ROLLBACK');
        return false;
      }
      await conn.run('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
      for (const hash of recoveryCodeHashes)
        await conn.run(
          'INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3::TIMESTAMP)',
          [userId, hash, at],
        );
      await conn.run('COMMIT');
      return true;
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  });
  db.versions.bump('user_totp', 'user_recovery_codes');
  return enabled;
}

/** Takes time step `step` for a confirmed seed: true once, false when it (or a later one) was taken already. */
export async function acceptTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db.write((conn) =>
    conn.run(
      'UPDATE user_totp SET last_step = $2 WHERE user_id = $1 AND enabled AND (last_step IS NULL OR last_step < $2)',
      [userId, step],
    ),
  );
  db.versions.bump('user_totp');
  return r.rowsChanged > 0;
}

/** Spends the recovery code with hash `codeHash`: the codes left afterwards, or null when it is not an unused one. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string, at: string): Promise<number | null> {
  const left = await db.write(async (conn) => {
    const r = await conn.run(
      'UPDATE user_recovery_codes SET used_at = $3::TIMESTAMP WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
      [userId, codeHash, at],
    );
    if (r.rowsChanged === 0) return null;
    const left = await conn.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return Number(left.getRowObjectsJS()[0]?.n ?? 0);
  });
  db.versions.bump('user_recovery_codes');
  return left;
}

/**
 * Removes the user's seed (pending or confirmed) and recovery codes; with `revokeSessions`, ends their
 * sessions in the same transaction. False when there was nothing to remove.
 */
export async function removeTotp(db: Db, userId: string, options: { revokeSessions: boolean }): Promise<boolean> {
  const removed = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const r = await conn.run('DELETE FROM user_totp WHERE user_id = $1', [userId]);
      await conn.run('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
      if (options.revokeSessions) await conn.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await conn.run('COMMIT');
      return r.rowsChanged > 0;
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  });
  db.versions.bump('user_totp', 'user_recovery_codes', 'sessions');
  return removed;
}
