// The server as a child process (`node --import tsx server/main.ts`, or any command given), so a test
// can kill -9 it, stop it with SIGTERM, and read what it logged.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  logs(): string;
  /** kill -9 */
  kill(): Promise<void>;
  /** SIGTERM: the server stops cleanly. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** A signed-in fetch of an API path (JSON), as the demo account of `role` (default: the centre seat). */
  api(path: string, init?: { role?: string; method?: string; json?: unknown }): Promise<any>;
}

export interface ServerCommand {
  command: string;
  args: string[];
  cwd?: string;
}

const TSX_SERVER: ServerCommand = { command: process.execPath, args: ['--import', 'tsx', 'server/main.ts'] };

export async function startServerProcess(
  env: Record<string, string>,
  how: ServerCommand = TSX_SERVER,
): Promise<ServerProcess> {
  const child = spawn(how.command, how.args, {
    cwd: how.cwd,
    env: { ...process.env, HOST: '127.0.0.1', SIMULATE: '0', BACKUP_AT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    let up = false;
    const onData = (b: Buffer) => {
      log += b.toString();
      if (up) return; // kept for logs(), no longer scanned: a busy server writes a line per request
      const m = /serving at (http:\/\/[^\s"]+)/.exec(log);
      if (!m) return;
      up = true;
      resolve(m[1]!.replace(/\/$/, ''));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
  });
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const cookies = new Map<string, string>();
  const signIn = async (role: string) => {
    const users = JSON.parse(readFileSync(join(env.DATA_DIR!, 'demo-users.json'), 'utf8')) as Array<{
      role: string;
      username: string;
      password: string;
    }>;
    const user = users.find((u) => u.role === role)!;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    cookies.set(role, cookie);
    return cookie;
  };
  return {
    url,
    child,
    logs: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (exitCode === null && child.exitCode === null) child.kill('SIGTERM');
      await exited;
      return exitCode;
    },
    async api(path, init = {}) {
      const role = init.role ?? 'centre';
      const cookie = cookies.get(role) ?? (await signIn(role));
      const headers: Record<string, string> = { cookie, origin: url };
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}/api${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      return res.json();
    },
  };
}
