// Signing in and out: password check, lock-out, session creation, and the audit trail of each attempt.
import type { Principal } from '../domain/access';
import { appendAudit } from '../store/audit';
import type { Db } from '../store/db';
import { createSession, deleteSession } from '../store/sessions';
import { findUserByUsername, recordFailedSignIn, recordSuccessfulSignIn } from '../store/users';
import { DECOY_HASH, verifyPassword } from './passwords';
import { LOCKOUT, sessionLifetimeMs } from './policy';
import { hashToken, newSessionToken } from './tokens';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

export type SignInResult =
  | { ok: true; principal: Principal; token: string; expiresAt: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: string };

export async function signIn(
  db: Db,
  username: string,
  password: string,
  client: Client,
  now: Date,
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
      const lock =
        user.failedAttempts + 1 >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMs).toISOString() : null;
      await recordFailedSignIn(db, user.userId, lock);
      await audit('sign-in-failed', lock ? 'wrong password; account locked' : 'wrong password');
      if (lock) return { ok: false, reason: 'locked', until: lock };
    } else {
      await audit('sign-in-failed', user ? 'account disabled' : 'unknown user');
    }
    return { ok: false, reason: 'invalid' };
  }

  await recordSuccessfulSignIn(db, user.userId);
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs(user.role)).toISOString();
  await createSession(db, {
    tokenHash: hashToken(token),
    userId: user.userId,
    createdAt: now.toISOString(),
    expiresAt,
    ...client,
  });
  await audit('sign-in', null);
  const {
    passwordHash: _h,
    failedAttempts: _f,
    lockedUntil: _l,
    disabled: _d,
    mustChangePassword,
    ...principal
  } = user;
  return { ok: true, principal, token, expiresAt, mustChangePassword };
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
