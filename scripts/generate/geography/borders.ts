// Township borders that wander as real ones do (along streams, ridges, field edges) instead of the
// power diagram's straight lines. Each inner edge is replaced by a midpoint-displacement line drawn
// from the edge itself (its rounded endpoints name its random stream), so the two townships on either
// side get the very same border; edges on the county outline stay as they are.
import type { Rng } from '../random';
import { type Ring, segmentDistance, type XY } from './planar';

/** Bends: 2^depth pieces per edge, by default this many (a village's shorter borders need fewer). */
const DEPTH = 5;
/** The first bend's reach as a share of the edge's length; each finer one half the one before. */
const AMPLITUDE = 0.07;
/** An edge whose middle lies this near the outline runs along it. */
const ON_OUTLINE_M = 5;

export function wiggleBorders(rings: Map<string, Ring>, outline: Ring, rng: Rng, depth = DEPTH): Map<string, Ring> {
  // Bent edges can cross near a sharp corner (a road meeting a part's edge at a shallow angle): an
  // edge whose bent line crosses another edge of its region is put back straight, on both sides,
  // until no region's ring crosses itself where a bend did it.
  const straight = new Set<string>();
  for (;;) {
    const out = new Map<string, Ring>();
    const before = straight.size;
    for (const [code, ring] of rings) {
      const { pts, from } = bendRing(ring, outline, rng, straight, depth);
      for (const [i, j] of crossings(pts))
        for (const k of [from[i]!, from[j]!]) straight.add(edgeKey(ring[k]!, ring[(k + 1) % ring.length]!));
      out.set(code, pts);
    }
    if (straight.size === before) return out;
  }
}

/** The ring with its inner edges bent, and for each of its segments the edge of `ring` it comes from. */
function bendRing(
  ring: Ring,
  outline: Ring,
  rng: Rng,
  straight: ReadonlySet<string>,
  depth: number,
): { pts: XY[]; from: number[] } {
  const pts: XY[] = [];
  const from: number[] = [];
  ring.forEach((p, i) => {
    const q = ring[(i + 1) % ring.length]!;
    pts.push(p);
    from.push(i);
    const mid: XY = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    if (nearOutline(mid, outline) || straight.has(edgeKey(p, q))) return;
    for (const b of bends(p, q, rng, depth)) {
      pts.push(b);
      from.push(i);
    }
  });
  return { pts, from };
}

/** The pairs of segments of the ring that cross or touch, neighbours apart. */
function crossings(ring: readonly XY[]): [number, number][] {
  const n = ring.length;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i]!,
      b = ring[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the closing segment meets the first
      if (segmentsMeet(a, b, ring[j]!, ring[(j + 1) % n]!)) out.push([i, j]);
    }
  }
  return out;
}

function segmentsMeet(a: XY, b: XY, c: XY, d: XY): boolean {
  const side = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) !== side(a, b, d) && side(c, d, a) !== side(c, d, b);
}

const pointKey = (a: XY) => `${Math.round(a[0])},${Math.round(a[1])}`;

/** An edge's name, the same whichever way round it is walked. */
function edgeKey(p: XY, q: XY): string {
  const [a, b] = [pointKey(p), pointKey(q)].sort();
  return `${a}|${b}`;
}

function nearOutline(p: XY, outline: Ring): boolean {
  for (let i = 0; i < outline.length; i++)
    if (segmentDistance(p, outline[i]!, outline[(i + 1) % outline.length]!) < ON_OUTLINE_M) return true;
  return false;
}

/** The inner points of the bent edge p → q, the same whichever way round it is asked for. */
function bends(p: XY, q: XY, rng: Rng, depth: number): XY[] {
  const flipped = pointKey(p) > pointKey(q);
  const [a, b] = flipped ? [q, p] : [p, q];
  const r = rng.fork(`${pointKey(a)}|${pointKey(b)}`);
  const n = 2 ** depth;
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
