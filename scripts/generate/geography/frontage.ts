// Non-residential urban buildings: shops and offices along the streets (沿街商业), public buildings
// (schools, clinics, offices) inside the grids, and industrial sheds on the eastern and southern edge.
import type { Rng } from '../random';
import { type Ring, randomPointIn, segmentDistance, type XY } from './planar';
import type { PlanarLine } from './roads';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

/** Shops and offices facing a road, both sides, in runs with gaps. */
export function placeFrontage(rng: Rng, sites: Sites, line: PlanarLine): void {
  const main = line.cls === 'main';
  const fill = main ? 0.75 : 0.3;
  const pts = line.pts;
  let s = 0;
  let next = rng.range(10, 40);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!,
      b = pts[i]!;
    const segLen = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (segLen === 0) continue;
    const dir: XY = [(b[0] - a[0]) / segLen, (b[1] - a[1]) / segLen];
    const angle = Math.atan2(dir[1], dir[0]);
    while (next <= s + segLen) {
      const t = next - s;
      const p: XY = [a[0] + dir[0] * t, a[1] + dir[1] * t];
      const width = main ? rng.range(18, 42) : rng.range(12, 24);
      for (const side of [1, -1]) {
        if (!rng.chance(fill)) continue;
        const tower = main && rng.chance(0.1);
        const depth = tower ? rng.range(22, 28) : rng.range(12, main ? 22 : 16);
        const off = line.widthM / 2 + rng.range(5, 9) + depth / 2;
        const c: XY = [p[0] - dir[1] * off * side, p[1] + dir[0] * off * side];
        const rect: Rect = { cx: c[0], cy: c[1], hx: (tower ? Math.min(width, 32) : width) / 2, hy: depth / 2, angle };
        const grid = sites.locator.find(c);
        if (grid?.unit.area !== 'urban') continue;
        const corners = rectCorners(rect);
        if (!sites.fits(grid, corners, 4, 4)) continue;
        const floors = tower ? rng.int(12, 28) : main ? rng.int(2, rng.chance(0.25) ? 9 : 5) : rng.int(1, 4);
        const address = sites.roadAddress(c);
        if (address) sites.emit(rng, grid, rect, 'commercial', floors, 0, address);
      }
      next += width + rng.range(3, 14);
    }
    s += segLen;
  }
}

const PUBLIC_KINDS: { hx: [number, number]; hy: [number, number]; floors: [number, number] }[] = [
  { hx: [25, 35], hy: [8, 10], floors: [4, 5] }, // school teaching block
  { hx: [20, 30], hy: [12, 18], floors: [5, 12] }, // hospital / clinic
  { hx: [15, 22], hy: [9, 12], floors: [4, 9] }, // government office
  { hx: [12, 18], hy: [8, 12], floors: [2, 3] }, // community service centre
  { hx: [25, 35], hy: [18, 25], floors: [1, 2] }, // gymnasium / market hall
];

export function placePublic(rng: Rng, sites: Sites, grid: GridSite, count: number): void {
  let placed = 0;
  for (let attempt = 0; attempt < 40 * count && placed < count; attempt++) {
    const kind = rng.pick(PUBLIC_KINDS);
    const c = randomPointIn(grid.inset, () => rng.next());
    const rect: Rect = {
      cx: c[0],
      cy: c[1],
      hx: rng.range(...kind.hx),
      hy: rng.range(...kind.hy),
      angle: sites.streetAngle + rng.range(-0.05, 0.05),
    };
    if (!sites.fits(grid, rectCorners(rect), 8, 8)) continue;
    const address = sites.roadAddress(c);
    if (!address) continue;
    sites.emit(rng, grid, rect, 'public', rng.int(...kind.floors), 0, address);
    placed++;
  }
}

export function placeIndustrial(rng: Rng, sites: Sites, grid: GridSite, count: number): void {
  let placed = 0;
  for (let attempt = 0; attempt < 30 * count && placed < count; attempt++) {
    const c = randomPointIn(grid.inset, () => rng.next());
    const rect: Rect = {
      cx: c[0],
      cy: c[1],
      hx: rng.range(20, 50),
      hy: rng.range(12, 30),
      angle: sites.streetAngle + rng.range(-0.03, 0.03),
    };
    if (!sites.fits(grid, rectCorners(rect), 10, 12)) continue;
    const address = sites.roadAddress(c);
    if (!address) continue;
    sites.emit(rng, grid, rect, 'industrial', rng.int(1, 3), 0, address);
    placed++;
  }
}

/** An urban grid on the eastern or southern rim of the urban area, where the industrial parks are. */
export function isIndustrialEdge(grid: GridSite, urbanArea: Ring): boolean {
  const [x, y] = grid.centroid;
  if (!(x > 1_500 || y < -1_800)) return false;
  return grid.ring.some((p) =>
    urbanArea.some((a, i) => segmentDistance(p, a, urbanArea[(i + 1) % urbanArea.length]!) < 1),
  );
}
