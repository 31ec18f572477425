// A statement prepared once and run again: each run sees its own values, a run that fails (a broken
// constraint, as a batch the writer then retries job by job) leaves the statement usable, and rows
// come back plain (BIGINT as numbers, timestamps as ISO strings).
import { DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrepared, runPrepared } from './prepared';

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE t (id VARCHAR PRIMARY KEY, n BIGINT, "at" TIMESTAMP)');
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const INSERT = `INSERT INTO t SELECT unnest($1::VARCHAR[]), 1, '2026-12-01 08:00:00'::TIMESTAMP`;
const insert = (ids: string[]) => runPrepared(conn, INSERT, [listValue(ids)], [LIST(VARCHAR)]);
const count = (prefix: string) =>
  readPrepared<{ n: number; first: string }>(conn, 'SELECT count(*) AS n, min("at") AS first FROM t WHERE id LIKE $1', [
    `${prefix}%`,
  ]);

describe('runPrepared and readPrepared', () => {
  it('run one prepared statement again with new values, and read rows back plain', async () => {
    await insert(['a1', 'a2']);
    await insert(['b1']);
    expect(await count('a')).toEqual([{ n: 2, first: '2026-12-01T08:00:00.000Z' }]);
    expect(await count('b')).toEqual([{ n: 1, first: '2026-12-01T08:00:00.000Z' }]);
  });

  it('keep a statement usable after a run that failed', async () => {
    await expect(insert(['a1'])).rejects.toThrow(/[Dd]uplicate key|PRIMARY KEY|constraint/);
    await insert(['c1']);
    expect((await count('c'))[0]!.n).toBe(1);
    expect((await count(''))[0]!.n).toBe(4);
  });
});
