// The county's network outside the city: the expressway G3 and the national road G206 through the
// county, the two railways with their stations, a provincial road from the city to 范岗, each pilot
// town's streets and roads out from its seat, and from every village seat a road (县乡道) to the town's
// network, with village roads (村道) branching from it. Every road starts on a road already built, so
// the network is one connected graph reaching the city's arterials. Routes of the real roads and
// stations are approximate (data/reference/README.md); the rest is generated.
import type { RoadKind } from '../../../server/domain/model';
import type { Rng } from '../random';
import { directionOf } from './directions';
import { TOWN_ROADS } from './names';
import { longestInside, nearestOn, pathLength, runsInside, smoothPath, wanderPath, wobblyPath } from './paths';
import { pointInRing, type Ring, ringArea, ringBounds, type XY } from './planar';

export interface CountyLine {
  name: string;
  kind: RoadKind;
  ref?: string;
  pts: XY[];
  widthM: number;
  stations?: { name: string; at: XY }[];
}

/** What the trunk roads need: drawn before the villages, whose borders follow them (admin.ts). */
export interface TrunkInput {
  county: Ring;
  urbanArea: Ring;
  /** The city's arterials, which the county roads end on. */
  arterials: XY[][];
  towns: { code: string; ring: Ring; seat: XY }[];
}

export interface CountyInput extends TrunkInput {
  villages: { code: string; name: string; townCode: string; ring: Ring; seat: XY }[];
}

/** Village roads per km² of village land: enough for every hamlet to lie on one (issue 14: over 0.6). */
export const VILLAGE_ROAD_DENSITY = 1.3;

// Control points of the real routes (metres east/north of the urban core), approximate.
const G3: XY[] = [
  [4_000, 32_000],
  [6_200, 12_000],
  [6_900, 0],
  [6_700, -12_000],
  [7_200, -26_000],
  [9_000, -48_000],
];
const G206_NORTH: XY[] = [
  [-1_500, 34_000],
  [-1_600, 16_000],
  [-900, 6_000],
  [-500, 3_000],
];
const G206_SOUTH: XY[] = [
  [-2_000, -2_800],
  [-4_300, -11_000],
  [-7_000, -18_000],
  // the seat of 新渡镇 is put in here
  [-9_800, -30_000],
  [-12_500, -46_000],
];
const HEJIU_RAILWAY: XY[] = [
  [2_000, 34_000],
  [-2_600, 12_000],
  [-5_300, 1_000],
  [-5_600, -4_500],
  [-12_000, -17_000],
  [-30_000, -25_000],
];
const HEAN_HSR: XY[] = [
  [6_500, 34_000],
  [5_000, 10_000],
  [5_300, -1_000],
  [4_600, -14_000],
  [5_200, -30_000],
  [6_000, -48_000],
];
const STATIONS = {
  hejiu: { name: '桐城站', near: [-5_500, -2_600] as XY },
  hean: { name: '桐城东站', near: [5_250, 0] as XY },
};

/**
 * The roads through the county and each pilot town's own: the expressway, the railways, G206, 桐范路,
 * and every town's main street and roads out from its seat. They come before the villages, whose
 * borders run along them.
 */
export function trunkRoads(rng: Rng, o: TrunkInput): CountyLine[] {
  const out: CountyLine[] = [];
  const inCounty = (pts: XY[]) => longestInside(pts, o.county);
  const outsideCity = (pts: XY[]) => splitOff(pts, o.urbanArea);

  // Expressway and railways: through the county, no junction with the local roads drawn.
  out.push({ name: '京台高速', ref: 'G3', kind: 'expressway', pts: inCounty(smoothPath(G3)), widthM: 28 });
  for (const [route, name, ref, station, width] of [
    [HEJIU_RAILWAY, '合九铁路', 'hejiu', STATIONS.hejiu, 12],
    [HEAN_HSR, '合安高铁', 'hean', STATIONS.hean, 14],
  ] as const) {
    const pts = inCounty(smoothPath(route));
    out.push({
      name,
      kind: 'railway',
      pts,
      widthM: width,
      stations: [{ name: station.name, at: nearestOn([pts], station.near).q }],
      ref,
    });
  }

  // G206: from the north to the city, and from the city through 新渡镇's seat to the south.
  const xindu = o.towns.find((t) => t.code === '340881103');
  const south = xindu ? [...G206_SOUTH.slice(0, 3), xindu.seat, ...G206_SOUTH.slice(3)] : G206_SOUTH;
  for (const route of [G206_NORTH, south]) {
    for (const piece of outsideCity(inCounty(smoothPath(route)))) {
      const pts = joinCity(piece, o);
      out.push({ name: '206国道', ref: 'G206', kind: 'national', pts, widthM: 24 });
    }
  }

  // 桐范路: a provincial road from the city's south-east to 范岗镇's seat and on to the county edge.
  const fangang = o.towns.find((t) => t.code === '340881102');
  if (fangang) {
    const s = fangang.seat;
    const route = smoothPath([[2_600, -2_600], [s[0] * 0.45, s[1] * 0.5], s, [s[0] + 6_000, s[1] - 2_500]]);
    for (const piece of outsideCity(inCounty(route)))
      out.push({ name: '桐范路', kind: 'provincial', pts: joinCity(piece, o), widthM: 16 });
  }

  // Each town: its main street through the seat and four roads out from it.
  for (const town of o.towns) {
    const trng = rng.fork(town.code);
    const names = TOWN_ROADS[town.code]!;
    const network: XY[][] = out.filter((l) => l.kind !== 'expressway' && l.kind !== 'railway').map((l) => l.pts);
    const h = trng.range(0, Math.PI);
    const street = longestInside(
      [
        ...wanderPath(trng, town.seat, h, 1_600, 40, 0.05).reverse(),
        ...wanderPath(trng, town.seat, h + Math.PI, 1_600, 40, 0.05).slice(1),
      ],
      town.ring,
    );
    if (street.length > 1) {
      out.push({ name: names.main, kind: 'county', pts: attach(street, network), widthM: 16 });
      network.push(out[out.length - 1]!.pts);
    }
    names.secondary.forEach((name, i) => {
      const heading = h + Math.PI / 4 + (i * Math.PI) / 2 + trng.range(-0.3, 0.3);
      const pts = firstRunInside(wanderPath(trng, town.seat, heading, 9_000, 40, 0.06), town.ring);
      if (pathLength(pts) < 500) return;
      out.push({ name, kind: 'county', pts, widthM: 8 });
      network.push(pts);
    });
  }
  return out.filter((l) => l.pts.length > 1);
}

