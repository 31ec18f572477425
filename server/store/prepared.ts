// Statements run often on the writer connection (the deductions' insert that returns what it wrote),
// prepared once per connection and run again with new values. `conn.run(sql, values)` parses, plans and executes each time: three trips through Node's
// thread pool and DuckDB's planner for a statement whose text never changes. Reusing the prepared
// statement leaves one trip (execute). Only for the writer connection, inside `db.write`: calls on one
// connection never overlap there, so one prepared statement is never bound by two callers at once.
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBType } from '@duckdb/node-api';
import { type Params, type Row, toPlain } from './db';

const cache = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

/** The statement for `sql`, prepared on `conn` the first time, bound to `values`. */
async function bound(
  conn: DuckDBConnection,
  sql: string,
  values: Params,
  types?: DuckDBType[],
): Promise<DuckDBPreparedStatement> {
  let statements = cache.get(conn);
  if (!statements) {
    statements = new Map();
    cache.set(conn, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = await conn.prepare(sql);
    statements.set(sql, statement);
  }
  statement.clearBindings();
  statement.bind(values, types);
  return statement;
}

/** Runs `sql` with `values` as a statement prepared once on `conn`. */
export async function runPrepared(conn: DuckDBConnection, sql: string, values: Params, types?: DuckDBType[]) {
  await (await bound(conn, sql, values, types)).run();
}

/** As `runPrepared`, and the rows it returns (BIGINT as numbers, timestamps as ISO strings, as `readOn`). */
export async function readPrepared<T = Row>(
  conn: DuckDBConnection,
  sql: string,
  values: Params,
  types?: DuckDBType[],
): Promise<T[]> {
  const reader = await (await bound(conn, sql, values, types)).runAndReadAll();
  return reader.getRowObjectsJS().map(toPlain) as T[];
}
