// GET /api/assessment on a copy of the small dataset: every level's units add up to the period's
// cases, ranks are distinct, a year names its last unit, bad parameters and scopes are refused; and
// real actions through the API (a return, a rework, a rejection, a late filing and verification, a
// dissatisfied rating) move the indicators they should.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import { ASSESSMENT_LEVELS, parsePeriod } from '../server/domain/assessment';
import { assessmentCounts } from '../server/store/assessment';
import { assessCases } from '../server/store/caseProjection';
import { type Db, openDb } from '../server/store/db';
import { assessmentFromTimeline } from './helpers/assessmentFromTimeline';
import { copyDb, openCopy } from './helpers/dataset';
import { call, expectError, signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let cookies: Map<Role, string>;
const me = new Map<Role, { userId: string; unitId: string | null; departmentId: string | null }>();
// Monday 2026-11-02, 09:00 in Tongcheng: working time, the day after the small dataset's history ends.
let clock = Date.parse('2026-11-02T01:00:00.000Z');
const tick = (minutes: number) => {
  clock += minutes * 60_000;
};
let inGrid: [number, number];

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => new Date(clock).toISOString(), startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
  for (const [role, cookie] of cookies) me.set(role, (await call(app, 'GET', '/api/auth/me', { cookie })).body.user);
  const place = await db.one<{ lon: number; lat: number }>('SELECT lon, lat FROM events WHERE grid_id = $1 LIMIT 1', [
    me.get('gridworker')!.unitId!,
  ]);
  inGrid = [place!.lon, place!.lat];
});
afterAll(() => db.close());

const as = (role: Role, method: string, path: string, json?: unknown) =>
  call(app, method, `/api${path}`, { cookie: cookies.get(role), json });
