// The working-time arithmetic the assessment's SQL uses must agree with the workflow's clock (on plain
// Monday–Friday: the SQL knows no holidays).
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockMinutesBetween } from '../domain/workflow/clock';
import { workingMinutesSql } from './assessment';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

async function sqlMinutes(pairs: [string, string][]): Promise<number[]> {
  const conn = await instance.connect();
  const values = pairs.map(([a, b]) => `('${a}'::TIMESTAMP, '${b}'::TIMESTAMP)`).join(', ');
  const r = await conn.runAndReadAll(
    `SELECT ${workingMinutesSql('b')} - ${workingMinutesSql('a')} AS m FROM (VALUES ${values}) v(a, b)`,
  );
  conn.closeSync();
  return r.getRowObjects().map((row) => Number(row.m));
}

const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('workingMinutesSql', () => {
  it('gives the clock’s working minutes between two instants', async () => {
    const from = Date.parse('2018-12-31T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    const pairs = fc.sample(
      fc
        .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: 40 * 86_400_000 }))
        .map(([a, d]) => [Math.floor(a / 1000) * 1000, Math.floor((a + d) / 1000) * 1000] as const),
      { numRuns: 300, seed: 42 },
    );
    const got = await sqlMinutes(pairs.map(([a, b]) => [naive(a), naive(b)]));
    // The SQL copy counts plain Monday–Friday: it knows none of the official holidays the clock now
    // counts by default (holidays.ts), so it is compared with the clock on that plain calendar. The
    // assessment's durations are moving to TS-side computation with the clock itself.
    const want = pairs.map(([a, b]) => clockMinutesBetween(a, b, 'working', {}));
    for (const [i, w] of want.entries())
      expect(got[i], `${naive(pairs[i]![0])} → ${naive(pairs[i]![1])}`).toBeCloseTo(w, 6);
  });

  it('counts a working day as eight hours and a weekend as none', async () => {
    // Friday 2026-10-30 08:00 CST → Monday 2026-11-02 08:00 CST; Saturday noon → Sunday noon.
    expect(
      await sqlMinutes([
        ['2026-10-30 00:00:00', '2026-11-02 00:00:00'],
        ['2026-10-31 04:00:00', '2026-11-01 04:00:00'],
      ]),
    ).toEqual([480, 0]);
  });
});
