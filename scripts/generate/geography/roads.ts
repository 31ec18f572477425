// The road network and the river, built in local metres, as a hierarchy (Road.kind). Urban: 8
// arterials (主干路) in two slightly rotated families plus the ring road 环城路; collectors (次干路)
// about every 420 m between them in the regular new districts; in the old town on the west bank of
// 龙眠河 no collectors but irregular lanes (巷). 龙眠河 runs from the north-west (龙眠山) to the
// south-east. The county's network (expressway, national and provincial roads, railways, the towns'
// and villages' roads) is countyRoads.ts.
import type { River, Road, RoadKind } from '../../../server/domain/model';
import type { Rng } from '../random';
import { type CountyInput, type CountyLine, generateCountyRoads } from './countyRoads';
import { toLonLat } from './frame';
import { OLD_TOWN_LANES, SECONDARY_ROADS, URBAN_MAIN_ROADS } from './names';
import { nearestOn, pathLength, runsOutsideDisc, wanderPath } from './paths';
import { pointInRing, type Ring, ringCentroid, type XY } from './planar';
import type { RiverCourse } from './river';

/** A road or river with its planar centre line, kept for placement. */
export interface PlanarLine {
  id: string;
  name: string;
  cls: 'main' | 'secondary' | 'river';
  kind: RoadKind | 'river';
  /** A street of the city (arterial, collector, lane): shops face it, the city's things stand on it. */
  urban: boolean;
  pts: XY[];
  widthM: number;
  ref?: string;
  stations?: { name: string; at: XY }[];
}

/** Kinds that count as main roads (主干道) for the old two-class view of the network. */
const MAIN_KINDS: ReadonlySet<RoadKind> = new Set(['expressway', 'national', 'provincial', 'arterial', 'railway']);
const URBAN_KINDS: ReadonlySet<RoadKind> = new Set(['arterial', 'collector', 'lane']);

/** The old town (老城): a disc on the west bank of the river, its lanes irregular. */
export const OLD_TOWN_RADIUS_M = 600;

export interface Network {
  roads: Road[];
  rivers: River[];
  lines: PlanarLine[];
  angle: number;
  /** The old town's centre (planar). */
  oldTown: XY;
}

const MAIN_OFFSETS = { eastWest: [1_450, 500, -530, -1_550], northSouth: [-1_800, -680, 400, 1_550] };
const SECONDARY_SPACING = 420;

/**
 * The city's street grid, drawn before the admin tree: the communities lie between its arterials and
 * split along its collectors (admin.ts, superblocks.ts).
 */
export interface StreetGrid {
  /** The street grid's rotation from true east. */
  angle: number;
  /** The arterials, the ring road 环城路 (closed), then the collectors, as roads of the network. */
  lines: PlanarLine[];
}

export function streetGrid(rng: Rng, urbanArea: Ring, oldTown: XY): StreetGrid {
  const lines: PlanarLine[] = [];
  const angle = rng.range(-0.12, 0.12);
  const u: XY = [Math.cos(angle), Math.sin(angle)];
  const v: XY = [-Math.sin(angle), Math.cos(angle)];
  const id = () => `R${String(lines.length + 1).padStart(3, '0')}`;

  // Main roads: gently curving lines across the whole urban area.
  const mains: { family: 'ew' | 'ns'; pts: XY[] }[] = [];
  for (const [family, names, offsets, along, across] of [
    ['ew', URBAN_MAIN_ROADS.eastWest, MAIN_OFFSETS.eastWest, u, v],
    ['ns', URBAN_MAIN_ROADS.northSouth, MAIN_OFFSETS.northSouth, v, u],
  ] as const) {
    names.forEach((name, i) => {
      const o = offsets[i]! + rng.range(-150, 150);
      const pts = clipToConvex(wavyLine(rng, along, across, o, rng.range(30, 90)), urbanArea);
      mains.push({ family, pts });
      lines.push({
        id: id(),
        name,
        cls: 'main',
        kind: 'arterial',
        urban: true,
        pts,
        widthM: name === '龙眠大道' ? 50 : rng.pick([30, 32, 36, 40]),
      });
    });
  }
  const c = ringCentroid(urbanArea);
  const ring = ellipse([c[0] - 120, c[1] + 90], 850, 700, angle);
  lines.push({
    id: id(),
    name: URBAN_MAIN_ROADS.ring,
    cls: 'main',
    kind: 'arterial',
    urban: true,
    pts: ring,
    widthM: 30,
  });

  // Secondary roads: parallel to each family, between the main roads; each runs a span of blocks.
  const names = SECONDARY_ROADS.slice();
  let nameIndex = 0;
  for (const [family, along, across, offsets] of [
    ['ew', u, v, MAIN_OFFSETS.eastWest],
    ['ns', v, u, MAIN_OFFSETS.northSouth],
  ] as const) {
    const crossing = mains
      .filter((m) => m.family !== family)
      .map((m) => m.pts)
      .concat([ring]);
    for (let o = -5_000; o <= 5_000; o += SECONDARY_SPACING) {
      const off = o + rng.range(-60, 60);
      if (offsets.some((m) => Math.abs(m - off) < 200)) continue;
      const full = clipToConvex(wavyLine(rng, along, across, off, rng.range(0, 15)), urbanArea);
      if (length(full) < 400) continue;
      const cuts = [0, ...crossings(full, crossing), length(full)].sort((a, b) => a - b);
      let from = 0,
        to = cuts.length - 1;
      if (!rng.chance(0.3) && cuts.length > 3) {
        const span = rng.int(1, Math.min(3, cuts.length - 2));
        from = rng.int(0, cuts.length - 1 - span);
        to = from + span;
      }
      const width = rng.pick([16, 18, 20, 24]);
      // the regular grid stops at the old town: its pieces outside it stay
      for (const pts of runsOutsideDisc(slice(full, cuts[from]!, cuts[to]!), oldTown, OLD_TOWN_RADIUS_M)) {
        if (length(pts) < 250) continue;
        const name = names[nameIndex % names.length]! + (nameIndex >= names.length ? '二段' : '');
        nameIndex++;
        lines.push({ id: id(), name, cls: 'secondary', kind: 'collector', urban: true, pts, widthM: width });
      }
    }
  }
  return { angle, lines };
}

