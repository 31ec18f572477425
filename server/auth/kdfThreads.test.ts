import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KDF_NICE, KDF_THREADS, KdfPool, kdf } from './kdfThreads';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';

/** A thread's nice value, from /proc (field 19 of its stat line). */
function niceOf(tid: number | 'thread-self'): number {
  const path = tid === 'thread-self' ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`;
  const stat = readFileSync(path, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('the key-derivation threads', () => {
  it('run as many derivations at once as there are threads, checks of every kind and hashes alike, and answer each', async () => {
    // users' and devices' passwords are one format: a user's, a device's (as bytes, as MQTT delivers
    // it), the decoy an unknown name is checked against, and a new hash
    const stored = await hashPassword('device-or-user-secret');
    const work = [
      ...Array.from({ length: 6 }, (_, i) => verifyPassword(i % 2 ? 'device-or-user-secret' : 'wrong', stored)),
      verifyPassword(Buffer.from('device-or-user-secret'), stored),
      verifyPassword('anything', DECOY_HASH),
      hashPassword('another').then((h) => h.startsWith('scrypt$')),
      verifyPassword(Buffer.from('wrong'), stored),
    ];
    await new Promise((r) => setImmediate(r));
    expect(kdf.activeCount).toBe(KDF_THREADS);
    expect(kdf.pendingCount).toBe(10 - KDF_THREADS);
    expect(await Promise.all(work)).toEqual([false, true, false, true, false, true, true, false, true, false]);
    expect(kdf.activeCount + kdf.pendingCount).toBe(0);
  });

  describe('a pool of its own', () => {
    const pool = new KdfPool(2, KDF_NICE);
    afterAll(() => pool.close());

    it('derives what node:crypto derives, scrypt and PBKDF2', async () => {
      const salt = Buffer.from('0123456789abcdef');
      const options = { N: 1024, r: 8, p: 1 };
      expect(await pool.derive({ kind: 'scrypt', password: 'pw', salt, keylen: 32, options })).toEqual(
        scryptSync('pw', salt, 32, options),
      );
      expect(
        await pool.derive({
          kind: 'pbkdf2',
          password: Buffer.from('pw'),
          salt,
          iterations: 100,
          keylen: 64,
          digest: 'sha512',
        }),
      ).toEqual(pbkdf2Sync('pw', salt, 100, 64, 'sha512'));
    });

    it('refuses a derivation node:crypto refuses, with its reason, and goes on', async () => {
      const salt = Buffer.alloc(16);
      await expect(
        pool.derive({ kind: 'scrypt', password: 'pw', salt, keylen: 32, options: { N: 3, r: 8, p: 1 } }),
      ).rejects.toThrow(/N|power of 2|Invalid/i);
      expect(
        await pool.derive({ kind: 'scrypt', password: 'pw', salt, keylen: 16, options: { N: 16, r: 1, p: 1 } }),
      ).toHaveLength(16);
    });

    it.runIf(process.platform === 'linux')(
      'runs below the server: its threads at nice +10, the event loop unchanged',
      async () => {
        const salt = Buffer.alloc(16);
        await Promise.all(
          [1, 2].map(() =>
            pool.derive({ kind: 'scrypt', password: 'pw', salt, keylen: 16, options: { N: 1024, r: 8, p: 1 } }),
          ),
        );
        expect(pool.threadIds).toHaveLength(2);
        for (const tid of pool.threadIds) expect(niceOf(tid)).toBe(niceOf('thread-self') + KDF_NICE);
      },
    );

    it('closing refuses what was running and what was waiting, and what comes after', async () => {
      const one = new KdfPool(1, KDF_NICE);
      const salt = Buffer.alloc(16);
      const running = one.derive({
        kind: 'scrypt',
        password: 'pw',
        salt,
        keylen: 16,
        options: { N: 65536, r: 8, p: 1 },
      });
      const waiting = one.derive({
        kind: 'pbkdf2',
        password: 'pw',
        salt,
        iterations: 10,
        keylen: 16,
        digest: 'sha256',
      });
      const refused = Promise.allSettled([running, waiting]);
      await one.close();
      const [ran, waited] = await refused;
      expect(ran.status === 'rejected' && String(ran.reason)).toMatch(/exited/);
      expect(waited.status === 'rejected' && String(waited.reason)).toMatch(/stopped/);
      await expect(
        one.derive({ kind: 'pbkdf2', password: 'pw', salt, iterations: 1, keylen: 16, digest: 'sha256' }),
      ).rejects.toThrow(/stopped/);
    });
  });
});
