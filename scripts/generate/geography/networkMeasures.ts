// Measures of the generated road network, for the tests and for the figures in
// data/reference/README.md: length by kind, road density in the villages, and which roads are joined
// (a road meets another where they cross or where one ends on the other, within a metre).
import type { AdminUnit, LonLat, Road, RoadKind } from '../../../server/domain/model';
import { polygonToRing, toXY } from './frame';
import { pathLength, runsInside } from './paths';
import { ringArea, segmentDistance, type XY } from './planar';

export function kmByKind(roads: readonly Road[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of roads) out[r.kind] = (out[r.kind] ?? 0) + pathLength(r.line.map(toXY)) / 1000;
  for (const k of Object.keys(out)) out[k] = Math.round(out[k]! * 10) / 10;
  return out;
}

/** Road length inside each village (km) per km² of the village, every kind but expressways and railways. */
export function villageRoadDensity(roads: readonly Road[], villages: readonly AdminUnit[]): Map<string, number> {
  const lines = roads.filter((r) => r.kind !== 'expressway' && r.kind !== 'railway').map((r) => r.line.map(toXY));
  const out = new Map<string, number>();
  for (const v of villages) {
    const ring = polygonToRing(v.geometry.coordinates as LonLat[][]);
    const [x0, y0, x1, y1] = bounds(ring);
    let m = 0;
    for (const l of lines) {
      if (!l.some(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
      for (const run of runsInside(l, ring)) m += pathLength(run);
    }
    out.set(v.id, m / 1000 / (Math.abs(ringArea(ring)) / 1e6));
  }
  return out;
}

/** Groups of joined roads (by road id), through a hash of their segments. */
export function connectedGroups(roads: readonly Road[], kinds?: ReadonlySet<RoadKind>): string[][] {
  const list = roads.filter((r) => !kinds || kinds.has(r.kind));
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const cell = 200;
  const cells = new Map<string, { i: number; a: XY; b: XY }[]>();
  const lines = list.map((r) => r.line.map(toXY));
  lines.forEach((pts, i) => {
    for (let k = 1; k < pts.length; k++) {
      const a = pts[k - 1]!,
        b = pts[k]!;
      for (
        let x = Math.floor((Math.min(a[0], b[0]) - 1) / cell);
        x <= Math.floor((Math.max(a[0], b[0]) + 1) / cell);
        x++
      )
        for (
          let y = Math.floor((Math.min(a[1], b[1]) - 1) / cell);
          y <= Math.floor((Math.max(a[1], b[1]) + 1) / cell);
          y++
        ) {
          const key = `${x},${y}`;
          const c = cells.get(key);
          if (c) c.push({ i, a, b });
          else cells.set(key, [{ i, a, b }]);
        }
    }
  });
  for (const segs of cells.values())
    for (let s = 0; s < segs.length; s++)
      for (let t = s + 1; t < segs.length; t++) {
        const p = segs[s]!,
          q = segs[t]!;
        if (p.i === q.i || find(p.i) === find(q.i)) continue;
        if (meet(p.a, p.b, q.a, q.b)) union(p.i, q.i);
      }
  const groups = new Map<number, string[]>();
  list.forEach((r, i) => {
    const g = groups.get(find(i)) ?? [];
    g.push(r.id);
    groups.set(find(i), g);
  });
  return [...groups.values()];
}

/** Two segments cross, or an end of one lies within a metre of the other. */
function meet(a: XY, b: XY, c: XY, d: XY): boolean {
  const cross = (o: XY, p: XY, q: XY) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
  const d1 = cross(c, d, a),
    d2 = cross(c, d, b),
    d3 = cross(a, b, c),
    d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return dist(a, c, d) < 1 || dist(b, c, d) < 1 || dist(c, a, b) < 1 || dist(d, a, b) < 1;
}

function dist(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0],
    dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function bounds(ring: readonly XY[]): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/**
 * The share of the borders between `units` (siblings: the length each shares with another, sampled
 * every 10 m) that runs along one of `lines`: within `withinM` of its centre line.
 */
export function shareOfBordersAlong(units: readonly AdminUnit[], lines: readonly XY[][], withinM: number): number {
  const rings = units.map((u) => polygonToRing(u.geometry.coordinates as LonLat[][]));
  const near = (p: XY, ls: readonly XY[][], d: number) =>
    ls.some((l) => l.some((a, i) => i > 0 && segmentDistance(p, l[i - 1]!, a) <= d));
  let inner = 0;
  let along = 0;
  rings.forEach((ring, k) => {
    const others = rings.filter((_, j) => j !== k).map((r) => [...r, r[0]!]);
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!,
        b = ring[(i + 1) % ring.length]!;
      const n = Math.max(1, Math.round(Math.hypot(b[0] - a[0], b[1] - a[1]) / 10));
      for (let s = 0; s < n; s++) {
        const t = (s + 0.5) / n;
        const p: XY = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        if (!near(p, others, 1)) continue; // on the outer edge of them all
        inner++;
        if (near(p, lines, withinM)) along++;
      }
    }
  });
  return inner ? along / inner : 0;
}
