// The administrative / grid tree on real geography: the county outline from the reference data, and
// generated polygons below it. Urban: an ~8 km urban area → 3 subdistricts → 23 communities → 105
// grids. Pilot: 新渡镇 and 范岗镇 → 39 villages → 199 grids. Each level tiles its parent exactly:
// children are the (convex) Voronoi cells of relaxed seeds clipped to the already-rounded parent.
import * as turf from '@turf/turf';
import { COUNTY_CODE, STRUCTURE } from '../../../server/domain/facts';
import type { AdminArea, AdminLevel, AdminUnit, LonLat } from '../../../server/domain/model';
import type { Rng } from '../random';
import { allocate } from './allocate';
import { polygonToRing, ringToPolygon, round6, toLonLat } from './frame';
import { convexHull, type Ring, randomPointIn, relax, ringArea, ringCentroid, type XY } from './planar';
import {
  type DivisionUnit,
  EXCLUDED_COMMUNITY,
  PILOT_TOWN_CODES,
  type Reference,
  SUBDISTRICT_CODES,
  township,
  unitName,
} from './reference';

export interface AdminTree {
  units: AdminUnit[];
  /** Planar ring (metres) of every unit but the city, taken from its rounded output geometry. */
  rings: Map<string, Ring>;
  urbanArea: Ring;
}

/** Where the pilot towns sit, metres east/north of the urban core (新渡 south-west, 范岗 south-east). */
const TOWN_LAYOUT: Record<string, { centre: XY; rx: number; ry: number; tilt: number }> = {
  '340881103': { centre: [-10_500, -10_000], rx: 5_600, ry: 4_700, tilt: 0.5 },
  '340881102': { centre: [6_800, -10_800], rx: 5_200, ry: 4_500, tilt: -0.4 },
};
/** Half-axes of the urban area (城区): about 8.6 × 7.4 km. */
const URBAN_RADII: [number, number] = [4_300, 3_700];

