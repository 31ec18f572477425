// Rows sent as JSON to a statement prepared once come back from DuckDB exactly as given, whatever
// they hold (quotes, a NUL, backslashes, Chinese, JSON's own syntax), typed by their columns; a value
// that cannot be written is refused, and a string can never end its literal early: an attempt to close
// it and run a statement of its own is stored as text.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnList, executeRows, rowsStatement, runScript } from './sqlScript';

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE t (id VARCHAR, n DOUBLE, k INTEGER, ok BOOLEAN, "at" TIMESTAMP, note VARCHAR)');
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const AWKWARD = [
  "it's",
  "''",
  "'); DROP TABLE t; --",
  'a\\b\\',
  'nul\u0000inside',
  '\u0000',
  '井盖缺失，请尽快处置',
  '$1 ? :name',
  '"},{"id":"x"}]',
  '',
];

const columns = { id: 'VARCHAR', n: 'DOUBLE', k: 'INTEGER', ok: 'BOOLEAN', at: 'TIMESTAMP', note: 'VARCHAR' };
const insert = rowsStatement('t_insert', columns, (v) => `INSERT INTO t (${columnList(columns)}) SELECT * FROM ${v}`);
const remove = rowsStatement('t_delete', { id: 'VARCHAR' }, (v) => `DELETE FROM t WHERE id IN (SELECT id FROM ${v})`);

describe('rows as JSON to statements prepared once', () => {
  it('write values that DuckDB reads back unchanged, in one script of several statements', async () => {
    // Count the trips to DuckDB: the first script prepares its statements in one of its own, the next none.
    const trips: string[] = [];
    const counted = {
      run: (sql: string) => {
        trips.push(sql);
        return conn.run(sql);
      },
    };
    const rows = AWKWARD.map((note, i) => ({
      id: `r${i}`,
      n: i + 0.5,
      k: i,
      ok: i % 2 === 0,
      at: `2026-12-01T0${i}:30:00.000Z`,
      note,
    }));
    await runScript(counted, [
      'BEGIN TRANSACTION',
      executeRows(insert, rows),
      executeRows(insert, [{ id: null, n: -1e-7, k: null, ok: false, at: null, note: null }]),
      'COMMIT',
    ]);
    await runScript(counted, [executeRows(remove, [{ id: 'r1' }])]);
    await runScript(counted, [executeRows(remove, [{ id: 'none' }]), executeRows(insert, [])]);
    expect(trips.map((t) => t.split(' ')[0])).toEqual(['PREPARE', 'BEGIN', 'PREPARE', 'EXECUTE', 'EXECUTE']);
    const back = (
      await conn.runAndReadAll(`SELECT id, n, k, ok, strftime("at", '%Y-%m-%dT%H:%M') AS "at", note FROM t ORDER BY n`)
    ).getRowsJS();
    expect(back).toEqual([
      [null, -1e-7, null, false, null, null],
      ...rows.filter((r) => r.id !== 'r1').map((r) => [r.id, r.n, r.k, r.ok, r.at.slice(0, 16), r.note]),
    ]);
  });

  it('refuse a number that is not finite', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(() => executeRows(insert, [{ id: 'x', n, k: 1, ok: true, at: null, note: null }])).toThrow(
        /not a finite number/,
      );
  });
});
