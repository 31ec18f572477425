// Two factors for the powerful (双因素认证): enrolment (a seed, confirmed by a code, answered with
// recovery codes once), the check at sign-in (a TOTP code, each time step once, or a recovery code,
// each once), turning it off (password and code; refused where the role must have one), and an
// administrator's reset. Which roles must have one is configuration (TOTP_REQUIRED_ROLES); sessions of
// such a role without one may only enrol (server/http/access.ts). No seed, code or recovery code is
// ever logged or audited: the seed is answered once by `beginEnrolment`, the recovery codes once by
// `confirmEnrolment`.
import type { Role } from '../domain/access';
import type { AuditAction } from '../domain/audit';
import { appendAudit } from '../store/audit';
import type { Db } from '../store/db';
import {
  acceptTotpStep,
  enableTotp,
  findTotpFactor,
  removeTotp,
  savePendingTotp,
  spendRecoveryCode,
} from '../store/totp';
import { findUserById, recordFailedSignIn } from '../store/users';
import { AccountError, type AccountView, type Actor, viewOf } from './accounts';
import { verifyPassword } from './passwords';
import { lockAfterFailure } from './policy';
import { seal, unseal } from './secretBox';
import { hashToken } from './tokens';
import {
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  TOTP_ISSUER,
  TOTP_PARAMS,
  type TotpParams,
  totpStep,
} from './totp';

export interface SecondFactorConfig {
  /** The key seeds are sealed with (secretBox.ts); null: none, so nobody can enrol and a TOTP code cannot be checked. */
  key: Buffer | null;
  /** Roles that must have a second factor. */
  requiredRoles: readonly Role[];
}

/** No key and nobody required: what an app built without configuration (most tests) runs with. */
export const NO_SECOND_FACTOR: SecondFactorConfig = { key: null, requiredRoles: [] };

export function totpRequired(config: SecondFactorConfig, role: Role): boolean {
  return config.requiredRoles.includes(role);
}

/** What comes with a password where a second factor is needed: a code of the app, or a recovery code. */
export interface FactorInput {
  totp?: string;
  recoveryCode?: string;
}

export type FactorCheck =
  | { ok: true; via: 'totp' }
  | { ok: true; via: 'recovery-code'; left: number }
  | { ok: false; why: 'missing' | 'wrong' | 'replayed' | 'unavailable' };

/**
 * Checks the second factor `input` of a user who has one confirmed, at `at`; a good code's time step,
 * or a good recovery code, is used up by this check. A recovery code is checked when given (it needs
 * no key: it still works when the key file is lost).
 */
export async function checkSecondFactor(
  db: Db,
  config: SecondFactorConfig,
  userId: string,
  input: FactorInput,
  at: Date,
): Promise<FactorCheck> {
  if (input.recoveryCode !== undefined) {
    const code = normaliseRecoveryCode(input.recoveryCode);
    const left = code === null ? null : await spendRecoveryCode(db, userId, hashToken(code), at.toISOString());
    return left === null ? { ok: false, why: 'wrong' } : { ok: true, via: 'recovery-code', left };
  }
  if (input.totp === undefined) return { ok: false, why: 'missing' };
  const factor = await findTotpFactor(db, userId);
  if (!factor?.enabled) return { ok: false, why: 'wrong' };
  const secret = config.key ? unseal(config.key, factor.sealedSecret, userId) : null;
  if (secret === null) {
    // Fail closed, and tell the operator (never the seed): the key file is missing or another one.
    console.error(`[totp] cannot open the TOTP seed of user ${userId}: no key, or not the key it was sealed with`);
    return { ok: false, why: 'unavailable' };
  }
  const step = totpStep(secret, input.totp, at.getTime());
  if (step === null) return { ok: false, why: 'wrong' };
  return (await acceptTotpStep(db, userId, step)) ? { ok: true, via: 'totp' } : { ok: false, why: 'replayed' };
}

async function audit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  targetId: string,
  outcome: 'ok' | 'denied',
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
    outcome,
    detail: JSON.stringify(detail),
  });
}

function keyOf(config: SecondFactorConfig): Buffer {
  if (!config.key)
    throw new AccountError(503, 'totp_unavailable', 'Second factors are not configured on this server (no key file).');
  return config.key;
}

const invalidCode = (field: string) =>
  new AccountError(400, 'totp_invalid', `${field}: wrong or already used code.`, [
    { field, message: 'Wrong or already used; check the authenticator app and its clock.' },
  ]);

/** What the authenticator app needs, answered once at set-up. */
export interface TotpEnrolment extends TotpParams {
  /** The seed, base32 (for typing in by hand). */
  secret: string;
  /** The otpauth:// URI (for a QR code). */
  uri: string;
  issuer: string;
}

/**
 * A new seed for the signed-in user, pending until a code confirms it (a new set-up replaces a pending
 * one). Refused when the user has a confirmed second factor already.
 */