const assessment = (role: Role, query: string) => as(role, 'GET', `/assessment?${query}`);
const act = async (role: Role, id: string, body: Record<string, unknown>) => {
  const res = await as(role, 'POST', `/events/${id}/actions`, body);
  expect(res.status, `${body.action}: ${res.text}`).toBe(200);
  return res.body;
};
const report = async (itemCode = '010101') => {
  const res = await as('gridworker', 'POST', '/events', {
    itemCode,
    lon: inGrid[0],
    lat: inGrid[1],
    description: '小区门口垃圾裸露堆放',
    source: 'patrol',
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
const sum = (units: any[], key: string) => units.reduce((n, u) => n + u[key], 0);
const n = async (sql: string, params: any[] = []) => Number((await db.one<{ n: number }>(sql, params))!.n);

describe('GET /api/assessment', () => {
  it('answers every level with units whose counts add up to the month’s cases', async () => {
    const by = new Map<string, any>();
    for (const level of ASSESSMENT_LEVELS) {
      const res = await assessment('centre', `period=2026-09&level=${level}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ level, period: { value: '2026-09', kind: 'month', complete: true } });
      by.set(level, res.body);
    }
    const { from, to } = by.get('subdistrict').period;
    const reported = (await as('centre', 'GET', `/events?from=${from}&to=${to}&limit=1`)).body.total;
    expect(reported).toBeGreaterThan(0);
    const filed = await n(
      `SELECT count(*) AS n FROM events e WHERE reported_at >= $1::TIMESTAMP AND reported_at < $2::TIMESTAMP
         AND EXISTS (SELECT 1 FROM event_steps s WHERE s.event_id = e.id AND COALESCE(s.action, s.stage) = 'file')`,
      [from, to],
    );
    const units = (level: string) => by.get(level).units as any[];
    // Urban grids' workers and the village committees together cover every case; so do communities
    // and villages, the subdistricts and towns, and the departments.
    for (const key of ['reported', 'filed', 'closed']) {
      const total = key === 'reported' ? reported : key === 'filed' ? filed : sum(units('subdistrict'), key);
      expect(sum(units('gridworker'), key) + sum(units('village'), key), key).toBe(total);
      expect(sum(units('community'), key) + sum(units('village'), key), key).toBe(total);
      expect(sum(units('subdistrict'), key), key).toBe(total);
      expect(sum(units('department'), key), key).toBe(total);
    }
    expect(units('gridworker').length).toBe(
      await n("SELECT count(*) AS n FROM admin_units WHERE level = 'grid' AND area = 'urban'"),
    );
    expect(units('department').length).toBe(await n('SELECT count(*) AS n FROM departments'));
    for (const level of ASSESSMENT_LEVELS) {
      const ranked = units(level).filter((u) => u.rank !== null);
      expect(ranked.map((u) => u.rank)).toEqual(ranked.map((_, i) => i + 1));
      for (const [i, u] of ranked.entries()) {
        if (i > 0) expect(u.score).toBeLessThanOrEqual(ranked[i - 1].score);
        expect(u.score).toBeGreaterThanOrEqual(0);
        expect(u.score).toBeLessThanOrEqual(100);
        expect(u.filingRate).toBeCloseTo(u.filed / u.reported, 3);
        if (u.satisfaction.rated > 0)
          expect(
            u.satisfaction.satisfied + u.satisfaction.basicallySatisfied + u.satisfaction.dissatisfied,
          ).toBeCloseTo(1, 3);
      }
      expect(
        units(level)
          .filter((u) => u.rank === null)
          .every((u) => u.reported === 0),
      ).toBe(true);
      expect(by.get(level).units.every((u: any) => u.flags.length === 0)).toBe(true); // a month names no sanction
    }
  });

  it('names the last unit of a year summoned, and answers again from the cache', async () => {
    const res = await assessment('centre', 'period=2025&level=department');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ kind: 'year', from: '2024-12-31T16:00:00.000Z', complete: true });
    const ranked = res.body.units.filter((u: any) => u.rank !== null);
    const flagged = res.body.units.filter((u: any) => u.flags.length > 0);
    expect(flagged.map((u: any) => u.unitId)).toEqual([ranked.at(-1).unitId]);
    expect(flagged[0].flags[0]).toBe('summoned');
    const before = await assessment('centre', 'period=2024&level=department');
    const lastBefore = before.body.units.filter((u: any) => u.rank !== null).at(-1).unitId;
    expect(flagged[0].flags.includes('awardsRevoked')).toBe(lastBefore === flagged[0].unitId);
    const again = await call(app, 'GET', '/api/assessment?period=2025&level=department', {
      cookie: cookies.get('centre'),
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('refuses bad parameters with a JSON error naming them', async () => {
    for (const q of [
      'period=2026-13&level=community',
      'period=26-10&level=community',
      'level=community',
      'period=2026-10',
    ])
      expectError(await assessment('centre', q), 400, 'bad_request');
    const bad = await assessment('centre', 'period=2026-10&level=street');
    expectError(bad, 400, 'bad_request');
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['level']);
    expectError(await assessment('centre', 'period=2026-10&level=gridworker&within=340881999'), 400, 'bad_request');
  });

  it('keeps readers in their scope: their own subtree or department, the same ranks as the city’s', async () => {
    expectError(await assessment('gridworker', 'period=2026-09&level=gridworker'), 403, 'forbidden');
    expectError(await assessment('screen', 'period=2026-09&level=gridworker'), 403, 'forbidden');
    expectError(await assessment('community', 'period=2026-09&level=subdistrict'), 403, 'out_of_scope');
    expectError(await assessment('community', 'period=2026-09&level=department'), 403, 'out_of_scope');
    expectError(await assessment('department', 'period=2026-09&level=community'), 403, 'out_of_scope');

    const city = (await assessment('centre', 'period=2026-09&level=gridworker')).body.units as any[];
    const community = me.get('community')!.unitId!;
    const mine = (await assessment('community', 'period=2026-09&level=gridworker')).body.units as any[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((u) => u.path.split('/').includes(community))).toBe(true);
    expect(mine).toEqual(city.filter((u) => u.path.split('/').includes(community)));

    const dept = (await assessment('department', 'period=2026-09&level=department')).body.units as any[];
    expect(dept.map((u) => u.unitId)).toEqual([me.get('department')!.departmentId]);
    const cityDept = (await assessment('analyst', 'period=2026-09&level=department')).body.units as any[];
    expect(dept[0]).toEqual(cityDept.find((u) => u.unitId === dept[0].unitId));
  });
});

describe('indicators follow the workflow', () => {
  it('counts a return, a rework, a rejection, late stages and a dissatisfied rating', async () => {
    const grid = me.get('gridworker')!.unitId!;
    const department = me.get('department')!.departmentId!;
    const row = async (level: string, id: string) =>
      ((await assessment('centre', `period=2026-11&level=${level}`)).body.units as any[]).find((u) => u.unitId === id);
    const gridBefore = await row('gridworker', grid);
    const deptBefore = await row('department', department);

    // A: returned once by the department, sent back once at verification, verified late, rated 不满意
    // (an urgent item: its limits run on natural time, minutes long, within a session's life).
    const a = await report('050201');
    tick(5);
    await act('centre', a, { action: 'file' });
    await act('centre', a, { action: 'dispatch', lead: { assignee: department } });
    await act('department', a, { action: 'return', reason: '非本部门职责' });
    await act('centre', a, { action: 'dispatch', lead: { assignee: department } });
    await act('department', a, { action: 'accept' });
    await act('department', a, { action: 'feedback' });
    await act('gridworker', a, { action: 'verify', passed: false, note: '仍有垃圾' });
    const awaiting = await act('department', a, { action: 'feedback' });
    clock = Date.parse(awaiting.dueAt) + 60_000; // past the verification limit
    const late = await act('gridworker', a, { action: 'verify', passed: true });
    expect(late.deductions.map((d: any) => [d.stage, d.holder])).toContainEqual(['verify', grid]);
    await act('centre', a, { action: 'evaluate', satisfaction: 'dissatisfied', ratedBy: 'resident' });
    // B: turned away (不予立案).
    const b = await report();
    await act('centre', b, { action: 'reject', reason: '非城市管理范围' });
    // C: an urgent report filed after its six-minute filing limit.
    const c = await report('050201');
    tick(10);
    await act('centre', c, { action: 'file' });

    const gridAfter = await row('gridworker', grid);
    const deptAfter = await row('department', department);
    expect(gridAfter.reported - gridBefore.reported).toBe(3);
    expect(gridAfter.filed - gridBefore.filed).toBe(2);
    expect(gridAfter.dispatched - gridBefore.dispatched).toBe(2);
    expect(gridAfter.returned - gridBefore.returned).toBe(1);
    expect(gridAfter.closed - gridBefore.closed).toBe(1);
    expect(gridAfter.satisfaction.rated - gridBefore.satisfaction.rated).toBe(1);
    expect(gridAfter.satisfaction.dissatisfied).toBeGreaterThan(gridBefore.satisfaction.dissatisfied ?? 0);
    expect(gridAfter.reworkRate).toBeGreaterThan(gridBefore.reworkRate ?? 0);
    expect(gridAfter.dispatchAccuracy).toBeLessThan(gridBefore.dispatchAccuracy ?? 1);
    expect(gridAfter.filingRate).toBeLessThan(1);
    expect(gridAfter.onTime.file).toBeLessThan(gridBefore.onTime.file ?? 1.01);
    expect(gridAfter.onTime.verify).toBeLessThan(gridBefore.onTime.verify ?? 1.01);
    const gridPoints = await n('SELECT sum(points) AS n FROM case_deductions WHERE holder = $1 AND event_id = $2', [
      grid,
      a,
    ]);
    expect(gridAfter.pointsDeducted - gridBefore.pointsDeducted).toBe(gridPoints);
    expect(gridAfter.score).toBeLessThan(100);
    // The department: two tasks dispatched to it, one returned.
    expect(deptAfter.dispatched - deptBefore.dispatched).toBe(2);
    expect(deptAfter.returned - deptBefore.returned).toBe(1);
  });
});

describe('each case keeps its share of the assessment', () => {
  // After the actions above (a return, a rework, a rejection, late stages, a rating), and on history.
  it('gives every level the counts its cases’ timelines give', async () => {
    // The query joins only the overdue cases to their deductions: every case with one is overdue.
    expect(
      await n('SELECT count(*) AS n FROM case_deductions d JOIN events e ON e.id = d.event_id WHERE NOT e.overdue'),
    ).toBe(0);
    expect(await n('SELECT count(*) AS n FROM case_deductions')).toBeGreaterThan(0);
    const periods = ['2026-11', '2026-09', '2025'].map((v) => parsePeriod(v)!);
    for (const period of periods)
      for (const level of ASSESSMENT_LEVELS) {
        const kept = await assessmentCounts(db, level, period);
        const fromTimeline = await assessmentFromTimeline(db, level, period);
        expect(kept.length).toBe(fromTimeline.length);
        // (the subdistricts and towns cover every case: the period has some)
        if (level === 'subdistrict') expect(sum(kept, 'reported'), period.value).toBeGreaterThan(0);
        for (const [i, want] of fromTimeline.entries()) {
          const { handlingHours, ...got } = kept[i]!;
          const { handlingHours: wantHours, ...rest } = want;
          expect(got, `${period.value} ${level} ${want.unitId}`).toEqual(rest);
          expect(handlingHours, `${period.value} ${level} ${want.unitId}`).toBeCloseTo(wantHours, 6);
        }
      }
  });
});

describe('a store from before the per-case columns', () => {
  it('gets each case’s share from its timeline once migrated, as a new dataset has it', async () => {
    const path = copyDb(inject('smallDataDir'));
    const columns = 'id, stages_entered, handling_minutes, dispatched_to, returned_by, verifications, reworks, rating';
    let old = await openDb(path);
    const loaded = await old.all(`SELECT ${columns} FROM events ORDER BY id`);
    // The store as the release before migration 11 left it.
    await old.write(async (conn) => {
      for (const c of columns.split(', ').slice(1)) await conn.run(`ALTER TABLE events DROP COLUMN ${c}`);
      await conn.run('DROP TYPE satisfaction');
      // and before migration 20, which turned the lists of ids to text
      await conn.run(
        "ALTER TABLE events ALTER COLUMN holders TYPE VARCHAR[] USING CASE WHEN holders = '' THEN [] ELSE string_split(holders, ',') END",
      );
      await conn.run('DELETE FROM schema_migrations WHERE version IN (11, 20)');
    });
    old.close();
    old = await openDb(path);
    try {
      expect(await n2(old, 'SELECT count(*) AS n FROM events WHERE verifications IS NULL')).toBe(loaded.length);
      expect(await assessCases(old)).toBe(loaded.length);
      expect(await old.all(`SELECT ${columns} FROM events ORDER BY id`)).toEqual(loaded);
      expect(await assessCases(old)).toBe(0); // once
    } finally {
      old.close();
    }
  });
});

const n2 = async (d: Db, sql: string) => Number((await d.one<{ n: number }>(sql))!.n);
