// Which reads a piece of work made: the store's db.all and db.one watched while it runs, for tests that
// show an answer came from what was kept rather than from the store.
import type { Db } from '../../server/store/db';

/** What `work` returned, the SQL of every read it made, and the tables those named after FROM. */
export async function watchingReads<T>(
  db: Db,
  work: () => Promise<T>,
): Promise<{ value: T; tables: Set<string>; statements: string[] }> {
  const tables = new Set<string>();
  const statements: string[] = [];
  const watched = db as unknown as Record<'all' | 'one', (sql: string, ...rest: unknown[]) => Promise<unknown>>;
  const originals = { all: watched.all, one: watched.one };
  for (const name of ['all', 'one'] as const)
    watched[name] = (sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      for (const m of sql.matchAll(/FROM\s+([a-z_]+)/g)) tables.add(m[1]!);
      return originals[name].call(db, sql, ...rest);
    };
  try {
    return { value: await work(), tables, statements };
  } finally {
    Object.assign(watched, originals);
  }
}
