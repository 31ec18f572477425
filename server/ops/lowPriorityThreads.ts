// Work that is slow on purpose, or that nobody waits for, on worker threads of its own that run below
// the server's priority: key derivations (scrypt, PBKDF2; auth/kdfThreads.ts) and the background
// recompressions (brotli, gzip; backgroundCompression.ts).
//
// Each thread lowers its own priority (a nice increment, on Linux, where the nice value belongs to a
// thread): the event loop, which answers the screens and takes the sensors' readings, and DuckDB's
// threads go first, and this work takes the CPU left over. It does not touch libuv's thread pool,
// whose four threads run every DuckDB query. docs/adr/0018-key-derivation-threads.md.
import { Worker } from 'node:worker_threads';

export type ThreadJob =
  | { kind: 'scrypt'; password: string | Buffer; salt: Buffer; keylen: number; options: ScryptParams }
  | { kind: 'pbkdf2'; password: string | Buffer; salt: Buffer; iterations: number; keylen: number; digest: string }
  /** Brotli at `quality`, in text mode when `text`. */
  | { kind: 'brotli'; data: Uint8Array; quality: number; text: boolean }
  | { kind: 'gzip'; data: Uint8Array; level: number };

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
const zlib = require('node:zlib');
let tid = null;
try {
  tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  // relative to the server's own nice value (a service may run at one), as nice(1) does
  const os = require('node:os');
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + workerData.nice));
} catch {}
// SCHED_IDLE: run only when a core would otherwise idle (util-linux's chrt; where it is missing, the
// nice value above stands)
if (workerData.idle && tid !== null) {
  try {
    require('node:child_process').execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  } catch {}
}
parentPort.postMessage({ ready: true, tid });
parentPort.on('message', (job) => {
  try {
    const bytes = job.kind === 'scrypt'
      ? scryptSync(job.password, job.salt, job.keylen, job.options)
      : job.kind === 'pbkdf2'
        ? pbkdf2Sync(job.password, job.salt, job.iterations, job.keylen, job.digest)
        : job.kind === 'brotli'
          ? zlib.brotliCompressSync(job.data, { params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: job.quality,
              [zlib.constants.BROTLI_PARAM_MODE]: job.text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: job.data.length,
            } })
          : zlib.gzipSync(job.data, { level: job.level });
    // a result that owns its whole memory is handed over, not copied (a recompressed layer is megabytes)
    parentPort.postMessage({ bytes }, bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : []);
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;

interface Pending {
  job: ThreadJob;
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The OS thread's id once it has started (null where /proc is not there). */
  tid: number | null;
  current: Pending | null;
}

/** A fixed set of low-priority threads and the queue of jobs waiting for one. */
export class LowPriorityThreads {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    /** How much lower than the server the threads run (a nice increment; Linux only). */
    private readonly nice: number,
    private readonly what = 'work',
    /**
     * Lower still: Linux's SCHED_IDLE, under which a thread gets a core only when nothing else wants
     * it. A nice value still shares: a nice-19 thread takes about an eighth of a core from a nice-10
     * one (CFS weights 15 against 110), an idle one about a fortieth (3 against 110).
     */
    private readonly idle = false,
  ) {}

  /** Jobs running now. */
  get activeCount(): number {
    return this.threads.filter((t) => t.current).length;
  }

  /** Jobs waiting for a thread. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** The OS thread ids of the threads started so far (for a test to read their priority). */
  get threadIds(): number[] {
    return this.threads.flatMap((t) => (t.tid === null ? [] : [t.tid]));
  }

  /** The job's bytes (a key, compressed data), or its error. */
  run(job: ThreadJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error(`${this.what} stopped`));
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
    for (const p of this.queue.splice(0)) p.reject(new Error(`${this.what} stopped`));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const idle = this.threads.find((t) => !t.current) ?? (this.threads.length < this.size ? this.start() : null);
      if (!idle) return;
      this.dispatch(idle, this.queue.shift()!);
    }
  }

  private start(): Thread {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { nice: this.nice, idle: this.idle } });
    // An idle thread does not keep the process alive.
    worker.unref();
    const thread: Thread = { worker, tid: null, current: null };
    worker.on('message', (m: { ready?: true; tid?: number | null; bytes?: Uint8Array; error?: string }) => {
      if (m.ready) {
        thread.tid = m.tid ?? null;
        return;
      }
      const done = thread.current;
      thread.current = null;
      thread.worker.unref();
      if (m.bytes) done?.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else done?.reject(new Error(m.error ?? `${this.what} failed`));
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
    worker.on('exit', (code) => died(new Error(`${this.what} thread exited (${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private dispatch(thread: Thread, pending: Pending): void {
    thread.current = pending;
    // while a job runs its thread holds the process open, so a job is never cut off
    thread.worker.ref();
    thread.worker.postMessage(pending.job);
  }
}
