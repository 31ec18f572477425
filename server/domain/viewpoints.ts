// The twin's preset views (预设视角): the whole county, the old town at street level, a new compound,
// a village and the river, each a camera pose found from the data rather than typed in, so they stay
// right when the city is generated again. A command centre recalls them on the wall; the pictures in
// the README are taken from them. Pure: the store finds the places, this places the camera.
import type { LonLat } from './model';

export type ViewpointKey = 'county' | 'old-town' | 'new-compound' | 'village' | 'river';

/** Where the camera stands and where it looks (the shape of the twin's `?view=`). */
export interface CameraPose {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
}

export interface Viewpoint {
  key: ViewpointKey;
  /** The place's own name in the data (桐城市, 六尺巷, 龙眠河 …). */
  place: string;
  /** What the camera looks at. */
  target: LonLat;
  view: CameraPose;
}

/** What the store finds; a place the data lacks (an old store without lanes) is null and has no view. */
export interface ViewpointPlaces {
  county: { name: string; bbox: [number, number, number, number] } | null;
  /** Vertices of the old town's lanes, and a lane's name. */
  oldTown: { name: string; vertices: LonLat[] } | null;
  /** The tallest home building, its address and height. */
  newCompound: { name: string; position: LonLat; heightM: number } | null;
  /** The houses of the village grid with the most of them. */
  village: { name: string; houses: LonLat[] } | null;
  /** The river's line, and the point of the city it should be seen near. */
  river: { name: string; line: LonLat[]; near: LonLat } | null;
}

const M_PER_DEG_LAT = 111_320;
const mPerDegLon = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The pose that looks at `target`, `targetHeightM` above the ellipsoid, from `rangeM` away along
 * `headingDeg` (0 = looking north), `pitchDeg` below the horizon (negative). A flat-earth offset: the
 * ranges here are at most tens of kilometres.
 */
export function lookAt(
  target: LonLat,
  rangeM: number,
  headingDeg: number,
  pitchDeg: number,
  targetHeightM = 0,
): CameraPose {
  const horizontal = rangeM * Math.cos(rad(pitchDeg));
  const back = rad(headingDeg + 180);
  return {
    lon: target[0] + (horizontal * Math.sin(back)) / mPerDegLon(target[1]),
    lat: target[1] + (horizontal * Math.cos(back)) / M_PER_DEG_LAT,
    heightM: targetHeightM + rangeM * Math.sin(rad(-pitchDeg)),
    headingDeg,
    pitchDeg,
  };
}

/** The ground's height (metres above the ellipsoid) at a point: the terrain the twin draws. */
export type GroundAt = (lon: number, lat: number) => number;

const mean = (points: readonly LonLat[]): LonLat => [
  points.reduce((s, p) => s + p[0], 0) / points.length,
  points.reduce((s, p) => s + p[1], 0) / points.length,
];

/** Metres between two nearby points. */
function distanceM(a: LonLat, b: LonLat): number {
  return Math.hypot((a[0] - b[0]) * mPerDegLon(a[1]), (a[1] - b[1]) * M_PER_DEG_LAT);
}

/** The point with the most others within `radiusM`: the heart of a hamlet, not the empty middle of a grid. */
export function densest(points: readonly LonLat[], radiusM: number): LonLat {
  let best = points[0]!;
  let most = -1;
  for (const p of points) {
    let n = 0;
    for (const q of points) if (distanceM(p, q) <= radiusM) n++;
    if (n > most) [best, most] = [p, n];
  }
  return best;
}

/** The point of `line` nearest `near`, and the river's direction there (degrees from north). */
function riverSpot(line: readonly LonLat[], near: LonLat): { at: LonLat; bearingDeg: number } {
  let i = 0;
  for (let k = 1; k < line.length; k++) if (distanceM(line[k]!, near) < distanceM(line[i]!, near)) i = k;
  const a = line[Math.max(0, i - 1)]!;
  const b = line[Math.min(line.length - 1, i + 1)]!;
  const east = (b[0] - a[0]) * mPerDegLon(a[1]);
  const north = (b[1] - a[1]) * M_PER_DEG_LAT;
  return { at: line[i]!, bearingDeg: ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360 };
}

/**
 * The preset views, in the order the menu lists them; places the data lacks are left out. Each looks
 * at its place on the ground `groundAt` gives: a camera aimed at the ellipsoid under hills of 30 m
 * looked at a point 30 m underground, and the place stood above the middle of the screen.
 */
export function viewpoints(places: ViewpointPlaces, groundAt: GroundAt = () => 0): Viewpoint[] {
  const out: Viewpoint[] = [];
  const ground = (p: LonLat) => groundAt(p[0], p[1]);
  const { county, oldTown, newCompound, village, river } = places;
  if (county) {
    const [w, s, e, n] = county.bbox;
    const target: LonLat = [(w + e) / 2, (s + n) / 2];
    const extentM = Math.max((e - w) * mPerDegLon(target[1]), (n - s) * M_PER_DEG_LAT);
    // from the south, 55° down, far enough back that the county fills a 16:9 frame
    out.push({
      key: 'county',
      place: county.name,
      target,
      view: lookAt(target, extentM * 1.15, 0, -55, ground(target)),
    });
  }
  if (oldTown && oldTown.vertices.length > 0) {
    const target = mean(oldTown.vertices);
    // street level, tilted towards the horizon: roofs and lanes, as one walks in
    out.push({ key: 'old-town', place: oldTown.name, target, view: lookAt(target, 420, 20, -22, ground(target)) });
  }
  if (newCompound) {
    // far enough to see the tower and its rows from the south-east, above the roofs; the tower's
    // middle in the middle of the screen
    const rangeM = Math.max(500, newCompound.heightM * 6);
    const at = newCompound.position;
    out.push({
      key: 'new-compound',
      place: newCompound.name,
      target: at,
      view: lookAt(at, rangeM, 330, -30, ground(at) + newCompound.heightM / 2),
    });
  }
  if (village && village.houses.length > 0) {
    const target = densest(village.houses, 120);
    out.push({ key: 'village', place: village.name, target, view: lookAt(target, 650, 10, -35, ground(target)) });
  }
  if (river && river.line.length > 1) {
    const { at, bearingDeg } = riverSpot(river.line, river.near);
    // looking along the river, downstream
    out.push({ key: 'river', place: river.name, target: at, view: lookAt(at, 900, bearingDeg, -28, ground(at)) });
  }
  return out;
}
