// Time-based one-time passwords (TOTP, RFC 6238, through the `otpauth` library) and the recovery codes
// that stand in for a lost authenticator. Codes are 6 digits, HMAC-SHA-1, 30 s steps: what every
// authenticator app reads from an otpauth:// URI. A code is accepted one step either side of now (clock
// drift); the caller remembers the last step accepted, so each code works once.
import { Secret, TOTP } from 'otpauth';

export interface TotpParams {
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  /** Seconds per time step. */
  period: number;
}

export const TOTP_PARAMS: TotpParams = { algorithm: 'SHA1', digits: 6, period: 30 };
/** The name authenticator apps show above the account. */
export const TOTP_ISSUER = 'Wendu Twin';
/** Steps either side of now a code may come from (one: ±30 s of clock drift). */
const WINDOW = 1;

/** A new seed: 20 random bytes (160 bits, RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (from a QR code) for `account`. */
export function otpauthUri(secret: string, account: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    ...TOTP_PARAMS,
  }).toString();
}

/** The code for `secret` (base32) at `at` (ms since the epoch). */
export function totpCode(secret: string, at: number, params: TotpParams = TOTP_PARAMS): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), ...params, timestamp: at });
}

/** The time step (`floor(seconds / period)`) of `at`. */
export function totpStepOf(at: number, params: TotpParams = TOTP_PARAMS): number {
  return TOTP.counter({ period: params.period, timestamp: at });
}

/**
 * The time step `code` is the code of, within `WINDOW` steps of `at`; null when it is none of them
 * (or not `digits` digits). Whether that step was used already is the caller's to check.
 */
export function totpStep(secret: string, code: string, at: number, params: TotpParams = TOTP_PARAMS): number | null {
  if (code.length !== params.digits || !/^\d+$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    ...params,
    timestamp: at,
    window: WINDOW,
  });
  return delta === null ? null : totpStepOf(at, params) + delta;
}

/** Recovery codes given at enrolment, each good for one sign-in. */
export const RECOVERY_CODE_COUNT = 10;
const BASE32 = /^[A-Z2-7]{16}$/;

/**
 * `count` recovery codes: 80 random bits each, as 16 base32 characters in groups of four
 * (`ABCD-EFGH-IJKL-MNOP`). That many bits cannot be guessed, so a fast hash (SHA-256) stores them.
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => new Secret({ size: 10 }).base32.match(/.{4}/g)!.join('-'));
}

/** A recovery code as typed (any case, with or without dashes and spaces) → its canonical form, or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  return BASE32.test(plain) ? plain : null;
}
