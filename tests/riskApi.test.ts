// GET /api/risk on the shared small dataset: every level, `top`, `at`, `within`, the 400s, the
// reader's scope, and a new alarm moving the score at once (the answer cache names the tables).
import { getResolution, isValidCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import { RISK_FACTORS } from '../server/domain/risk/factors';
import { ADMIN_LEVELS, H3_LEVELS } from '../server/domain/risk/levels';
import { raiseAlarm } from '../server/store/alarms';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

let db: Db;
let app: ReturnType<typeof createApp>;
let cookies: Map<Role, string>;
let users: Awaited<ReturnType<typeof signInEveryRole>>['users'];
const NOW = '2026-11-01T08:00:00.000Z';
const as = (role: Role, query: string) => call(app, 'GET', `/api/risk?${query}`, { cookie: cookies.get(role)! });

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => NOW, startedAt: Date.now() });
  ({ cookies, users } = await signInEveryRole(app, db));
});
afterAll(() => db.close());

function expectWellFormed(body: any[]) {
  for (const a of body) {
    expect(Object.keys(a.factors).sort()).toEqual([...RISK_FACTORS].sort());
    const sum = RISK_FACTORS.reduce((s, f) => s + a.factors[f], 0);
    expect(a.score).toBeCloseTo(sum, 6);
    expect(a.score).toBeGreaterThanOrEqual(0);
    expect(a.score).toBeLessThanOrEqual(100);
  }
  for (let i = 1; i < body.length; i++) expect(body[i - 1].score).toBeGreaterThanOrEqual(body[i].score);
}

