// Starts the HTTP server on an existing store. `npm start` (scripts/start.ts) prepares the store and
// the client first; this file only serves. In production it is `node dist/server/main.js`.

import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app';
import { ensureDemoUsers } from './auth/demoUsers';
import { loadOrCreateKey } from './auth/secretBox';
import { startSessionSweeper } from './auth/sessionSweeper';
import { ensureStaffAccounts } from './auth/staffAccounts';
import {
  backupDirOf,
  type Config,
  controlSocketOf,
  loadConfig,
  loadCreditRules,
  loadLeaderDayConfig,
  loadRiskConfig,
  photosDirOf,
} from './config';
import { HTTP_LIMITS, type HttpLimits, limitHttpConnections } from './connections';
import { snapshotFolderName } from './domain/backups';
import { CALENDAR_YEARS, coversYear } from './domain/workflow/holidays';
import { AnswerCache } from './http/answerCache';
import { type Ingest, startIngest } from './ingest';
import { type Backups, startBackups } from './ops/backups';
import { type ControlChannel, startControlChannel } from './ops/controlChannel';
import { createLogger, type Logger, lineLogger } from './ops/logger';
import { createMetrics } from './ops/metrics';
import { readinessProbe } from './ops/readiness';
import { startTileCompression } from './ops/tileCompression';
import { assessCases, projectCases } from './store/caseProjection';
import { fillCells } from './store/cells';
import { type Db, openDb } from './store/db';
import { takeSnapshot } from './store/snapshot';
import { startDeadlineChecker } from './workflow/deadlineChecker';

export interface RunningServer {
  url: string;
  db: Db;
  /** Live sensing (null with INGEST=0). */
  ingest: Ingest | null;
  backups: Backups;
  log: Logger;
  stop(): Promise<void>;
}

/** What tests and benchmarks may set: the log, the HTTP connection limits, the MQTT CONNECT deadline. */
export interface ServeOptions {
  log?: Logger;
  /** The server's clock (ISO). Tests move it past a deadline or a publication window; default the system's. */
  now?: () => string;
  http?: Partial<HttpLimits>;
  mqttConnectTimeoutMs?: number;
}

