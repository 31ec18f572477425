// Secrets the platform makes for machines (the MQTT accounts' passwords: 18 random bytes, 144 bits,
// written to the credentials file; nobody chooses them) are stored as a salted SHA-256, not through
// the slow password hash (passwords.ts). Key stretching buys nothing against a secret no one can guess
// from a list: 2^144 tries stay out of reach at any hash speed. It cost 137 scrypt derivations at a first
// start (a fresh store's server start: 17.2 s with them, 1.6 s without) and one per device at every
// reconnection, queued in the one key-derivation slot. Stores from before keep their scrypt hashes,
// which still verify.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from './passwords';

const PREFIX = 'sha256$';
const STORED = /^sha256\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

const digest = (salt: Buffer, secret: string | Buffer) => createHash('sha256').update(salt).update(secret).digest();

/** `sha256$salt$hash`, salt (16 bytes) and hash base64url. */
export function hashMachineSecret(secret: string): string {
  const salt = randomBytes(16);
  return `${PREFIX}${salt.toString('base64url')}$${digest(salt, secret).toString('base64url')}`;
}

/** True when `secret` matches `stored`: a hash made above, or a scrypt hash of a store from before. */
export async function verifyMachineSecret(secret: string | Buffer, stored: string): Promise<boolean> {
  if (!stored.startsWith(PREFIX)) return verifyPassword(secret, stored);
  const m = STORED.exec(stored);
  if (!m) return false;
  return timingSafeEqual(digest(Buffer.from(m[1]!, 'base64url'), secret), Buffer.from(m[2]!, 'base64url'));
}

/** Checked against for an unknown username, so it answers as fast as a known one. */
export const MACHINE_DECOY = `${PREFIX}${'A'.repeat(22)}$${'A'.repeat(43)}`;
