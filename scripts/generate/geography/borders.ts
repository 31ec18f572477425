// Township borders that wander as real ones do (along streams, ridges, field edges) instead of the
// power diagram's straight lines. Each inner edge is replaced by a midpoint-displacement line drawn
// from the edge itself (its rounded endpoints name its random stream), so the two townships on either
// side get the very same border; edges on the county outline stay as they are.
import type { Rng } from '../random';
import { type Ring, segmentDistance, type XY } from './planar';

/** Bends: 2^DEPTH pieces per edge. */
const DEPTH = 5;
/** The first bend's reach as a share of the edge's length; each finer one half the one before. */
const AMPLITUDE = 0.07;
/** An edge whose middle lies this near the outline runs along it. */
const ON_OUTLINE_M = 5;

export function wiggleBorders(rings: Map<string, Ring>, outline: Ring, rng: Rng): Map<string, Ring> {
  const out = new Map<string, Ring>();
  for (const [code, ring] of rings) {
    const next: XY[] = [];
    ring.forEach((p, i) => {
      const q = ring[(i + 1) % ring.length]!;
      next.push(p);
      const mid: XY = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      if (nearOutline(mid, outline)) return;
      next.push(...bends(p, q, rng));
    });
    out.set(code, next);
  }
  return out;
}

function nearOutline(p: XY, outline: Ring): boolean {
  for (let i = 0; i < outline.length; i++)
    if (segmentDistance(p, outline[i]!, outline[(i + 1) % outline.length]!) < ON_OUTLINE_M) return true;
  return false;
}

/** The inner points of the bent edge p → q, the same whichever way round it is asked for. */
function bends(p: XY, q: XY, rng: Rng): XY[] {
  const key = (a: XY) => `${Math.round(a[0])},${Math.round(a[1])}`;
  const flipped = key(p) > key(q);
  const [a, b] = flipped ? [q, p] : [p, q];
  const r = rng.fork(`${key(a)}|${key(b)}`);
  const n = 2 ** DEPTH;
  const offsets = new Array<number>(n + 1).fill(0);
  let amp = AMPLITUDE;
  for (let step = n; step > 1; step /= 2, amp /= 2)
    for (let i = 0; i < n; i += step) {
      const m = i + step / 2;
      offsets[m] = (offsets[i]! + offsets[i + step]!) / 2 + r.range(-amp, amp);
    }
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const normal: XY = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  const pts: XY[] = [];
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const o = offsets[i]! * len;
    pts.push([a[0] + (b[0] - a[0]) * t + normal[0] * o, a[1] + (b[1] - a[1]) * t + normal[1] * o]);
  }
  return flipped ? pts.reverse() : pts;
}
