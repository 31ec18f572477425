// Opening the DuckDB file, applying migrations, and running queries. One writer connection; reads
// borrow a pooled connection each, because concurrent queries on one @duckdb/node-api connection
// have crashed the process (DESIGN.md).
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { MIGRATIONS, type Migration } from './migrations';
import { DataVersions } from './versions';

export type Params = DuckDBValue[];
export type Row = Record<string, unknown>;

export interface Db {
  /** Run a read query on a pooled connection; BIGINT values come back as numbers. */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Run statements on the single writer connection, one call at a time. */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Per-table versions, moved by the writers in this folder (see versions.ts). */
  versions: DataVersions;
  close(): void;
}

export interface OpenOptions {
  /** Pooled read connections at most (further readers wait). */
  maxReaders?: number;
  /**
   * After migrating, forbid every query from reading or writing files, ATTACHing or INSTALLing
   * (enable_external_access=false), and freeze that setting (lock_configuration=true).
   */
  lockDown?: boolean;
  /** Open without writing anything (no migrations): for checking a backup. */
  readOnly?: boolean;
  /**
   * Called before an existing store is migrated forward (not for a new, empty one), with the versions
   * it goes from and to; the server takes a backup here. A throw leaves the store untouched.
   */
  beforeUpgrade?: (db: Db, from: number, to: number) => Promise<void>;
  /** The schema to migrate to (tests give a longer list to see a failing migration roll back). */
  migrations?: readonly Migration[];
}

export async function openDb(path: string, options: OpenOptions = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  const writer = await instance.connect();
  const maxReaders = options.maxReaders ?? 4;
  const idle: DuckDBConnection[] = [];
  const waiting: Array<(c: DuckDBConnection) => void> = [];
  let created = 0;
  let writeChain: Promise<unknown> = Promise.resolve();

  async function borrow(): Promise<DuckDBConnection> {
    const c = idle.pop();
    if (c) return c;
    if (created < maxReaders) {
      created++;
      return instance.connect();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }
  function giveBack(c: DuckDBConnection): void {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  }

  const db: Db = {
    async all<T>(sql: string, params: Params = []): Promise<T[]> {
      const conn = await borrow();
      try {
        const reader = await conn.runAndReadAll(sql, params);
        return reader.getRowObjectsJS().map(toPlain) as T[];
      } finally {
        giveBack(conn);
      }
    },
    async one<T>(sql: string, params: Params = []): Promise<T | undefined> {
      return (await db.all<T>(sql, params))[0];
    },
    write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
      const run = writeChain.then(() => fn(writer));
      writeChain = run.catch(() => undefined);
      return run;
    },
    versions: new DataVersions(),
    close(): void {
      for (const c of idle) c.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
  if (!options.readOnly) {
    try {
      await migrate(db, options.migrations ?? MIGRATIONS, options.beforeUpgrade);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  if (options.lockDown) {
    await db.write(async (conn) => {
      await conn.run('SET enable_external_access = false');
      await conn.run('SET lock_configuration = true');
    });
  }
  return db;
}

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** The store's schema version (0 for a new file). */
export async function schemaVersion(conn: DuckDBConnection): Promise<number> {
  const exists = await conn.runAndReadAll(
    "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'",
  );
  if (Number(exists.getRowsJS()[0]![0]) === 0) return 0;
  const r = await conn.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_migrations');
  return Number(r.getRowsJS()[0]![0]);
}

/**
 * Applies the pending migrations all in one transaction: an upgrade either completes or leaves the file
 * as it was. An existing store is handed to `beforeUpgrade` first (the server backs it up there).
 */
async function migrate(
  db: Db,
  migrations: readonly Migration[],
  beforeUpgrade: OpenOptions['beforeUpgrade'],
): Promise<void> {
  const { done, from } = await db.write(async (conn) => {
    const from = await schemaVersion(conn);
    if (from === 0) return { done: new Set<number>(), from };
    const rows = (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRowsJS();
    return { done: new Set(rows.map((r) => Number(r[0]))), from };
  });
  const pending = migrations.filter((m) => !done.has(m.version));
  if (pending.length === 0) return;
  const to = Math.max(...pending.map((m) => m.version));
  if (from > 0 && beforeUpgrade) await beforeUpgrade(db, from, to);
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
      );
      for (const m of pending) {
        try {
          await conn.run(m.sql);
        } catch (err) {
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
        }
        await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** A read on a given connection (the writer's, inside a transaction), rows as plain objects. */
export async function readOn<T = Row>(conn: DuckDBConnection, sql: string, params: Params = []): Promise<T[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJS().map(toPlain) as T[];
}

/** DuckDB returns BIGINT as bigint and timestamps as Date; JSON wants numbers and ISO strings. */
export function toPlain(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}
