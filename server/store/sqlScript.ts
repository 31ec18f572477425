// Rows written into a script's text, for the one place that sends a whole transaction to DuckDB
// as one script (the case writer's batch, docs/adr/0016-case-batch-as-one-script.md, 0017). Everywhere
// else values are bound as parameters (sql.ts). A script runs in one trip through Node's thread pool;
// a statement per trip waited each time for the main thread, busy answering the other users, and those
// waits were most of a batch. A statement's rows go as one JSON text to a statement prepared once per
// connection; that text is quoted whole, so a string in it can never end its literal early, and a
// number that is not finite is refused (JSON would write it as null).

export type SqlValue = string | number | boolean | null | undefined;

/** The SQL type of each column of a statement's rows. */
export type Columns<K extends string> = Readonly<Record<K, string>>;

/** A column list, for the INSERT that takes a statement's rows whole. */
export const columnList = (columns: Columns<string>) =>
  Object.keys(columns)
    .map((n) => `"${n}"`)
    .join(', ');

/**
 * A statement whose rows arrive as one JSON text: prepared once per connection with SQL's own
 * `PREPARE` (docs/adr/0017-case-batch-statements-prepared.md), then run in a script as
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

/** One statement of a script: plain SQL, or the EXECUTE of a rows statement with its rows. */
export type ScriptPart = string | { statement: RowsStatement<string>; sql: string };

/** The script's `EXECUTE` of `statement` with `rows` (each an object keyed by the column names). */
export function executeRows<K extends string>(
  statement: RowsStatement<K>,
  rows: readonly Readonly<Record<K, SqlValue>>[],
): ScriptPart {
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
  // Quoted whole, each ' doubled (DuckDB's literals know no backslash escapes). JSON writes a NUL as
  // the six characters \u0000, so none reaches the script, which DuckDB reads as a C string.
  return { statement, sql: `EXECUTE ${statement.name}(${`'${json.replaceAll("'", "''")}'`})` };
}

type Runs = { run(sql: string): Promise<unknown> };

const preparedOn = new WeakMap<Runs, Set<string>>();

/**
 * Runs `parts` as one script on `conn`, first preparing (in a trip of its own, once per connection)
 * the rows statements it executes that the connection lacks. A prepared statement lives as long as its
 * connection and outlives a rolled-back transaction; DuckDB plans it again itself if a table it reads
 * changes.
 */
export async function runScript(conn: Runs, parts: readonly ScriptPart[]): Promise<void> {
  let done = preparedOn.get(conn);
  if (!done) {
    done = new Set();
    preparedOn.set(conn, done);
  }
  const missing = new Map<string, RowsStatement<string>>();
  for (const p of parts)
    if (typeof p !== 'string' && !done.has(p.statement.name)) missing.set(p.statement.name, p.statement);
  if (missing.size) {
    await conn.run([...missing.values()].map((s) => `PREPARE ${s.name} AS ${s.sql}`).join(';\n'));
    for (const name of missing.keys()) done.add(name);
  }
  await conn.run(parts.map((p) => (typeof p === 'string' ? p : p.sql)).join(';\n'));
}
