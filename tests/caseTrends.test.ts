// Trends, forecasts and anomalies of units (GET /api/stats/events/trend, /forecast, /anomalies) on the
// small dataset: counts checked against the generated records, the forecast's shape and periods, bad
// parameters refused, a planted jump found, and geographic readers kept to their units.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import { type Granularity, periodOf, periodRange, periodStart, shiftPeriod } from '../server/domain/forecast/periods';
import type { CityDataset, GovEvent } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;
let cases: GovEvent[];

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => SMALL.today, startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
  cases = data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
});
afterAll(() => db.close());

const get = (url: string, role: Role = 'analyst') => call(app, 'GET', url, { cookie: cookies.get(role) });
const NOW_MS = Date.parse(SMALL.today);

/** The grids at or below a unit. */
function gridsUnder(unitId: string): Set<string> {
  const parent = new Map(data.adminUnits.map((u) => [u.id, u.parentId]));
  const under = (id: string | null | undefined): boolean => !!id && (id === unitId || under(parent.get(id)));
  return new Set(data.adminUnits.filter((u) => u.level === 'grid' && under(u.id)).map((u) => u.id));
}

/** The records' count per `period|category` of a unit's cases reported before now. */
function recordCounts(unitId: string, by: Granularity): Map<string, number> {
  const grids = gridsUnder(unitId);
  const counts = new Map<string, number>();
  for (const e of cases) {
    if (!grids.has(e.gridId) || Date.parse(e.reportedAt) >= NOW_MS) continue;
    const key = `${periodOf(Date.parse(e.reportedAt), by)}|${e.itemCode.slice(0, 2)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
const perPeriod = (counts: Map<string, number>, period: string) =>
  [...counts].filter(([k]) => k.startsWith(`${period}|`)).reduce((a, [, n]) => a + n, 0);

const city = () => data.adminUnits.find((u) => u.level === 'city')!;
const busiestGrid = () => {
  const n = new Map<string, number>();
  for (const e of cases) n.set(e.gridId, (n.get(e.gridId) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
};

describe('GET /api/stats/events/trend', () => {
  it("counts a community's cases per month and category as the records do, zeros included", async () => {
    const community = data.adminUnits.find((u) => u.level === 'community')!;
    const res = await get(`/api/stats/events/trend?unit=${community.id}&by=month&from=2025-01&to=2026-10`);
    expect(res.status).toBe(200);
    const months = periodRange('2025-01', '2026-10', 'month');
    expect(res.body).toMatchObject({
      unit: community.id,
      name: community.name,
      by: 'month',
      from: '2025-01',
      to: '2026-10',
    });
    expect(res.body.series).toHaveLength(months.length * data.taxonomy.categories.length);
    const counts = recordCounts(community.id, 'month');
    for (const s of res.body.series)
      expect(s.count, `${s.period} ${s.category}`).toBe(counts.get(`${s.period}|${s.category}`) ?? 0);
    expect(res.body.series.reduce((a: number, s: any) => a + s.count, 0)).toBeGreaterThan(0);
  });

  it('narrows to one category, and by default spans the last 52 weeks up to the running one', async () => {
    const res = await get(`/api/stats/events/trend?unit=${city().id}&category=04`);
    expect(res.status).toBe(200);
    const running = periodOf(NOW_MS, 'week');
    expect(res.body.by).toBe('week');
    expect(res.body.to).toBe(running);
    expect(res.body.from).toBe(shiftPeriod(running, -51, 'week'));
    expect(res.body.series.map((s: any) => s.period)).toEqual(periodRange(res.body.from, running, 'week'));
    expect(new Set(res.body.series.map((s: any) => s.category))).toEqual(new Set(['04']));
    const counts = recordCounts(city().id, 'week');
    for (const s of res.body.series) expect(s.count).toBe(counts.get(`${s.period}|04`) ?? 0);
  });

  it('takes days as bounds, both included', async () => {
    const res = await get(`/api/stats/events/trend?unit=${city().id}&by=month&from=2026-03-15&to=2026-04-02`);
    expect(res.status).toBe(200);
    expect([res.body.from, res.body.to]).toEqual(['2026-03', '2026-04']);
  });

  it.each([
    ['an unknown granularity', 'by=year', 'by'],
    ['a category that does not exist', 'category=99', 'category'],
    ['a malformed category', 'category=1', 'category'],
    ['a day before the history', 'from=2010-01-01', 'from'],
    ['a month after it', 'by=month&to=2031-01', 'to'],
    ['a week that does not exist', 'from=2026-W60', 'from'],
    ['a month given for weeks', 'from=2026-05', 'from'],
    ['a day that does not exist', 'from=2026-02-30', 'from'],
    ['bounds the wrong way round', 'by=month&from=2026-10&to=2026-01', 'from'],
  ])('refuses %s with a 400 naming the field', async (_, query, field) => {
    const res = await get(`/api/stats/events/trend?unit=${city().id}&${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toEqual(expect.any(String));
    expect(res.body.error.message).toContain(field);
  });

  it('answers 400 for a malformed unit and 404 for an unknown one', async () => {
    expect((await get('/api/stats/events/trend?unit=../x')).status).toBe(400);
    expect((await get('/api/stats/events/trend')).status).toBe(400);
    const res = await get('/api/stats/events/trend?unit=340881999999G99');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('GET /api/stats/events/forecast', () => {
  it.each([
    ['week', 8, 104],
    ['month', 3, 36],
  ] as const)('forecasts a grid %s by %s from its complete history', async (by, ahead, shown) => {
    const grid = busiestGrid();
    const res = await get(`/api/stats/events/forecast?unit=${grid}&by=${by}`);
    expect(res.status).toBe(200);
    const running = periodOf(NOW_MS, by);
    const last = shiftPeriod(running, -1, by);
    expect(res.body).toMatchObject({ unit: grid, by, method: expect.any(String), interval: 0.8 });
    expect(res.body.history).toHaveLength(shown);
    expect(res.body.history.at(-1).period).toBe(last);
    const counts = recordCounts(grid, by);
    for (const h of res.body.history) expect(h.count, h.period).toBe(perPeriod(counts, h.period));
    expect(res.body.forecast.map((f: any) => f.period)).toEqual(
      periodRange(running, shiftPeriod(running, ahead - 1, by), by),
    );
    for (const f of res.body.forecast) {
      expect(f.expected).toBeGreaterThanOrEqual(0);
      expect(f.low).toBeLessThanOrEqual(f.high);
    }
    for (const a of res.body.anomalies) expect(a.count).toBeGreaterThan(a.expected);
  });

  it("puts the city's forecast inside its interval, at the scale of its recent months", async () => {
    const res = await get(`/api/stats/events/forecast?unit=${city().id}&by=month`);
    expect(res.status).toBe(200);
    const lastYear = res.body.history.slice(-12).reduce((a: number, h: any) => a + h.count, 0) / 12;
    for (const f of res.body.forecast) {
      expect(f.low).toBeLessThanOrEqual(f.expected);
      expect(f.high).toBeGreaterThanOrEqual(f.expected);
      expect(f.expected).toBeGreaterThan(lastYear / 2);
      expect(f.expected).toBeLessThan(lastYear * 2);
    }
  });

  it('refuses an unknown granularity', async () => {
    const res = await get(`/api/stats/events/forecast?unit=${city().id}&by=day`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('by');
  });
});

describe('GET /api/stats/events/anomalies', () => {
  it('refuses an unknown level', async () => {
    const res = await get('/api/stats/events/anomalies?level=province');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('level');
  });

  it("keeps a grid worker to their own grid's and a community to its own units", async () => {
    const me = (await get('/api/auth/me', 'gridworker')).body.user;
    const res = await get('/api/stats/events/anomalies?level=grid&by=month', 'gridworker');
    expect(res.status).toBe(200);
    for (const a of res.body.anomalies) expect(a.unitId).toBe(me.unitId);
    const community = (await get('/api/auth/me', 'community')).body.user;
    const own = gridsUnder(community.unitId);
    const list = await get('/api/stats/events/anomalies?level=grid&by=week', 'community');
    for (const a of list.body.anomalies) expect(own.has(a.unitId)).toBe(true);
  });

  it('finds a grid whose cases jump in the last complete week, in the list and in its forecast', async () => {
    const before = await get('/api/stats/events/anomalies?level=grid&by=week');
    expect(before.status).toBe(200);
    const last = shiftPeriod(periodOf(NOW_MS, 'week'), -1, 'week');
    expect(before.body.period).toBe(last);
    const grid = busiestGrid();
    expect(before.body.anomalies.map((a: any) => a.unitId)).not.toContain(grid);

    // Thirty more cases in that grid on the Wednesday of the last complete week (10:00 China time).
    const wednesday = new Date(periodStart(last) + 2 * 86_400_000 + 10 * 3_600_000).toISOString();
    expect(periodOf(Date.parse(wednesday), 'week')).toBe(last);
    const template = cases.filter((e) => e.gridId === grid).at(-1)!;
    await db.write(async (conn) => {
      await conn.run(
        `INSERT INTO events SELECT e.* REPLACE ('TEST-JUMP-' || r.i AS id, $2::TIMESTAMP + to_minutes(r.i) AS reported_at)
           FROM events e, range(30) r(i) WHERE e.id = $1`,
        [template.id, wednesday],
      );
    });
    db.versions.bump('events');

    const after = await get('/api/stats/events/anomalies?level=grid&by=week');
    const found = after.body.anomalies.find((a: any) => a.unitId === grid);
    expect(found).toMatchObject({ period: last, count: expect.any(Number) });
    expect(found.count).toBeGreaterThanOrEqual(30);
    expect(found.count).toBeGreaterThan(found.expected * after.body.rule.minRatio);
    const ratios = after.body.anomalies.map((a: any) => a.count / Math.max(a.expected, 0.01));
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));

    const forecast = await get(`/api/stats/events/forecast?unit=${grid}&by=week`);
    expect(forecast.body.anomalies.map((a: any) => a.period)).toContain(last);
    expect(forecast.body.history.at(-1)).toEqual({ period: last, count: found.count });
  });
});
