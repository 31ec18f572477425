// Terrain tiles in Cesium's heightmap-1.0 format (read by CesiumTerrainProvider): 65 × 65 heights as
// little-endian uint16 of (height + 1000) × 5, the first row the northern edge, then one byte naming the children that exist and one water-mask byte (0: all land). Beyond the elevation
// model the ground eases down to the ellipsoid over FADE_DEG, so the county has no cliff at its edge.
import { type Dem, demBounds, FADE_DEG, terrainHeightOf } from '../domain/ground/dem';
import { intersects, type TileBox, tileBox } from './tiles';

export const HEIGHTMAP_SIZE = 65;
/** The deepest terrain level: its posts (about 0.0014°) match the elevation model's (0.0015°). */
export const TERRAIN_MAX_LEVEL = 11;

function reach(dem: Dem): [number, number, number, number] {
  const [w, s, e, n] = demBounds(dem);
  return [w - FADE_DEG, s - FADE_DEG, e + FADE_DEG, n + FADE_DEG];
}

/** The tile at level z, column x, TMS row y (from the south). */
export function heightmapTile(dem: Dem | null, z: number, x: number, yFromSouth: number): Uint8Array {
  const size = HEIGHTMAP_SIZE;
  const out = new Uint8Array(size * size * 2 + 2);
  const view = new DataView(out.buffer);
  const t = tileBox(z, x, 2 ** z - 1 - yFromSouth);
  const inside = dem !== null && intersects(t, reach(dem));
  // Cesium's heightmaps run from the north-west corner, row by row southwards
  for (let r = 0; r < size; r++) {
    const lat = t.north - ((t.north - t.south) * r) / (size - 1);
    for (let c = 0; c < size; c++) {
      const lon = t.west + ((t.east - t.west) * c) / (size - 1);
      const h = inside ? terrainHeightOf(dem!, lon, lat) : 0;
      view.setUint16((r * size + c) * 2, clampU16(Math.round((h + 1000) * 5)), true);
    }
  }
  out[size * size * 2] = inside && z < TERRAIN_MAX_LEVEL ? childMask(dem!, z, x, yFromSouth) : 0;
  out[size * size * 2 + 1] = 0;
  return out;
}

/** Bits 1 SW, 2 SE, 4 NW, 8 NE: the children that reach the elevation model. */
function childMask(dem: Dem, z: number, x: number, yFromSouth: number): number {
  const box = reach(dem);
  const child = (cx: number, cy: number): TileBox => tileBox(z + 1, cx, 2 ** (z + 1) - 1 - cy);
  let mask = 0;
  if (intersects(child(2 * x, 2 * yFromSouth), box)) mask |= 1;
  if (intersects(child(2 * x + 1, 2 * yFromSouth), box)) mask |= 2;
  if (intersects(child(2 * x, 2 * yFromSouth + 1), box)) mask |= 4;
  if (intersects(child(2 * x + 1, 2 * yFromSouth + 1), box)) mask |= 8;
  return mask;
}

const clampU16 = (v: number) => (v < 0 ? 0 : Math.min(v, 65_535));

/** The terrain's layer.json: heightmap-1.0 in TMS rows; `version` busts caches when the data moves. */
export function terrainLayer(dem: Dem | null, version: string) {
  return {
    tilejson: '2.1.0',
    name: 'wendu-terrain',
    description: 'Generated elevation model of the county (made, not surveyed)',
    format: 'heightmap-1.0',
    version: '1.0.0',
    scheme: 'tms',
    projection: 'EPSG:4326',
    tiles: [`{z}/{x}/{y}.terrain?v=${encodeURIComponent(version)}`],
    minzoom: 0,
    maxzoom: TERRAIN_MAX_LEVEL,
    bounds: dem ? reach(dem) : [-180, -90, 180, 90],
  };
}
