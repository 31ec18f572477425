// Readiness (就绪): may this server take traffic? The store must be writable — the file writable, the
// single writer answering within a deadline (a backup holds it for well under that), the last group
// commit not failed — and the broker connected (the embedded one listens while the server runs; an
// external one must have our subscription's connection up). Liveness is only "the process answers".
import { accessSync, constants } from 'node:fs';
import type { Ingest } from '../ingest';
import type { Db } from '../store/db';

export interface Check {
  ok: boolean;
  detail: string;
}
export interface Readiness {
  ready: boolean;
  checks: { store: Check; broker: Check };
}

export interface ReadinessSources {
  db: Db;
  /** The DuckDB file, checked for write permission; empty: not checked. */
  dbPath: string;
  ingest?: Ingest | null;
  /** How long the writer may take to answer (default 2 s). */
  timeoutMs?: number;
}

export function readinessProbe({ db, dbPath, ingest, timeoutMs = 2000 }: ReadinessSources): () => Promise<Readiness> {
  let lastCommitFailed = false;
  ingest?.pipeline.onFlushed((f) => {
    lastCommitFailed = !f.ok;
  });
  const store = async (): Promise<Check> => {
    try {
      if (dbPath) accessSync(dbPath, constants.W_OK);
    } catch {
      return { ok: false, detail: `${dbPath} is not writable` };
    }
    if (lastCommitFailed) return { ok: false, detail: 'the last group commit failed' };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      const answer = await Promise.race([db.write((conn) => conn.run('SELECT 1')).then(() => 'ok' as const), late]);
      return answer === 'ok'
        ? { ok: true, detail: 'writable' }
        : { ok: false, detail: `the writer did not answer within ${timeoutMs} ms` };
    } catch (err) {
      return { ok: false, detail: `the writer failed: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  };
  const broker = (): Check => {
    if (!ingest) return { ok: true, detail: 'live sensing is off (INGEST=0)' };
    const b = ingest.stats().broker;
    return b.connected
      ? { ok: true, detail: `${b.mode} broker connected` }
      : { ok: false, detail: `${b.mode} broker ${b.url} not connected` };
  };
  return async () => {
    const checks = { store: await store(), broker: broker() };
    return { ready: checks.store.ok && checks.broker.ok, checks };
  };
}
