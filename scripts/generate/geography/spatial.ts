// Spatial hashes in local metres: road/river centre lines (to keep footprints and lots clear of the
// carriageway) and placed footprints (to keep them from overlapping).
import { pointInRing, segmentDistance, type XY } from './planar';

/** An oriented rectangle: centre, half-length along `angle`, half-depth across it. */
export interface Rect {
  cx: number;
  cy: number;
  hx: number;
  hy: number;
  angle: number;
}

export function rectCorners(r: Rect): XY[] {
  const c = Math.cos(r.angle),
    s = Math.sin(r.angle);
  const ux = c * r.hx,
    uy = s * r.hx,
    vx = -s * r.hy,
    vy = c * r.hy;
  return [
    [r.cx - ux - vx, r.cy - uy - vy],
    [r.cx + ux - vx, r.cy + uy - vy],
    [r.cx + ux + vx, r.cy + uy + vy],
    [r.cx - ux + vx, r.cy - uy + vy],
  ];
}

function bounds(pts: readonly XY[]): [number, number, number, number] {
  let a = Infinity,
    b = Infinity,
    c = -Infinity,
    d = -Infinity;
  for (const [x, y] of pts) {
    if (x < a) a = x;
    if (y < b) b = y;
    if (x > c) c = x;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}

/** Which side of ab c lies on (twice the signed triangle area). Not a closure in segmentsCross: that one runs millions of times. */
function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function segmentsCross(p: XY, q: XY, r: XY, s: XY): boolean {
  const d = orient;
  const d1 = d(r, s, p),
    d2 = d(r, s, q),
    d3 = d(p, q, r),
    d4 = d(p, q, s);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Distance between segment ab and a convex polygon (0 when they meet). */
export function segmentPolygonDistance(a: XY, b: XY, poly: readonly XY[]): number {
  if (pointInRing(a, poly) || pointInRing(b, poly)) return 0;
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!,
      q = poly[(i + 1) % poly.length]!;
    if (segmentsCross(a, b, p, q)) return 0;
    best = Math.min(best, segmentDistance(p, a, b), segmentDistance(a, p, q), segmentDistance(b, p, q));
  }
  return best;
}

interface Seg {
  a: XY;
  b: XY;
  halfWidth: number;
  tag: string;
  s0: number;
}

export class SegmentIndex {
  private cells = new Map<number, Seg[]>();
  constructor(private readonly cell = 100) {}

  private key(i: number, j: number): number {
    return (i + 4096) * 8192 + (j + 4096);
  }

  add(line: readonly XY[], halfWidth: number, tag: string): void {
    let s0 = 0;
    for (let k = 1; k < line.length; k++) {
      const seg: Seg = { a: line[k - 1]!, b: line[k]!, halfWidth, tag, s0 };
      s0 += Math.hypot(seg.b[0] - seg.a[0], seg.b[1] - seg.a[1]);
      const [x0, y0, x1, y1] = bounds([seg.a, seg.b]);
      for (let i = Math.floor(x0 / this.cell); i <= Math.floor(x1 / this.cell); i++)
        for (let j = Math.floor(y0 / this.cell); j <= Math.floor(y1 / this.cell); j++) {
          const key = this.key(i, j);
          const list = this.cells.get(key);
          if (list) list.push(seg);
          else this.cells.set(key, [seg]);
        }
    }
  }

  private near(x0: number, y0: number, x1: number, y1: number): Set<Seg> {
    const out = new Set<Seg>();
    for (let i = Math.floor(x0 / this.cell); i <= Math.floor(x1 / this.cell); i++)
      for (let j = Math.floor(y0 / this.cell); j <= Math.floor(y1 / this.cell); j++)
        for (const s of this.cells.get(this.key(i, j)) ?? []) out.add(s);
    return out;
  }

  /** True when the polygon stays at least `setback` metres from every carriageway edge (searched up to `reach`). */
  clear(poly: readonly XY[], setback: number, reach = 60): boolean {
    const [x0, y0, x1, y1] = bounds(poly);
    const m = setback + reach;
    // cell by cell (a segment met twice is only tested twice): no set to build
    for (let i = Math.floor((x0 - m) / this.cell); i <= Math.floor((x1 + m) / this.cell); i++)
      for (let j = Math.floor((y0 - m) / this.cell); j <= Math.floor((y1 + m) / this.cell); j++)
        for (const s of this.cells.get(this.key(i, j)) ?? []) {
          const d = s.halfWidth + setback;
          // a segment whose box, grown by d, misses the polygon's box is clear of it
          if (
            Math.min(s.a[0], s.b[0]) > x1 + d ||
            Math.max(s.a[0], s.b[0]) < x0 - d ||
            Math.min(s.a[1], s.b[1]) > y1 + d ||
            Math.max(s.a[1], s.b[1]) < y0 - d
          )
            continue;
          if (segmentPolygonDistance(s.a, s.b, poly) < d) return false;
        }
    return true;
  }

  /** The nearest centre line within `reach`: its tag, the distance along it, and which side p lies on. */
  nearest(p: XY, reach = 300): { tag: string; along: number; left: boolean; distance: number } | null {
    let best: { tag: string; along: number; left: boolean; distance: number } | null = null;
    for (const s of this.near(p[0] - reach, p[1] - reach, p[0] + reach, p[1] + reach)) {
      const dx = s.b[0] - s.a[0],
        dy = s.b[1] - s.a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / len2)) : 0;
      const distance = Math.hypot(p[0] - s.a[0] - t * dx, p[1] - s.a[1] - t * dy);
      if (!best || distance < best.distance) {
        best = {
          tag: s.tag,
          along: s.s0 + t * Math.sqrt(len2),
          left: dx * (p[1] - s.a[1]) - dy * (p[0] - s.a[0]) > 0,
          distance,
        };
      }
    }
    return best;
  }

  /** The nearest centre line's segment within `reach`: the foot of the perpendicular, its unit direction and half-width. */
  nearestSegment(p: XY, reach = 300): { foot: XY; dir: XY; halfWidth: number; distance: number; tag: string } | null {
    let best: { foot: XY; dir: XY; halfWidth: number; distance: number; tag: string } | null = null;
    // every cell's segments in turn (a segment met twice only repeats its distance): no set to build
    const i0 = Math.floor((p[0] - reach) / this.cell),
      i1 = Math.floor((p[0] + reach) / this.cell);
    const j0 = Math.floor((p[1] - reach) / this.cell),
      j1 = Math.floor((p[1] + reach) / this.cell);
    for (let i = i0; i <= i1; i++)
      for (let j = j0; j <= j1; j++)
        for (const s of this.cells.get(this.key(i, j)) ?? []) {
          const dx = s.b[0] - s.a[0],
            dy = s.b[1] - s.a[1];
          const len = Math.hypot(dx, dy);
          if (len === 0) continue;
          const t = Math.max(0, Math.min(1, ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / (len * len)));
          const foot: XY = [s.a[0] + t * dx, s.a[1] + t * dy];
          const distance = Math.hypot(p[0] - foot[0], p[1] - foot[1]);
          if (distance <= reach && (!best || distance < best.distance))
            best = { foot, dir: [dx / len, dy / len], halfWidth: s.halfWidth, distance, tag: s.tag };
        }
    return best;
  }

  /** Distance from a point to the nearest carriageway edge within `reach` (Infinity when none). */
  clearance(p: XY, reach = 150): number {
    let best = Infinity;
    for (const s of this.near(p[0] - reach, p[1] - reach, p[0] + reach, p[1] + reach)) {
      best = Math.min(best, segmentDistance(p, s.a, s.b) - s.halfWidth);
    }
    return best;
  }
}

