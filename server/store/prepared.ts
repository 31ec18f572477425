// Statements the case writer runs in every batch, prepared once per connection and run again with new
// values. `conn.run(sql, values)` parses, plans and executes each time: three trips through Node's
// thread pool and DuckDB's planner for a statement whose text never changes. Reusing the prepared
// statement leaves one trip (execute). Only for the writer connection, inside `db.write`: calls on one
// connection never overlap there, so one prepared statement is never bound by two callers at once.
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBType } from '@duckdb/node-api';
import type { Params, Row } from './db';
import { toPlain } from './db';

const cache = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

async function preparedOn(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
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
  return statement;
}

/** Runs `sql` with `values` as a statement prepared once on `conn`. */
export async function runPrepared(
  conn: DuckDBConnection,
  sql: string,
  values: Params,
  types?: DuckDBType[],
): Promise<void> {
  const statement = await preparedOn(conn, sql);
  statement.clearBindings();
  statement.bind(values, types);
  await statement.run();
}

/** As `runPrepared`, and the rows it returns (BIGINT as numbers, timestamps as ISO strings, as `readOn`). */
export async function readPrepared<T = Row>(
  conn: DuckDBConnection,
  sql: string,
  values: Params,
  types?: DuckDBType[],
): Promise<T[]> {
  const statement = await preparedOn(conn, sql);
  statement.clearBindings();
  statement.bind(values, types);
  return (await statement.runAndReadAll()).getRowObjectsJS().map(toPlain) as T[];
}
