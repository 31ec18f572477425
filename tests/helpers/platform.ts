// A running platform for browser tests: the shared small dataset, the built client, a free port.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import type { DemoUser } from '../../server/auth/demoUsers';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';
import { copyDb } from './dataset';

export interface Platform {
  baseUrl: string;
  /** The demo accounts the server created on start, by role. */
  users: Map<string, DemoUser>;
  /** The embedded MQTT broker and each device's password, to publish as a sensor would. */
  mqtt?: { brokerUrl: string; devices: Record<string, string> };
  /** Stops the server and starts it again on the same ports and DuckDB file (sessions survive). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** `now`: the server's clock, for a test that moves time (default the system's). */
export async function startPlatform(options: { now?: () => string } = {}): Promise<Platform> {
  const dir = inject('smallDataDir');
  // The server opens its own copy, so parallel test files never share a DuckDB file.
  const dbPath = copyDb(dir);
  // Its own data folder (beside the copy), where the server writes demo-users.json.
  const dataDir = dirname(dbPath);
  const config = {
    ...loadConfig(),
    port: 0,
    host: '127.0.0.1',
    mqttPort: 0,
    dataDir,
    dbPath,
    tilesDir: join(dir, 'tiles'),
    clientDir: join(process.cwd(), 'dist/client'),
    backupAt: 'off',
    logLevel: 'warn',
  };
  let running = await startServer(config, { now: options.now });
  const demo = JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as DemoUser[];
  const mqtt = { brokerUrl: running.ingest?.brokerUrl ?? '', devices: running.ingest?.credentials.devices ?? {} };
  const ports = { port: Number(new URL(running.url).port), mqttPort: running.ingest?.mqttPort ?? 0 };
  return {
    baseUrl: running.url.replace(/\/$/, ''),
    users: new Map(demo.map((u) => [u.role, u])),
    mqtt,
    async restart() {
      await running.stop();
      running = await startServer({ ...config, ...ports }, { now: options.now });
    },
    stop: () => running.stop(),
  };
}