/** Placed footprints; answers whether a new rectangle (grown by a gap) would overlap one. */
export class RectIndex {
  // each footprint with its bounding box, so most neighbours are ruled out without geometry
  private cells = new Map<number, { poly: XY[]; box: [number, number, number, number] }[]>();
  constructor(private readonly cell = 60) {}
  private key(i: number, j: number): number {
    return (i + 4096) * 8192 + (j + 4096);
  }

  add(poly: XY[]): void {
    const box = bounds(poly);
    const [x0, y0, x1, y1] = box;
    const entry = { poly, box };
    for (let i = Math.floor(x0 / this.cell); i <= Math.floor(x1 / this.cell); i++)
      for (let j = Math.floor(y0 / this.cell); j <= Math.floor(y1 / this.cell); j++) {
        const key = this.key(i, j);
        const list = this.cells.get(key);
        if (list) list.push(entry);
        else this.cells.set(key, [entry]);
      }
  }

  overlaps(poly: readonly XY[], gap: number): boolean {
    const [x0, y0, x1, y1] = bounds(poly);
    for (let i = Math.floor((x0 - gap) / this.cell); i <= Math.floor((x1 + gap) / this.cell); i++)
      for (let j = Math.floor((y0 - gap) / this.cell); j <= Math.floor((y1 + gap) / this.cell); j++)
        for (const { poly: other, box } of this.cells.get(this.key(i, j)) ?? []) {
          if (box[0] > x1 + gap || box[2] < x0 - gap || box[1] > y1 + gap || box[3] < y0 - gap) continue;
          if (polygonsWithin(poly, other, gap)) return true;
        }
    return false;
  }

