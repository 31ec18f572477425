import { spawnSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { niceOf, policyOf, SCHED } from '../../tests/helpers/threads';
import { LowPriorityWorkers } from './lowPriorityWorkers';

describe('low-priority workers', () => {
  const pool = new LowPriorityWorkers({ size: 2, nice: 10, what: 'test work' });
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
    const one = new LowPriorityWorkers({ size: 1, nice: 10, what: 'test work' });
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

  describe('in a process of their own', () => {
    const procs = new LowPriorityWorkers({ size: 1, nice: 19, what: 'test compression', idle: true, host: 'process' });
    afterAll(() => procs.close());

    it('compress what zlib decompresses, at the lowest priority, megabytes both ways', async () => {
      const json = Buffer.from(JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: i, 名: `网格${i}` }))));
      const br = await procs.run({ kind: 'brotli', data: json.subarray(7), quality: 5, text: true });
      expect(brotliDecompressSync(br).equals(json.subarray(7))).toBe(true); // a view's bytes, not its whole buffer
      expect(gunzipSync(await procs.run({ kind: 'gzip', data: json, level: 6 })).equals(json)).toBe(true);
      expect(procs.threadIds).toHaveLength(1);
      if (process.platform === 'linux') {
        expect(niceOf(procs.threadIds[0]!)).toBe(Math.min(19, niceOf('thread-self') + 19));
        expect(policyOf(procs.threadIds[0]!)).toBe(SCHED.IDLE);
      }
    });

    it('closing kills a running job where it stands', async () => {
      const one = new LowPriorityWorkers({ size: 1, nice: 19, what: 'test compression', host: 'process' });
      const running = one.run({ kind: 'brotli', data: randomBytes(32 << 20), quality: 11, text: false });
      const refused = running.then(
        () => 'compressed',
        (err: Error) => err.message,
      );
      while (one.threadIds.length === 0) await new Promise((r) => setTimeout(r, 20));
      const [pid] = one.threadIds;
      await one.close();
      expect(await refused).toMatch(/test compression process exited \(SIGKILL\)/);
      expect(alive(pid!)).toBe(false);
    });

    // Node joins every worker thread before its process exits, however long the thread's native call;
    // a process is killed. So a server that exits in the middle of a minutes-long compression exits.
    it.runIf(process.platform === 'linux')(
      "does not hold the server's exit, and does not outlive it, even killed",
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'low-priority-'));
        const script = join(dir, 'exits.ts');
        writeFileSync(
          script,
          `import { LowPriorityWorkers } from ${JSON.stringify(join(import.meta.dirname, 'lowPriorityWorkers.ts'))};
const w = new LowPriorityWorkers({ size: 1, nice: 19, what: 'compression', idle: true, host: 'process' });
// a layer's megabytes of JSON at quality 11: seconds of a core, most of it in one native call, which
// on a thread held the exit (8 s with this script; 25 s of a server's stop with the city's layers)
const features = Array.from({ length: 160_000 }, (_, i) => ({ id: 'C' + i, x: Math.random() * 120, y: Math.random() * 30 }));
void w.run({ kind: 'brotli', data: Buffer.from(JSON.stringify(features)), quality: 11, text: true }).then(() => console.log('compressed'));
const wait = setInterval(() => {
  if (w.threadIds.length === 0) return;
  clearInterval(wait);
  console.log(w.threadIds[0]);
  // an orderly exit, or killed (no exit handler runs: the kernel's parent-death signal, setpriv)
  setTimeout(() => (process.argv[2] === 'kill' ? process.kill(process.pid, 'SIGKILL') : process.exit(0)), 300);
}, 20);
`,
        );
        for (const how of ['exit', 'kill']) {
          const ran = spawnSync(process.execPath, ['--import', 'tsx', script, how], {
            encoding: 'utf8',
            timeout: 60_000,
          });
          if (how === 'exit') expect(ran.status, ran.stderr).toBe(0);
          else expect(ran.signal).toBe('SIGKILL');
          expect(ran.stdout).not.toMatch(/compressed/);
          const pid = Number(ran.stdout.trim());
          expect(pid).toBeGreaterThan(0);
          // gone with its server (reaped by init an instant later)
          expect(alive(pid), how).toBe(false);
        }
      },
      90_000,
    );
  });
});

/** Whether process `pid` runs (a zombie waiting to be reaped does not); Linux's /proc, polled a little. */
function alive(pid: number): boolean {
  for (const until = Date.now() + 2000; Date.now() < until; ) {
    const stat = `/proc/${pid}/stat`;
    if (!existsSync(stat)) return false;
    try {
      if (readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z')) return false;
    } catch {
      return false;
    }
    spawnSync('sleep', ['0.05']);
  }
  return true;
}
