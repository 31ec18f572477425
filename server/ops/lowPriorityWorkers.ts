// Work that is slow on purpose, or that nobody waits for, on workers of its own that run below the
// server's priority: key derivations (scrypt, PBKDF2; auth/kdfThreads.ts) on threads, and the
// background recompressions (brotli, gzip; backgroundCompression.ts) in a process of their own.
//
// Each worker lowers its own priority (a nice increment, on Linux, where the nice value belongs to a
// thread): the event loop, which answers the screens and takes the sensors' readings, and DuckDB's
// threads go first, and this work takes the CPU left over. It does not touch libuv's thread pool,
// whose four threads run every DuckDB query. docs/adr/0018-key-derivation-threads.md.
//
// Why a process for the long jobs: a thread cannot be stopped inside a native call, and Node joins
// every worker thread before the process may exit. A quality-11 brotli of the city's buildings layer
// is minutes of an idle core; on a thread, a server told to stop (systemd's restart) closed its port
// at once and then hung until that compression was done (25.6 s after building the components
// layer, measured with kill -TERM), and for the buildings past systemd's TimeoutStopSec. A process is killed where it stands.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export type WorkerJob =
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

// Plain JavaScript run with `eval` (a thread) or `node -e` (a process), so the same worker starts under
// tsx, vitest and the bundled build (a worker file would need resolving in each).
const RUN_JOBS = `
const { scryptSync, pbkdf2Sync } = require('node:crypto');
const zlib = require('node:zlib');
// A thread (a process's main thread: its pid) can only lower itself by its id.
function lowerPriority(tid, { nice, idle }) {
  try {
    // relative to the server's own nice value (a service may run at one), as nice(1) does
    const os = require('node:os');
    os.setPriority(tid, Math.min(19, os.getPriority(tid) + nice));
  } catch {}
  // SCHED_IDLE: run only when a core would otherwise idle (util-linux's chrt; where it is missing, the
  // nice value above stands)
  if (idle) {
    try {
      require('node:child_process').execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
    } catch {}
  }
}
function runJob(job) {
  try {
    return { bytes: job.kind === 'scrypt'
      ? scryptSync(job.password, job.salt, job.keylen, job.options)
      : job.kind === 'pbkdf2'
        ? pbkdf2Sync(job.password, job.salt, job.iterations, job.keylen, job.digest)
        : job.kind === 'brotli'
          ? zlib.brotliCompressSync(job.data, { params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: job.quality,
              [zlib.constants.BROTLI_PARAM_MODE]: job.text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: job.data.length,
            } })
          : zlib.gzipSync(job.data, { level: job.level }) };
  } catch (err) {
    return { error: String(err && err.message || err) };
  }
}
`;

const THREAD_SOURCE = `${RUN_JOBS}
const { parentPort, workerData } = require('node:worker_threads');
let tid = null;
try { tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
if (tid !== null) lowerPriority(tid, workerData);
parentPort.postMessage({ ready: true, tid });
parentPort.on('message', (job) => {
  const done = runJob(job);
  // a result that owns its whole memory is handed over, not copied (a recompressed layer is megabytes)
  const b = done.bytes;
  parentPort.postMessage(done, b && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? [b.buffer] : []);
});
`;

const PROCESS_SOURCE = `${RUN_JOBS}
lowerPriority(process.pid, JSON.parse(process.env.WENDU_WORKER));
process.send({ ready: true, tid: process.pid });
process.on('message', (job) => process.send(runJob(job)));
// the server gone (killed too hard to kill this first): nothing to answer to
process.on('disconnect', () => process.exit(0));
`;

type Reply = { ready?: true; tid?: number | null; bytes?: Uint8Array; error?: string };

/** What the queue needs of a thread or a process. */
interface Host {
  post(job: WorkerJob): void;
  /** Holds the server's process open (while a job runs), or lets it go. */
  hold(held: boolean): void;
  stop(): Promise<void>;
  on(event: 'message', f: (m: Reply) => void): void;
  on(event: 'error', f: (err: Error) => void): void;
  /** Its exit code, or the signal that ended it. */
  on(event: 'exit', f: (how: number | string | null) => void): void;
}

function threadHost(workerData: { nice: number; idle: boolean }): Host {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData });
  return {
    post: (job) => worker.postMessage(job),
    hold: (held) => (held ? worker.ref() : worker.unref()),
    stop: async () => {
      await worker.terminate();
    },
    on: (event: string, f: (x: never) => void) => worker.on(event, f as (...args: unknown[]) => void),
  };
}

/** The worker processes alive, killed when the server's process exits however it exits. */
const children = new Set<ChildProcess>();
let killOnExit = false;

/**
 * util-linux's setpriv, to have the kernel kill the worker when the server's process dies in a way
 * that runs no exit handler (SIGKILL, or a signal's default action): an orphan would otherwise finish
 * its job first, minutes of a core. Null where it is missing.
 */
