// Opening the DuckDB file, applying migrations, and running queries. One writer connection; reads
// borrow a pooled connection each, because concurrent queries on one @duckdb/node-api connection
// have crashed the process (DESIGN.md).
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { MIGRATIONS } from './migrations';

export type Params = DuckDBValue[];
export type Row = Record<string, unknown>;

export interface Db {
  /** Run a read query on a pooled connection; BIGINT values come back as numbers. */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Run statements on the single writer connection, one call at a time. */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
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
}

export async function openDb(path: string, options: OpenOptions = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(path);
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
    close(): void {
      for (const c of idle) c.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
  await migrate(db);
  if (options.lockDown) {
    await db.write(async (conn) => {
      await conn.run('SET enable_external_access = false');
      await conn.run('SET lock_configuration = true');
    });
  }
  return db;
}

async function migrate(db: Db): Promise<void> {
  await db.write(async (conn) => {
    await conn.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
    );
    const done = new Set(
      (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRowsJS().map((r) => Number(r[0])),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run(m.sql);
        await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await conn.run('COMMIT');
      } catch (err) {
        await conn.run('ROLLBACK');
        throw err;
      }
    }
  });
}

/** A read on a given connection (the writer's, inside a transaction), rows as plain objects. */
export async function readOn<T = Row>(conn: DuckDBConnection, sql: string, params: Params = []): Promise<T[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJS().map(toPlain) as T[];
}

/** DuckDB returns BIGINT as bigint and timestamps as Date; JSON wants numbers and ISO strings. */
function toPlain(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}
