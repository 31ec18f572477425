// Polylines in local metres for the road network: smooth routes through control points, wobbly
// country roads between two points, clipping to a (possibly concave) ring, the nearest point on a
// set of lines, and cutting a line where it enters a disc.
import type { Rng } from '../random';
import { pointInRing, type Ring, type XY } from './planar';

/** A Catmull–Rom curve through `pts`, sampled about every `step` metres. */
export function smoothPath(pts: readonly XY[], step = 80): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[Math.max(0, i - 1)]!,
      p1 = pts[i]!,
      p2 = pts[i + 1]!,
      p3 = pts[Math.min(pts.length - 1, i + 2)]!;
    const n = Math.max(1, Math.ceil(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) / step));
    for (let k = 0; k < n; k++) {
      const t = k / n,
        t2 = t * t,
        t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  out.push(pts[pts.length - 1]!);
  return out;
}

/** A country road from a to b: a gentle sum of two sine wobbles across the straight line, ends fixed. */
export function wobblyPath(rng: Rng, a: XY, b: XY, amp: number, step = 40): XY[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const n = Math.max(2, Math.ceil(len / step));
  const across: XY = len > 0 ? [-(b[1] - a[1]) / len, (b[0] - a[0]) / len] : [0, 0];
  const k1 = rng.int(1, 3),
    k2 = rng.int(3, 6);
  const a1 = rng.range(-amp, amp),
    a2 = rng.range(-amp, amp) * 0.35;
  const pts: XY[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const w = a1 * Math.sin(Math.PI * k1 * t) + a2 * Math.sin(Math.PI * k2 * t);
    pts.push([a[0] + t * (b[0] - a[0]) + w * across[0], a[1] + t * (b[1] - a[1]) + w * across[1]]);
  }
  return pts;
}

/** A lane wandering from `start` on a heading, turning a little each step, for `length` metres. */
export function wanderPath(rng: Rng, start: XY, heading: number, length: number, step = 25, turn = 0.18): XY[] {
  const pts: XY[] = [start];
  let h = heading;
  let p = start;
  for (let s = 0; s < length; s += step) {
    h += rng.range(-turn, turn);
    p = [p[0] + step * Math.cos(h), p[1] + step * Math.sin(h)];
    pts.push(p);
  }
  return pts;
}

/** The runs of a polyline inside a ring (concave allowed), split where it leaves; vertices only. */
export function runsInside(line: readonly XY[], ring: Ring): XY[][] {
  const runs: XY[][] = [];
  let run: XY[] = [];
  for (const p of line) {
    if (pointInRing(p, ring)) run.push(p);
    else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/** The longest run of the polyline inside the ring. */
export function longestInside(line: readonly XY[], ring: Ring): XY[] {
  let best: XY[] = [];
  for (const r of runsInside(line, ring)) if (pathLength(r) > pathLength(best)) best = r;
  return best;
}

/** The runs of a polyline outside the disc (centre, radius). */
export function runsOutsideDisc(line: readonly XY[], centre: XY, radius: number): XY[][] {
  const runs: XY[][] = [];
  let run: XY[] = [];
  for (const p of line) {
    if (Math.hypot(p[0] - centre[0], p[1] - centre[1]) > radius) run.push(p);
    else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

export function pathLength(pts: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
  return s;
}

/** The nearest point to p on any of `lines` (exactly on a segment), with its distance. */
export function nearestOn(lines: readonly (readonly XY[])[], p: XY): { q: XY; d: number } {
  let best: { q: XY; d: number } = { q: p, d: Infinity };
  for (const l of lines)
    for (let i = 1; i < l.length; i++) {
      const a = l[i - 1]!,
        b = l[i]!;
      const dx = b[0] - a[0],
        dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
      const q: XY = [a[0] + t * dx, a[1] + t * dy];
      const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
      if (d < best.d) best = { q, d };
    }
  return best;
}
