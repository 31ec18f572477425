import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { niceOf, policyOf, SCHED } from '../../tests/helpers/threads';
import { LowPriorityThreads } from './lowPriorityThreads';

describe('low-priority threads', () => {
  const pool = new LowPriorityThreads(2, 10, 'test work');
  afterAll(() => pool.close());

  it('derive what node:crypto derives, scrypt and PBKDF2', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const options = { N: 1024, r: 8, p: 1 };
    expect(await pool.run({ kind: 'scrypt', password: 'pw', salt, keylen: 32, options })).toEqual(
      scryptSync('pw', salt, 32, options),
    );
    expect(
      await pool.run({
        kind: 'pbkdf2',
        password: Buffer.from('pw'),
        salt,
        iterations: 100,
        keylen: 64,
        digest: 'sha512',
      }),
    ).toEqual(pbkdf2Sync('pw', salt, 100, 64, 'sha512'));
  });

  it('compress what zlib decompresses, brotli and gzip, megabytes handed back whole', async () => {
    const json = Buffer.from(JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: i, 名: `网格${i}` }))));
    const br = await pool.run({ kind: 'brotli', data: json, quality: 5, text: true });
    expect(br.length).toBeLessThan(json.length / 4);
    // Buffer.equals: vitest's deep equality walks megabytes element by element
    expect(brotliDecompressSync(br).equals(json)).toBe(true);
    expect(gunzipSync(await pool.run({ kind: 'gzip', data: json, level: 6 })).equals(json)).toBe(true);
    expect(json.length).toBeGreaterThan(1_000_000); // the caller's bytes are copied, not taken
  });

  it('refuse a job node:crypto refuses, with its reason, and go on', async () => {
    const salt = Buffer.alloc(16);
    await expect(
      pool.run({ kind: 'scrypt', password: 'pw', salt, keylen: 32, options: { N: 3, r: 8, p: 1 } }),
    ).rejects.toThrow(/N|power of 2|Invalid/i);
    expect(
      await pool.run({ kind: 'scrypt', password: 'pw', salt, keylen: 16, options: { N: 16, r: 1, p: 1 } }),
    ).toHaveLength(16);
  });

  it.runIf(process.platform === 'linux')(
    'run below the server: their threads at nice +10, the event loop unchanged',
    async () => {
      const salt = Buffer.alloc(16);
      await Promise.all(
        [1, 2].map(() =>
          pool.run({ kind: 'scrypt', password: 'pw', salt, keylen: 16, options: { N: 1024, r: 8, p: 1 } }),
        ),
      );
      expect(pool.threadIds).toHaveLength(2);
      for (const tid of pool.threadIds) {
        expect(niceOf(tid)).toBe(Math.min(19, niceOf('thread-self') + 10));
        expect(policyOf(tid)).toBe(SCHED.OTHER); // lower, but still sharing: not SCHED_IDLE unless asked
      }
    },
  );

  it('closing refuses what was running and what was waiting, and what comes after', async () => {
    const one = new LowPriorityThreads(1, 10, 'test work');
    const salt = Buffer.alloc(16);
    const running = one.run({ kind: 'scrypt', password: 'pw', salt, keylen: 16, options: { N: 65536, r: 8, p: 1 } });
    const waiting = one.run({ kind: 'pbkdf2', password: 'pw', salt, iterations: 10, keylen: 16, digest: 'sha256' });
    const refused = Promise.allSettled([running, waiting]);
    await one.close();
    const [ran, waited] = await refused;
    expect(ran.status === 'rejected' && String(ran.reason)).toMatch(/test work thread exited/);
    expect(waited.status === 'rejected' && String(waited.reason)).toMatch(/test work stopped/);
    await expect(
      one.run({ kind: 'pbkdf2', password: 'pw', salt, iterations: 1, keylen: 16, digest: 'sha256' }),
    ).rejects.toThrow(/stopped/);
  });
});
