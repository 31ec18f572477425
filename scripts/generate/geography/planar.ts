// Planar geometry in local metres: convex clipping, Voronoi cells by half-planes, Lloyd relaxation.
// Most polygons the admin tree makes are convex (convex parent ∩ Voronoi cell); those along the county
// outline are not, and Sutherland–Hodgman against a half-plane stays exact for them (a concave subject
// clipped by a convex cell), with no library round trips.

export type XY = [x: number, y: number];
/** An open ring (no repeated closing point), counter-clockwise. */
export type Ring = XY[];

export function ringArea(ring: readonly XY[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return a / 2;
}

export function ringCentroid(ring: readonly XY[]): XY {
  let a = 0,
    cx = 0,
    cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-9) return ring[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Keep the part of `ring` where a·x + b·y <= c (Sutherland–Hodgman against one half-plane). */
export function clipHalfPlane(ring: readonly XY[], a: number, b: number, c: number): Ring {
  const out: Ring = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const dp = a * p[0] + b * p[1] - c;
    const dq = a * q[0] + b * q[1] - c;
    if (dp <= 0) out.push(p);
    if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) {
      const t = dp / (dp - dq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Clip `ring` to a convex counter-clockwise `clip` ring. */
export function clipConvex(ring: readonly XY[], clip: readonly XY[]): Ring {
  let out: Ring = ring.slice();
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const p = clip[i]!;
    const q = clip[(i + 1) % clip.length]!;
    // inside of a CCW edge is on its left: cross(q - p, x - p) >= 0  ⇔  a·x + b·y <= c
    const a = q[1] - p[1];
    const b = -(q[0] - p[0]);
    out = clipHalfPlane(out, a, b, a * p[0] + b * p[1]);
  }
  return out;
}

/**
 * The power-diagram (weighted Voronoi) cells of `seeds` inside the convex `parent`.
 * Weight w raises a seed's reach: the bisector between i and j moves by (w_i − w_j) / (2·d).
 */
export function voronoiCells(parent: readonly XY[], seeds: readonly XY[], weights?: readonly number[]): Ring[] {
  return seeds.map((s, i) => {
    let cell: Ring = parent.slice();
    for (let j = 0; j < seeds.length && cell.length > 0; j++) {
      if (j === i) continue;
      const t = seeds[j]!;
      // points closer (in power distance) to s than to t: 2(t−s)·x <= |t|² − |s|² + w_s − w_t
      const a = 2 * (t[0] - s[0]);
      const b = 2 * (t[1] - s[1]);
      const ws = weights?.[i] ?? 0;
      const wt = weights?.[j] ?? 0;
      const c = t[0] * t[0] + t[1] * t[1] - s[0] * s[0] - s[1] * s[1] + ws - wt;
      cell = clipHalfPlane(cell, a, b, c);
    }
    return dropNearDuplicates(cell);
  });
}

/** Lloyd relaxation: seeds move to their cells' centroids, so cells become similar in size. */
export function relax(parent: readonly XY[], seeds: XY[], iterations: number): { seeds: XY[]; cells: Ring[] } {
  let cells = voronoiCells(parent, seeds);
  for (let k = 0; k < iterations; k++) {
    seeds = cells.map((c, i) => (c.length >= 3 ? ringCentroid(c) : seeds[i]!));
    cells = voronoiCells(parent, seeds);
  }
  return { seeds, cells };
}

/**
 * The power diagram of `seeds` in `parent` whose cells come nearest to equal areas: each round a
 * cell smaller than the mean gains weight (grows) and a larger one loses it, the step halved when a
 * round does not bring the worst cell nearer the mean. Lloyd relaxation alone leaves a concave
 * parent's cells uneven (a cell in a bend gets half its share).
 */
export function equalAreaCells(parent: readonly XY[], seeds: readonly XY[], rounds = 40): Ring[] {
  const mean = Math.abs(ringArea(parent)) / seeds.length;
  const spread = (cells: Ring[]) =>
    cells.some((c) => c.length < 3) ? Infinity : Math.max(...cells.map((c) => Math.abs(ringArea(c) - mean) / mean));
  let weights = seeds.map(() => 0);
  let cells = voronoiCells(parent, seeds, weights);
  let worst = spread(cells);
  // a weight is in m² of power distance; about 1 m² of area moves per m² of weight between neighbours
  let step = 0.5;
  for (let k = 0; k < rounds && worst > 0.02; k++) {
    const next = weights.map((w, i) => w + step * (mean - Math.abs(ringArea(cells[i]!))));
    const trial = voronoiCells(parent, seeds, next);
    const s = spread(trial);
    if (s < worst) {
      weights = next;
      cells = trial;
      worst = s;
    } else step /= 2;
  }
  return cells;
}

export function pointInRing(p: readonly [number, number], ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Random point inside a ring by rejection within its bounding box. */
export function randomPointIn(ring: readonly XY[], next: () => number): XY {
  const [minX, minY, maxX, maxY] = ringBounds(ring);
  for (let k = 0; k < 1000; k++) {
    const p: XY = [minX + (maxX - minX) * next(), minY + (maxY - minY) * next()];
    if (pointInRing(p, ring)) return p;
  }
  return ringCentroid(ring);
}

export function ringBounds(ring: readonly XY[]): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Andrew's monotone chain; returns a counter-clockwise open ring. */
export function convexHull(points: readonly XY[]): Ring {
  const pts = points.slice().sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Distance from p to segment ab. */
export function segmentDistance(p: readonly [number, number], a: XY, b: XY): number {
  const dx = b[0] - a[0],
    dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** True when every turn of the counter-clockwise ring is to the left (collinear allowed). */
export function isConvex(ring: readonly XY[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!,
      b = ring[(i + 1) % n]!,
      c = ring[(i + 2) % n]!;
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) < -1e-6) return false;
  }
  return true;
}

/** Shrink a convex ring towards its centroid so every edge moves in by about `m` metres. */
export function insetConvex(ring: readonly XY[], m: number): Ring {
  let out: Ring = ring.slice();
  for (let i = 0; i < ring.length && out.length > 0; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const a = q[1] - p[1];
    const b = -(q[0] - p[0]);
    const len = Math.hypot(a, b);
    if (len === 0) continue;
    out = clipHalfPlane(out, a, b, a * p[0] + b * p[1] - m * len);
  }
  return out;
}

function dropNearDuplicates(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-6) out.push(p);
  }
  while (
    out.length > 1 &&
    Math.hypot(out[0]![0] - out[out.length - 1]![0], out[0]![1] - out[out.length - 1]![1]) <= 1e-6
  )
    out.pop();
  return out;
}

/**
 * Rings that share borders, each given the vertices of the others that lie on its edges (within
 * `eps` metres): where one region's corner meets the middle of a neighbour's edge (a T-junction),
 * both then carry that point, so rounding moves it alike on both sides and leaves no sliver.
 */
export function nodeRings(rings: readonly Ring[], eps = 0.01): Ring[] {
  const boxes = rings.map((r) => ringBounds(r));
  return rings.map((ring, k) => {
    const [x0, y0, x1, y1] = boxes[k]!;
    const others = rings
      .filter((_, j) => {
        const b = boxes[j]!;
        return j !== k && b[0] <= x1 + eps && b[2] >= x0 - eps && b[1] <= y1 + eps && b[3] >= y0 - eps;
      })
      .flat();
    const out: XY[] = [];
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length]!;
      out.push(a);
      const dx = b[0] - a[0],
        dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) return;
      const on = others
        .map((p) => ({ p, t: ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 }))
        .filter(({ p, t }) => t > 1e-9 && t < 1 - 1e-9 && segmentDistance(p, a, b) < eps)
        .sort((u, v) => u.t - v.t);
      for (const { p } of on) if (!samePoint(out[out.length - 1]!, p)) out.push(p);
    });
    return out;
  });
}

function samePoint(a: XY, b: XY): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
