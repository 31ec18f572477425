// The deadline checker survives a kill -9 in the middle of a check: the server is killed while it
// deducts thousands of missed limits, restarted on the same file, and at the end every missed limit is
// deducted exactly once — none lost, none doubled — and a later check deducts nothing more.
import { dirname } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { dueDeductions } from '../server/domain/workflow/deadlines';
import { loadCases } from '../server/store/cases';
import { type Db, openDb } from '../server/store/db';
import { copyDb } from './helpers/dataset';
import { type ServerProcess, startServerProcess } from './helpers/serverProcess';

const SYNTHETIC = 2000;
// 050201 燃气泄漏: urgent, natural time, a 6-minute filing limit; reported long ago, so every one is overdue.
const ITEM = '050201';
const REPORTED = '2026-01-05T01:00:00.000Z';

/** Adds `n` reported, unfiled cases whose filing limit has long passed, with their projection. */
async function addOverdueReports(db: Db, n: number): Promise<void> {
  const grid = (await db.one<{ id: string; lon: number; lat: number }>(
    "SELECT id, centroid_lon AS lon, centroid_lat AS lat FROM admin_units WHERE level = 'grid' ORDER BY id LIMIT 1",
  ))!;
  await db.write(async (conn) => {
    await conn.run(
      `INSERT INTO events (id, code, item_code, source, grid_id, lon, lat, h3, reported_at, deadline_at, department_id, status,
         closed_at, overdue, description, holders, due_at, warn_at, check_at, supervised_by)
       SELECT 'EK' || lpad(i::VARCHAR, 6, '0'), 'TK-' || i, $1, 'patrol', $2, $3, $4, '', $5::TIMESTAMP,
         $5::TIMESTAMP + INTERVAL 2 HOUR, 'D22', 'reported', NULL, false, '闻到燃气味', 'centre',
         $5::TIMESTAMP + INTERVAL 6 MINUTE, $5::TIMESTAMP + INTERVAL 288 SECOND, $5::TIMESTAMP + INTERVAL 6 MINUTE, NULL
       FROM range(1, $6 + 1) t(i)`,
      [ITEM, grid.id, grid.lon, grid.lat, REPORTED, n],
    );
    await conn.run(
      `INSERT INTO event_steps (event_id, seq, stage, "at", actor, note, action, role, detail)
       SELECT 'EK' || lpad(i::VARCHAR, 6, '0'), 1, 'collect', $1::TIMESTAMP, 'S-gw001', '闻到燃气味', 'report', 'gridworker',
         '{"action":"report","departmentId":"D22"}'
       FROM range(1, $2 + 1) t(i)`,
      [REPORTED, n],
    );
  });
}

async function withDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const deductionRows = (db: Db) =>
  db.all<{ event_id: string; clock: string; holder: string }>('SELECT event_id, clock, holder FROM case_deductions');

function watch(server: ServerProcess): { log: () => string } {
  let log = '';
  // The server logs JSON lines to stdout (pino); errors before the log exists go to stderr.
  const take = (b: Buffer) => {
    log += b.toString();
  };
  server.child.stdout!.on('data', take);
  server.child.stderr!.on('data', (b: Buffer) => {
    take(b);
  });
  return { log: () => log };
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the deadline checker', () => {
  it('loses and doubles nothing when killed with -9 in the middle of a check', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    await withDb(dbPath, (db) => addOverdueReports(db, SYNTHETIC));
    const env = { DB_PATH: dbPath, DATA_DIR: dirname(dbPath), PORT: '0', INGEST: '0', DEADLINE_CHECK_BATCH: '20' };

    // 1. Killed as soon as the first batch is committed.
    let server = await startServerProcess(env);
    const first = watch(server);
    await until(() => first.log().includes('deadline check:'), 60_000);
    await server.kill();
    const partial = await withDb(dbPath, deductionRows);
    expect(partial.length).toBeGreaterThan(0);
    const synthetic = (rows: { event_id: string }[]) => rows.filter((r) => r.event_id.startsWith('EK')).length;
    expect(synthetic(partial)).toBeLessThan(SYNTHETIC); // it really was cut short

    // 2. Restarted: the check is done again, to the end.
    const from = new Date().toISOString();
    server = await startServerProcess(env);
    const second = watch(server);
    await until(() => second.log().includes('deadline check done'), 90_000);
    await server.stop();
    const to = new Date().toISOString();

    // 3. Started once more: nothing new is due, nothing is deducted again.
    server = await startServerProcess(env);
    await new Promise((r) => setTimeout(r, 1500));
    await server.stop();

    await withDb(dbPath, async (db) => {
      const rows = await deductionRows(db);
      const keys = rows.map((r) => `${r.event_id}|${r.clock}|${r.holder}`);
      expect(new Set(keys).size).toBe(keys.length); // none doubled
      expect(synthetic(rows)).toBe(SYNTHETIC); // none lost: one missed filing limit each
      expect(
        rows.filter((r) => r.event_id.startsWith('EK')).every((r) => r.clock === 'file:1' && r.holder === 'centre'),
      ).toBe(true);
      // Every case holds exactly what the pure rule says is due: at least by the check's start, at most by its end.
      const open = (await db.all<{ id: string }>("SELECT id FROM events WHERE holders <> ''")).map((r) => r.id);
      const stored = new Set(keys);
      const key = (d: { caseId: string; clockKey: string; holder: string }) => `${d.caseId}|${d.clockKey}|${d.holder}`;
      for (let i = 0; i < open.length; i += 500) {
        for (const [id, c] of await loadCases(db, { kind: 'city' }, open.slice(i, i + 500))) {
          for (const d of dueDeductions(c.state, from)) expect(stored.has(key(d)), key(d)).toBe(true);
          const upper = new Set(dueDeductions(c.state, to).map(key));
          for (const k of keys.filter((k) => k.startsWith(`${id}|`))) expect(upper.has(k), k).toBe(true);
        }
      }
    });
  });
});
