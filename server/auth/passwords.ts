// Every password a person chooses (users' passwords; and the MQTT passwords of stores from before,
// machineSecrets.ts) is hashed here, one way: scrypt (node:crypto) with a per-secret salt, stored as one self-describing string with its
// parameters, so they can be raised later without invalidating old hashes. Every derivation runs on
// the key-derivation threads (kdfThreads.ts), below the server's priority and off libuv's thread pool.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { kdf, type ScryptParams } from './kdfThreads';

const scrypt = (password: string | Buffer, salt: Buffer, keylen: number, options: ScryptParams) =>
  kdf.run({ kind: 'scrypt', password, salt, keylen, options });

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const STORED = /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,})$/;

/** `scrypt$N$r$p$salt$key`, salt and key base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored` (a string `hashPassword` made); false for a wrong password and
 * for a stored string that is not one. The comparison takes the same time whether it matches or not.
 */
export async function verifyPassword(password: string | Buffer, stored: string): Promise<boolean> {
  if (stored.startsWith(NO_PASSWORD)) {
    // An account without a password: spend the time a real check takes, then refuse whatever was given.
    await verifyPassword(password, DECOY_HASH);
    return false;
  }
  const m = STORED.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const actual = await scrypt(password, Buffer.from(m[4]!, 'base64url'), expected.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024,
  }).catch(() => null);
  return actual !== null && timingSafeEqual(actual, expected);
}

/**
 * A hash of nothing anyone knows, with the parameters of a real one: verified against when the
 * username is unknown, so an unknown user takes as long as a wrong password and timing reveals nothing.
 */
export const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * What an account that has no password yet stores instead of a hash (the staff accounts the dataset
 * implies, until an administrator resets one): no password matches it, and it costs no derivation to
 * store. `verifyPassword` refuses it (after the decoy's delay, so timing does not tell it apart).
 */
export const NO_PASSWORD = '!no-password';

/** A random password for generated accounts: `bytes` random bytes as base64url (12: 16 characters, 96 bits). */
export function randomPassword(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
