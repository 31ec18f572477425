// The elevation model as a sampler: heights (metres) anywhere in or near the county, bilinear between
// the posts of the generated grid; outside it, the nearest edge post. Used by the terrain tiles, the
// heights of points on the map and the base of each building in the 3D Tiles, so all agree.
import type { TerrainRow } from '../model';

export interface Dem {
  west: number;
  south: number;
  stepDeg: number;
  cols: number;
  rows: number;
  /** Heights in metres, row-major, south to north. */
  heights: Float32Array;
}

export function demFromRows(rows: readonly TerrainRow[]): Dem | null {
  if (rows.length < 2) return null;
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const first = sorted[0]!;
  const cols = first.heightsDm.length;
  const heights = new Float32Array(cols * sorted.length);
  sorted.forEach((r, i) => {
    for (let j = 0; j < cols; j++) heights[i * cols + j] = (r.heightsDm[j] ?? 0) / 10;
  });
  return { west: first.west, south: first.lat, stepDeg: first.stepDeg, cols, rows: sorted.length, heights };
}

/** Height in metres at a point, bilinear. */
export function heightAt(dem: Dem, lon: number, lat: number): number {
  const fx = clamp((lon - dem.west) / dem.stepDeg, 0, dem.cols - 1);
  const fy = clamp((lat - dem.south) / dem.stepDeg, 0, dem.rows - 1);
  const x0 = Math.min(Math.floor(fx), dem.cols - 2);
  const y0 = Math.min(Math.floor(fy), dem.rows - 2);
  const tx = fx - x0;
  const ty = fy - y0;
  const h = dem.heights;
  const i = y0 * dem.cols + x0;
  const a = h[i]! + (h[i + 1]! - h[i]!) * tx;
  const b = h[i + dem.cols]! + (h[i + dem.cols + 1]! - h[i + dem.cols]!) * tx;
  return a + (b - a) * ty;
}

/** The lowest height under a footprint (its vertices and centre), so a building never floats. */
export function baseHeight(dem: Dem, ring: readonly (readonly [number, number])[]): number {
  let min = Infinity;
  let sx = 0;
  let sy = 0;
  for (const [lon, lat] of ring) {
    min = Math.min(min, heightAt(dem, lon, lat));
    sx += lon;
    sy += lat;
  }
  if (ring.length) min = Math.min(min, heightAt(dem, sx / ring.length, sy / ring.length));
  return Number.isFinite(min) ? min : 0;
}

/** The grid's extent in degrees: west, south, east, north. */
export function demBounds(dem: Dem): [number, number, number, number] {
  return [dem.west, dem.south, dem.west + (dem.cols - 1) * dem.stepDeg, dem.south + (dem.rows - 1) * dem.stepDeg];
}

/** Beyond the model the ground eases down to the ellipsoid over this many degrees (no cliff at the edge). */
export const FADE_DEG = 0.03;

/** The height the terrain tiles show at a point: the model inside, fading to 0 m outside. */
export function terrainHeightOf(dem: Dem, lon: number, lat: number): number {
  const [w, s, e, n] = demBounds(dem);
  const out = Math.hypot(Math.max(w - lon, 0, lon - e), Math.max(s - lat, 0, lat - n));
  if (out >= FADE_DEG) return 0;
  return heightAt(dem, lon, lat) * (1 - out / FADE_DEG);
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : Math.min(v, hi));
