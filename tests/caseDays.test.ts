// The cases kept per unit and day (store/caseDays.ts), which the forecast, the trends' history span and
// the six elements count from: equal to the records at every level, and never stale — a report today
// and a past report turned away through the actions route both show on the next read.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import { cstDayOf, cstDayStart, periodOf } from '../server/domain/forecast/periods';
import type { CityDataset } from '../server/domain/model';
import { casesByDay } from '../server/store/caseDays';
import type { Db } from '../server/store/db';
import { levelSeries } from '../server/store/eventTrends';
import { openCopy, readDataset } from './helpers/dataset';
import { watchingReads } from './helpers/reads';
import { call, signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => SMALL.today, startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
});
afterAll(() => db.close());

const TODAY = cstDayOf(Date.parse(SMALL.today));

/** The store's own count of a unit's cases (rejected and merged reports are none), read plainly. */
async function storedCases(unitId: string): Promise<number> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM events e JOIN admin_units g ON g.id = e.grid_id
      WHERE e.status NOT IN ('rejected', 'merged') AND (g.id = $1 OR list_contains(string_split(g.path, '/'), $1))`,
    [unitId],
  );
  return row!.n;
}

const total = async (id: string) => (await casesByDay(db, [id], SMALL.today)).units.get(id)!.total;

describe('cases per unit and day', () => {
  it('equal the records per day and per category, at every level', async () => {
    const parent = new Map(data.adminUnits.map((u) => [u.id, u.parentId]));
    const above = (gridId: string) => {
      const ids: string[] = [];
      for (let id: string | null | undefined = gridId; id; id = parent.get(id)) ids.push(id);
      return ids;
    };
    const units = ['city', 'subdistrict', 'community', 'town', 'village', 'grid'].map(
      (level) => data.adminUnits.find((u) => u.level === level)!.id,
    );
    const { units: got, span } = await casesByDay(db, units, SMALL.today);
    const cases = data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    const days = cases.map((e) => cstDayOf(Date.parse(e.reportedAt)));
    expect(span).toEqual({ first: Math.min(...days), last: Math.max(...days) });
    for (const id of units) {
      const perDay = new Map<number, number>();
      const byCategory = new Map<string, number>();
      cases.forEach((e, i) => {
        if (!above(e.gridId).includes(id)) return;
        perDay.set(days[i]!, (perDay.get(days[i]!) ?? 0) + 1);
        byCategory.set(e.itemCode.slice(0, 2), (byCategory.get(e.itemCode.slice(0, 2)) ?? 0) + 1);
      });
      const kept = got.get(id)!;
      const counted = kept.perDay(span!.first, TODAY);
      const want = Array.from({ length: TODAY - span!.first + 1 }, (_, i) => perDay.get(span!.first + i) ?? 0);
      expect([...counted], id).toEqual(want);
      expect(new Map([...kept.byCategory].sort()), id).toEqual(new Map([...byCategory].sort()));
      expect(kept.total, id).toBe(await storedCases(id));
    }
  });

  it('give the anomaly list every unit’s months as the records do, and a grid worker their own grid as the parent', async () => {
    const from = '2020-01-01T00:00:00.000Z';
    const to = '2026-10-01T00:00:00.000Z';
    const cases = data.events.filter(
      (e) => e.status !== 'rejected' && e.status !== 'merged' && e.reportedAt >= from && e.reportedAt < to,
    );
    const communities = data.adminUnits.filter((u) => u.level === 'community');
    const { units, series } = await levelSeries(
      db,
      { kind: 'city' },
      { level: 'community', by: 'month', from, to },
      SMALL.today,
    );
    expect(units.map((u) => u.id).sort()).toEqual(communities.map((u) => u.id).sort());
    for (const c of communities) {
      const grids = new Set(data.adminUnits.filter((g) => g.parentId === c.id).map((g) => g.id));
      const want = new Map<string, number>();
      for (const e of cases)
        if (grids.has(e.gridId)) {
          const month = periodOf(Date.parse(e.reportedAt), 'month');
          want.set(month, (want.get(month) ?? 0) + 1);
        }
      expect(new Map((series.get(c.id) ?? []).map((p) => [p.period, p.count])), c.id).toEqual(want);
    }
    const grid = data.adminUnits.find((u) => u.level === 'grid' && u.parentId === communities[0]!.id)!;
    const path = (await db.one<{ path: string }>('SELECT path FROM admin_units WHERE id = $1', [grid.id]))!.path;
    const seen = await levelSeries(db, { kind: 'unit', path }, { level: 'grid', by: 'month', from, to }, SMALL.today);
    expect(seen.units.map((u) => u.id)).toEqual([grid.id]);
    expect(seen.series.get(grid.id)!.length).toBeGreaterThan(0);
    expect(seen.series.get(communities[0]!.id)).toEqual(seen.series.get(grid.id));
  });

  it('count a report made today, and a past report turned away, on the next read', async () => {
    const worker = (await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('gridworker') })).body.user;
    const grid = worker.unitId as string;
    const [lon, lat] = data.events.find((e) => e.gridId === grid)!.position;
    const cityId = data.adminUnits.find((u) => u.level === 'city')!.id;
    const before = await total(grid);
    const city = await total(cityId);
    const made = await call(app, 'POST', '/api/events', {
      cookie: cookies.get('gridworker'),
      json: { itemCode: '010101', lon, lat, description: '小区门口垃圾裸露堆放', source: 'patrol' },
    });
    expect(made.status, made.text).toBe(201);
    expect(await total(grid)).toBe(before + 1);
    expect(await total(cityId)).toBe(city + 1);

    // A report of an earlier day, still unfiled, turned away (不予立案): its day no longer counts it.
    // Made here three days back (before the days recounted at each call) by the same worker through a
    // clock of that day, so the test does not hang on the dataset's draws holding one.
    const earlier = createApp({
      db,
      now: () => new Date(cstDayStart(TODAY - 3) + 10 * 3600_000).toISOString(),
      startedAt: Date.now(),
    });
    const other =
      data.events.find((e) => e.gridId === grid && e.itemCode !== '010101') ??
      data.events.find((e) => e.gridId === grid)!;
    const reported = await call(earlier, 'POST', '/api/events', {
      cookie: cookies.get('gridworker'),
      json: {
        itemCode: '010102',
        lon: other.position[0],
        lat: other.position[1],
        description: '路边积存渣土未清运',
        source: 'patrol',
      },
    });
    expect(reported.status, reported.text).toBe(201);
    const past = await db.one<{ id: string; grid_id: string }>(
      `SELECT id, grid_id FROM events WHERE id = $1 AND status = 'reported' AND reported_at < $2::TIMESTAMP`,
      [reported.body.id, new Date(cstDayStart(TODAY - 1)).toISOString()],
    );
    expect(past, 'the report stands unfiled on its earlier day').toBeTruthy();
    const pastGrid = await total(past!.grid_id);
    const turned = await call(app, 'POST', `/api/events/${past!.id}/actions`, {
      cookie: cookies.get('centre'),
      json: { action: 'reject', reason: '非城市管理范围' },
    });
    expect(turned.status, turned.text).toBe(200);
    // Taken off its day in the days kept, not counted again (no read groups the days before yesterday).
    const read = await watchingReads(db, () => total(past!.grid_id));
    expect(read.value).toBe(pastGrid - 1);
    expect(read.statements.filter((sql) => sql.includes('count(*) FILTER'))).toEqual([]);
    // today's report still counts; the past one came and went
    expect(await total(cityId)).toBe(city + 1);
    expect(await total(cityId)).toBe(await storedCases(cityId));
  });
});
