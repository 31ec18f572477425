import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KDF_THREADS, kdf } from '../../server/auth/kdfThreads';
import { mosquittoPasswordLine } from './passwordFile';

describe('mosquittoPasswordLine', () => {
  it('writes what mosquitto_passwd writes: $7$, PBKDF2-SHA512 over a 12-byte salt, base64', async () => {
    const line = await mosquittoPasswordLine('MH-0001', 'secret', 1000);
    const m = /^MH-0001:\$7\$1000\$([A-Za-z0-9+/=]{16})\$([A-Za-z0-9+/=]{88})$/.exec(line);
    expect(m).not.toBeNull();
    const salt = Buffer.from(m![1]!, 'base64');
    expect(salt).toHaveLength(12);
    expect(m![2]).toBe(pbkdf2Sync('secret', salt, 1000, 64, 'sha512').toString('base64'));
    expect(await mosquittoPasswordLine('MH-0001', 'secret', 1000)).not.toBe(line); // a fresh salt
  });

  it('derives on the key-derivation threads, as many lines at a time as there are threads', async () => {
    const lines = Array.from({ length: 3 }, (_, i) => mosquittoPasswordLine(`D${i}`, 'secret'));
    await new Promise((r) => setImmediate(r));
    expect(kdf.activeCount).toBe(KDF_THREADS);
    expect(kdf.pendingCount).toBe(3 - KDF_THREADS);
    expect((await Promise.all(lines)).map((l) => l.split(':')[0])).toEqual(['D0', 'D1', 'D2']);
  });
});
