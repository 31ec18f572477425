// The ground served to the twin (issue 14 item 4): the waters, land-use and elevation layers (cached per
// data version: a strong ETag, 304 on If-None-Match, a new answer once a write moves their table), the raster
// ground tiles (WebP, drawn, not blank, inside the county) and the terrain's heightmap-1.0 tiles (hills in
// the north-west higher than the plain in the south-east), with the county's townships drawn on it. On a
// copy of the small dataset.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { HEIGHTMAP_SIZE } from '../server/ground/heightmap';
import { renderGroundTile } from '../server/ground/render';
import { type GroundScene, readGroundScene } from '../server/ground/scene';
import { tmsRow } from '../server/ground/tiles';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let cookies: Map<string, string>;

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
});
afterAll(() => db.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { cookie: cookies.get('screen')!, ...headers } });

/** The geographic tile (y from the north) holding a point at level z. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const size = 180 / 2 ** z;
  return [Math.floor((lon + 180) / size), Math.floor((90 - lat) / size)];
}

/** A ground tile of `scene` drawn and decoded to RGBA pixels. */
async function tilePixels(scene: GroundScene, z: number, x: number, y: number) {
  const image = await loadImage((await renderGroundTile(scene, z, x, y))!);
  const g = createCanvas(image.width, image.height).getContext('2d');
  g.drawImage(image, 0, 0);
  return g.getImageData(0, 0, image.width, image.height).data;
}

