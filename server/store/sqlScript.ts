// Values written into a statement's text, for the one place that sends a whole transaction to DuckDB
// as one script (the case writer's batch, docs/adr/0016-case-batch-as-one-script.md). Everywhere else
// values are bound as parameters (sql.ts). A script runs in one trip through Node's thread pool; a
// statement per trip waited each time for the main thread, busy answering the other users, and those
// waits were most of a batch. Every value passes through `sqlLiteral`, which quotes it whole: a string
// can never end its literal early, and a number that is not finite is refused.

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

/** The SQL type each column of a `valuesTable` is cast to. */
export type Columns<K extends string> = Readonly<Record<K, string>>;

/**
 * `(SELECT "a"::T, … FROM (VALUES (…), …))`: rows as a table, each column cast to its type and named
 * once, in `columns`' order. A row is an object keyed by the column names, so no list of values can
 * fall out of step with its list of names.
 */
export function valuesTable<K extends string>(
  columns: Columns<K>,
  rows: readonly Readonly<Record<K, SqlValue>>[],
): string {
  const names = Object.keys(columns) as K[];
  const tuples = rows.map((row) => `(${names.map((n) => sqlLiteral(row[n])).join(', ')})`);
  const quoted = names.map((n) => `"${n}"`);
  const casts = names.map((n, i) => `${quoted[i]}::${columns[n]} AS ${quoted[i]}`);
  return `(SELECT ${casts.join(', ')} FROM (VALUES ${tuples.join(', ')}) v(${quoted.join(', ')}))`;
}

/** The column list of a `valuesTable`, for the INSERT that takes it whole. */
export const columnList = (columns: Columns<string>) =>
  Object.keys(columns)
    .map((n) => `"${n}"`)
    .join(', ');

/** `(a, b, c)`: a list for `IN`. */
export const inList = (values: readonly SqlValue[]) => `(${values.map(sqlLiteral).join(', ')})`;