export function generateRoads(
  rng: Rng,
  input: Omit<CountyInput, 'arterials'> & { river: RiverCourse; streets: StreetGrid; trunk: readonly CountyLine[] },
): Network {
  const { urbanArea, streets } = input;
  const { angle } = streets;
  const lines: PlanarLine[] = [...streets.lines];
  let seq = lines.length;
  const id = () => `R${String(++seq).padStart(3, '0')}`;
  const riverLine = input.river.line;
  const riverPts = riverLine.pts;
  const oldTown = input.river.oldTown;

  // The old town's lanes: wandering from a road already there, so every lane joins the network.
  const lrng = rng.fork('old-town');
  const urbanStreets = () => lines.filter((l) => l.urban).map((l) => l.pts);
  for (const name of OLD_TOWN_LANES) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const a = lrng.range(0, 2 * Math.PI);
      const r = OLD_TOWN_RADIUS_M * Math.sqrt(lrng.next());
      const start = nearestOn(urbanStreets(), [oldTown[0] + r * Math.cos(a), oldTown[1] + r * Math.sin(a)]).q;
      if (Math.hypot(start[0] - oldTown[0], start[1] - oldTown[1]) > OLD_TOWN_RADIUS_M) continue;
      const pts: XY[] = [];
      for (const p of wanderPath(lrng, start, lrng.range(0, 2 * Math.PI), lrng.range(160, 450), 20, 0.3)) {
        if (Math.hypot(p[0] - oldTown[0], p[1] - oldTown[1]) > OLD_TOWN_RADIUS_M + 60 || !pointInRing(p, urbanArea))
          break;
        if (pts.length > 2 && nearestOn([riverPts], p).d < 40) break; // lanes end at the embankment
        pts.push(p);
      }
      if (pathLength(pts) < 100) continue;
      lines.push({ id: id(), name, cls: 'secondary', kind: 'lane', urban: true, pts, widthM: lrng.pick([5, 6, 7]) });
      break;
    }
  }

  // The county's network, ending on the arterials.
  const arterials = lines.filter((l) => l.kind === 'arterial').map((l) => l.pts);
  for (const l of generateCountyRoads(rng.fork('county'), { ...input, arterials }, input.trunk)) {
    lines.push({
      id: id(),
      name: l.name,
      cls: MAIN_KINDS.has(l.kind) ? 'main' : 'secondary',
      kind: l.kind,
      urban: URBAN_KINDS.has(l.kind),
      pts: l.pts,
      widthM: l.widthM,
      ref: l.ref,
      stations: l.stations,
    });
  }

  const roads: Road[] = lines.map((l) => ({
    id: l.id,
    name: l.name,
    class: l.cls === 'main' ? 'main' : 'secondary',
    kind: l.kind as RoadKind,
    ...(l.ref ? { ref: l.ref } : {}),
    ...(l.stations ? { stations: l.stations.map((st) => ({ name: st.name, position: toLonLat(st.at) })) } : {}),
    line: l.pts.map(toLonLat),
    widthM: l.widthM,
  }));
  const rivers: River[] = [
    { id: riverLine.id, name: riverLine.name, line: riverLine.pts.map(toLonLat), widthM: riverLine.widthM },
  ];
  return { roads, rivers, lines: [...lines, riverLine], angle, oldTown };
}

