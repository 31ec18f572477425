// The 3D city over HTTP: /api/tiles/* serves the built tileset with the right types (gzip when asked),
// needs a signed-in user, and refuses any path that is not a tile; /api/buildings/{id} gives a picked
// building's card with counts only.

import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGlb } from '../scripts/tiles/glbRead';
import { createApp } from '../server/app';
import { eraOf } from '../server/domain/buildingEra';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';

/** The JSON body of a response (Node's fetch types it `unknown`). */
const json = (res: Response): Promise<any> => res.json();

let db: Db;
let app: ReturnType<typeof createApp>;
let cookie: string;
let data: CityDataset;

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now(), tilesDir: join(dir, 'tiles') });
  cookie = (await signInEveryRole(app, db)).cookies.get('screen')!;
});
afterAll(() => db.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { cookie, ...headers } });

describe('GET /api/tiles/*', () => {
  it('serves tileset.json and its GLB content with their content types', async () => {
    const res = await get('/api/tiles/tileset.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const tileset = await json(res);
    expect(tileset.asset.version).toBe('1.1');
    const uri = findContent(tileset.root);
    const glb = await get(`/api/tiles/${uri}`);
    expect(glb.status).toBe(200);
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect(readGlb(new Uint8Array(await glb.arrayBuffer())).json.asset.version).toBe('2.0');
  });

  it('gzips when the client accepts it, and answers a matching ETag with 304', async () => {
    const res = await get('/api/tiles/tileset.json', { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).asset.version).toBe('1.1');
    const again = await get('/api/tiles/tileset.json', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('requires sign-in', async () => {
    const res = await app.request('/api/tiles/tileset.json');
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthenticated');
  });

  it.each([
    '/api/tiles/..%2F..%2Fetc%2Fpasswd',
    '/api/tiles/..%2fwendu.duckdb',
    '/api/tiles/%2e%2e/wendu.duckdb',
    '/api/tiles/content/..%2F..%2Fdataset%2Fmanifest.json',
    '/api/tiles/..%5C..%5Cwendu.duckdb',
    '/api/tiles/tileset.json%00.glb',
    '/api/tiles/%E0%A4%A',
    '/api/tiles/.hidden.json',
    '/api/tiles/content',
    '/api/tiles/missing.glb',
  ])('refuses %s with a JSON 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});

describe('GET /api/buildings/{id}', () => {
  it("gives a building's address, use, floors, grid and how many live there", async () => {
    const homes = new Map<string, { households: number; residents: number }>();
    for (const h of data.households) {
      const c = homes.get(h.buildingId) ?? { households: 0, residents: 0 };
      c.households += 1;
      c.residents += h.size;
      homes.set(h.buildingId, c);
    }
    const [id, counts] = [...homes].sort((a, b) => b[1].residents - a[1].residents)[0]!;
    const building = data.buildings.find((b) => b.id === id)!;
    const grid = data.adminUnits.find((u) => u.id === building.gridId)!;
    const res = await get(`/api/buildings/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id,
      address: building.address,
      use: building.use,
      kind: building.kind,
      builtYear: building.builtYear,
      era: eraOf(building.builtYear),
      floors: building.floors,
      heightM: building.heightM,
      gridId: grid.id,
      gridName: grid.name,
      dwellings: building.dwellings,
      households: counts.households,
      residents: counts.residents,
    });
  });

  it('answers an unknown id 404 and a malformed one 400', async () => {
    expect((await get('/api/buildings/B999999999')).status).toBe(404);
    const bad = await get('/api/buildings/x;drop');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('bad_request');
  });
});

function findContent(tile: { content?: { uri: string }; children?: unknown[] }): string {
  if (tile.content) return tile.content.uri;
  for (const child of (tile.children ?? []) as (typeof tile)[]) {
    const uri = findContent(child);
    if (uri) return uri;
  }
  return '';
}
