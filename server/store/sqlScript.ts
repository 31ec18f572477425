// Values written into a statement's text, for the one place that sends a whole transaction to DuckDB
// as one script (the case writer's batch, docs/adr/0016-case-batch-as-one-script.md, 0017). Everywhere
// else values are bound as parameters (sql.ts). A script runs in one trip through Node's thread pool;
// a statement per trip waited each time for the main thread, busy answering the other users, and those
// waits were most of a batch. The rows go as one JSON text to statements prepared once (below), and
// that text passes through `sqlLiteral`, which quotes it whole: a string can never end its literal
// early, and a number that is not finite is refused.

export type SqlValue = string | number | boolean | null | undefined;

/** A SQL literal: NULL, TRUE/FALSE, a finite number, or a quoted string ('' for ', NUL spelt as chr(0)). */
export function sqlLiteral(v: SqlValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  // The script reaches DuckDB as a C string: a NUL would end it, so it is spelt out.
  return v
    .split('\u0000')
    .map((part) => `'${part.replaceAll("'", "''")}'`)
    .join(' || chr(0) || ');
}

/** The SQL type of each column of a statement's rows. */
export type Columns<K extends string> = Readonly<Record<K, string>>;

/** A column list, for the INSERT that takes a statement's rows whole. */
export const columnList = (columns: Columns<string>) =>
  Object.keys(columns)
    .map((n) => `"${n}"`)
    .join(', ');

/**
 * A statement of the script whose rows arrive as one JSON text: prepared once per connection with
 * SQL's own `PREPARE` (docs/adr/0017-case-batch-statements-prepared.md), then run in the script as
 * `EXECUTE name('[{…}, …]')`. DuckDB parses and plans a statement of literal VALUES anew each time,
 * and for the case writer's batch that planning was most of its time (an UPDATE of 22 cases: 7 ms
 * from its text, 2.7 ms executed); the JSON is one literal, read by `from_json` into typed columns.
 */
export interface RowsStatement<K extends string> {
  name: string;
  columns: Columns<K>;
  /** The statement, given its rows as a table expression (`(SELECT "a"::T AS "a", …)`). */
  sql: string;
}

/** JSON has strings, numbers and booleans: a column of another type is read as text and cast. */
const jsonType = (t: string) => (t === 'DOUBLE' || t === 'INTEGER' || t === 'BOOLEAN' ? t : 'VARCHAR');

/** `statement(rows)` for rows of `columns`, under `name` on each connection. */
export function rowsStatement<K extends string>(
  name: string,
  columns: Columns<K>,
  statement: (rows: string) => string,
): RowsStatement<K> {
  const names = Object.keys(columns) as K[];
  const struct = `[{${names.map((n) => `"${n}":"${jsonType(columns[n])}"`).join(',')}}]`;
  const casts = names.map((n) => `"${n}"::${columns[n]} AS "${n}"`);
  const rows = `(SELECT ${casts.join(', ')} FROM (SELECT unnest(from_json($1::VARCHAR, '${struct}'), recursive := true)))`;
  return { name, columns, sql: statement(rows) };
}

/** The script's `EXECUTE` of `statement` with `rows` (each an object keyed by the column names). */
export function executeRows<K extends string>(
  statement: RowsStatement<K>,
  rows: readonly Readonly<Record<K, SqlValue>>[],
): string {
  const names = Object.keys(statement.columns) as K[];
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        names.map((n) => {
          const v = row[n];
          if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${n}: not a finite number: ${v}`);
          return [n, v ?? null];
        }),
      ),
    ),
  );
  return `EXECUTE ${statement.name}(${sqlLiteral(json)})`;
}

const preparedOn = new WeakMap<object, Set<string>>();

/**
 * Prepares on `conn` whichever of `statements` it has not yet (one trip, the first time): a prepared
 * statement lives as long as its connection, and is planned again by DuckDB itself if a table it
 * reads changes.
 */
export async function prepareRowsStatements(
  conn: { run(sql: string): Promise<unknown> },
  statements: readonly RowsStatement<string>[],
): Promise<void> {
  let done = preparedOn.get(conn);
  if (!done) {
    done = new Set();
    preparedOn.set(conn, done);
  }
  const missing = statements.filter((s) => !done.has(s.name));
  if (missing.length === 0) return;
  await conn.run(missing.map((s) => `PREPARE ${s.name} AS ${s.sql}`).join(';\n'));
  for (const s of missing) done.add(s.name);
}
