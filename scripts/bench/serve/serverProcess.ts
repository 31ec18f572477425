// The platform under load as its own process (`node --import tsx server/main.ts`), so the load tool
// and the simulator never share its event loop. `tree` is the checkout to run (another one measures
// an earlier commit against the same dataset and client).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ServedPlatform {
  origin: string;
  mqttUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPlatformProcess(
  tree: string,
  env: { dataDir: string; dbPath: string; clientDir: string; tilesDir: string },
  log: (m: string) => void,
  /** The broker's port: a restarted platform keeps its predecessor's, so connected devices come back. */
  mqttPort?: number,
): Promise<ServedPlatform> {
  mqttPort ??= await freePort();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // Its log (an access line per request) goes to a file, as to journald in production, not through a
  // pipe into this process: draining thousands of lines a second here took the load tool's time.
  const logPath = join(env.dataDir, 'server.log');
  const logFd = openSync(logPath, 'a');
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    cwd: tree,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      MQTT_PORT: String(mqttPort),
      DATA_DIR: env.dataDir,
      DB_PATH: env.dbPath,
      CLIENT_DIR: env.clientDir,
      TILES_DIR: env.tilesDir,
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const from = statSync(logPath).size;
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const output = readFileSync(logPath).subarray(from).toString();
      const m = /serving at (http:\/\/[^\s"]+)/.exec(output); // a plain line or pino's JSON
      if (m) return resolve(m[1]!.replace(/\/$/, ''));
      if (exitCode !== undefined) return reject(new Error(`server exited (${exitCode}): ${output.slice(-2000)}`));
      setTimeout(look, 100);
    };
    look();
  });
  log(`server log: ${logPath}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A benchmark that fails must not leave its server running.
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    origin,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
