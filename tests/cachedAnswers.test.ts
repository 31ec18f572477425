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
import { openCopy } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';

let db: Db;
/** The same store, counting its reads. */
let counted: Db;
let reads = 0;
let app: ReturnType<typeof createApp>;
let cookies: Map<string, string>;
let cityId: string;

const LAYERS = [
  '/api/layers/grids',
  '/api/layers/components',
  '/api/layers/cameras',
  '/api/layers/patrol-points',
  '/api/layers/sensors',
  '/api/layers/buildings',
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
  cookies = (await signInEveryRole(app, db)).cookies;
  cityId = (await db.one<{ id: string }>("SELECT id FROM admin_units WHERE level = 'city'"))!.id;
});
afterAll(() => db.close());

const get = (path: string, headers: Record<string, string> = {}, role = 'centre') =>
  app.request(path, { headers: { cookie: cookies.get(role)!, ...headers } });

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
