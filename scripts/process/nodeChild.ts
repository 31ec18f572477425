// A Node program run as a child process with its output collected: the client build and the 3D Tiles
// beside the dataset (`npm start`), the backup and restore drills in the tests.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

export interface ChildOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` (the same Node binary) and resolves when it has closed, whatever its status;
 * rejects only if it could not be started. `niceness` lowers its priority (0 normal, 19 the lowest),
 * where the system allows it; what it starts inherits it.
 */
export function runNode(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; niceness?: number } = {},
): Promise<ChildOutcome> {
  const child = spawn(process.execPath, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (options.niceness && child.pid)
    try {
      setPriority(child.pid, options.niceness);
    } catch {
      // not allowed here: it runs at the same priority
    }
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
