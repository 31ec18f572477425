// Key derivation (scrypt, PBKDF2) runs on threads of its own, at a lower priority than the server.
//
// A derivation is tens of milliseconds of one core, made slow on purpose. Run on libuv's thread pool
// (node:crypto's async functions), it used the same four threads that run every DuckDB query: 136
// devices reconnecting at once, or fifty staff signing in at 8:30, would fill the pool and hold the
// next group commit (and so every alarm). So derivations ran one at a time, and a shift's sign-ins
// queued behind each other on one core while the other stood idle.
//
// Here they run on `KDF_THREADS` worker threads (one per core, at most two) that lower their own
// priority (nice +10, on Linux, where the nice value is per thread): the event loop, which answers
// the screens and takes the sensors' readings, and DuckDB's threads go first; sign-ins take the CPU
// left over, which in a sign-in storm is both cores. libuv's pool is no longer touched at all.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** How much lower than the server the derivations run (a nice increment; Linux only). */
export const KDF_NICE = 10;
export const KDF_THREADS = Math.max(1, Math.min(2, availableParallelism()));

export type KdfJob =
  | { kind: 'scrypt'; password: string | Buffer; salt: Buffer; keylen: number; options: ScryptParams }
  | { kind: 'pbkdf2'; password: string | Buffer; salt: Buffer; iterations: number; keylen: number; digest: string };

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  maxmem?: number;
}

// Plain JavaScript run with `eval`, so the same thread starts under tsx, vitest and the bundled build
// (a worker file would need resolving in each). It lowers its own priority: a thread can only be
// named by its id, which only it can read (/proc/thread-self).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync, pbkdf2Sync } = require('node:crypto');
let tid = null;
try {
  tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.nice);
} catch {}
parentPort.postMessage({ ready: true, tid });
parentPort.on('message', (job) => {
  try {
    const key = job.kind === 'scrypt'
      ? scryptSync(job.password, job.salt, job.keylen, job.options)
      : pbkdf2Sync(job.password, job.salt, job.iterations, job.keylen, job.digest);
    parentPort.postMessage({ key });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;

interface Pending {
  job: KdfJob;
  resolve: (key: Buffer) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The OS thread's id once it has started (null where /proc is not there). */
  tid: number | null;
  current: Pending | null;
}

/** A fixed set of derivation threads and the queue of jobs waiting for one. */
export class KdfPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(
    private readonly size = KDF_THREADS,
    private readonly nice = KDF_NICE,
  ) {}

  /** Derivations running now. */
  get activeCount(): number {
    return this.threads.filter((t) => t.current).length;
  }

  /** Derivations waiting for a thread. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** The OS thread ids of the threads started so far (for a test to read their priority). */
  get threadIds(): number[] {
    return this.threads.flatMap((t) => (t.tid === null ? [] : [t.tid]));
  }

  derive(job: KdfJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('key derivation stopped'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Stops the threads, refusing what was running or waiting. A server need not: idle threads do not
   * hold the process open, and a running one only until its job is done.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('key derivation stopped'));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const idle = this.threads.find((t) => !t.current) ?? (this.threads.length < this.size ? this.start() : null);
      if (!idle) return;
      this.run(idle, this.queue.shift()!);
    }
  }

  private start(): Thread {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { nice: this.nice } });
    // An idle derivation thread does not keep the process alive.
    worker.unref();
    const thread: Thread = { worker, tid: null, current: null };
    worker.on('message', (m: { ready?: true; tid?: number | null; key?: Uint8Array; error?: string }) => {
      if (m.ready) {
        thread.tid = m.tid ?? null;
        return;
      }
      const done = thread.current;
      thread.current = null;
      thread.worker.unref();
      if (m.key) done?.resolve(Buffer.from(m.key.buffer, m.key.byteOffset, m.key.byteLength));
      else done?.reject(new Error(m.error ?? 'key derivation failed'));
      this.pump();
    });
    // A thread that dies takes its job with it (refused, not lost in silence); the next job starts another.
    const died = (err: Error) => {
      const i = this.threads.indexOf(thread);
      if (i < 0) return;
      this.threads.splice(i, 1);
      thread.current?.reject(err);
      thread.current = null;
      this.pump();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`key derivation thread exited (${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private run(thread: Thread, pending: Pending): void {
    thread.current = pending;
    // while a job runs its thread holds the process open, so a derivation is never cut off
    thread.worker.ref();
    thread.worker.postMessage(pending.job);
  }
}

/** The process's derivation threads: every password check and hash goes through them. */
export const kdf = new KdfPool();