describe('GET /api/risk', () => {
  it.each(ADMIN_LEVELS)('ranks the units of level %s', async (level) => {
    const res = await as('analyst', `level=${level}&top=500`);
    expect(res.status, res.text).toBe(200);
    const units = await db.all<{ id: string; name: string }>('SELECT id, name FROM admin_units WHERE level = $1', [
      level,
    ]);
    // every unit of the level, each once, under its own name
    expect(res.body.map((a: any) => a.areaId).sort()).toEqual(units.map((u) => u.id).sort());
    for (const a of res.body) expect(a.name).toBe(units.find((u) => u.id === a.areaId)!.name);
    expectWellFormed(res.body);
    // the riskiest unit of a level is the worst on at least one factor: it has that factor's whole weight
    expect(res.body[0].score).toBeGreaterThan(0);
  });

  it.each(H3_LEVELS)('ranks H3 cells at %s, named by the grid they mostly fall in', async (level) => {
    const res = await as('leader', `level=${level}&top=50`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.length).toBe(50);
    const grids = new Set(
      (await db.all<{ name: string }>("SELECT name FROM admin_units WHERE level = 'grid'")).map((g) => g.name),
    );
    for (const a of res.body) {
      expect(isValidCell(a.areaId), a.areaId).toBe(true);
      expect(getResolution(a.areaId)).toBe(Number(level.slice(3)));
      expect(grids.has(a.name) || a.name === a.areaId, a.name).toBe(true);
    }
    expectWellFormed(res.body);
  });

  it('lists `top` areas (20 by default)', async () => {
    expect((await as('centre', 'level=grid')).body).toHaveLength(20);
    expect((await as('centre', 'level=grid&top=3')).body).toHaveLength(3);
    const all = (await as('centre', 'level=grid&top=5000')).body;
    expect((await as('centre', 'level=grid&top=3')).body).toEqual(all.slice(0, 3));
  });

  it('gives the score as it stood at the end of a day of the history', async () => {
    const first = (await db.one<{ d: string }>('SELECT min(reported_at)::DATE::VARCHAR AS d FROM events'))!.d;
    const then = await as('analyst', 'level=grid&top=500&at=2024-06-30');
    expect(then.status, then.text).toBe(200);
    expectWellFormed(then.body);
    const now = await as('analyst', 'level=grid&top=500');
    expect(then.body).not.toEqual(now.body);
    // the first day of the history and today are inside it
    expect((await as('analyst', `level=city&at=${first}`)).status).toBe(200);
    expect((await as('analyst', `level=city&at=${NOW.slice(0, 10)}`)).status).toBe(200);
  });

  it('narrows to the areas within a unit, for drilling down', async () => {
    const community = (await db.one<{ id: string }>(
      "SELECT id FROM admin_units WHERE level = 'community' ORDER BY id LIMIT 1",
    ))!.id;
    const grids = await db.all<{ id: string }>('SELECT id FROM admin_units WHERE parent_id = $1', [community]);
    const res = await as('analyst', `level=grid&within=${community}&top=500`);
    expect(res.status).toBe(200);
    expect(res.body.map((a: any) => a.areaId).sort()).toEqual(grids.map((g) => g.id).sort());
    // the same scores as in the city's ranking: the scale is the level's, not the unit's
    const city = (await as('analyst', 'level=grid&top=500')).body;
    for (const a of res.body) expect(a).toEqual(city.find((c: any) => c.areaId === a.areaId));
    const cells = await as('analyst', `level=h3r9&within=${community}&top=500`);
    expect(cells.status).toBe(200);
    const names = new Set(grids.map((g) => g.id));
    const gridNames = await db.all<{ id: string; name: string }>(
      'SELECT id, name FROM admin_units WHERE parent_id = $1',
      [community],
    );
    for (const c of cells.body)
      expect(
        gridNames.some((g) => g.name === c.name),
        c.name,
      ).toBe(true);
    expect(names.size).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown level', 'level=province', 'bad_request', 'level'],
    ['no level', 'top=3', 'bad_request', 'level'],
    ['top=0', 'level=grid&top=0', 'bad_request', 'top'],
    ['top=1e9', 'level=grid&top=1e9', 'bad_request', 'top'],
    ['top=abc', 'level=grid&top=abc', 'bad_request', 'top'],
    ['a date before the history', 'level=grid&at=2001-01-01', 'outside_history', 'at'],
    ['a date after today', 'level=grid&at=2026-12-01', 'outside_history', 'at'],
    ['a date that does not exist', 'level=grid&at=2026-02-30', 'bad_request', 'at'],
    ['a date in another format', 'level=grid&at=01/10/2026', 'bad_request', 'at'],
    ['an unknown unit', 'level=grid&within=340881999999', 'unknown_unit', 'within'],
  ])('refuses %s with a 400 naming the parameter', async (_title, query, code, field) => {
    const res = await as('analyst', query);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toContain(field);
    expect(Object.keys(res.body)).toEqual(['error']);
  });

  it("keeps a geographic role within its own unit, and refuses another's", async () => {
    const unitOf = async (role: Role) =>
      (await db.one<{ unit_id: string }>('SELECT unit_id FROM users WHERE username = $1', [users.get(role)!.username]))!
        .unit_id;
    const worker = { unitId: await unitOf('gridworker') };
    const own = await as('gridworker', 'level=grid&top=500');
    expect(own.status).toBe(200);
    expect(own.body.map((a: any) => a.areaId)).toEqual([worker.unitId]);
    const community = { unitId: await unitOf('community') };
    const mine = await as('community', 'level=grid&top=500');
    const grids = await db.all<{ id: string }>('SELECT id FROM admin_units WHERE parent_id = $1', [community.unitId]);
    expect(mine.body.map((a: any) => a.areaId).sort()).toEqual(grids.map((g) => g.id).sort());
    const other = (await db.one<{ id: string }>(
      "SELECT id FROM admin_units WHERE level = 'grid' AND id <> $1 AND parent_id <> $2 LIMIT 1",
      [worker.unitId, community.unitId],
    ))!.id;
    const refused = await as('community', `level=grid&within=${other}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('out_of_scope');
    // the city above a community is not within it: nothing to list
    expect((await as('community', 'level=city')).body).toEqual([]);
    expect((await as('department', 'level=grid')).status).toBe(403);
    expect((await as('admin', 'level=grid')).status).toBe(403);
  });

  it('moves at once when an alarm raises a case (the answer names the tables it reads)', async () => {
    // a manhole in a grid with no alarm yet and below the top grid's open cases: each factor is scaled
    // against the level's largest, so in the grid that has the most a new case could not show
    const ranked = (await as('centre', 'level=grid&top=500')).body as any[];
    const topOpen = Math.max(...ranked.map((a) => a.factors.openOverdue));
    const room = new Set(
      ranked.filter((a) => a.factors.sensorAlarms === 0 && a.factors.openOverdue < topOpen).map((a) => a.areaId),
    );
    const manholes = await db.all<{ id: string; lon: number; lat: number; grid_id: string }>(
      "SELECT id, lon, lat, grid_id FROM sensors WHERE kind = 'manhole' ORDER BY id",
    );
    const found = manholes.find((m) => room.has(m.grid_id));
    expect(found, 'a manhole in a grid with room for the factors to rise').toBeTruthy();
    const sensor = found!;
    const query = `level=grid&within=${sensor.grid_id}`;
    const before = await as('centre', query);
    expect(before.body[0].factors.sensorAlarms).toBe(0);
    await raiseAlarm(
      db,
      {
        deviceId: sensor.id,
        rule: 'manhole.water-high',
        metric: 'waterLevelM',
        itemCode: '050102',
        severity: 3,
        message: 'test',
        value: 2.5,
        threshold: 2,
        raisedAt: '2026-11-01T07:00:00.000Z',
        position: [sensor.lon, sensor.lat],
        gridId: sensor.grid_id,
      },
      { h3: '8931', departmentId: 'D02', deadlineAt: '2026-11-01T09:00:00.000Z', description: 'a new case' },
    );
    const after = await as('centre', query);
    expect(after.body[0].factors.sensorAlarms).toBeGreaterThan(0);
    expect(after.body[0].factors.openOverdue).toBeGreaterThan(before.body[0].factors.openOverdue);
    // and a caller holding the old answer is told it changed
    const etag = before.headers.get('etag')!;
    const again = await call(app, 'GET', `/api/risk?${query}`, {
      cookie: cookies.get('centre')!,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(200);
  });

  it('is in the OpenAPI document with its parameters', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    const op = doc.paths['/risk'].get;
    expect(op.parameters.map((p: any) => p.name).sort()).toEqual(['at', 'level', 'top', 'within']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '403']));
  });
});

void SMALL;
