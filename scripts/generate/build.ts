// Generates the dataset, writes its files and loads it into a fresh DuckDB file — what both the
// command line and `npm start` use.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadCreditRules, loadLeaderDayConfig } from '../../server/config';
import { writeHistoryCredit } from '../../server/store/credit';
import { openDb } from '../../server/store/db';
import { writeHistoryLeaderDays } from '../../server/store/leaderDays';
import { loadDataset } from '../../server/store/load';
import { type GenerateOptions, generateCity } from './city';
import { creditHistoryOf } from './credit';
import { leaderDaysOf } from './leaderDays';
import { createProgress } from './progress';
import { type Manifest, writeDataset } from './write';

export interface BuildOptions extends Omit<GenerateOptions, 'onProgress'> {
  /** Folder for dataset/ (NDJSON) and the DuckDB file. */
  outDir: string;
  dbPath?: string;
  quiet?: boolean;
  /** Called once the dataset's files are written, before the store is loaded (the tiles need only the files). */
  onFilesWritten?: () => void;
}

export interface BuildResult {
  manifest: Manifest;
  dbPath: string;
  seconds: Record<string, number>;
  totalSeconds: number;
}

export async function buildDataset(o: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const progress = createProgress(o.quiet ? devNull() : process.stderr);
  const dataset = generateCity({ ...o, onProgress: (stage, done, total) => progress.update(stage, done, total) });

  progress.update('write files', 0, 1);
  const manifest = writeDataset(join(o.outDir, 'dataset'), dataset);
  o.onFilesWritten?.();

  // Load into a temporary file and rename it into place, so a crash never leaves a half-loaded store.
  const dbPath = o.dbPath ?? join(o.outDir, 'wendu.duckdb');
  const tmp = `${dbPath}.building`;
  for (const f of [tmp, `${tmp}.wal`]) rmSync(f, { force: true });
  const db = await openDb(tmp);
  try {
    await loadDataset(db, dataset, (done, total) => progress.update('load DuckDB', done, total));
    // The leader days, read off the history just loaded (not a file of the dataset: nothing new is made up).
    await writeHistoryLeaderDays(db, leaderDaysOf(dataset, loadLeaderDayConfig()));
    // The residents' credit records, read off the people and cases just loaded (like the leader days).
    progress.update('credit history', 0, 1);
    const credit = creditHistoryOf(dataset, loadCreditRules());
    await writeHistoryCredit(db, credit.records, credit.reporters);
  } finally {
    db.close();
  }
  for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  renameSync(tmp, dbPath);
  if (existsSync(`${tmp}.wal`)) renameSync(`${tmp}.wal`, `${dbPath}.wal`);

  const seconds = progress.finish();
  return { manifest, dbPath, seconds, totalSeconds: Math.round((performance.now() - t0) / 10) / 100 };
}

function devNull(): NodeJS.WriteStream {
  return { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
}
