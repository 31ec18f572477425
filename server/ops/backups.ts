// Backups while the server runs: on request (`npm run backup`, through the control channel) and
// nightly at BACKUP_AT, keeping the newest BACKUP_KEEP nightly snapshots. One backup at a time.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nextRunAt, parseTimeOfDay, snapshotFolderName, snapshotsToPrune } from '../domain/backups';
import type { Db } from '../store/db';
import { type SnapshotManifest, takeSnapshot } from '../store/snapshot';
import type { Logger } from './logger';

export interface BackupOptions {
  db: Db;
  dbPath: string;
  backupDir: string;
  /** Local "HH:MM", or "off". */
  at: string;
  keep: number;
  log: Logger;
  onTaken?: (at: Date, manifest: SnapshotManifest) => void;
  now?: () => Date;
}

export interface Backups {
  /** Takes a snapshot into `dir` (a new or empty folder). */
  take(dir: string): Promise<SnapshotManifest>;
  /** The nightly run: a snapshot into the backup folder, then the old ones pruned. */
  nightly(): Promise<SnapshotManifest>;
  stop(): void;
}

export function startBackups(o: BackupOptions): Backups {
  const now = o.now ?? (() => new Date());
  let chain: Promise<unknown> = Promise.resolve();
  const take = (dir: string): Promise<SnapshotManifest> => {
    const run = chain.then(async () => {
      const manifest = await takeSnapshot(o.db, o.dbPath, dir, now);
      o.log.info(
        { dir, pauseMs: manifest.pauseMs, bytes: manifest.files[0]?.bytes, auditRows: manifest.audit.rows },
        'backup written',
      );
      o.onTaken?.(now(), manifest);
      return manifest;
    });
    chain = run.catch(() => undefined);
    return run;
  };
  const nightly = async () => {
    const manifest = await take(join(o.backupDir, snapshotFolderName(now())));
    for (const old of snapshotsToPrune(readdirSync(o.backupDir), o.keep)) {
      rmSync(join(o.backupDir, old), { recursive: true, force: true });
      o.log.info({ dir: join(o.backupDir, old) }, 'old nightly backup deleted');
    }
    return manifest;
  };

  let timer: NodeJS.Timeout | null = null;
  const minute = parseTimeOfDay(o.at);
  const arm = () => {
    if (minute === null) return;
    const next = nextRunAt(now(), minute);
    timer = setTimeout(
      () =>
        void nightly()
          .catch((err: Error) => o.log.error({ err: err.message }, 'nightly backup failed'))
          .finally(arm),
      next.getTime() - now().getTime(),
    );
    timer.unref();
  };
  arm();
  return {
    take,
    nightly,
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
