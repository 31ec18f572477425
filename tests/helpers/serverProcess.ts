// The server as a child process (`node --import tsx server/main.ts`), so a test can kill -9 it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** kill -9 */
  kill(): Promise<void>;
  /** SIGTERM: the server stops cleanly. */
  stop(): Promise<void>;
  /** A signed-in fetch of an API path, as the demo centre seat. */
  api(path: string): Promise<any>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', SIMULATE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /serving at (http:\/\/\S+)/.exec(log);
      if (m) resolve(m[1]!.replace(/\/$/, ''));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let cookie: string | null = null;
  const signIn = async () => {
    const users = JSON.parse(readFileSync(join(env.DATA_DIR!, 'demo-users.json'), 'utf8')) as Array<{
      role: string;
      username: string;
      password: string;
    }>;
    const centre = users.find((u) => u.role === 'centre')!;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: centre.username, password: centre.password }),
    });
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  };
  return {
    url,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async api(path: string) {
      if (!cookie) await signIn();
      const res = await fetch(`${url}/api${path}`, { headers: { cookie: cookie! } });
      return res.json();
    },
  };
}