  /** True when the point lies inside a placed footprint or within `gap` of one. */
  covers(p: XY, gap: number): boolean {
    for (let i = Math.floor((p[0] - gap) / this.cell); i <= Math.floor((p[0] + gap) / this.cell); i++)
      for (let j = Math.floor((p[1] - gap) / this.cell); j <= Math.floor((p[1] + gap) / this.cell); j++)
        for (const { poly } of this.cells.get(this.key(i, j)) ?? []) {
          if (pointInRing(p, poly)) return true;
          for (let k = 0; k < poly.length; k++)
            if (segmentDistance(p, poly[k]!, poly[(k + 1) % poly.length]!) < gap) return true;
        }
    return false;
  }
}

/** Two convex polygons closer than `gap` (or overlapping). */
function polygonsWithin(p: readonly XY[], q: readonly XY[], gap: number): boolean {
  for (let i = 0; i < p.length; i++) {
    if (segmentPolygonDistance(p[i]!, p[(i + 1) % p.length]!, q) < gap) return true;
  }
  return pointInRing(q[0]!, p);
}

/** Finds which of a set of convex rings contains a point, through a hash of their bounding boxes. */
export class RingLocator<T> {
  private cells = new Map<number, { ring: readonly XY[]; item: T }[]>();
  constructor(
    entries: readonly { ring: readonly XY[]; item: T }[],
    private readonly cell = 250,
  ) {
    for (const e of entries) {
      const [x0, y0, x1, y1] = bounds(e.ring);
      for (let i = Math.floor(x0 / cell); i <= Math.floor(x1 / cell); i++)
        for (let j = Math.floor(y0 / cell); j <= Math.floor(y1 / cell); j++) {
          const key = (i + 4096) * 8192 + (j + 4096);
          const list = this.cells.get(key);
          if (list) list.push(e);
          else this.cells.set(key, [e]);
        }
    }
  }

  /** Every entry whose bounding box cell holds p, in insertion order (candidates for an exact test). */
  candidates(p: XY): T[] {
    const key = (Math.floor(p[0] / this.cell) + 4096) * 8192 + (Math.floor(p[1] / this.cell) + 4096);
    return (this.cells.get(key) ?? []).map((e) => e.item);
  }

  find(p: XY): T | null {
    const key = (Math.floor(p[0] / this.cell) + 4096) * 8192 + (Math.floor(p[1] / this.cell) + 4096);
    for (const e of this.cells.get(key) ?? []) if (pointInRing(p, e.ring)) return e.item;
    return null;
  }
}
