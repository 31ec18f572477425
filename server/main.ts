// Starts the HTTP server on an existing store. `npm start` (scripts/start.ts) prepares the store and
// the client first; this file only serves.

import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app';
import { ensureDemoUsers } from './auth/demoUsers';
import { loadOrCreateKey } from './auth/secretBox';
import { startSessionSweeper } from './auth/sessionSweeper';
import { ensureStaffAccounts } from './auth/staffAccounts';
import { type Config, loadConfig } from './config';
import { type Ingest, startIngest } from './ingest';
import { projectCases } from './store/caseProjection';
import { type Db, openDb } from './store/db';
import { startDeadlineChecker } from './workflow/deadlineChecker';

export interface RunningServer {
  url: string;
  db: Db;
  /** Live sensing (null with INGEST=0). */
  ingest: Ingest | null;
  stop(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  if (!existsSync(config.dbPath)) {
    throw new Error(
      `No dataset at ${config.dbPath}: run \`npm run generate\` (or \`npm start\`, which generates it on first run).`,
    );
  }
  const db = await openDb(config.dbPath, { lockDown: true });
  // A store migrated from before the case workflow gets its open cases' projection (once; idempotent).
  const projected = await projectCases(db);
  if (projected) console.error(`Projected the workflow of ${projected} open cases (holders, deadlines, tasks)`);
  // Expired sessions are deleted now and hourly (the timer is stopped with the server).
  const sessions = await startSessionSweeper(db);
  const demoFile = join(config.dataDir, 'demo-users.json');
  const demo = await ensureDemoUsers(db, demoFile, new Date());
  if (demo) console.error(`Created ${demo.length} demo accounts, one per role; their passwords are in ${demoFile}`);
  // The dataset's staff accounts, disabled until an administrator resets one (made once; idempotent).
  const staff = await ensureStaffAccounts(db, new Date());
  if (staff.created.length)
    console.error(
      `Created ${staff.created.length} staff accounts (grid workers, committees, units, departments, seats), disabled until an administrator resets a password`,
    );
  if (staff.usernameTaken.length)
    console.error(
      `Did not create ${staff.usernameTaken.length} staff accounts whose usernames are taken: ${staff.usernameTaken
        .slice(0, 5)
        .map((a) => a.username)
        .join(', ')}`,
    );
  // Deductions for missed limits, now and every DEADLINE_CHECK_MS (idempotent; survives kill -9).
  const deadlines = startDeadlineChecker(db, { everyMs: config.deadlineCheckMs, batch: config.deadlineCheckBatch });
  const ingest = config.ingest
    ? await startIngest(db, {
        ...config,
        credentialsPath: config.credentialsPath || join(config.dataDir, 'device-credentials.json'),
      })
    : null;
  const secondFactor = {
    key: loadOrCreateKey(config.totpKeyPath || join(config.dataDir, 'totp.key')),
    requiredRoles: config.totpRequiredRoles,
  };
  const app = createApp(
    { db, now: () => new Date().toISOString(), startedAt: Date.now(), ingest, tilesDir: config.tilesDir, secondFactor },
    { clientDir: config.clientDir },
  );
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`,
    db,
    ingest,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(async () => {
          await sessions.stop();
          await deadlines.stop();
          await ingest?.stop();
          db.close();
          resolve();
        });
        // Long-lived connections (SSE, keep-alive) must not hold the shutdown.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Stops `running` on SIGINT/SIGTERM. */
export function stopOnSignals(running: RunningServer): void {
  const stop = async (signal: string) => {
    console.error(`\n${signal}: stopping ...`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const running = await startServer(loadConfig());
    stopOnSignals(running);
    console.log(`Wendu Twin is serving at ${running.url}`);
  } catch (err) {
    console.error(`wendu-twin: ${(err as Error).message}`);
    process.exit(1);
  }
}
