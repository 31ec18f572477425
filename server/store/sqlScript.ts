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

/** `(VALUES (…), (…)) alias(names…)`: rows as a table to select from, each row as long as `names`. */
export function valuesTable(alias: string, names: readonly string[], rows: readonly (readonly SqlValue[])[]): string {
  const tuples = rows.map((row) => {
    if (row.length !== names.length) throw new Error(`a row of ${row.length} values for ${names.length} columns`);
    return `(${row.map(sqlLiteral).join(', ')})`;
  });
  return `(VALUES ${tuples.join(', ')}) ${alias}(${names.map((n) => `"${n}"`).join(', ')})`;
}

/** `(a, b, c)`: a list for `IN`. */
export const inList = (values: readonly SqlValue[]) => `(${values.map(sqlLiteral).join(', ')})`;
