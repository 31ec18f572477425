// Secrets the server must read back (users' TOTP seeds), sealed with AES-256-GCM under one server key
// that lives in a file beside the database (mode 0600), not in it: a copy of the DuckDB file, a backup
// or a query alone reveals no seed. Each sealed value is bound to its owner (GCM's associated data), so
// a value copied onto another user's row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

/**
 * The key in `path` (base64, 32 bytes), created with mode 0600 when there is none. A key file that
 * others may read, or that is not a key, is refused with an error naming it.
 */
export function loadOrCreateKey(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077)
    throw new Error(`${path}: the TOTP key file is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${path}: not a TOTP key (expected ${KEY_BYTES} bytes, base64)`);
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to `owner`. */
export function seal(key: Buffer, plaintext: string, owner: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plaintext of `sealed`, or null when it was not sealed with `key` for `owner`, or was altered. */
export function unseal(key: Buffer, sealed: string, owner: string): string | null {
  const [version, iv, tag, body, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