describe('ground layers', () => {
  it('serves waters, land use and the elevation model, cached per data version', async () => {
    const counts = await db.one<{ w: number; u: number; t: number }>(
      'SELECT (SELECT count(*) FROM waters)::INT AS w, (SELECT count(*) FROM land_use)::INT AS u, (SELECT count(*) FROM terrain)::INT AS t',
    );
    for (const [path, table, n] of [
      ['/api/layers/waters', 'waters', counts!.w],
      ['/api/layers/land-use', 'land_use', counts!.u],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const fc = (await res.json()) as { features: { geometry: { type: string } }[] };
      expect(fc.features.length, path).toBe(n);
      expect(n, path).toBeGreaterThan(0);
      expect(new Set(fc.features.map((f) => f.geometry.type))).toEqual(new Set(['Polygon']));
      const tag = res.headers.get('etag')!;
      expect(tag).toMatch(/^"/);
      expect((await get(path, { 'if-none-match': tag })).status, path).toBe(304);
      // a write that moves the table's version (and changes what it holds) is seen at once
      await db.write((conn) =>
        conn.run(`UPDATE ${table} SET name = name || '·' WHERE id = (SELECT min(id) FROM ${table})`),
      );
      db.versions.bump(table);
      const moved = await get(path, { 'if-none-match': tag });
      expect(moved.status, path).toBe(200);
      expect(moved.headers.get('etag'), path).not.toBe(tag);
      await moved.arrayBuffer();
    }
    const kinds = (await (await get('/api/layers/land-use')).json()) as {
      features: { properties: { kind: string } }[];
    };
    expect(new Set(kinds.features.map((f) => f.properties.kind))).toEqual(
      new Set(['field', 'forest', 'built-up', 'park', 'water']),
    );
    const elevation = (await (await get('/api/layers/elevation')).json()) as {
      cols: number;
      rows: number;
      heightsDm: number[];
    };
    expect(elevation.rows).toBe(counts!.t);
    expect(elevation.heightsDm.length).toBe(elevation.cols * elevation.rows);
  });

  it('renders the ground as WebP tiles: drawn in the county, transparent away from it, 304 when held', async () => {
    const layer = (await (await get('/api/ground/layer.json')).json()) as {
      tiles: string[];
      bounds: [number, number, number, number];
    };
    const [w, s, e, n] = layer.bounds;
    expect(w).toBeLessThan(116.95);
    expect(e).toBeGreaterThan(116.95);
    expect(s).toBeLessThan(31.05);
    expect(n).toBeGreaterThan(31.05);
    const [x, y] = tileAt(116.95, 31.05, 11); // the city
    const url = `/api/ground/${layer.tiles[0]!.replace('{z}', '11').replace('{x}', String(x)).replace('{y}', String(y))}`;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const image = await loadImage(Buffer.from(await res.arrayBuffer()));
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(image.width, image.height);
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const px = g.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set<number>();
    let opaque = 0;
    for (let i = 0; i < px.length; i += 4) {
      colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
      if (px[i + 3] === 255) opaque++;
    }
    // the city's tile is ground all over (antialiased seams between patches aside)
    expect(opaque / (image.width * image.height)).toBeGreaterThan(0.98);
    expect(colours.size).toBeGreaterThan(5); // land use, water, roads: not one flat colour
    expect((await get(url, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    // far from the county: transparent
    const far = await get('/api/ground/11/100/100.webp');
    expect(far.status).toBe(200);
    const blank = await loadImage(Buffer.from(await far.arrayBuffer()));
    const c2 = createCanvas(blank.width, blank.height).getContext('2d');
    c2.drawImage(blank, 0, 0);
    expect(c2.getImageData(0, 0, blank.width, blank.height).data.every((v, i) => i % 4 !== 3 || v === 0)).toBe(true);
    expect((await get('/api/ground/11/1/2.jpg')).status).toBe(404);
    expect((await get('/api/ground/11/1/2.png')).status).toBe(404);
    // signed out: refused before anything is drawn
    for (const path of [url, '/api/ground/layer.json', '/api/terrain/layer.json', '/api/terrain/0/0/0.terrain'])
      expect((await app.request(path)).status, path).toBe(401);
    expect((await get('/api/ground/30/0/0.webp')).status).toBe(404);
  });

  it("draws the county's townships: every town's border, and the names of the towns outside the pilot", async () => {
    const scene = await readGroundScene(db);
    expect(scene.townships.map((t) => t.name)).toContain('孔城镇');
    expect(scene.townships.filter((t) => t.pilot)).toHaveLength(2);
    const kongcheng = scene.townships.find((t) => t.name === '孔城镇')!;
    // the tile around 孔城镇's seat, drawn as it is and with 孔城镇 taken for a pilot town (its border
    // still drawn, its name left to the twin): only its name tells them apart
    const [x, y] = tileAt(kongcheng.seat[0], kongcheng.seat[1], 10);
    const asPilot = { ...scene, townships: scene.townships.map((t) => (t === kongcheng ? { ...t, pilot: true } : t)) };
    const [named, unnamed] = await Promise.all([tilePixels(scene, 10, x, y), tilePixels(asPilot, 10, x, y)]);
    let changed = 0;
    for (let i = 0; i < named.length; i += 4) if (named[i] !== unnamed[i]) changed++;
    expect(changed).toBeGreaterThan(200); // its name's strokes
    // a pilot town's border is drawn too (its name is not): the tile on its edge differs from one without townships
    const edge = scene.townships.find((t) => t.name === '新渡镇')!.border[0]!;
    const [ex, ey] = tileAt(edge[0], edge[1], 12);
    const [bordered, bare] = await Promise.all([
      tilePixels(scene, 12, ex, ey),
      tilePixels({ ...scene, townships: [] }, 12, ex, ey),
    ]);
    let border = 0;
    for (let i = 0; i < bordered.length; i += 4) if (bordered[i] !== bare[i]) border++;
    expect(border).toBeGreaterThan(100);
  });

  it("draws the compounds' walled blocks and their gates at street level", async () => {
    const scene = await readGroundScene(db);
    const n = await db.one<{ n: number }>('SELECT count(*)::INT AS n FROM compounds');
    expect(scene.compounds.length).toBe(n!.n);
    expect(n!.n).toBeGreaterThan(0);
    const c = scene.compounds[0]!;
    const [x, y] = tileAt(c.gate[0], c.gate[1], 16);
    const [withCompounds, without] = await Promise.all([
      tilePixels(scene, 16, x, y),
      tilePixels({ ...scene, compounds: [] }, 16, x, y),
    ]);
    let changed = 0;
    for (let i = 0; i < withCompounds.length; i += 4) if (withCompounds[i + 1] !== without[i + 1]) changed++;
    expect(changed).toBeGreaterThan(500); // its block's colour and its wall, at least
  });

  it('serves heightmap-1.0 terrain: the north-western hills stand above the south-eastern plain', async () => {
    const layer = (await (await get('/api/terrain/layer.json')).json()) as { format: string; tiles: string[] };
    expect(layer.format).toBe('heightmap-1.0');
    const z = 10;
    const heights = async (lon: number, lat: number) => {
      const [x, y] = tileAt(lon, lat, z);
      const res = await get(`/api/terrain/${z}/${x}/${tmsRow(z, y)}.terrain`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBe(HEIGHTMAP_SIZE * HEIGHTMAP_SIZE * 2 + 2);
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const out: number[] = [];
      for (let i = 0; i < HEIGHTMAP_SIZE * HEIGHTMAP_SIZE; i++) out.push(view.getUint16(i * 2, true) / 5 - 1000);
      return out;
    };
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const hills = await heights(116.78, 31.2);
    const plain = await heights(117.05, 30.9);
    expect(mean(hills)).toBeGreaterThan(mean(plain) + 100);
    expect(Math.min(...plain)).toBeGreaterThan(0);
    expect(Math.max(...plain)).toBeLessThan(40);
  });
});