let setpriv: string | null | undefined;
function setprivPath(): string | null {
  setpriv ??= process.platform === 'linux' ? (['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync) ?? null) : null;
  return setpriv;
}

function processHost(workerData: { nice: number; idle: boolean }): Host {
  // Node without the server's loaders or flags (NODE_OPTIONS may carry tsx's); messages carry
  // Buffers as Buffers (the structured clone, not JSON). No stdio: a worker that outlived the
  // server would hold the pipes of whoever reads the server's output (an error comes back as a
  // message, a crash as the worker's exit).
  const { NODE_OPTIONS: _, ...env } = process.env;
  const node = [process.execPath, '-e', PROCESS_SOURCE];
  const guard = setprivPath();
  const [command, ...args] = guard ? [guard, '--pdeathsig', 'SIGKILL', '--', ...node] : node;
  const child = spawn(command!, args, {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'advanced',
    env: { ...env, WENDU_WORKER: JSON.stringify(workerData) },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!killOnExit) {
    killOnExit = true;
    process.on('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }
  return {
    post: (job) => child.send(job),
    hold: (held) => {
      if (held) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    on: (event: string, f: (x: never) => void) => {
      const g = f as (...args: unknown[]) => void;
      child.on(event, event === 'exit' ? (code: number | null, signal: string | null) => g(code ?? signal) : g);
    },
  };
}

interface Pending {
  job: WorkerJob;
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

interface Runner {
  host: Host;
  /** The OS thread's id once it has started (a process's: its pid; null where /proc is not there). */
  tid: number | null;
  current: Pending | null;
}

export interface LowPriorityWorkerOptions {
  /** How many jobs run at once. */
  size: number;
  /** How much lower than the server the workers run (a nice increment; Linux only). */
  nice: number;
  /** Named in errors: "key derivation stopped". */
  what: string;
  /**
   * Lower still: Linux's SCHED_IDLE, under which a worker gets a core only when nothing else wants
   * it. A nice value still shares: a nice-19 thread takes about an eighth of a core from a nice-10
   * one (CFS weights 15 against 110), an idle one about a fortieth (3 against 110).
   */
  idle?: boolean;
  /**
   * `thread` for jobs of milliseconds (a thread starts and answers sooner); `process` for jobs of
   * seconds or minutes, which must not hold the server's exit (see above).
   */
  host?: 'thread' | 'process';
}

/** A fixed set of low-priority workers and the queue of jobs waiting for one. */
export class LowPriorityWorkers {
  private readonly runners: Runner[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly options: Required<LowPriorityWorkerOptions>;

  constructor(options: LowPriorityWorkerOptions) {
    this.options = { idle: false, host: 'thread', ...options };
  }

  /** Jobs running now. */
  get activeCount(): number {
    return this.runners.filter((t) => t.current).length;
  }

  /** Jobs waiting for a worker. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** The OS thread ids of the workers started so far (for a test to read their priority). */
  get threadIds(): number[] {
    return this.runners.flatMap((t) => (t.tid === null ? [] : [t.tid]));
  }

  /** The job's bytes (a key, compressed data), or its error. */
  run(job: WorkerJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error(`${this.options.what} stopped`));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Stops the workers, refusing what was running or waiting. A server need not: idle workers do not
   * hold the process open, a running thread only until its job is done, and a process is killed
   * with the server's.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error(`${this.options.what} stopped`));
    await Promise.all(this.runners.map((t) => t.host.stop()));
  }

  private pump(): void {
    while (this.queue.length) {
      const idle =
        this.runners.find((t) => !t.current) ?? (this.runners.length < this.options.size ? this.start() : null);
      if (!idle) return;
      this.dispatch(idle, this.queue.shift()!);
    }
  }

  private start(): Runner {
    const { nice, idle, host, what } = this.options;
    const runner: Runner = {
      host: (host === 'process' ? processHost : threadHost)({ nice, idle }),
      tid: null,
      current: null,
    };
    // An idle worker does not keep the process alive.
    runner.host.hold(false);
    runner.host.on('message', (m) => {
      if (m.ready) {
        runner.tid = m.tid ?? null;
        return;
      }
      const done = runner.current;
      runner.current = null;
      runner.host.hold(false);
      if (m.bytes) done?.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else done?.reject(new Error(m.error ?? `${what} failed`));
      this.pump();
    });
    // A worker that dies takes its job with it (refused, not lost in silence); the next job starts another.
    const died = (err: Error) => {
      const i = this.runners.indexOf(runner);
      if (i < 0) return;
      this.runners.splice(i, 1);
      runner.current?.reject(err);
      runner.current = null;
      this.pump();
    };
    runner.host.on('error', died);
    runner.host.on('exit', (how) => died(new Error(`${what} ${host} exited (${how})`)));
    this.runners.push(runner);
    return runner;
  }

  private dispatch(runner: Runner, pending: Pending): void {
    runner.current = pending;
    // while a job runs its worker holds the process open, so a job is never cut off by an idle loop
    runner.host.hold(true);
    runner.host.post(pending.job);
  }
}
