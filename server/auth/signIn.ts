// Signing in and out: password check, second factor, lock-out, session creation, and the audit trail
// of each attempt.
import type { Principal } from '../domain/access';
import { appendAudit } from '../store/audit';
import type { Db } from '../store/db';
import { createSession, deleteSession } from '../store/sessions';
import { findUserByUsername, recordFailedSignIn, recordSuccessfulSignIn } from '../store/users';
import { DECOY_HASH, verifyPassword } from './passwords';
import { lockAfterFailure, sessionLifetimeMs } from './policy';
import { checkSecondFactor, type FactorInput, NO_SECOND_FACTOR, type SecondFactorConfig } from './secondFactor';
import { hashToken, newSessionToken } from './tokens';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

export type SignInResult =
  | {
      ok: true;
      principal: Principal;
      token: string;
      expiresAt: string;
      mustChangePassword: boolean;
      totpEnabled: boolean;
      /** Signed in with a recovery code: how many are left. */
      recoveryCodesLeft?: number;
    }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: string }
  /** The password is right, and the account has a second factor: no session until a code comes with it. */
  | { ok: false; reason: 'totp_required' }
  | { ok: false; reason: 'totp_invalid' }
  /** The account's TOTP seed cannot be opened (no key file, or another one): a recovery code still works. */
  | { ok: false; reason: 'totp_unavailable' };

/**
 * Signs `username` in. An account with a confirmed second factor also needs `factor` (a TOTP code or a
 * recovery code); a wrong one counts towards the lock-out like a wrong password. Failures are only
 * forgiven by a complete sign-in, so a right password without its code resets nothing.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  client: Client,
  now: Date,
  factor: FactorInput = {},
  secondFactor: SecondFactorConfig = NO_SECOND_FACTOR,
): Promise<SignInResult> {
  const user = await findUserByUsername(db, username);
  const audit = (action: 'sign-in' | 'sign-in-failed', reason: string | null) =>
    appendAudit(db, {
      at: now.toISOString(),
      actorId: user?.userId ?? null,
      actor: username.slice(0, 64),
      role: user?.role ?? null,
      action,
      targetType: null,
      targetId: null,
      reason,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 200) ?? null,
      outcome: action === 'sign-in' ? 'ok' : 'denied',
    });

  if (user?.lockedUntil && new Date(user.lockedUntil) > now) {
    await audit('sign-in-failed', 'account locked');
    return { ok: false, reason: 'locked', until: new Date(user.lockedUntil).toISOString() };
  }
  // Verify even for unknown users, so response time does not reveal which usernames exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !valid || user.disabled) {
    if (user && !user.disabled) {
      const lock = lockAfterFailure(user.failedAttempts, now);
      await recordFailedSignIn(db, user.userId, lock);
      await audit('sign-in-failed', lock ? 'wrong password; account locked' : 'wrong password');
      if (lock) return { ok: false, reason: 'locked', until: lock };
    } else {
      await audit('sign-in-failed', user ? 'account disabled' : 'unknown user');
    }
    return { ok: false, reason: 'invalid' };
  }

  let recoveryCodesLeft: number | undefined;
  if (user.totpEnabled) {
    const check = await checkSecondFactor(db, secondFactor, user.userId, factor, now);
    if (!check.ok) {
      if (check.why === 'missing') {
        await audit('sign-in-failed', 'password right; second factor required');
        return { ok: false, reason: 'totp_required' };
      }
      if (check.why === 'unavailable') {
        await audit('sign-in-failed', 'second factor cannot be checked (TOTP key)');
        return { ok: false, reason: 'totp_unavailable' };
      }
      const lock = lockAfterFailure(user.failedAttempts, now);
      await recordFailedSignIn(db, user.userId, lock);
      const what = check.why === 'replayed' ? 'second factor code used already' : 'wrong second factor';
      await audit('sign-in-failed', lock ? `${what}; account locked` : what);
      return lock ? { ok: false, reason: 'locked', until: lock } : { ok: false, reason: 'totp_invalid' };
    }
    if (check.via === 'recovery-code') recoveryCodesLeft = check.left;
  }

  // Nothing to forgive on most sign-ins: no write on the single writer then.
  if (user.failedAttempts || user.lockedUntil) await recordSuccessfulSignIn(db, user.userId);
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs(user.role)).toISOString();
  await createSession(db, {
    tokenHash: hashToken(token),
    userId: user.userId,
    createdAt: now.toISOString(),
    expiresAt,
    ...client,
  });
  await audit(
    'sign-in',
    recoveryCodesLeft !== undefined
      ? `with a recovery code (${recoveryCodesLeft} left)`
      : user.totpEnabled
        ? 'with a second factor'
        : null,
  );
  const {
    passwordHash: _h,
    failedAttempts: _f,
    lockedUntil: _l,
    disabled: _d,
    mustChangePassword,
    totpEnabled,
    ...principal
  } = user;
  return {
    ok: true,
    principal,
    token,
    expiresAt,
    mustChangePassword,
    totpEnabled,
    ...(recoveryCodesLeft !== undefined && { recoveryCodesLeft }),
  };
}

export async function signOut(db: Db, token: string, principal: Principal, client: Client, now: Date): Promise<void> {
  await deleteSession(db, hashToken(token));
  await appendAudit(db, {
    at: now.toISOString(),
    actorId: principal.userId,
    actor: principal.username,
    role: principal.role,
    action: 'sign-out',
    targetType: null,
    targetId: null,
    reason: null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 200) ?? null,
    outcome: 'ok',
  });
}
