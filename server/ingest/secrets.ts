// Device and server secrets (设备凭据): scrypt with a per-credential salt, compared in constant time.
// Also the PBKDF2 form mosquitto's password file takes, for the shipped external-broker setup.
import { type BinaryLike, pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { inKdfSlot } from '../auth/kdfSlot';

const scryptAsync = promisify(scrypt) as (password: BinaryLike, salt: BinaryLike, keylen: number) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);
const KEY_LENGTH = 32;

export interface HashedSecret {
  /** hex */
  salt: string;
  /** hex */
  hash: string;
}

/** A new random password: 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function hashSecret(password: string): Promise<HashedSecret> {
  const salt = randomBytes(16);
  const hash = await inKdfSlot(() => scryptAsync(password, salt, KEY_LENGTH));
  return { salt: salt.toString('hex'), hash: hash.toString('hex') };
}

/** True when `password` matches; the comparison takes the same time whether it does or not. */
export async function verifySecret(password: string | Buffer, stored: HashedSecret): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await inKdfSlot(() => scryptAsync(password, Buffer.from(stored.salt, 'hex'), KEY_LENGTH));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A stand-in to hash against for unknown usernames, so they take as long as wrong passwords. */
export const DECOY_SECRET: HashedSecret = { salt: '00'.repeat(16), hash: '00'.repeat(KEY_LENGTH) };

/** One line of a mosquitto 2 password file (`$7$`: PBKDF2-SHA512), as `mosquitto_passwd` writes it. */
export async function mosquittoPasswordLine(username: string, password: string, iterations = 10_000): Promise<string> {
  const salt = randomBytes(12);
  const hash = await inKdfSlot(() => pbkdf2Async(password, salt, iterations, 64, 'sha512'));
  return `${username}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