export async function beginEnrolment(db: Db, config: SecondFactorConfig, actor: Actor): Promise<TotpEnrolment> {
  const key = keyOf(config);
  const { userId, username } = actor.principal;
  const secret = newTotpSecret();
  if (!(await savePendingTotp(db, userId, seal(key, secret, userId), actor.now)))
    throw new AccountError(
      409,
      'totp_already_enabled',
      'You have a second factor already; turn it off first (POST /api/auth/totp/disable).',
    );
  await audit(db, actor, 'totp-setup', userId, 'ok', { pending: true });
  return { secret, uri: otpauthUri(secret, username), issuer: TOTP_ISSUER, ...TOTP_PARAMS };
}

/** Confirms the pending seed with a current code; answers the recovery codes, once. */
export async function confirmEnrolment(
  db: Db,
  config: SecondFactorConfig,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const key = keyOf(config);
  const { userId } = actor.principal;
  const factor = await findTotpFactor(db, userId);
  const already = () => new AccountError(409, 'totp_already_enabled', 'Your second factor is confirmed already.');
  if (factor?.enabled) throw already();
  const secret = factor ? unseal(key, factor.sealedSecret, userId) : null;
  if (secret === null)
    throw new AccountError(409, 'totp_not_set_up', 'Nothing to confirm: start with POST /api/auth/totp/setup.');
  const step = totpStep(secret, code, Date.parse(actor.now));
  if (step === null) throw invalidCode('code');
  const recoveryCodes = newRecoveryCodes();
  const hashes = recoveryCodes.map((c) => hashToken(normaliseRecoveryCode(c)!));
  if (!(await enableTotp(db, userId, step, hashes, actor.now))) throw already();
  await audit(db, actor, 'totp-enable', userId, 'ok', {
    before: { totpEnabled: false },
    after: { totpEnabled: true },
    recoveryCodes: recoveryCodes.length,
  });
  return { recoveryCodes };
}

/**
 * Turns the signed-in user's second factor off: their password and a code (or a recovery code), both
 * right. A wrong one counts towards the account's lock-out as at sign-in. Refused for a role that must
 * have one.
 */
export async function disableOwn(
  db: Db,
  config: SecondFactorConfig,
  actor: Actor,
  currentPassword: string,
  input: FactorInput,
): Promise<void> {
  const user = await findUserById(db, actor.principal.userId);
  if (!user) throw new AccountError(404, 'not_found', 'No such user.');
  if (totpRequired(config, user.role))
    throw new AccountError(
      409,
      'totp_mandatory',
      `The role ${user.role} must have a second factor here; an administrator can reset it if the app is lost.`,
    );
  if (!user.totpEnabled) throw new AccountError(409, 'totp_not_enabled', 'You have no second factor to turn off.');
  const at = new Date(actor.now);
  if (user.lockedUntil && new Date(user.lockedUntil) > at)
    throw new AccountError(429, 'locked', `Too many wrong attempts: this account is locked until ${user.lockedUntil}.`);
  if (input.totp === undefined && input.recoveryCode === undefined)
    throw new AccountError(400, 'totp_required', 'totp: give a code of the authenticator app (or a recoveryCode).', [
      { field: 'totp', message: 'Required (or recoveryCode).' },
    ]);

  const passwordOk = await verifyPassword(currentPassword, user.passwordHash);
  const check = passwordOk ? await checkSecondFactor(db, config, user.userId, input, at) : null;
  if (check?.ok) {
    await removeTotp(db, user.userId, { revokeSessions: false });
    await audit(db, actor, 'totp-disable', user.userId, 'ok', {
      before: { totpEnabled: true },
      after: { totpEnabled: false },
      via: check.via,
    });
    return;
  }
  if (check?.why === 'unavailable')
    throw new AccountError(503, 'totp_unavailable', 'The second factor cannot be checked now; use a recovery code.');
  const lock = lockAfterFailure(user.failedAttempts, at);
  await recordFailedSignIn(db, user.userId, lock);
  const what = passwordOk ? 'wrong second factor' : 'wrong password';
  await audit(db, actor, 'totp-disable', user.userId, 'denied', null, lock ? `${what}; account locked` : what);
  if (!passwordOk)
    throw new AccountError(400, 'wrong_password', 'currentPassword: this is not your current password.', [
      { field: 'currentPassword', message: 'Not your current password.' },
    ]);
  throw invalidCode(input.recoveryCode !== undefined ? 'recoveryCode' : 'totp');
}

/**
 * An administrator removes another user's second factor (a lost phone): their seed and recovery codes
 * go, and their sessions end; at the next sign-in the password alone lets them in (and, where their
 * role must have one, only to enrol again). Their own goes through `disableOwn`, with password and code.
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string): Promise<AccountView> {
  const user = await findUserById(db, userId);
  if (!user) throw new AccountError(404, 'not_found', `No user ${userId}.`);
  if (user.userId === actor.principal.userId)
    throw new AccountError(
      409,
      'self_reset',
      'Turn your own second factor off with POST /api/auth/totp/disable (password and code), or ask another administrator.',
    );
  if (!(await removeTotp(db, userId, { revokeSessions: true })))
    throw new AccountError(409, 'totp_not_enabled', `${user.username} has no second factor to reset.`);
  const after = (await findUserById(db, userId))!;
  await audit(db, actor, 'totp-reset', userId, 'ok', {
    username: user.username,
    before: { totpEnabled: user.totpEnabled },
    after: { totpEnabled: after.totpEnabled },
    sessionsEnded: true,
  });
  return viewOf(after);
}
