// A running platform for browser tests: the shared small dataset, the built client, a free port.
import { inject } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';
import { copyDb } from './dataset';

export interface Platform {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const dir = inject('smallDataDir');
  // The server opens its own copy, so parallel test files never share a DuckDB file.
  const dbPath = copyDb(dir);
  const running = await startServer({ ...loadConfig(), port: 0, host: '127.0.0.1', dataDir: dir, dbPath, clientDir: join(process.cwd(), 'dist/client') });
  return { baseUrl: running.url.replace(/\/$/, ''), stop: running.stop };
}
