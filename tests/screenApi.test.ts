// The big screen's server side: search and event statistics, on a real DuckDB (the shared small
// dataset), checked against the dataset's own files.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { CityDataset } from '../server/domain/model';
import { raiseAlarm } from '../server/store/alarms';
import type { Db } from '../server/store/db';
import { dailyEventCounts, statsWindow } from '../server/store/eventStats';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

let db: Db;
let data: CityDataset;
let cookie: string;
let cookies: Map<string, string>;
let gridworkerUnit: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => SMALL.today, startedAt: Date.now() });
  const signedIn = await signInEveryRole(app, db);
  cookies = signedIn.cookies;
  cookie = cookies.get('screen')!;
  gridworkerUnit = (await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('gridworker') })).body.user.unitId;
});
afterAll(() => db.close());

const get = (path: string) => call(app, 'GET', path, { cookie });

describe('GET /api/search', () => {
  const cases: { title: string; q: () => string; kind: string; id: () => string }[] = [
    {
      title: 'a community by name',
      q: () => data.adminUnits.find((u) => u.level === 'community')!.name,
      kind: 'unit',
      id: () => data.adminUnits.find((u) => u.level === 'community')!.id,
    },
    {
      title: 'a grid by id',
      q: () => data.adminUnits.find((u) => u.level === 'grid')!.id,
      kind: 'unit',
      id: () => data.adminUnits.find((u) => u.level === 'grid')!.id,
    },
    {
      title: 'a component by code',
      q: () => data.components[3]!.code,
      kind: 'component',
      id: () => data.components[3]!.id,
    },
    { title: 'a camera by id', q: () => data.cameras[1]!.id, kind: 'camera', id: () => data.cameras[1]!.id },
    {
      title: 'a building by address',
      q: () => data.buildings[5]!.address,
      kind: 'building',
      id: () => data.buildings[5]!.id,
    },
  ];
  for (const c of cases) {
    it(`finds ${c.title} first, with its position`, async () => {
      const res = await get(`/api/search?q=${encodeURIComponent(c.q())}`);
      expect(res.status).toBe(200);
      const first = res.body.hits[0];
      expect(first).toMatchObject({ kind: c.kind, id: c.id() });
      expect(first.position).toEqual([expect.any(Number), expect.any(Number)]);
      expect(Object.keys(first).sort()).toEqual(['detail', 'id', 'kind', 'label', 'position']);
    });
  }

  it('treats LIKE wildcards as text and refuses empty or long queries', async () => {
    expect((await get('/api/search?q=%25')).body.hits).toEqual([]);
    expect((await get('/api/search?q=_')).body.hits).toEqual([]);
    for (const q of ['', '%20%20', 'x'.repeat(61)]) {
      const res = await get(`/api/search?q=${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('keeps to the limit', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('社区')}&limit=3`);
    expect(res.body.hits).toHaveLength(3);
  });
});

describe('GET /api/stats/*', () => {
  it('counts events per day over the last 30 days, every day present', async () => {
    const res = await get('/api/stats/events/daily?days=30');
    expect(res.status).toBe(200);
    const { window, days } = res.body;
    expect(window).toMatchObject({
      days: 30,
      fallback: false,
      to: '2026-11-02T00:00:00.000Z',
      from: '2026-10-03T00:00:00.000Z',
    });
    expect(days).toHaveLength(30);
    expect(days[0].day).toBe('2026-10-03');
    expect(days[29].day).toBe('2026-11-01');
    // cases only: reports never filed (rejected, merged) are counted apart
    const cases = data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    const inWindow = cases.filter((e) => e.reportedAt >= window.from && e.reportedAt < window.to);
    expect(days.reduce((n: number, d: { reported: number }) => n + d.reported, 0)).toBe(inWindow.length);
    const oneDay = days.find((d: { reported: number }) => d.reported > 0);
    expect(oneDay.reported).toBe(cases.filter((e) => e.reportedAt.startsWith(oneDay.day)).length);
    expect(oneDay.closed).toBe(
      cases.filter((e) => e.reportedAt.startsWith(oneDay.day) && e.status === 'closed').length,
    );
  });

  it('falls back to the dataset’s last day when the clock is weeks past its history', async () => {
    const soon = await statsWindow(db, '2026-11-03T08:00:00.000Z', 7);
    expect(soon.fallback).toBe(false);
    // (The store directly: a session cookie cannot be made for a clock a year ahead.)
    const window = await statsWindow(db, '2027-12-01T08:00:00.000Z', 7);
    const days = await dailyEventCounts(db, window);
    const last = data.events
      .map((e) => e.reportedAt)
      .sort()
      .at(-1)!;
    expect(window.fallback).toBe(true);
    expect(days.at(-1)!.day).toBe(last.slice(0, 10));
    expect(days.some((d) => d.reported > 0)).toBe(true);
  });

  it('groups the window’s events by the nine categories', async () => {
    const res = await get('/api/stats/events/by-category');
    expect(res.status).toBe(200);
    const { window, categories } = res.body;
    expect(categories).toHaveLength(9);
    const cases = data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    const inWindow = cases.filter((e) => e.reportedAt >= window.from && e.reportedAt < window.to);
    for (const c of categories) {
      const mine = inWindow.filter((e) => e.itemCode.startsWith(c.code));
      expect([c.code, c.count, c.open]).toEqual([
        c.code,
        mine.length,
        mine.filter((e) => e.status !== 'closed').length,
      ]);
    }
    const counts = categories.map((c: { count: number }) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('ranks departments by closure rate, then overdue rate, with average handling hours', async () => {
    const res = await get('/api/stats/departments/ranking?days=90');
    expect(res.status).toBe(200);
    const { window, departments } = res.body;
    expect(departments.length).toBeGreaterThan(3);
    departments.forEach((d: { rank: number }, i: number) => {
      expect(d.rank).toBe(i + 1);
    });
    for (let i = 1; i < departments.length; i++)
      expect(departments[i - 1].closureRate).toBeGreaterThanOrEqual(departments[i].closureRate);
    const d = departments[0];
    // the ranking counts cases, as the other statistics do: not the rejected or merged reports
    const mine = data.events.filter(
      (e) =>
        e.departmentId === d.id &&
        e.reportedAt >= window.from &&
        e.reportedAt < window.to &&
        e.status !== 'rejected' &&
        e.status !== 'merged',
    );
    const closed = mine.filter((e) => e.closedAt);
    expect(d.events).toBe(mine.length);
    expect(d.closureRate).toBeCloseTo(mine.filter((e) => e.status === 'closed').length / mine.length, 3);
    expect(d.overdueRate).toBeCloseTo(mine.filter((e) => e.overdue).length / mine.length, 3);
    const hours =
      closed.reduce((s, e) => s + (Date.parse(e.closedAt!) - Date.parse(e.reportedAt)), 0) / closed.length / 3_600_000;
    expect(d.avgHandlingHours).toBeCloseTo(hours, 0);
  });

  it('refuses a bad window', async () => {
    for (const days of ['0', '400', 'x']) {
      const res = await get(`/api/stats/events/daily?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });
});

describe('what the ticker opens, by id', () => {
  it('reads the event a sensor alarm raised (as the live stream names it) with its timeline, and the alarm', async () => {
    expect(gridworkerUnit).toMatch(/^\d{12}G\d{2}$/);
    const sensor = data.sensors.find((x) => x.kind === 'manhole' && x.gridId !== gridworkerUnit)!;
    const raisedAt = '2026-11-01T09:30:00.000Z';
    // The store's raise, as the alarm engine calls it; the engine announces { id: alarm.eventId } on /api/live.
    const alarm = await raiseAlarm(
      db,
      {
        deviceId: sensor.id,
        rule: 'manhole.water-high',
        metric: 'waterLevelM',
        itemCode: '050102',
        severity: 2,
        message: '井内水位过高',
        value: 2.6,
        threshold: 2,
        raisedAt,
        position: sensor.position,
        gridId: sensor.gridId,
      },
      {
        h3: '8a40d9ab0a4ffff',
        departmentId: 'D05',
        deadlineAt: '2026-11-01T13:30:00.000Z',
        description: '【感知告警】智能井盖 井内水位过高',
      },
    );
    expect(alarm.eventId).toMatch(/^ES\d{7}$/);

    const event = await get(`/api/events/${alarm.eventId}`);
    expect(event.status).toBe(200);
    expect(event.body).toMatchObject({
      id: alarm.eventId,
      code: expect.stringMatching(/^TC20261101-S\d{5}$/),
      itemCode: '050102',
      source: 'sensor',
      gridId: sensor.gridId,
      position: sensor.position,
      reportedAt: raisedAt,
      status: 'reported',
      closedAt: null,
    });
    expect(event.body.steps).toEqual([
      expect.objectContaining({ eventId: alarm.eventId, seq: 1, stage: 'collect', actor: `sensor:${sensor.id}` }),
    ]);
    const one = await get(`/api/alarms/${alarm.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: alarm.id, eventId: alarm.eventId, status: 'raised' });

    // Cases keep their scope: a grid worker elsewhere is told there is no such event.
    expect((await call(app, 'GET', `/api/events/${alarm.eventId}`, { cookie: cookies.get('gridworker') })).status).toBe(
      404,
    );
  });

  it('reads a closed event from the ticker’s first page (not among the open events the map draws)', async () => {
    const closed = (await get('/api/events?status=closed&limit=1')).body.events[0];
    const res = await get(`/api/events/${closed.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: closed.id, code: closed.code, status: 'closed' });
    expect(res.body.steps.length).toBeGreaterThan(1);
  });
});
