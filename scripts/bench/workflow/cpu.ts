// The CPU a process has used (user + system, all its threads: Node's and DuckDB's), read from /proc.
// Work per request in CPU time moves far less with a shared machine's speed than requests per second.
import { readFileSync } from 'node:fs';

/** USER_HZ: /proc's clock ticks per second (100 on Linux). */
const TICKS_PER_S = 100;

/** CPU seconds the process `pid` has used so far (Linux), or null where /proc cannot tell. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return null;
  }
}

/** Runs `work` and returns what it returned with the CPU milliseconds `pid` used meanwhile. */
export async function withCpu<T>(pid: number | undefined, work: () => Promise<T>): Promise<[T, number | null]> {
  const before = cpuSecondsOf(pid);
  const out = await work();
  const after = cpuSecondsOf(pid);
  return [out, before === null || after === null ? null : Math.round((after - before) * 1000)];
}
