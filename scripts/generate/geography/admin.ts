// The administrative / grid tree on real geography: the county outline from the reference data, and
// generated polygons below it. Urban: the city's territory in the county's partition → 3 subdistricts
// cut along 龙眠河 and across it; the ~8 km urban area within them → 23 communities → 105 grids (a
// subdistrict's communities tile its part of the urban area; the rest is its rural edge). Pilot: 新渡镇
// and 范岗镇, each its territory in the county's partition (county.ts: at its real seat, sharing
// borders, following the outline) → 39 villages (villageFaces.ts: between the trunk roads, their other
// borders wandering) → 199 grids. Below that each level tiles its parent exactly: children are the
// Voronoi cells of relaxed seeds clipped to the parent. Units named for a direction (东关, 西苑, 南演,
// 新西) get the cell on that side.
import * as turf from '@turf/turf';
import { COUNTY_CODE, STRUCTURE } from '../../../server/domain/facts';
import type { AdminArea, AdminLevel, AdminUnit, LonLat } from '../../../server/domain/model';
import type { Rng } from '../random';
import { allocate } from './allocate';
import type { Territories } from './county';
import { cutAlong } from './cut';
import { directionOf } from './directions';
import { polygonToRing, ringToPolygon, round6, toLonLat, toXY } from './frame';
import { nearestOn } from './paths';
import {
  convexHull,
  pointInRing,
  type Ring,
  randomPointIn,
  ringArea,
  ringCentroid,
  segmentDistance,
  type XY,
} from './planar';
import {
  type DivisionUnit,
  EXCLUDED_COMMUNITY,
  PILOT_TOWN_CODES,
  type Reference,
  SUBDISTRICT_CODES,
  township,
  unitName,
} from './reference';
import type { RiverCourse } from './river';
import { OLD_TOWN_RADIUS_M } from './roads';
import { type Streets, superblocks } from './superblocks';
import { tile } from './tiling';
import { villageCells } from './villageFaces';

export interface AdminTree {
  units: AdminUnit[];
  /** Planar ring (metres) of every unit but the city, taken from its rounded output geometry. */
  rings: Map<string, Ring>;
  urbanArea: Ring;
  /** The seats (驻地) of the pilot towns and of their villages, planar, by unit id. */
  seats: Map<string, XY>;
  /** The county's partition among the city and its towns (county.ts), by township code ('city'). */
  territories: Territories;
}

/**
 * Half-axes of the urban area (城区): about 5.4 × 4.6 km, some 20 km². The article's 105 grids hold
 * 300–500 households each, about 42,000 in all: at a county town's density (a new district's compounds
 * at a floor-area ratio of about 2, the old town's lanes) that is this much land, not more.
 */
const URBAN_RADII: [number, number] = [2_700, 2_300];
/** 龙眠 reaches at least this far down the river past the old town's edge (OLD_TOWN_RADIUS_M), metres. */
const LONGMIAN_BELOW_OLD_TOWN_M = 60;

/** The urban area (城区): a convex, slightly irregular oval about the core, drawn before the streets in it. */
export function urbanAreaOf(rng: Rng): Ring {
  return blob(rng, [0, 0], URBAN_RADII[0], URBAN_RADII[1], 0.15);
}

/** What is drawn over the county before its tree: the townships' territories and the trunk roads. */
export interface CountyPlan {
  territories: Territories;
  /** Centre lines of the roads through the county and the pilot towns' own (countyRoads.ts trunkRoads). */
  trunk: readonly (readonly XY[])[];
}

/**
 * The tree over the county, given the river and the urban area with its streets, which the
 * communities' borders follow.
 */