/** A line at offset `o` across, running along `along`, with a slow sine wobble of amplitude `amp`. */
function wavyLine(rng: Rng, along: XY, across: XY, o: number, amp: number): XY[] {
  const lambda = rng.range(3_000, 6_500);
  const phase = rng.range(0, 2 * Math.PI);
  const pts: XY[] = [];
  for (let s = -6_000; s <= 6_000; s += 50) {
    const w = o + amp * Math.sin((2 * Math.PI * s) / lambda + phase);
    pts.push([s * along[0] + w * across[0], s * along[1] + w * across[1]]);
  }
  return pts;
}

function ellipse(c: XY, rx: number, ry: number, tilt: number): XY[] {
  const pts: XY[] = [];
  for (let i = 0; i <= 72; i++) {
    const a = (2 * Math.PI * i) / 72;
    const x = rx * Math.cos(a),
      y = ry * Math.sin(a);
    pts.push([c[0] + x * Math.cos(tilt) - y * Math.sin(tilt), c[1] + x * Math.sin(tilt) + y * Math.cos(tilt)]);
  }
  return pts;
}

/** The longest run of the polyline inside the convex ring, cut exactly at the boundary. */
export function clipToConvex(line: readonly XY[], ring: Ring): XY[] {
  const runs: XY[][] = [];
  let run: XY[] = [];
  for (let i = 1; i < line.length; i++) {
    const seg = clipSegment(line[i - 1]!, line[i]!, ring);
    if (!seg) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const [a, b, exits] = seg;
    if (run.length === 0) run.push(a);
    run.push(b);
    if (exits) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  let best: XY[] = [];
  for (const r of runs) if (length(r) > length(best)) best = r;
  return best;
}

/** Cyrus–Beck: the part of pq inside a convex CCW ring, and whether it leaves before q. */
function clipSegment(p: XY, q: XY, ring: Ring): [XY, XY, boolean] | null {
  let t0 = 0,
    t1 = 1;
  const d: XY = [q[0] - p[0], q[1] - p[1]];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!,
      b = ring[(i + 1) % ring.length]!;
    const n: XY = [-(b[1] - a[1]), b[0] - a[0]]; // inward normal of a CCW edge
    const num = n[0] * (p[0] - a[0]) + n[1] * (p[1] - a[1]);
    const den = n[0] * d[0] + n[1] * d[1];
    if (den === 0) {
      if (num < 0) return null;
      continue;
    }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  const at = (t: number): XY => [p[0] + t * d[0], p[1] + t * d[1]];
  return [at(t0), at(t1), t1 < 1];
}

export function length(pts: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
  return s;
}

/** Distances along `line` where it crosses any of `others`. */
function crossings(line: readonly XY[], others: readonly XY[][]): number[] {
  const out: number[] = [];
  let s = 0;
  for (let i = 1; i < line.length; i++) {
    const p = line[i - 1]!,
      q = line[i]!;
    const segLen = Math.hypot(q[0] - p[0], q[1] - p[1]);
    for (const o of others) {
      for (let k = 1; k < o.length; k++) {
        const t = intersectT(p, q, o[k - 1]!, o[k]!);
        if (t !== null) out.push(s + t * segLen);
      }
    }
    s += segLen;
  }
  return out;
}

function intersectT(p: XY, q: XY, a: XY, b: XY): number | null {
  const r: XY = [q[0] - p[0], q[1] - p[1]];
  const s: XY = [b[0] - a[0], b[1] - a[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (den === 0) return null;
  const t = ((a[0] - p[0]) * s[1] - (a[1] - p[1]) * s[0]) / den;
  const w = ((a[0] - p[0]) * r[1] - (a[1] - p[1]) * r[0]) / den;
  return t >= 0 && t <= 1 && w >= 0 && w <= 1 ? t : null;
}

/** The part of `line` between distances `from` and `to` along it. */
export function slice(line: readonly XY[], from: number, to: number): XY[] {
  const out: XY[] = [];
  let s = 0;
  for (let i = 1; i < line.length; i++) {
    const p = line[i - 1]!,
      q = line[i]!;
    const l = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const at = (d: number): XY => [p[0] + ((d - s) / l) * (q[0] - p[0]), p[1] + ((d - s) / l) * (q[1] - p[1])];
    if (s + l >= from && s <= to) {
      if (out.length === 0) out.push(from >= s ? at(from) : p);
      out.push(to <= s + l ? at(to) : q);
      if (to <= s + l) break;
    }
    s += l;
  }
  return out;
}
