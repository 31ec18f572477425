import { readFileSync } from 'node:fs';

/**
 * Field `n` (1-based, as proc(5) numbers them) of a thread's stat line, a thread of this process or
 * of another (a process's pid names its main thread); Linux only.
 */
function statField(tid: number | 'thread-self', n: number): number {
  const path = tid === 'thread-self' ? '/proc/thread-self/stat' : `/proc/${tid}/stat`;
  const stat = readFileSync(path, 'utf8');
  // after "pid (comm) ", the fields from the third on
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[n - 3]);
}

/** A thread's nice value (field 19). */
export const niceOf = (tid: number | 'thread-self'): number => statField(tid, 19);

/** Linux's scheduling policies, as field 41 gives them. */
export const SCHED = { OTHER: 0, IDLE: 5 } as const;

/** A thread's scheduling policy (field 41). */
export const policyOf = (tid: number | 'thread-self'): number => statField(tid, 41);