export async function startServer(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  if (!existsSync(config.dbPath)) {
    throw new Error(
      `No dataset at ${config.dbPath}: run \`npm run generate\` (or \`npm start\`, which generates it on first run; in production \`node dist/scripts/prepare.js\`).`,
    );
  }
  // The risk model's weights: a bad file stops the start here, with the field it got wrong.
  const risk = loadRiskConfig(config.riskConfigPath);
  const leaderDay = loadLeaderDayConfig(config.leaderDayConfigPath);
  const credit = loadCreditRules(config.creditRulesPath);
  const backupDir = backupDirOf(config);
  const db = await openDb(config.dbPath, {
    lockDown: true,
    // An older file is copied aside before it is migrated forward (in one transaction).
    beforeUpgrade: async (db, from, to) => {
      const dir = join(backupDir, snapshotFolderName(new Date(), `pre-upgrade-v${from}-to-v${to}-`));
      log.warn({ from, to, dir }, 'the store has an older schema: backing it up before migrating');
      const m = await takeSnapshot(db, config.dbPath, dir);
      log.info({ dir, pauseMs: m.pauseMs }, 'pre-upgrade backup written; migrating');
    },
  });
  // A store migrated from before the case workflow gets its open cases' projection (once; idempotent).
  const projected = await projectCases(db);
  if (projected) log.info({ cases: projected }, 'projected the workflow of the open cases (holders, deadlines, tasks)');
  // A store from before migration 11 gets each case's share of the assessment from its timeline (once).
  // About half a minute at scale 1 on two cores: said as it goes, so a first start does not look hung.
  const assessed = await assessCases(db, (done) =>
    log.info({ cases: done }, "filling each case's share of the assessment from its timeline …"),
  );
  if (assessed) log.info({ cases: assessed }, "filled each case's share of the assessment from its timeline");
  // A store from before migration 12 gets its H3 cells and camera cover (once; only NULLs are filled).
  const cells = await fillCells(db);
  if (cells.rows) log.info(cells, 'filled the H3 cells and camera cover of a store from before the risk model');
  // Expired sessions are deleted now and hourly (the timer is stopped with the server).
  const sessions = await startSessionSweeper(db, { log: lineLogger(log.child({ part: 'sessions' }), 'info') });
  const demoFile = join(config.dataDir, 'demo-users.json');
  const demo = await ensureDemoUsers(db, demoFile, new Date());
  if (demo) log.info({ file: demoFile, accounts: demo.length }, 'created the demo accounts, one per role');
  // The dataset's staff accounts, disabled until an administrator resets one (made once; idempotent).
  const staff = await ensureStaffAccounts(db, new Date());
  if (staff.created.length)
    log.info(
      { accounts: staff.created.length },
      'created the staff accounts (grid workers, committees, units, departments, seats), disabled until an administrator resets a password',
    );
  if (staff.usernameTaken.length)
    log.warn(
      { usernames: staff.usernameTaken.slice(0, 5).map((a) => a.username), count: staff.usernameTaken.length },
      'did not create the staff accounts whose usernames are taken',
    );
  // The working-time clock knows the official holidays only for the years of its table.
  if (!coversYear(Date.now()))
    log.warn(
      { years: CALENDAR_YEARS },
      'the holiday table (server/domain/workflow/holidays.ts) lacks this year: working time falls back to Monday–Friday; add the year’s notice',
    );
  // Deductions for missed limits, now and every DEADLINE_CHECK_MS (idempotent; survives kill -9).
  const deadlines = startDeadlineChecker(db, {
    everyMs: config.deadlineCheckMs,
    batch: config.deadlineCheckBatch,
    log: lineLogger(log.child({ part: 'deadlines' }), 'info'),
  });
  const ingest = config.ingest
    ? await startIngest(
        db,
        {
          ...config,
          credentialsPath: config.credentialsPath || join(config.dataDir, 'device-credentials.json'),
          mqttConnectTimeoutMs: options.mqttConnectTimeoutMs,
        },
        lineLogger(log.child({ part: 'ingest' }), 'warn'),
      )
    : null;
  const secondFactor = {
    key: loadOrCreateKey(config.totpKeyPath || join(config.dataDir, 'totp.key')),
    requiredRoles: config.totpRequiredRoles,
  };
  const now = options.now ?? (() => new Date().toISOString());
  const answers = new AnswerCache();
  const metrics = createMetrics({ db, dbPath: config.dbPath, ingest, now, answers });
  const backups = startBackups({
    db,
    dbPath: config.dbPath,
    backupDir,
    at: config.backupAt,
    keep: config.backupKeep,
    log: log.child({ part: 'backup' }),
    onTaken: (at, m) => metrics.backupTaken(at, m.pauseMs),
  });
  let control: ControlChannel | null = null;
  try {
    control = await startControlChannel(controlSocketOf(config), backups);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'no control channel: `npm run backup` cannot reach this server');
  }
  const app = createApp(
    {
      db,
      now,
      startedAt: Date.now(),
      ingest,
      answers,
      tilesDir: config.tilesDir,
      photos: { dir: photosDirOf(config), maxBytes: config.photoMaxBytes },
      readiness: readinessProbe({ db, dbPath: config.dbPath, ingest }),
      secondFactor,
      risk,
      leaderDay,
      credit,
    },
    { clientDir: config.clientDir, log, metrics, metricsToken: config.metricsToken },
  );
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  limitHttpConnections(server as HttpServer, { ...HTTP_LIMITS, ...options.http });
  const tileCopies = config.precompressTiles
    ? startTileCompression(config.tilesDir, log.child({ part: 'tiles' }))
    : null;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`,
    db,
    ingest,
    backups,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        // No new requests; then the broker is closed after the ingest buffer is committed, so what a
        // device was acknowledged is in the file; DuckDB checkpoints when it is closed.
        server.close(async () => {
          backups.stop();
          tileCopies?.stop();
          await control?.close();
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

/** Stops `running` on SIGINT/SIGTERM (systemd's stop), logging what the ingest committed. */
export function stopOnSignals(running: RunningServer): void {
  const stop = async (signal: string) => {
    const started = performance.now();
    running.log.info({ signal }, 'stopping: draining the ingest and closing the store');
    await running.stop();
    const c = running.ingest?.pipeline.counters;
    running.log.info(
      { signal, ms: Math.round(performance.now() - started), received: c?.received, stored: c?.stored },
      'stopped',
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let log: Logger | null = null;
  try {
    const config = loadConfig();
    log = createLogger(config.logLevel);
    const running = await startServer(config, { log });
    stopOnSignals(running);
    log.info({ url: running.url }, `Wendu Twin is serving at ${running.url}`);
  } catch (err) {
    if (log) log.fatal({ err: (err as Error).message }, 'could not start');
    else console.error(`wendu-twin: ${(err as Error).message}`);
    process.exit(1);
  }
}
