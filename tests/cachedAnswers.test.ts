// Answers built once per data version (issue 17): every cached route sends a strong ETag and answers a
// matching If-None-Match with 304 without reading the store; a change to the data moves exactly the
// answers that read it; two scopes never share bytes or tags; a signed-out request is refused before
// any cache is consulted; the cache stays within its bytes. On a copy of the small dataset.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { AnswerCache } from '../server/http/answerCache';
import { raiseAlarm } from '../server/store/alarms';
import { setComponentState } from '../server/store/components';
import type { Db } from '../server/store/db';
import { listSensorStates, saveSensorStates } from '../server/store/sensorState';
import { openCopy } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';

let db: Db;
/** The same store, counting its reads. */
let counted: Db;
let reads = 0;
let app: ReturnType<typeof createApp>;
let cookies: Map<string, string>;
let users: Map<string, { username: string; password: string }>;
let cityId: string;

const LAYERS = [
  '/api/layers/grids',
  '/api/layers/components',
  '/api/layers/cameras',
  '/api/layers/patrol-points',
  '/api/layers/sensors',
  '/api/layers/buildings',
  '/api/sensors/state',
];
const CASE_ANSWERS = () => [
  '/api/overview',
  '/api/stats/events/daily?days=30',
  '/api/stats/events/by-category?days=30',
  '/api/stats/departments/ranking?days=90',
  `/api/grids/${cityId}`,
  `/api/stats/events/trend?unit=${cityId}&by=week`,
  '/api/events?limit=50',
  '/api/alarms',
  // this month in China Standard Time: a case reported now counts in it
  `/api/assessment?period=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}&level=subdistrict`,
];

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  counted = {
    ...db,
    all: (sql, params) => {
      reads++;
      return db.all(sql, params);
    },
    one: (sql, params) => {
      reads++;
      return db.one(sql, params);
    },
  };
  app = createApp({ db: counted, now: () => new Date().toISOString(), startedAt: Date.now() });
  ({ cookies, users } = await signInEveryRole(app, db));
  cityId = (await db.one<{ id: string }>("SELECT id FROM admin_units WHERE level = 'city'"))!.id;
});
afterAll(() => db.close());

const get = (path: string, headers: Record<string, string> = {}, role = 'centre') =>
  app.request(path, { headers: { cookie: cookies.get(role)!, ...headers } });

/** A JSON answer's body as sent: small answers go out uncompressed whatever the client accepts. */
const decoded = (res: Response, body: Buffer): unknown =>
  JSON.parse((res.headers.get('content-encoding') === 'br' ? brotliDecompressSync(body) : body).toString());

/** The ETag each path answers now (after reading its body). */
async function tags(paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const p of paths) {
    const res = await get(p, { 'accept-encoding': 'br' });
    expect(res.status, p).toBe(200);
    await res.arrayBuffer();
    out.set(p, res.headers.get('etag')!);
  }
  return out;
}

