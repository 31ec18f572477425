// The ground the twin stands on, as tiles Cesium reads directly (not in the OpenAPI document: tile
// protocols, like /tiles/*; the guard lists them as `GET /ground/*` and `GET /terrain/*`):
//   GET /ground/layer.json, /ground/{z}/{x}/{y}.webp  raster tiles of land use, water and roads
//       (geographic tiling, y from the north; server/ground/render.ts)
//   GET /terrain/layer.json, /terrain/{z}/{x}/{y}.terrain  the elevation model in heightmap-1.0 (TMS)
// Tiles are made on first request and kept per data version of the ground's tables; their URLs carry
// that version (?v=), so a browser may keep a tile of the current version for good and asks again only
// when the data moved.
import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { type Context, Hono } from 'hono';
import { heightmapTile, TERRAIN_MAX_LEVEL, terrainLayer } from '../ground/heightmap';
import { GROUND_MAX_LEVEL, GROUND_TILE_TYPE, GROUND_WEBP_QUALITY, renderGroundTile, TILE_PX } from '../ground/render';
import { GroundScenes } from '../ground/scene';
import { validTile } from '../ground/tiles';
import { notModified, representationTag } from '../http/conditional';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorJson } from '../http/errors';

/** The levels drawn ahead: the county's opening views (about 120 tiles). */
const GROUND_MIN_WARM = 8;
const GROUND_MAX_WARM = 11;

/** Tiles kept in memory (ground tiles 2–30 KB, terrain tiles about 8 KB). */
const MAX_TILES = 6_000;

class TileCache {
  private readonly held = new Map<string, Uint8Array>();
  get(key: string): Uint8Array | undefined {
    const v = this.held.get(key);
    if (v) {
      this.held.delete(key);
      this.held.set(key, v);
    }
    return v;
  }
  set(key: string, value: Uint8Array): void {
    this.held.set(key, value);
    if (this.held.size > MAX_TILES) this.held.delete(this.held.keys().next().value!);
  }
}

const TILE_PATH = /^(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.(webp|terrain)$/;

function sendTile(c: Context, bytes: Uint8Array, type: string, version: string, tag: string): Response {
  const entity = createHash('sha256').update(`${version}|${tag}`).digest('base64url').slice(0, 27);
  // a URL of the current version never changes content; another version's is asked again
  c.header(
    'Cache-Control',
    c.req.query('v') === version ? 'private, max-age=31536000, immutable' : 'private, no-cache',
  );
  c.header('ETag', representationTag(entity, null));
  if (notModified(c.req.header('if-none-match'), entity)) return c.body(null, 304);
  c.header('Content-Type', type);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
}

let blank: Uint8Array | null = null;
/** A transparent tile, for tiles of the rectangle with nothing of the ground in them. */
const blankTile = () => (blank ??= createCanvas(TILE_PX, TILE_PX).toBuffer('image/webp', GROUND_WEBP_QUALITY));

export function groundRoutes({ db, startedAt }: Deps) {
  // the data versions count from 0 in each process: the start time keeps a URL of one run from another's
  const scenes = new GroundScenes(db, startedAt.toString(36));
  const tiles = new TileCache();

  const render = async (z: number, x: number, y: number) => {
    const scene = await scenes.get();
    const key = `${scene.version}|ground/${z}/${x}/${y}`;
    let bytes = tiles.get(key);
    if (!bytes) {
      bytes = (await renderGroundTile(scene, z, x, y)) ?? blankTile();
      tiles.set(key, bytes);
    }
    return { bytes, version: scene.version };
  };

  // The county's tiles of the first levels, drawn in the background when a page first asks for the
  // ground (a few seconds of work, one tile a turn of the event loop), so the opening view finds them.
  let warmed = '';
  const warm = async (version: string, bounds: [number, number, number, number] | null) => {
    if (warmed === version || !bounds) return;
    warmed = version;
    for (let z = GROUND_MIN_WARM; z <= GROUND_MAX_WARM; z++) {
      const size = 180 / 2 ** z;
      const [x0, x1] = [Math.floor((bounds[0] + 180) / size), Math.floor((bounds[2] + 180) / size)];
      const [y0, y1] = [Math.floor((90 - bounds[3]) / size), Math.floor((90 - bounds[1]) / size)];
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          if (warmed !== version) return;
          await new Promise((r) => setImmediate(r));
          await render(z, x, y);
        }
    }
  };

  const tile = async (c: Context, kind: 'ground' | 'terrain') => {
    const m = TILE_PATH.exec(c.req.path.replace(/^.*?\/(ground|terrain)\//, ''));
    const ext = kind === 'ground' ? 'webp' : 'terrain';
    const max = kind === 'ground' ? GROUND_MAX_LEVEL : TERRAIN_MAX_LEVEL;
    if (!m || m[4] !== ext) return errorJson(c, 404, 'not_found', `No such ${kind} tile`);
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validTile(z, x, y, max)) return errorJson(c, 404, 'not_found', `No ${kind} tile ${z}/${x}/${y}`);
    const scene = await scenes.get();
    const key = `${scene.version}|${kind}/${z}/${x}/${y}`;
    let bytes = tiles.get(key);
    if (!bytes) {
      bytes =
        kind === 'ground'
          ? ((await renderGroundTile(scene, z, x, y)) ?? blankTile())
          : heightmapTile(scene.dem, z, x, y);
      tiles.set(key, bytes);
    }
    const type = kind === 'ground' ? GROUND_TILE_TYPE : 'application/octet-stream';
    return sendTile(c, bytes, type, scene.version, `${kind}/${z}/${x}/${y}`);
  };

  return new Hono<AppEnv>()
    .get('/ground/layer.json', async (c) => {
      const scene = await scenes.get();
      void warm(scene.version, scene.bounds).catch(() => {
        warmed = '';
      });
      c.header('Cache-Control', 'private, no-cache');
      return c.json({
        tiles: [`{z}/{x}/{y}.webp?v=${encodeURIComponent(scene.version)}`],
        scheme: 'geographic',
        minzoom: 0,
        maxzoom: GROUND_MAX_LEVEL,
        bounds: scene.bounds,
      });
    })
    .get('/ground/*', (c) => tile(c, 'ground'))
    .get('/terrain/layer.json', async (c) => {
      const scene = await scenes.get();
      c.header('Cache-Control', 'private, no-cache');
      return c.json(terrainLayer(scene.dem, scene.version));
    })
    .get('/terrain/*', (c) => tile(c, 'terrain'));
}