/**
 * The trunk roads and, from every village seat, a road (县乡道) to the network already built, with
 * village roads (村道) branching from it until the village has its density of roads.
 */
export function generateCountyRoads(rng: Rng, o: CountyInput, trunk: readonly CountyLine[]): CountyLine[] {
  const out: CountyLine[] = [...trunk];
  const network: XY[][] = out.filter((l) => l.kind !== 'expressway' && l.kind !== 'railway').map((l) => l.pts);
  for (const town of o.towns) {
    const trng = rng.fork(town.code);
    const villages = o.villages
      .filter((v) => v.townCode === town.code)
      .map((v) => ({ v, d: Math.hypot(v.seat[0] - town.seat[0], v.seat[1] - town.seat[1]) }))
      .sort((a, b) => a.d - b.d || (a.v.code < b.v.code ? -1 : 1));
    for (const { v } of villages) {
      const vrng = trng.fork(v.code);
      const stem = v.name.replace(/村$/, '');
      const box = ringBounds(v.ring);
      const inBox = (p: XY) => p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
      const local = network.filter((l) => l.some(inBox));
      // the village's own road to the nearest road already built (unless one passes its seat)
      const near = nearestOn(network, v.seat);
      if (near.d > 30) {
        const pts = wobblyPath(vrng, v.seat, near.q, Math.min(250, near.d / 6));
        out.push({ name: `${stem}村道`, kind: 'county', pts, widthM: 6 });
        network.push(pts);
        local.push(pts);
      }
      // village roads (村道) branching off roads in the village until it has its density of roads
      const areaKm2 = Math.abs(ringArea(v.ring)) / 1e6;
      const want = VILLAGE_ROAD_DENSITY * areaKm2 * 1000;
      let have = local.reduce((s, l) => s + lengthInside(l, v.ring), 0);
      const claimed = directionOf(v.name);
      for (let k = 1; k <= 24 && have < want; k++) {
        const from = pickPointOn(vrng, local, v.ring) ?? v.seat;
        const heading = claimed && k === 1 ? Math.atan2(claimed[1], claimed[0]) : vrng.range(0, 2 * Math.PI);
        const pts = firstRunInside(wanderPath(vrng, from, heading, vrng.range(900, 2_600), 30, 0.22), v.ring);
        if (pathLength(pts) < 300) continue;
        out.push({ name: `${stem}村${k}组路`, kind: 'village', pts, widthM: 4.5 });
        network.push(pts);
        local.push(pts);
        have += pathLength(pts);
      }
    }
  }
  return out.filter((l) => l.pts.length > 1);
}

/** The parts of a line outside a ring (the city's own streets carry it inside). */
function splitOff(pts: XY[], ring: Ring): XY[][] {
  const out: XY[][] = [];
  let run: XY[] = [];
  for (const p of pts) {
    if (!pointInRing(p, ring)) run.push(p);
    else {
      if (run.length > 1) out.push(run);
      run = [];
    }
  }
  if (run.length > 1) out.push(run);
  return out.filter((r) => pathLength(r) > 200);
}

/** A county road ending near the city continues to the nearest arterial. */
function joinCity(pts: XY[], o: TrunkInput): XY[] {
  const ends = [pts[0]!, pts[pts.length - 1]!];
  const d = ends.map((e) => nearestOn(o.arterials, e));
  if (d[0]!.d < d[1]!.d && d[0]!.d < 1_500) return [d[0]!.q, ...pts];
  if (d[1]!.d < 1_500) return [...pts, d[1]!.q];
  return pts;
}

/** A street's ends joined to the nearest road of the network when it passes close. */
function attach(pts: XY[], network: XY[][]): XY[] {
  const near = nearestOn(network, pts[0]!);
  return near.d < 2_000 ? [near.q, ...pts] : pts;
}

/** The line from its start up to where it first leaves the ring. */
function firstRunInside(pts: XY[], ring: Ring): XY[] {
  const out: XY[] = [];
  for (const p of pts) {
    if (!pointInRing(p, ring)) break;
    out.push(p);
  }
  return out;
}

/** A vertex of a road lying inside the ring, chosen at random (branches start on roads). */
function pickPointOn(rng: Rng, network: XY[][], ring: Ring): XY | null {
  const [x0, y0, x1, y1] = ringBounds(ring);
  const inBox = (p: XY) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
  const inside = network.flatMap((l) => l.filter((p) => inBox(p) && pointInRing(p, ring)));
  return inside.length ? rng.pick(inside) : null;
}

function lengthInside(line: readonly XY[], ring: Ring): number {
  return runsInside(line, ring).reduce((s, r) => s + pathLength(r), 0);
}
