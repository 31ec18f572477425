// Values written into a script's text come back from DuckDB exactly as given, whatever they hold
// (quotes, a NUL, backslashes, Chinese), a value that cannot be written is refused, and a string can
// never end its literal early: an attempt to close it and run a statement of its own is stored as text.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnList, inList, sqlLiteral, valuesTable } from './sqlScript';

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE t (id VARCHAR, n DOUBLE, ok BOOLEAN, note VARCHAR)');
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
  '',
];

describe('sqlLiteral and valuesTable', () => {
  it('write values that DuckDB reads back unchanged, in one script of several statements', async () => {
    const rows = AWKWARD.map((note, i) => ({ id: `r${i}`, n: i + 0.5, ok: i % 2 === 0, note }));
    const columns = { id: 'VARCHAR', n: 'DOUBLE', ok: 'BOOLEAN', note: 'VARCHAR' };
    await conn.run(
      [
        'BEGIN TRANSACTION',
        `INSERT INTO t (${columnList(columns)}) SELECT * FROM ${valuesTable(columns, rows)}`,
        `INSERT INTO t VALUES (${[null, -1e-7, false, null].map(sqlLiteral).join(', ')})`,
        'COMMIT',
      ].join(';\n'),
    );
    const back = (await conn.runAndReadAll('SELECT id, n, ok, note FROM t ORDER BY n')).getRowsJS();
    expect(back).toEqual([[null, -1e-7, false, null], ...rows.map((r) => [r.id, r.n, r.ok, r.note])]);
    const picked = await conn.runAndReadAll(`SELECT count(*) FROM t WHERE note IN ${inList(AWKWARD.slice(0, 3))}`);
    expect(Number(picked.getRowsJS()[0]![0])).toBe(3);
  });

  it('refuse a number that is not finite', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(() => sqlLiteral(n)).toThrow(/not a finite number/);
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('TRUE');
  });
});
