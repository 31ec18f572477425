// Sign-in policy: session lifetimes and lock-out after repeated failures.
import type { Role } from '../domain/access';

export const SESSION_COOKIE = 'wendu_session';
const HOUR_MS = 3600_000;

/** Sessions slide: each use extends them, up to this idle lifetime. The kiosk runs unattended for weeks. */
export function sessionLifetimeMs(role: Role): number {
  return role === 'screen' ? 30 * 24 * HOUR_MS : 8 * HOUR_MS;
}

export const LOCKOUT = {
  /** Consecutive failures that lock an account. */
  maxFailures: 5,
  lockMs: 15 * 60_000,
} as const;

/**
 * After one more failure (a wrong password, or a wrong second factor), when the account is locked
 * until (ISO), or null while it is not.
 */
export function lockAfterFailure(failedAttempts: number, now: Date): string | null {
  return failedAttempts + 1 >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMs).toISOString() : null;
}

/** Failed sign-ins one client address may make per window, whatever the usernames. */
export const ADDRESS_LIMIT = { attempts: 20, windowMs: 5 * 60_000 } as const;
