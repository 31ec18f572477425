// The county's township territories: a power diagram (weighted Voronoi) of the township seats,
// clipped to the real county outline, its inner borders bent as real ones wander (borders.ts), so the
// pilot towns lie where they really are, share their borders with their neighbours and follow the
// outline. Seats are approximate (data/reference/README.md). The pilot towns and the city's cell become
// admin units (admin.ts); every town is also output as a township of the base map (its border, its name).
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../../../server/domain/model';
import type { Rng } from '../random';
import { wiggleBorders } from './borders';
import { toXY } from './frame';
import { clipConvex, type Ring, ringArea, voronoiCells, type XY } from './planar';
import type { Reference } from './reference';

export interface Seat {
  code: string;
  name: string;
  /** Approximate seat (镇政府驻地), lon/lat. */
  at: LonLat;
}

/** The two pilot towns' seats, as public gazetteers give them (approximate, to a few km). */
export const PILOT_SEATS: readonly Seat[] = [
  { code: '340881103', name: '新渡镇', at: [116.868, 30.856] }, // about 23 km south-south-west of the city
  { code: '340881102', name: '范岗镇', at: [117.035, 30.94] }, // about 14 km south-east of the city
];

/** The other towns' seats, rough (a few km): they shape the pilot towns' neighbours and name the base map's townships. */
export const OTHER_SEATS: readonly Seat[] = [
  { code: '340881100', name: '孔城镇', at: [117.07, 31.09] },
  { code: '340881101', name: '吕亭镇', at: [116.98, 31.17] },
  { code: '340881105', name: '大关镇', at: [116.925, 31.125] },
  { code: '340881109', name: '唐湾镇', at: [116.83, 31.08] },
  { code: '340881106', name: '青草镇', at: [116.77, 30.97] },
  { code: '340881107', name: '金神镇', at: [116.85, 30.95] },
  { code: '340881104', name: '双港镇', at: [116.97, 30.91] },
  { code: '340881108', name: '嬉子湖镇', at: [117.1, 30.86] },
  { code: '340881111', name: '鲟鱼镇', at: [117.12, 31.02] },
  { code: '340881110', name: '黄甲镇', at: [117.0, 31.225] }, // the least sure: in the county's northern tip
];

/** The city's three subdistricts reach out to about this radius (their villages; power weight). */
const CITY_REACH_M = 7_000;

export interface Territories {
  /** Every township's territory clipped to the county (planar rings, counter-clockwise), by code. */
  rings: Map<string, Ring>;
  seats: Map<string, XY>;
}

export function townshipTerritories(reference: Reference, rng: Rng): Territories {
  const seats: { code: string; p: XY; w: number }[] = [
    { code: 'city', p: [0, 0], w: CITY_REACH_M ** 2 / 2 },
    ...[...PILOT_SEATS, ...OTHER_SEATS].map((s) => ({ code: s.code, p: toXY(s.at), w: 0 })),
  ];
  const box: Ring = [
    [-80_000, -80_000],
    [80_000, -80_000],
    [80_000, 80_000],
    [-80_000, 80_000],
  ];
  const cells = voronoiCells(
    box,
    seats.map((s) => s.p),
    seats.map((s) => s.w),
  );
  // the (concave) county clipped by each convex cell: exact, and no polygon library round trip
  const county = countyRing(reference);
  const straight = new Map<string, Ring>();
  seats.forEach((s, i) => {
    const cell = cells[i]!;
    if (cell.length < 3) return;
    const clipped = clipConvex(county, cell);
    if (clipped.length >= 3) straight.set(s.code, clipped);
  });
  return { rings: wiggleBorders(straight, county, rng), seats: new Map(seats.map((s) => [s.code, s.p])) };
}

/** The largest outer ring of a (multi)polygon as an open counter-clockwise planar ring. */
function largestRing(f: Feature<Polygon | MultiPolygon>): Ring {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let best: Ring = [];
  for (const p of polys) {
    const ring = p[0]!.slice(0, -1).map((c) => toXY(c as [number, number]));
    if (Math.abs(ringArea(ring)) > Math.abs(ringArea(best))) best = ring;
  }
  return ringArea(best) < 0 ? best.reverse() : best;
}

/** The county's main outline (the larger of its two parts) as a planar ring. */
export function countyRing(reference: Reference): Ring {
  return largestRing(turf.feature(reference.county.geometry) as Feature<MultiPolygon>);
}
