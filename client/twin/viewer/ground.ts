// The height of the ground under the twin, from the server's elevation model (GET /api/layers/elevation,
// the same grid the terrain tiles are made from): layers place their points, lines and labels at
// `onGround(lon, lat, h)` so nothing is buried in the hills or floats over the plain. Loaded once per
// page before the layers are built (TwinViewer waits for it); without a model the ground is at 0 m.
import type { Dem } from '@domain/ground/dem';
import { demBounds, FADE_DEG, terrainHeightOf } from '@domain/ground/dem';
import { Cartesian3 } from 'cesium';

let dem: Dem | null = null;
let loading: Promise<void> | null = null;

interface ElevationAnswer {
  west: number;
  south: number;
  stepDeg: number;
  cols: number;
  rows: number;
  heightsDm: number[];
}

/** Loads the elevation model once; resolves (to a flat ground) even when the server has none. */
export function loadGround(origin = ''): Promise<void> {
  loading ??= fetch(`${origin}/api/layers/elevation`, { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<ElevationAnswer | null>) : null))
    .then((a) => {
      dem = a ? { ...a, heights: Float32Array.from(a.heightsDm, (h) => h / 10) } : null;
    })
    .catch(() => {
      loading = null; // asked again by the next page
    });
  return loading ?? Promise.resolve();
}

/** Whether the server has an elevation model (after loadGround). */
export const hasGround = () => dem !== null;

/** Where the ground is not flat: the model's extent with its fade to 0 m (degrees: W, S, E, N). */
export function groundReach(): [number, number, number, number] | null {
  if (!dem) return null;
  const [w, s, e, n] = demBounds(dem);
  return [w - FADE_DEG, s - FADE_DEG, e + FADE_DEG, n + FADE_DEG];
}

/** The ground's height (metres) at a point, as the terrain tiles draw it. */
export function groundHeight(lon: number, lat: number): number {
  return dem ? terrainHeightOf(dem, lon, lat) : 0;
}

/** A position `heightM` above the ground. */
export function onGround(lon: number, lat: number, heightM = 0, result?: Cartesian3): Cartesian3 {
  return Cartesian3.fromDegrees(lon, lat, heightM + groundHeight(lon, lat), undefined, result);
}
