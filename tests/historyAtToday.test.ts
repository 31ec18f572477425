// The generated history as the platform finds it at the dataset's today: the deductions its missed
// limits cost are already in the store (so the deadline checker owes nothing retroactively), and the
// open cases look like a working platform's — under way within their limits, a few overdue, the hard
// old ones shelved (挂账) with a reason and a supervisor. Shares, not counts: the data may change.
import { describe, expect, inject, it } from 'vitest';
import { startDeadlineChecker } from '../server/workflow/deadlineChecker';
import { openCopy, readDataset } from './helpers/dataset';
import { SMALL } from './helpers/small';

const count = async (db: Awaited<ReturnType<typeof openCopy>>, sql: string, params: unknown[] = []) =>
  Number((await db.one<{ n: bigint }>(sql, params as never))!.n);

describe('history at the dataset’s today', () => {
  it('owes no deduction: the first check at today deducts nothing, a later one finds the new misses', async () => {
    const data = readDataset(inject('smallDataDir'));
    const db = await openCopy(inject('smallDataDir'));
    try {
      const before = await count(db, 'SELECT count(*) AS n FROM case_deductions');
      expect(before).toBe(data.caseDeductions.length);
      expect(before).toBeGreaterThan(0);
      const first = startDeadlineChecker(db, { now: () => SMALL.today, everyMs: 3_600_000, log: () => undefined });
      const atToday = await first.check();
      await first.stop();
      expect(atToday.deductions).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM case_deductions')).toBe(before);
      // a month on, with nobody acting, the cases under way miss their limits: those are genuinely new
      const later = new Date(Date.parse(SMALL.today) + 30 * 86_400_000).toISOString();
      const next = startDeadlineChecker(db, { now: () => later, everyMs: 3_600_000, log: () => undefined });
      const aMonthOn = await next.check();
      await next.stop();
      expect(aMonthOn.deductions).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('has open cases under way within their limits or shelved (挂账), a few overdue at most', async () => {
    const db = await openCopy(inject('smallDataDir'));
    try {
      const open = "status NOT IN ('closed', 'rejected', 'merged')";
      const total = await count(db, `SELECT count(*) AS n FROM events WHERE ${open}`);
      const shelved = await count(
        db,
        `SELECT count(*) AS n FROM events WHERE ${open} AND holders = '' AND supervised_by IS NOT NULL`,
      );
      const overdue = await count(db, `SELECT count(*) AS n FROM events WHERE ${open} AND due_at <= $1::TIMESTAMP`, [
        SMALL.today,
      ]);
      // under way: reported this month, or older but still within its limit (weeks for illegal construction)
      const recent = await count(
        db,
        `SELECT count(*) AS n FROM events WHERE ${open} AND holders <> ''
           AND (reported_at > $1::TIMESTAMP - INTERVAL 30 DAY OR due_at > $1::TIMESTAMP)`,
        [SMALL.today],
      );
      expect(total).toBeGreaterThan(0);
      expect(shelved / total).toBeGreaterThan(0.2);
      expect(overdue / total).toBeLessThan(0.15);
      // every open case is either shelved or held by someone, and those held are mostly under way
      expect(total - shelved).toBeGreaterThan(0);
      expect(recent / (total - shelved)).toBeGreaterThan(0.8);
      // every shelved case says why and who supervises it
      const shelveSteps = await count(
        db,
        `SELECT count(DISTINCT event_id) AS n FROM event_steps WHERE action = 'shelve'
           AND json_extract_string(detail, '$.reason') <> '' AND starts_with(json_extract_string(detail, '$.supervisor'), 'S-')`,
      );
      expect(shelveSteps).toBe(shelved);
    } finally {
      db.close();
    }
  });

  it('lists the history’s supervised cases (督办), closed ones too, under who supervised them', async () => {
    const db = await openCopy(inject('smallDataDir'));
    try {
      const steps = await db.all<{ event_id: string; actor: string }>(
        `SELECT event_id, arg_max(actor, seq) AS actor FROM event_steps WHERE action IN ('supervise', 'shelve')
         GROUP BY event_id`,
      );
      const shelvedBy = new Map(
        (
          await db.all<{ event_id: string; supervisor: string }>(
            `SELECT event_id, json_extract_string(detail, '$.supervisor') AS supervisor FROM event_steps WHERE action = 'shelve'`,
          )
        ).map((r) => [r.event_id, r.supervisor]),
      );
      const want = new Map(steps.map((s) => [s.event_id, shelvedBy.get(s.event_id) ?? s.actor]));
      const got = await db.all<{ id: string; supervised_by: string; status: string }>(
        'SELECT id, supervised_by, status FROM events WHERE supervised_by IS NOT NULL',
      );
      expect(new Map(got.map((e) => [e.id, e.supervised_by]))).toEqual(want);
      expect(got.some((e) => e.status === 'closed')).toBe(true);
    } finally {
      db.close();
    }
  });
});
