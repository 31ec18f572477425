// A store with N times the case history, for the workflow benchmark: the generator's `--scale 10`
// stops at the population stage (2.4 M residents do not fit the buildings' households), and what the
// assessment reads is the cases anyway. Each case of the copied store gets N − 1 twins (same place,
// item, times and timeline; ids suffixed `-2`…`-N`), and the tables are rewritten in time order, as
// the generator writes them, so DuckDB's row-group statistics skip old history as they would. Every
// column is copied, so a twin keeps its case's projection and share of the assessment (the same
// timeline gives the same share: store/caseProjection.ts).
import { copyFileSync, existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

/** The case tables, in the order they are multiplied. */
export const CASE_TABLES = ['events', 'event_steps', 'event_tasks', 'case_deductions'] as const;

/**
 * `tables`: which of the case tables to multiply (all by default); a benchmark that reads only
 * `events` (the risk ranking at 100×) spares itself a hundred times the timelines.
 */
export async function multiplyHistory(
  fromDb: string,
  toDb: string,
  times: number,
  tables: readonly (typeof CASE_TABLES)[number][] = CASE_TABLES,
): Promise<Record<string, number>> {
  copyFileSync(fromDb, toDb);
  if (existsSync(`${fromDb}.wal`)) copyFileSync(`${fromDb}.wal`, `${toDb}.wal`);
  const instance = await DuckDBInstance.create(toDb);
  const conn = await instance.connect();
  const twin = (col: string) => `CASE WHEN k = 1 THEN ${col} ELSE ${col} || '-' || k END`;
  const counts: Record<string, number> = {};
  try {
    await conn.run('BEGIN TRANSACTION');
    const specs: [string, string, string][] = [
      ['events', 'id', 'reported_at, id'],
      ['event_steps', 'event_id', '"at", event_id, seq'],
      ['event_tasks', 'event_id', 'event_id, task_no'],
      ['case_deductions', 'event_id', 'due_at, event_id'],
    ];
    for (const [table, idCol, order] of specs.filter(([t]) => (tables as readonly string[]).includes(t))) {
      const cols = (await conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`))
        .getRows()
        .map((r) => String(r[0]));
      const select = cols.map((c) => (c === idCol ? `${twin(`"${c}"`)} AS "${c}"` : `"${c}"`)).join(', ');
      await conn.run(
        `CREATE TABLE ${table}_n AS SELECT ${select} FROM ${table}, range(1, ${times + 1}) r(k) ORDER BY ${order}, k`,
      );
      await conn.run(`DELETE FROM ${table}`);
      await conn.run(`INSERT INTO ${table} SELECT * FROM ${table}_n`);
      await conn.run(`DROP TABLE ${table}_n`);
      counts[table] = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);
    }
    await conn.run(`UPDATE dataset_meta SET value = value || ' (case history ×${times})' WHERE key = 'scale'`);
    await conn.run('COMMIT');
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return counts;
}
