// Key derivation (scrypt, PBKDF2) on threads of its own, below the server's priority.
//
// A derivation is tens of milliseconds of one core, made slow on purpose. Run on libuv's thread pool
// (node:crypto's async functions), it used the same four threads that run every DuckDB query: 136
// devices reconnecting at once, or fifty staff signing in at 8:30, would fill the pool and hold the
// next group commit (and so every alarm). So derivations ran one at a time, and a shift's sign-ins
// queued behind each other on one core while the other stood idle.
//
// Here they run on `KDF_THREADS` low-priority threads (one per core, at most two, nice +10): sign-ins
// take the CPU the event loop and DuckDB leave, which in a sign-in storm is both cores.
import { availableParallelism } from 'node:os';
import { LowPriorityWorkers } from '../ops/lowPriorityWorkers';

export type { ScryptParams } from '../ops/lowPriorityWorkers';

/** How much lower than the server the derivations run (a nice increment; Linux only). */
export const KDF_NICE = 10;
export const KDF_THREADS = Math.max(1, Math.min(2, availableParallelism()));

/** The process's derivation threads: every password check and hash goes through them. */
export const kdf = new LowPriorityWorkers({ size: KDF_THREADS, nice: KDF_NICE, what: 'key derivation' });