export function generateAdmin(
  rng: Rng,
  reference: Reference,
  river: RiverCourse,
  urbanArea: Ring,
  streets: Streets,
  countyPlan: CountyPlan,
): AdminTree {
  const { territories, trunk } = countyPlan;
  const units: AdminUnit[] = [];
  const rings = new Map<string, Ring>();
  const seats = new Map<string, XY>();
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
    // a concave unit's centroid can fall outside it: then a point on its surface instead
    let centre = ringCentroid(rounded);
    if (!pointInRing(centre, rounded)) centre = toXY(turf.pointOnFeature(geometry).geometry.coordinates as LonLat);
    units.push({
      id,
      code: id,
      name,
      level,
      area,
      parentId,
      geometry,
      centroid: toLonLat(centre),
      areaM2: Math.round(turf.area(geometry)),
    });
    return rounded;
  };

  // The city's territory (its cell of the county's partition, county.ts) → subdistricts, cut along the
  // river and across it (subdistrictParts); each subdistrict's part of the urban area → communities →
  // grids. The rest of a subdistrict is its rural edge (its villages, not in the article's grids).
  const cityTerritory = territories.rings.get('city');
  if (!cityTerritory) throw new Error('the city has no territory in the county');
  const urbanRng = rng.fork('urban');
  if (!inCounty(urbanArea) || !urbanArea.every((p) => pointInRing(p, cityTerritory)))
    throw new Error("urban area leaves the city's territory");
  const edge = longmianEdge(river, streets.arterials);
  const territoryParts = subdistrictParts(cityTerritory, river, edge);
  const urbanParts = subdistrictParts(urbanArea, river, edge);
  const urbanCommunities: { unit: DivisionUnit; ring: Ring; subdistrict: string }[] = [];
  SUBDISTRICT_CODES.forEach((code, i) => {
    const t = township(reference, code);
    add(code, t.name, 'subdistrict', 'urban', COUNTY_CODE, territoryParts[i]!);
    const urbanPart = urbanParts[i]!;
    const members = t.units.filter((u) => u.kind === 'community' && u.code !== EXCLUDED_COMMUNITY.code);
    const cells = byDirection(members, superblocks(urbanPart, streets, members.length), ringCentroid(urbanPart));
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
    const trng = villageRng.fork(code);
    const territory = territories.rings.get(code);
    if (!territory) throw new Error(`${t.name}: no territory in the county`);
    const ring = add(code, t.name, 'town', 'village', COUNTY_CODE, territory);
    const seat = territories.seats.get(code)!;
    if (!pointInRing(seat, ring)) throw new Error(`${t.name}: its seat lies outside its territory`);
    seats.set(code, seat);
    const members = t.units.filter((u) => u.kind === 'village');
    const cells = byDirection(members, villageCells(trng, ring, members.length, trunk), ringCentroid(ring));
    members.forEach((u, k) => {
      const vring = add(u.code, unitName(u), 'village', 'village', code, cells[k]!);
      villages.push({ unit: u, ring: vring });
      seats.set(u.code, villageSeat(trng, vring));
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

  return { units, rings, urbanArea, seats, territories };

  function addGrids(grng: Rng, parent: DivisionUnit, ring: Ring, count: number, area: AdminArea): void {
    // grids of about equal area: each must house 300–500 households (compounds.ts)
    const cells = tile(grng, ring, count, 12, true);
    const name = unitName(parent);
    cells.forEach((cell, k) => {
      const seq = String(k + 1).padStart(2, '0');
      add(`${parent.code}G${seq}`, `${name}第${k + 1}网格`, 'grid', area, parent.code, cell);
    });
  }
}

/**
 * A region of the city cut into its three subdistricts, in SUBDISTRICT_CODES' order (龙眠, 文昌, 龙腾):
 * 龙腾, the new district, is the river's east bank; the west bank is cut along `edge` (longmianEdge),
 * 龙眠 (the old town, up towards 龙眠山) on the old town's side of it, 文昌 on the other.
 */
function subdistrictParts(region: Ring, river: RiverCourse, edge: readonly XY[]): [Ring, Ring, Ring] {
  const byRiver = cutAlong(region, river.line.pts);
  const byEdge = cutAlong(byRiver.right, edge);
  const oldTownLeft = isLeftOf(river.oldTown, edge);
  return [oldTownLeft ? byEdge.left : byEdge.right, oldTownLeft ? byEdge.right : byEdge.left, byRiver.left];
}

/**
 * The border of 龙眠 and 文昌 on the west bank: the first east–west arterial south of the old town and
 * clear of it (no nearer than the old town's edge and LONGMIAN_BELOW_OLD_TOWN_M), so the
 * subdistricts meet in the middle of a main road.
 */
function longmianEdge(river: RiverCourse, mainRoads: readonly (readonly XY[])[]): readonly XY[] {
  const o = river.oldTown;
  let best: { road: readonly XY[]; d: number } | null = null;
  for (const road of mainRoads) {
    const [a, b] = [road[0]!, road.at(-1)!];
    if (Math.abs(b[0] - a[0]) < Math.abs(b[1] - a[1])) continue; // north–south, or the ring road (closed)
    const { q, d } = nearestOn([road as XY[]], o);
    if (q[1] < o[1] && d > OLD_TOWN_RADIUS_M + LONGMIAN_BELOW_OLD_TOWN_M && (!best || d < best.d)) best = { road, d };
  }
  if (!best) throw new Error('no arterial south of the old town for 龙眠 and 文昌 to meet on');
  return best.road;
}

/** Whether `p` lies to the left of the polyline (seen along it), by its nearest segment. */
function isLeftOf(p: XY, line: readonly XY[]): boolean {
  let best = { d: Infinity, side: 0 };
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!,
      b = line[i]!;
    const d = segmentDistance(p, a, b);
    if (d < best.d) best = { d, side: (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) };
  }
  return best.side > 0;
}

/**
 * Cells for `members` in order: a member named for a direction (东关, 西苑) takes the free cell lying
 * furthest that way from `centre`; the others keep the clockwise order.
 */
function byDirection(members: readonly DivisionUnit[], cells: Ring[], centre: XY): Ring[] {
  const free = cells.map((c) => ({ c, p: ringCentroid(c) }));
  const out: (Ring | undefined)[] = members.map(() => undefined);
  members.forEach((m, k) => {
    const d = directionOf(unitName(m));
    if (!d) return;
    let best = -1;
    free.forEach((f, i) => {
      const score = (f.p[0] - centre[0]) * d[0] + (f.p[1] - centre[1]) * d[1];
      if (best < 0 || score > (free[best]!.p[0] - centre[0]) * d[0] + (free[best]!.p[1] - centre[1]) * d[1]) best = i;
    });
    out[k] = free.splice(best, 1)[0]!.c;
  });
  return out.map((c) => c ?? free.shift()!.c);
}

/** A village's seat (村委会): near its middle, where its roads meet. */
function villageSeat(rng: Rng, ring: Ring): XY {
  const c = ringCentroid(ring);
  for (let k = 0; k < 20; k++) {
    const p: XY = [c[0] + rng.range(-300, 300), c[1] + rng.range(-300, 300)];
    if (pointInRing(p, ring)) return p;
  }
  return pointInRing(c, ring) ? c : randomPointIn(ring, () => rng.next());
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

function lonLat(p: number[]): LonLat {
  return [round6(p[0]!), round6(p[1]!)];
}
