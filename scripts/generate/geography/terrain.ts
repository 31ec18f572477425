// The county's elevation model (made, shaped on the real lie of the land): the Dabie foothills (大别山
// 余脉, 龙眠山) rising in the north-west to several hundred metres, the city at their foot at 20–40 m,
// and the plain falling to the south-east, 10–15 m, down to the lakes (嬉子湖, 菜子湖, 白兔湖 — their
// places approximate) held flat at their water level. Deterministic by seed: simplex noise seeded from
// the generator's Rng, heights rounded to decimetres.
import * as turf from '@turf/turf';
import { createNoise2D, type NoiseFunction2D } from 'simplex-noise';
import type { LonLat, TerrainRow } from '../../../server/domain/model';
import type { Rng } from '../random';
import { toXY } from './frame';
import type { Reference } from './reference';

/** Grid spacing in degrees (about 145 × 165 m). */
export const TERRAIN_STEP_DEG = 0.0015;
/** Lake water level (metres); a lake is the ground held at this height. */
export const LAKE_LEVEL_M = 8;

/** Approximate lake centres and half-axes (metres): where the plain meets the Yangtze's lakes. */
const LAKES: { name: string; at: LonLat; rx: number; ry: number }[] = [
  { name: '嬉子湖', at: [117.085, 30.87], rx: 3_200, ry: 1_900 },
  { name: '菜子湖', at: [117.16, 30.93], rx: 4_200, ry: 2_600 },
  { name: '白兔湖', at: [117.1, 31.04], rx: 2_400, ry: 1_500 },
];
export const LAKE_NAMES = LAKES.map((l) => ({ name: l.name, at: l.at }));

const smoothstep = (a: number, b: number, v: number) => {
  const t = Math.min(1, Math.max(0, (v - a) / (b - a)));
  return t * t * (3 - 2 * t);
};

/** Ridged fractal noise in [0, 1]: sharp crests, soft valleys, as eroded hills look. */
function ridged(noise: NoiseFunction2D, x: number, y: number, wavelengthM: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1 / wavelengthM;
  for (let o = 0; o < octaves; o++) {
    const n = 1 - Math.abs(noise(x * f, y * f));
    sum += n * n * amp;
    norm += amp;
    amp *= 0.5;
    f *= 2.1;
  }
  return sum / norm;
}

/** The height (metres) at planar (x east, y north) metres from the urban core. */
export function elevationModel(rng: Rng): (x: number, y: number) => number {
  const hills = createNoise2D(() => rng.next());
  const plain = createNoise2D(() => rng.next());
  const shore = createNoise2D(() => rng.next());
  const lakes = LAKES.map((l) => ({ ...l, c: toXY(l.at) }));
  return (x, y) => {
    const nw = (y - x) / Math.SQRT2; // metres towards the north-west
    // the plain: 12 m in the south-east rising gently to about 30 m at the city
    let h = 12 + 20 * smoothstep(-14_000, 3_000, nw) + 3 * plain(x / 9_000, y / 9_000);
    // the foothills: from about 4 km north-west of the core, higher and rougher further in
    const foot = smoothstep(3_500, 12_000, nw);
    const high = smoothstep(8_000, 30_000, nw);
    if (foot > 0)
      h += foot * (60 + 160 * ridged(hills, x, y, 7_000, 4)) + high * 520 * ridged(hills, x + 9e4, y, 11_000, 4);
    // the lakes: basins flattened to the water level, shores bent by noise
    for (const l of lakes) {
      const dx = (x - l.c[0]) / l.rx;
      const dy = (y - l.c[1]) / l.ry;
      const r = Math.sqrt(dx * dx + dy * dy) + 0.25 * shore(x / 2_500, y / 2_500);
      if (r < 1) return LAKE_LEVEL_M;
      if (r < 1.6) h = Math.min(h, LAKE_LEVEL_M + 0.5 + (h - LAKE_LEVEL_M) * smoothstep(1, 1.6, r));
    }
    return Math.max(h, LAKE_LEVEL_M);
  };
}

/** The county's grid of heights, rows south to north, with a margin of a few posts around it. */
export function generateTerrain(rng: Rng, reference: Reference): TerrainRow[] {
  const height = elevationModel(rng);
  const [w, s, e, n] = turf.bbox(reference.county.geometry);
  const step = TERRAIN_STEP_DEG;
  const west = round(Math.floor(w / step) * step - 2 * step);
  const south = Math.floor(s / step) * step - 2 * step;
  const cols = Math.ceil((e - west) / step) + 3;
  const rows = Math.ceil((n - south) / step) + 3;
  const out: TerrainRow[] = [];
  for (let i = 0; i < rows; i++) {
    const lat = round(south + i * step);
    const heightsDm = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const [x, y] = toXY([west + j * step, lat]);
      heightsDm[j] = Math.round(height(x, y) * 10);
    }
    out.push({ row: i, lat, west, stepDeg: step, heightsDm });
  }
  return out;
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;
