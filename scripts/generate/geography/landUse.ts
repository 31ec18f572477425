// Land use over the county (made, planned the way the land lies): forest on the north-western hills
// (above about 70 m), the lakes of the south-eastern plain, the urban area built up, fields everywhere
// else — these four tile the county. On top of them: the hamlets and town seats as built-up patches
// around their houses, and parks in the city where no building stands. Deterministic by seed.
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Building, LandUse, LandUseKind, LonLat, PolygonCoords, TerrainRow } from '../../../server/domain/model';
import type { Rng } from '../random';
import { ringToPolygon, round6, toXY } from './frame';
import { convexHull, pointInRing, type Ring, type XY } from './planar';
import type { Reference } from './reference';
import { LAKE_LEVEL_M, LAKE_NAMES } from './terrain';
import { hamletOfAddress } from './villageHouses';

/** Above this height (metres) the hills are wooded. */
export const FOREST_FROM_M = 70;
/** The grid the bands are traced on: every other post of the elevation model (about 300 m). */
const BAND_STRIDE = 2;
/** Buildings closer than this (metres) belong to one hamlet. */
const HAMLET_LINK_M = 90;
/** Built-up land reaches this far (metres) beyond a hamlet's outer houses. */
const HAMLET_MARGIN_M = 25;

const PARK_NAMES = ['龙眠河滨公园', '文昌公园', '中央公园', '龙腾公园', '人民公园', '北山公园', '桐溪公园', '东湖公园'];

type Poly = Feature<Polygon | MultiPolygon>;

export interface LandUseInput {
  reference: Reference;
  urbanArea: Ring;
  buildings: readonly Building[];
  terrain: readonly TerrainRow[];
}

export function generateLandUse(rng: Rng, input: LandUseInput): LandUse[] {
  const county = turf.feature(input.reference.county.geometry) as Poly;
  const urban = turf.polygon(ringToPolygon(input.urbanArea));
  const forestBand = band(input.terrain, FOREST_FROM_M, 10_000);
  const lakeBand = band(input.terrain, -100, LAKE_LEVEL_M + 0.2);
  const forest = minus(clip(forestBand, county), [urban]);
  const lakes = clip(lakeBand, county);
  const fields = minus(
    county,
    [forest, lakes, urban].filter((f): f is Poly => f !== null),
  );

  const out: LandUse[] = [];
  const push = (kind: LandUseKind, name: string, polygon: PolygonCoords) => {
    const rounded = polygon.map((ring) => ring.map(([lon, lat]) => [round6(lon!), round6(lat!)] as LonLat));
    const areaM2 = Math.round(turf.area(turf.polygon(rounded)));
    if (areaM2 < 1) return;
    out.push({ id: '', kind, name, polygon: rounded, areaM2 });
  };
  for (const p of polygonsOf(fields)) push('field', '', p);
  for (const p of polygonsOf(forest)) push('forest', '', p);
  for (const p of polygonsOf(lakes)) push('water', lakeName(p), p);
  push('built-up', '', ringToPolygon(input.urbanArea));
  for (const hull of hamlets(input.buildings, input.urbanArea)) push('built-up', '', ringToPolygon(hull));
  parks(rng.fork('parks'), input.urbanArea, input.buildings).forEach((ring, i) => {
    push('park', PARK_NAMES[i % PARK_NAMES.length]!, ringToPolygon(ring));
  });
  return out.map((u, i) => ({ ...u, id: `LU${String(i + 1).padStart(5, '0')}` }));
}

/** The part of the elevation model between two heights, as (multi)polygons traced on its grid. */
function band(terrain: readonly TerrainRow[], from: number, to: number): Poly | null {
  const points: Feature<Point, { h: number }>[] = [];
  for (let i = 0; i < terrain.length; i += BAND_STRIDE) {
    const row = terrain[i]!;
    for (let j = 0; j < row.heightsDm.length; j += BAND_STRIDE)
      points.push(turf.point([row.west + j * row.stepDeg, row.lat], { h: row.heightsDm[j]! / 10 }));
  }
  const bands = turf.isobands(turf.featureCollection(points) as FeatureCollection<Point>, [from, to], {
    zProperty: 'h',
  });
  const polys = bands.features.flatMap((f) => f.geometry.coordinates);
  if (!polys.length) return null;
  if (polys.length === 1) return turf.polygon(polys[0]!);
  // isobands nests holes as separate polygons of the band: one union rebuilds the band's shape
  return turf.union(turf.featureCollection(polys.map((p) => turf.polygon(p)))) ?? null;
}

