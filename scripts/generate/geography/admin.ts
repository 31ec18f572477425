// The administrative / grid tree on real geography: the county outline from the reference data, and
// generated polygons below it. Urban: the city's territory in the county's partition → 3 subdistricts
// cut along 龙眠河 and across it; the ~8 km urban area within them → 23 communities → 105 grids (a
// subdistrict's communities tile its part of the urban area; the rest is its rural edge). Pilot: 新渡镇
// and 范岗镇, each its territory in the county's partition (county.ts: at its real seat, sharing
// borders, following the outline) → 39 villages → 199 grids. Below the subdistricts each level tiles
// its parent exactly: children are the Voronoi cells of relaxed seeds clipped to the parent. Units named for a direction (东关, 西苑, 南演, 新西) get the cell on that side.
import * as turf from '@turf/turf';
import { COUNTY_CODE, STRUCTURE } from '../../../server/domain/facts';
import type { AdminArea, AdminLevel, AdminUnit, LonLat } from '../../../server/domain/model';
import type { Rng } from '../random';
import { allocate } from './allocate';
import { type Territories, townshipTerritories } from './county';
import { cutAlong } from './cut';
import { directionOf } from './directions';
import { polygonToRing, ringToPolygon, round6, toLonLat, toXY } from './frame';
import { convexHull, pointInRing, type Ring, randomPointIn, relax, ringArea, ringCentroid, type XY } from './planar';
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
/** 龙眠 reaches this far down the river past the old town's edge (OLD_TOWN_RADIUS_M), metres. */
const LONGMIAN_BELOW_OLD_TOWN_M = 60;

export function generateAdmin(rng: Rng, reference: Reference, river: RiverCourse): AdminTree {
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
  const territories = townshipTerritories(reference, rng.fork('townships'));
  const cityTerritory = territories.rings.get('city');
  if (!cityTerritory) throw new Error('the city has no territory in the county');
  const urbanRng = rng.fork('urban');
  const urbanArea = blob(urbanRng, [0, 0], URBAN_RADII[0], URBAN_RADII[1], 0.15);
  if (!inCounty(urbanArea) || !urbanArea.every((p) => pointInRing(p, cityTerritory)))
    throw new Error("urban area leaves the city's territory");
  const territoryParts = subdistrictParts(cityTerritory, river);
  const urbanParts = subdistrictParts(urbanArea, river);
  const urbanCommunities: { unit: DivisionUnit; ring: Ring; subdistrict: string }[] = [];
  SUBDISTRICT_CODES.forEach((code, i) => {
    const t = township(reference, code);
    add(code, t.name, 'subdistrict', 'urban', COUNTY_CODE, territoryParts[i]!);
    const urbanPart = urbanParts[i]!;
    const members = t.units.filter((u) => u.kind === 'community' && u.code !== EXCLUDED_COMMUNITY.code);
    const cells = byDirection(
      members,
      tile(urbanRng.fork(code), urbanPart, members.length, 10),
      ringCentroid(urbanPart),
    );
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
    const cells = byDirection(members, tile(trng, ring, members.length, 10), ringCentroid(ring));
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
    const cells = tile(grng, ring, count, 12);
    const name = unitName(parent);
    cells.forEach((cell, k) => {
      const seq = String(k + 1).padStart(2, '0');
      add(`${parent.code}G${seq}`, `${name}第${k + 1}网格`, 'grid', area, parent.code, cell);
    });
  }
}

/**
 * A region of the city cut into its three subdistricts, in SUBDISTRICT_CODES' order (龙眠, 文昌, 龙腾):
 * 龙腾, the new district, is the river's east bank; the west bank is cut across the river's flow a
 * little below the old town, 龙眠 (the old town, up towards 龙眠山) above the cut, 文昌 below it.
 */
function subdistrictParts(region: Ring, river: RiverCourse): [Ring, Ring, Ring] {
  const byRiver = cutAlong(region, river.line.pts);
  const [fx, fy] = river.flow;
  const reach = OLD_TOWN_RADIUS_M + LONGMIAN_BELOW_OLD_TOWN_M;
  const at: XY = [river.oldTown[0] + fx * reach, river.oldTown[1] + fy * reach];
  // seen from the south-west bank towards the north-east, upstream lies on the left
  const across: XY[] = [
    [at[0] + fy * 5_000, at[1] - fx * 5_000],
    [at[0] - fy * 5_000, at[1] + fx * 5_000],
  ];
  const byCut = cutAlong(byRiver.right, across);
  return [byCut.left, byCut.right, byRiver.left];
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
