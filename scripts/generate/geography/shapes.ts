// Footprint shapes inside a building's rectangle (its envelope, which placement tests for room): a plain
// box, an L (a corner cut away), a U (a courtyard open on one side: 合院, a school's teaching blocks),
// a T (a front block with a rear wing), or a slab with a wing at each end (H: hospitals). Every shape is
// one ring without holes, counter-clockwise, so the tile build triangulates it as it is.
import type { XY } from './planar';
import { type Rect, rectCorners } from './spatial';

export type Shape = 'rect' | 'L' | 'U' | 'T' | 'H';

/** The shape's ring in planar metres; `a`, `b` in (0, 1) set how deep the cuts go. */
export function shapeRing(rect: Rect, shape: Shape, a = 0.5, b = 0.5): XY[] {
  if (shape === 'rect') return rectCorners(rect);
  const { hx, hy } = rect;
  // local coordinates: x along the rectangle's length, y across it
  let local: XY[];
  if (shape === 'L') {
    const cx = hx - 2 * hx * a, // the cut's inner corner
      cy = -hy + 2 * hy * b;
    local = [
      [-hx, -hy],
      [cx, -hy],
      [cx, cy],
      [hx, cy],
      [hx, hy],
      [-hx, hy],
    ];
  } else if (shape === 'U') {
    const wing = hx * a, // each wing's width
      yard = -hy + 2 * hy * b; // the yard reaches from the open side up to here
    local = [
      [-hx, -hy],
      [-hx + wing, -hy],
      [-hx + wing, yard],
      [hx - wing, yard],
      [hx - wing, -hy],
      [hx, -hy],
      [hx, hy],
      [-hx, hy],
    ];
  } else if (shape === 'T') {
    const stem = hx * a, // the rear wing's half-width
      bar = hy - 2 * hy * b; // the front block's rear edge
    local = [
      [-stem, -hy],
      [stem, -hy],
      [stem, bar],
      [hx, bar],
      [hx, hy],
      [-hx, hy],
      [-hx, bar],
      [-stem, bar],
    ];
  } else {
    const wing = hx * a, // each end wing's width
      slab = hy * b; // the middle slab's half-depth
    local = [
      [-hx, -hy],
      [-hx + wing, -hy],
      [-hx + wing, -slab],
      [hx - wing, -slab],
      [hx - wing, -hy],
      [hx, -hy],
      [hx, hy],
      [hx - wing, hy],
      [hx - wing, slab],
      [-hx + wing, slab],
      [-hx + wing, hy],
      [-hx, hy],
    ];
  }
  const c = Math.cos(rect.angle),
    s = Math.sin(rect.angle);
  return local.map(([x, y]) => [rect.cx + x * c - y * s, rect.cy + x * s + y * c]);
}