export function generateAdmin(rng: Rng, reference: Reference): AdminTree {
  const units: AdminUnit[] = [];
  const rings = new Map<string, Ring>();
  const county = reference.county;
  const inCounty = (ring: Ring) => ring.every((p) => turf.booleanPointInPolygon(toLonLat(p), county.geometry));

  units.push({
    id: COUNTY_CODE,
    code: COUNTY_CODE,
    name: county.name,
    level: 'city',
    area: null,
    parentId: null,
    geometry: county.geometry,
    centroid: lonLat(turf.centerOfMass(county.geometry).geometry.coordinates),
    areaM2: Math.round(turf.area(county.geometry)),
  });

  const add = (id: string, name: string, level: AdminLevel, area: AdminArea, parentId: string, ring: Ring): Ring => {
    const geometry = { type: 'Polygon' as const, coordinates: ringToPolygon(ring) };
    const rounded = polygonToRing(geometry.coordinates);
    rings.set(id, rounded);
    units.push({
      id,
      code: id,
      name,
      level,
      area,
      parentId,
      geometry,
      centroid: toLonLat(ringCentroid(rounded)),
      areaM2: Math.round(turf.area(geometry)),
    });
    return rounded;
  };

  // Urban area → subdistricts (龙眠 north-west, 文昌 south-west, 龙腾 east) → communities → grids.
  const urbanRng = rng.fork('urban');
  const urbanArea = blob(urbanRng, [0, 0], URBAN_RADII[0], URBAN_RADII[1], 0.15);
  if (!inCounty(urbanArea)) throw new Error('urban area leaves the county outline');
  const subSeeds: XY[] = [315, 215, 90].map((deg) => polar(((deg + urbanRng.range(-10, 10)) * Math.PI) / 180, 2_000));
  const subCells = relax(urbanArea, subSeeds, 0).cells;
  const urbanCommunities: { unit: DivisionUnit; ring: Ring; subdistrict: string }[] = [];
  SUBDISTRICT_CODES.forEach((code, i) => {
    const t = township(reference, code);
    const ring = add(code, t.name, 'subdistrict', 'urban', COUNTY_CODE, subCells[i]!);
    const members = t.units.filter((u) => u.kind === 'community' && u.code !== EXCLUDED_COMMUNITY.code);
    const cells = tile(urbanRng.fork(code), ring, members.length, 10);
    members.forEach((u, k) => {
      urbanCommunities.push({
        unit: u,
        ring: add(u.code, unitName(u), 'community', 'urban', code, cells[k]!),
        subdistrict: code,
      });
    });
  });
  if (urbanCommunities.length !== STRUCTURE.communities)
    throw new Error(`expected ${STRUCTURE.communities} communities, got ${urbanCommunities.length}`);
  const urbanCounts = allocate(
    urbanCommunities.map((c) => ringArea(c.ring)),
    STRUCTURE.urbanGrids,
    4,
    5,
  );
  urbanCommunities.forEach((c, i) => {
    addGrids(urbanRng.fork(`grids-${c.unit.code}`), c.unit, c.ring, urbanCounts[i]!, 'urban');
  });

  // The smart-village pilot: two towns, their villages, the village grids.
  const villageRng = rng.fork('villages');
  const villages: { unit: DivisionUnit; ring: Ring }[] = [];
  for (const code of PILOT_TOWN_CODES) {
    const t = township(reference, code);
    const layout = TOWN_LAYOUT[code]!;
    const trng = villageRng.fork(code);
    let shape = blob(trng, layout.centre, layout.rx, layout.ry, layout.tilt);
    for (let k = 0; k < 20 && !inCounty(shape); k++)
      shape = shape.map(
        ([x, y]) =>
          [layout.centre[0] + 0.95 * (x - layout.centre[0]), layout.centre[1] + 0.95 * (y - layout.centre[1])] as XY,
      );
    if (!inCounty(shape)) throw new Error(`${t.name} does not fit in the county outline`);
    const ring = add(code, t.name, 'town', 'village', COUNTY_CODE, shape);
    const members = t.units.filter((u) => u.kind === 'village');
    const cells = tile(trng, ring, members.length, 10);
    members.forEach((u, k) => {
      villages.push({ unit: u, ring: add(u.code, unitName(u), 'village', 'village', code, cells[k]!) });
    });
  }
  if (villages.length !== STRUCTURE.villages)
    throw new Error(`expected ${STRUCTURE.villages} villages, got ${villages.length}`);
  const villageCounts = allocate(
    villages.map((v) => ringArea(v.ring)),
    STRUCTURE.villageGrids,
    4,
    7,
  );
  villages.forEach((v, i) => {
    addGrids(villageRng.fork(`grids-${v.unit.code}`), v.unit, v.ring, villageCounts[i]!, 'village');
  });

  return { units, rings, urbanArea };

  function addGrids(grng: Rng, parent: DivisionUnit, ring: Ring, count: number, area: AdminArea): void {
    const cells = tile(grng, ring, count, 12);
    const name = unitName(parent);
    cells.forEach((cell, k) => {
      const seq = String(k + 1).padStart(2, '0');
      add(`${parent.code}G${seq}`, `${name}第${k + 1}网格`, 'grid', area, parent.code, cell);
    });
  }
}

/** `count` cells of similar size tiling the convex `parent`, ordered clockwise from north. */
function tile(rng: Rng, parent: Ring, count: number, iterations: number): Ring[] {
  const seeds: XY[] = [];
  for (let i = 0; i < count; i++) seeds.push(randomPointIn(parent, () => rng.next()));
  const { seeds: relaxed, cells } = relax(parent, seeds, iterations);
  const c = ringCentroid(parent);
  const bearing = (p: XY) => (Math.atan2(p[0] - c[0], p[1] - c[1]) + 2 * Math.PI) % (2 * Math.PI);
  const order = relaxed.map((s, i) => ({ i, b: bearing(s) })).sort((a, b) => a.b - b.b || a.i - b.i);
  const out = order.map((o) => cells[o.i]!);
  if (out.some((cell) => cell.length < 3)) throw new Error('an empty Voronoi cell');
  return out;
}

/** A convex, slightly irregular oval: the hull of jittered points on a tilted ellipse. */
function blob(rng: Rng, centre: XY, rx: number, ry: number, tilt: number): Ring {
  const pts: XY[] = [];
  const n = 36;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * (i + rng.range(-0.3, 0.3))) / n;
    const r = 1 + rng.range(-0.06, 0.06);
    const x = rx * r * Math.cos(a);
    const y = ry * r * Math.sin(a);
    pts.push([
      centre[0] + x * Math.cos(tilt) - y * Math.sin(tilt),
      centre[1] + x * Math.sin(tilt) + y * Math.cos(tilt),
    ]);
  }
  return convexHull(pts);
}

function polar(angle: number, r: number): XY {
  return [r * Math.sin(angle), r * Math.cos(angle)];
}

function lonLat(p: number[]): LonLat {
  return [round6(p[0]!), round6(p[1]!)];
}
