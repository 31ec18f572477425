import { readFileSync } from 'node:fs';

/** A thread's nice value, from /proc (field 19 of its stat line); Linux only. */
export function niceOf(tid: number | 'thread-self'): number {
  const path = tid === 'thread-self' ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`;
  const stat = readFileSync(path, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
