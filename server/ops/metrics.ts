// Prometheus metrics (prom-client), served at /metrics: ingest counts and buffer, group-commit and
// alarm latency, HTTP latency by route and status, the answer cache's builds, hits and bytes, live
// subscribers, sessions, the background process's compression jobs, the store's files and the last
// backup, plus Node's process metrics. Each server has its own registry (tests run several).
import { existsSync, statSync } from 'node:fs';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerCache } from '../http/answerCache';
import type { Ingest } from '../ingest';
import type { Db } from '../store/db';
import { countLiveSessions } from '../store/sessions';
import { background } from './backgroundCompression';

export interface MetricsSources {
  db: Db;
  dbPath: string;
  ingest: Ingest | null;
  now: () => string;
  /** The answer cache the app serves from (its builds, hits and bytes). */
  answers?: AnswerCache;
}

export interface Metrics {
  registry: Registry;
  /** HTTP requests by method, route (the access table's pattern) and status. */
  http: Histogram<'method' | 'route' | 'status'>;
  /** A backup finished: when, and how long the writer was held. */
  backupTaken(at: Date, pauseMs: number): void;
}

const SECONDS_FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics({ db, dbPath, ingest, now, answers }: MetricsSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'wendu_' });

  /** A counter that mirrors a running total kept elsewhere (the ingest's counters). */
  const mirror = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  if (ingest) {
    const counters = ingest.pipeline.counters;
    mirror('wendu_ingest_messages_received_total', 'Device messages received', () => counters.received);
    mirror('wendu_ingest_messages_stored_total', 'Readings stored (committed to DuckDB)', () => counters.stored);
    mirror(
      'wendu_ingest_messages_duplicate_total',
      'Readings received again and stored once',
      () => counters.duplicates,
    );
    mirror('wendu_ingest_status_reports_total', 'Device status reports stored', () => counters.statusReports);
    mirror(
      'wendu_ingest_commits_failed_total',
      'Group commits that failed (nothing acknowledged)',
      () => counters.failedFlushes,
    );
    new Counter({
      name: 'wendu_ingest_messages_rejected_total',
      help: 'Device messages rejected, by reason (kept in ingest_rejects)',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(counters.rejected)) this.inc({ reason }, n);
      },
    });
    new Gauge({
      name: 'wendu_ingest_buffer_depth',
      help: 'Messages accepted and not yet committed',
      registers,
      collect() {
        this.set(ingest.pipeline.depth);
      },
    });
    new Gauge({
      name: 'wendu_ingest_broker_connected',
      help: '1 when the broker (embedded, or the external subscription) is connected',
      registers,
      collect() {
        this.set(ingest.stats().broker.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'wendu_live_subscribers',
      help: 'Open /api/live streams',
      registers,
      collect() {
        this.set(ingest.live.subscribers);
      },
    });
    const commits = new Histogram({
      name: 'wendu_ingest_commit_duration_seconds',
      help: 'Group commit: from taking a batch to its commit (the devices wait this long for their PUBACK)',
      buckets: SECONDS_FAST,
      registers,
    });
    ingest.pipeline.onFlushed((f) => commits.observe(f.ms / 1000));
    const alarms = new Histogram({
      name: 'wendu_alarm_latency_seconds',
      help: 'From a message arriving to the alarm it raised being written and announced',
      buckets: SECONDS_FAST,
      registers,
    });
    ingest.alarms.onRaised((ms) => alarms.observe(ms / 1000));
  }
  if (answers) {
    mirror(
      'wendu_answer_cache_builds_total',
      'Answers built (a miss, or a new data version)',
      () => answers.stats().builds,
    );
    mirror('wendu_answer_cache_hits_total', 'Answers sent from the cache as held', () => answers.stats().hits);
    new Gauge({
      name: 'wendu_answer_cache_bytes',
      help: 'Bytes the answer cache holds (compressed forms, and the JSON of small answers)',
      registers,
      collect() {
        this.set(answers.stats().bytes);
      },
    });
  }
  new Gauge({
    name: 'wendu_background_jobs',
    help: 'Compression jobs running or waiting in the background process (quality-11 answers, tile copies)',
    registers,
    collect() {
      this.set(background.activeCount + background.pendingCount);
    },
  });
  new Gauge({
    name: 'wendu_sessions_live',
    help: 'Sign-in sessions not yet expired',
    registers,
    async collect() {
      this.set(await countLiveSessions(db, now()));
    },
  });
  new Gauge({
    name: 'wendu_store_file_bytes',
    help: 'Size of the DuckDB file and its write-ahead log',
    labelNames: ['file'],
    registers,
    collect() {
      const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
      this.set({ file: 'db' }, size(dbPath));
      this.set({ file: 'wal' }, size(`${dbPath}.wal`));
    },
  });
  const lastBackup = new Gauge({
    name: 'wendu_backup_last_success_timestamp_seconds',
    help: 'When the last backup finished (Unix time); 0: none since start',
    registers,
  });
  const backupPause = new Gauge({
    name: 'wendu_backup_pause_seconds',
    help: 'How long the last backup held the writer (and the group commit)',
    registers,
  });
  lastBackup.set(0);
  const http = new Histogram({
    name: 'wendu_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  return {
    registry,
    http,
    backupTaken(at, pauseMs) {
      lastBackup.set(at.getTime() / 1000);
      backupPause.set(pauseMs / 1000);
    },
  };
}
