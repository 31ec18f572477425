// Sealed secrets open with their key and owner only; the key file is made private and kept so.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKey, seal, unseal } from './secretBox';

const key = randomBytes(32);
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('seal and unseal', () => {
  it('round-trips, with a fresh IV each time, and never holds the plaintext', () => {
    const a = seal(key, SECRET, 'U001');
    const b = seal(key, SECRET, 'U001');
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(SECRET);
    expect(unseal(key, a, 'U001')).toBe(SECRET);
  });

  it('refuses another key, another owner, an altered value or garbage (null, no throw)', () => {
    const sealed = seal(key, SECRET, 'U001');
    const [v, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(unseal(randomBytes(32), sealed, 'U001')).toBeNull();
    expect(unseal(key, sealed, 'U002')).toBeNull();
    expect(unseal(key, [v, iv, tag, flip(body)].join('.'), 'U001')).toBeNull();
    expect(unseal(key, [v, iv, flip(tag), body].join('.'), 'U001')).toBeNull();
    expect(unseal(key, [v, flip(iv), tag, body].join('.'), 'U001')).toBeNull();
    for (const bad of ['', 'v1', 'v2.a.b.c', `${sealed}.x`, SECRET]) expect(unseal(key, bad, 'U001')).toBeNull();
  });
});

describe('loadOrCreateKey', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'wendu-key-'));

  it('creates a 32-byte key readable by its owner only, and reads the same one back', () => {
    const path = join(dir(), 'sub', 'totp.key');
    const first = loadOrCreateKey(path);
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(path).equals(first)).toBe(true);
  });

  it('refuses a key file others may read, and one that is not a key', () => {
    const path = join(dir(), 'totp.key');
    loadOrCreateKey(path);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKey(path)).toThrow(/readable by others.*chmod 600/);
    const short = join(dir(), 'short.key');
    writeFileSync(short, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => loadOrCreateKey(short)).toThrow(/not a TOTP key/);
  });
});