describe('cached answers', () => {
  it('send a strong ETag, and a 304 for it without reading the store', async () => {
    for (const path of [...LAYERS, ...CASE_ANSWERS()]) {
      const first = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(first.status, path).toBe(200);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]+(-br|-gz)?"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      expect(first.headers.get('vary')).toMatch(/Accept-Encoding/);
      const before = reads;
      const again = await get(path, { 'if-none-match': etag, 'accept-encoding': 'gzip, deflate, br' });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(reads - before, `${path} read the store for a 304`).toBe(0);
    }
  });

  it('send brotli, gzip or identity by Accept-Encoding, all the same JSON, each with its own tag', async () => {
    const plain = await get('/api/layers/components');
    const json = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    const br = await get('/api/layers/components', { 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(json);
    const gz = await get('/api/layers/components', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(json);
    expect(new Set([plain, br, gz].map((r) => r.headers.get('etag'))).size).toBe(3);
    // Any representation's tag stands for the entity: a client that switched encodings still gets 304.
    expect((await get('/api/layers/components', { 'if-none-match': gz.headers.get('etag')! })).status).toBe(304);
  });

  it('a new case moves the answers that count cases, and not the layers', async () => {
    const paths = [...LAYERS, ...CASE_ANSWERS()];
    const before = await tags(paths);
    const sensor = (await db.one<{ id: string; lon: number; lat: number; grid_id: string }>(
      'SELECT id, lon, lat, grid_id FROM sensors ORDER BY id LIMIT 1',
    ))!;
    const at = new Date().toISOString();
    await raiseAlarm(
      counted,
      {
        deviceId: sensor.id,
        rule: 'test-rule',
        metric: 'waterLevelM',
        itemCode: '050102',
        severity: 2,
        message: 'test',
        value: 1,
        threshold: 0.5,
        raisedAt: at,
        position: [sensor.lon, sensor.lat],
        gridId: sensor.grid_id,
      },
      { h3: '8a31', departmentId: 'D02', deadlineAt: at, description: 'a new case' },
    );
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': before.get(path)!, 'accept-encoding': 'br' });
      await res.arrayBuffer();
      expect(res.status, path).toBe(LAYERS.includes(path) ? 304 : 200);
      if (res.status === 200) expect(res.headers.get('etag'), path).not.toBe(before.get(path));
    }
    const overview = (await (await get('/api/overview')).json()) as { events: { total: number } };
    const total = (await db.one<{ n: number }>(
      "SELECT count(*) AS n FROM events WHERE status NOT IN ('rejected', 'merged')",
    ))!.n;
    expect(overview.events.total).toBe(total);
  });

  it("a component's state moves the components layer and nothing whose bytes it does not change", async () => {
    const paths = [...LAYERS, ...CASE_ANSWERS()];
    const before = await tags(paths);
    const component = (await db.one<{ id: string; state: string }>(
      "SELECT id, state FROM components WHERE state = 'normal' ORDER BY id LIMIT 1",
    ))!;
    expect(await setComponentState(counted, component.id, 'damaged')).toBe(true);
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': before.get(path)!, 'accept-encoding': 'br' });
      const body = await res.arrayBuffer();
      // The overview counts components but not their states: rebuilt, same bytes, same tag, 304.
      const changes = path === '/api/layers/components' || path.startsWith('/api/grids/');
      expect(res.status, path).toBe(changes ? 200 : 304);
      if (path === '/api/layers/components') {
        const layer = JSON.parse(brotliDecompressSync(Buffer.from(body)).toString()) as {
          features: { id: string; properties: { state: string } }[];
        };
        expect(layer.features.find((f) => f.id === component.id)?.properties.state).toBe('damaged');
      }
    }
  });

  it('give two scopes different bytes and tags, and one scope no use of the other’s tag', async () => {
    const city = await get('/api/events?limit=50', { 'accept-encoding': 'br' }, 'centre');
    const grid = await get('/api/events?limit=50', { 'accept-encoding': 'br' }, 'gridworker');
    const cityBody = Buffer.from(await city.arrayBuffer());
    const gridBody = Buffer.from(await grid.arrayBuffer());
    expect(city.headers.get('etag')).not.toBe(grid.headers.get('etag'));
    expect(cityBody.equals(gridBody)).toBe(false);
    // The grid worker presents the centre's tag: not a 304, but their own page.
    const presented = await get('/api/events?limit=50', { 'if-none-match': city.headers.get('etag')! }, 'gridworker');
    expect(presented.status).toBe(200);
    const page = (await presented.json()) as { total: number; events: { gridId: string }[] };
    const own = JSON.parse(brotliDecompressSync(gridBody).toString()) as { total: number };
    expect(page.total).toBe(own.total);
    expect(new Set(page.events.map((e) => e.gridId)).size).toBeLessThanOrEqual(1);
    // A unit the centre has cached is still a 404 for a grid worker outside it.
    const me = (await (await get('/api/auth/me', {}, 'gridworker')).json()) as { user: { unitId: string } };
    const other = (await db.one<{ id: string }>(
      "SELECT id FROM admin_units WHERE level = 'grid' AND id <> $1 ORDER BY id LIMIT 1",
      [me.user.unitId],
    ))!.id;
    expect((await get(`/api/grids/${other}`, {}, 'centre')).status).toBe(200);
    const refused = await get(`/api/grids/${other}`, {}, 'gridworker');
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuse a signed-out request before any cache is consulted', async () => {
    const cached = await get('/api/layers/components');
    await cached.arrayBuffer();
    for (const path of ['/api/layers/components', '/api/overview']) {
      const res = await app.request(path, { headers: { 'if-none-match': cached.headers.get('etag')! } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('a case closed through the action route moves the open-cases layer and the overview, then 304 again', async () => {
    const act = async (role: string, path: string, body: Record<string, unknown>) => {
      const res = await app.request(path, {
        method: 'POST',
        headers: { cookie: cookies.get(role)!, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${role} ${path} ${JSON.stringify(body)}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as { id: string; status: string };
    };
    const me = (await (await get('/api/auth/me', {}, 'gridworker')).json()) as { user: { unitId: string } };
    const place = (await db.one<{ lon: number; lat: number }>(
      'SELECT lon, lat FROM events WHERE grid_id = $1 ORDER BY id LIMIT 1',
      [me.user.unitId],
    ))!;
    const { id } = await act('gridworker', '/api/events', {
      itemCode: '010101',
      lon: place.lon,
      lat: place.lat,
      description: '缓存测试：垃圾裸露',
      source: 'patrol',
    });
    await act('centre', `/api/events/${id}/actions`, { action: 'file' });
    await act('centre', `/api/events/${id}/actions`, { action: 'dispatch', lead: { assignee: 'D02' } });
    await act('department', `/api/events/${id}/actions`, { action: 'accept' });
    await act('department', `/api/events/${id}/actions`, { action: 'feedback', note: '已清运' });
    // What the twin draws as its open-cases layer (client/api/twinApi.ts openEvents), for two readers.
    const OPEN = '/api/events?open=true&limit=500';
    const open = async (role: string, headers: Record<string, string> = {}) => {
      const res = await get(OPEN, { 'accept-encoding': 'br', ...headers }, role);
      const body = Buffer.from(await res.arrayBuffer());
      const page = res.status === 200 ? (decoded(res, body) as { total: number; events: { id: string }[] }) : null;
      return { status: res.status, etag: res.headers.get('etag')!, page };
    };
    const before = { centre: await open('centre'), gridworker: await open('gridworker') };
    for (const b of Object.values(before)) expect(b.page!.events.map((e) => e.id)).toContain(id);
    const paths = [...LAYERS, '/api/overview'];
    const tagsBefore = await tags(paths);
    const closedBefore = ((await (await get('/api/overview')).json()) as { events: { closed: number } }).events.closed;

    await act('gridworker', `/api/events/${id}/actions`, { action: 'verify', passed: true });
    const closed = await act('centre', `/api/events/${id}/actions`, {
      action: 'evaluate',
      satisfaction: 'satisfied',
      ratedBy: 'resident',
    });
    expect(closed.status).toBe('closed');

    for (const role of ['centre', 'gridworker'] as const) {
      const after = await open(role, { 'if-none-match': before[role].etag });
      expect(after.status, role).toBe(200);
      expect(after.etag, role).not.toBe(before[role].etag);
      expect(
        after.page!.events.map((e) => e.id),
        role,
      ).not.toContain(id);
      expect(after.page!.total, role).toBe(before[role].page!.total - 1);
      // Nothing changed since: its own tag gets a 304 now.
      expect((await open(role, { 'if-none-match': after.etag })).status, role).toBe(304);
    }
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': tagsBefore.get(path)!, 'accept-encoding': 'br' });
      await res.arrayBuffer();
      expect(res.status, path).toBe(path === '/api/overview' ? 200 : 304);
    }
    const overview = (await (await get('/api/overview')).json()) as { events: { closed: number } };
    expect(overview.events.closed).toBe(closedBefore + 1);
  });

  it("a sensor's saved state moves the sensors' states and nothing else", async () => {
    const paths = [...LAYERS, '/api/overview'];
    const before = await tags(paths);
    const sensor = (await db.one<{ id: string }>('SELECT id FROM sensors ORDER BY id LIMIT 1'))!;
    const saved = (await listSensorStates(db)).find((s) => s.deviceId === sensor.id);
    const batteryPct = typeof saved?.values.batteryPct === 'number' ? (saved.values.batteryPct + 1) % 100 : 50;
    const at = new Date().toISOString();
    const state = saved ?? { deviceId: sensor.id, online: true, ts: at, receivedAt: at, statusAt: null, values: {} };
    await saveSensorStates(counted, [{ ...state, values: { ...state.values, batteryPct } }], at);
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': before.get(path)!, 'accept-encoding': 'br' });
      const body = await res.arrayBuffer();
      expect(res.status, path).toBe(path === '/api/sensors/state' ? 200 : 304);
      if (res.status === 200) {
        const sensors = decoded(res, Buffer.from(body)) as {
          id: string;
          state: { values: { batteryPct?: number } } | null;
        }[];
        expect(sensors.find((s) => s.id === sensor.id)?.state?.values.batteryPct).toBe(batteryPct);
      }
    }
  });

  it('give two scoped roles (a community, a subdistrict) different bytes and tags, each within its scope', async () => {
    const within = async (role: string) => {
      const me = (await (await get('/api/auth/me', {}, role)).json()) as { user: { unitId: string } };
      const unit = (await db.one<{ path: string }>('SELECT path FROM admin_units WHERE id = $1', [me.user.unitId]))!;
      const grids = await db.all<{ id: string }>(
        "SELECT id FROM admin_units WHERE level = 'grid' AND starts_with(path, $1 || '/')",
        [unit.path],
      );
      return new Set(grids.map((g) => g.id));
    };
    const answers = [];
    for (const role of ['community', 'subdistrict']) {
      const res = await get('/api/events?limit=500', { 'accept-encoding': 'br' }, role);
      const body = Buffer.from(await res.arrayBuffer());
      const page = decoded(res, body) as { total: number; events: { gridId: string }[] };
      const grids = await within(role);
      for (const e of page.events) expect(grids.has(e.gridId), `${role}: ${e.gridId}`).toBe(true);
      answers.push({ etag: res.headers.get('etag'), body, total: page.total });
    }
    const [community, subdistrict] = answers as [(typeof answers)[0], (typeof answers)[0]];
    // The subdistrict holds the community and others with cases of their own.
    expect(subdistrict.total).toBeGreaterThan(community.total);
    expect(community.etag).not.toBe(subdistrict.etag);
    expect(community.body.equals(subdistrict.body)).toBe(false);
    // The community presents the subdistrict's tag: not a 304, its own page.
    const presented = await get('/api/events?limit=500', { 'if-none-match': subdistrict.etag! }, 'community');
    expect(presented.status).toBe(200);
    expect(((await presented.json()) as { total: number }).total).toBe(community.total);
  });

  it('consult no cache for a signed-out request, not even to answer 304', async () => {
    const answers = new AnswerCache();
    const own = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now(), answers });
    const etags = new Map<string, string>();
    for (const path of ['/api/layers/components', '/api/overview', '/api/sensors/state']) {
      const res = await own.request(path, { headers: { cookie: cookies.get('centre')! } });
      await res.arrayBuffer();
      etags.set(path, res.headers.get('etag')!);
    }
    const held = answers.stats();
    for (const [path, etag] of etags) {
      const refused: Record<string, string>[] = [
        { 'if-none-match': etag },
        { 'if-none-match': etag, cookie: 'wendu_session=forged' },
      ];
      for (const headers of refused) {
        const res = await own.request(path, { headers });
        expect(res.status, path).toBe(401);
        expect(res.headers.get('etag'), path).toBeNull();
      }
    }
    expect(answers.stats()).toEqual(held);
  });

  it("keep the guard's remembered sessions past someone else's sign-in, and drop them at a sign-out", async () => {
    const etag = (await get('/api/overview')).headers.get('etag')!;
    const conditional = async () => {
      const before = reads;
      expect((await get('/api/overview', { 'if-none-match': etag })).status).toBe(304);
      return reads - before;
    };
    expect(await conditional()).toBe(0);
    const analyst = users.get('analyst')!;
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: analyst.username, password: analyst.password }),
    });
    expect(login.status).toBe(200);
    const theirs = login.headers.get('set-cookie')!.split(';')[0]!;
    // A new session changes nobody else's: the centre's 304 still reads nothing.
    expect(await conditional()).toBe(0);
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: theirs } })).status).toBe(200);
    // A session ended: every remembered one is looked up again (once), and the ended one is refused.
    expect(await conditional()).toBeGreaterThan(0);
    expect(await conditional()).toBe(0);
    expect((await app.request('/api/overview', { headers: { cookie: theirs } })).status).toBe(401);
  });

  it('stay within the bytes the cache is given, and answer the same', async () => {
    const answers = new AnswerCache(1_000_000);
    const bounded = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now(), answers });
    const boxes = Array.from({ length: 12 }, (_, i) => `116.${80 + i},30.90,117.10,31.20`);
    for (const path of [...LAYERS, ...boxes.map((b) => `/api/layers/components?bbox=${b}`)]) {
      const init = { headers: { cookie: cookies.get('centre')!, 'accept-encoding': 'br' } };
      const res = await bounded.request(path, init);
      await res.arrayBuffer();
      const reference = await get(path, { 'accept-encoding': 'br' });
      await reference.arrayBuffer();
      expect(res.headers.get('etag'), path).toBe(reference.headers.get('etag'));
      expect(answers.stats().bytes).toBeLessThanOrEqual(1_000_000);
    }
    expect(answers.stats().evictions).toBeGreaterThan(0);
  });
});