function clip(a: Poly | null, b: Poly): Poly | null {
  return a ? turf.intersect(turf.featureCollection([a, b])) : null;
}

function minus(a: Poly | null, cut: (Poly | null)[]): Poly | null {
  let r = a;
  for (const c of cut) if (r && c) r = turf.difference(turf.featureCollection([r, c]));
  return r;
}

function polygonsOf(f: Poly | null): PolygonCoords[] {
  if (!f) return [];
  return (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as PolygonCoords[];
}

function lakeName(p: PolygonCoords): string {
  const poly = turf.polygon(p);
  return LAKE_NAMES.find((l) => turf.booleanPointInPolygon(l.at, poly))?.name ?? '';
}

/**
 * Hamlets and town seats: buildings outside the city linked within HAMLET_LINK_M, as hulls with a
 * margin. A village house links only to houses of its own villager group (村民小组, its address's
 * 某村3组): houses strung along a road through several villages would otherwise link into one chain
 * whose hull covers square kilometres of fields.
 */
function hamlets(buildings: readonly Building[], urbanArea: Ring): Ring[] {
  const outside = buildings.filter((b) => !pointInRing(toXY(b.centroid), urbanArea));
  const pts: XY[] = outside.map((b) => toXY(b.centroid));
  const group = outside.map((b) => (b.use === 'village-house' ? hamletOfAddress(b.address) : ''));
  const cell = HAMLET_LINK_M;
  const key = (x: number, y: number) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  const byCell = new Map<string, number[]>();
  pts.forEach((p, i) => {
    const k = key(p[0], p[1]);
    byCell.set(k, [...(byCell.get(k) ?? []), i]);
  });
  const seen = new Uint8Array(pts.length);
  const hulls: Ring[] = [];
  for (let s = 0; s < pts.length; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    const members: XY[] = [];
    const stack = [s];
    while (stack.length) {
      const i = stack.pop()!;
      const p = pts[i]!;
      members.push(p);
      const cx = Math.floor(p[0] / cell);
      const cy = Math.floor(p[1] / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const j of byCell.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (seen[j] || group[j] !== group[i]) continue;
            const q = pts[j]!;
            if (Math.hypot(q[0] - p[0], q[1] - p[1]) > HAMLET_LINK_M) continue;
            seen[j] = 1;
            stack.push(j);
          }
    }
    if (members.length < 3) continue;
    const m = HAMLET_MARGIN_M;
    const around = members.flatMap(([x, y]): XY[] => [
      [x - m, y - m],
      [x + m, y - m],
      [x + m, y + m],
      [x - m, y + m],
    ]);
    hulls.push(convexHull(around));
  }
  return hulls;
}

/** City parks: round-ish patches of 80–180 m radius inside the urban area where no building stands. */
function parks(rng: Rng, urbanArea: Ring, buildings: readonly Building[]): Ring[] {
  const urbanPts = buildings.map((b) => toXY(b.centroid)).filter((p) => pointInRing(p, urbanArea));
  const [minX, minY, maxX, maxY] = urbanArea.reduce(
    ([a, b, c, d], [x, y]) => [Math.min(a, x), Math.min(b, y), Math.max(c, x), Math.max(d, y)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const out: Ring[] = [];
  for (let tries = 0; tries < 800 && out.length < PARK_NAMES.length; tries++) {
    const c: XY = [rng.range(minX, maxX), rng.range(minY, maxY)];
    const r = rng.range(80, 180);
    const ring: Ring = Array.from({ length: 12 }, (_, k) => {
      const a = (k / 12) * 2 * Math.PI;
      const rr = r * rng.range(0.8, 1.15);
      return [c[0] + rr * Math.cos(a), c[1] + rr * Math.sin(a)] as XY;
    });
    if (!ring.every((p) => pointInRing(p, urbanArea))) continue;
    if (urbanPts.some((p) => Math.hypot(p[0] - c[0], p[1] - c[1]) < r)) continue;
    if (out.some((o) => Math.hypot(o[0]![0] - c[0], o[0]![1] - c[1]) < 3 * r)) continue;
    out.push(ring);
  }
  return out;
}
