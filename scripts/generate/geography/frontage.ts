// Non-residential urban buildings and the street fronts: shop-houses (商住楼: shops on the ground floor,
// flats above) and shops along the streets, with a few malls and office towers on the arterials; public
// buildings (schools, hospitals, government offices, community centres, halls) with their own shapes
// inside the grids; industrial sheds on the eastern and southern edge.
import type { BuildingKind } from '../../../server/domain/model';
import type { Rng } from '../random';
import { type Ring, randomPointIn, segmentDistance, type XY } from './planar';
import { OLD_TOWN_RADIUS_M, type PlanarLine } from './roads';
import { type Shape, shapeRing } from './shapes';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

/** When a building at `p` was built, by district: the old town, the inner city, the new districts. */
export function districtYear(rng: Rng, p: XY, oldTown: XY): number {
  if (Math.hypot(p[0] - oldTown[0], p[1] - oldTown[1]) < OLD_TOWN_RADIUS_M) return rng.int(1955, 1995);
  return Math.hypot(p[0], p[1]) < 1_350 ? rng.int(1988, 2012) : rng.int(2003, 2024);
}

/**
 * The street fronts, both sides, in runs with gaps: mostly shop-houses while the grid still wants
 * dwellings (`GridSite.target`), plain shops once it has them; on the arterials a few malls and office
 * towers.
 */
export function placeFrontage(rng: Rng, sites: Sites, line: PlanarLine, oldTown: XY): void {
  const main = line.cls === 'main';
  const lane = line.kind === 'lane';
  const fill = main ? 0.7 : lane ? 0.6 : 0.3;
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
      let width = main ? rng.range(18, 42) : lane ? rng.range(8, 16) : rng.range(12, 24);
      for (const side of [1, -1]) {
        if (!rng.chance(fill)) continue;
        const r = main ? rng.next() : 1;
        const kind: BuildingKind = r < 0.02 ? 'mall' : r < 0.065 ? 'office' : 'shophouse';
        const big = kind === 'mall' ? rng.range(60, 90) : kind === 'office' ? Math.min(width, 32) : width;
        const depth =
          kind === 'mall'
            ? rng.range(40, 60)
            : kind === 'office'
              ? rng.range(22, 28)
              : lane
                ? rng.range(9, 12)
                : rng.range(12, main ? 18 : 15);
        const off = line.widthM / 2 + (lane ? rng.range(1.5, 3) : rng.range(5, 9)) + depth / 2;
        const c: XY = [p[0] - dir[1] * off * side, p[1] + dir[0] * off * side];
        // the street is on the envelope's -y side (side 1) or +y side (side -1): shapes open away from it
        const rect: Rect = {
          cx: c[0],
          cy: c[1],
          hx: big / 2,
          hy: depth / 2,
          angle: side === 1 ? angle : angle + Math.PI,
        };
        const grid = sites.locator.find(c);
        if (grid?.unit.area !== 'urban') continue;
        const corners = rectCorners(rect);
        if (!sites.fits(grid, corners, lane ? 1 : 4, 4)) continue;
        const address = sites.roadAddress(c);
        if (!address) continue;
        const builtYear = districtYear(rng, c, oldTown);
        if (kind === 'mall') {
          const ring = shapeRing(rect, rng.pick<Shape>(['L', 'T', 'rect']), rng.range(0.3, 0.5), rng.range(0.3, 0.5));
          sites.emit(rng, grid, rect, 'commercial', rng.int(3, 5), 0, address, { kind, builtYear, ring });
          width = Math.max(width, big);
        } else if (kind === 'office') {
          const ring = shapeRing(rect, rng.pick<Shape>(['T', 'rect']), rng.range(0.3, 0.45), rng.range(0.3, 0.5));
          sites.emit(rng, grid, rect, 'commercial', rng.int(12, 28), 0, address, { kind, builtYear, ring });
        } else {
          // flats above the shops, two a floor a stairwell, while the grid still wants homes
          const floors = lane ? rng.int(2, 3) : main ? rng.int(4, 7) : rng.int(3, 6);
          const dwellings = (floors - 1) * Math.max(1, Math.round(big / 14)) * 2;
          const home = grid.dwellings + dwellings <= grid.target;
          const ring =
            !lane && rng.chance(0.2) ? shapeRing(rect, 'L', rng.range(0.25, 0.4), rng.range(0.4, 0.6)) : undefined;
          if (home)
            sites.emit(rng, grid, rect, 'residential', floors, dwellings, address, {
              kind: 'shophouse',
              builtYear,
              ring,
            });
          else if (rng.chance(0.3))
            sites.emit(rng, grid, rect, 'commercial', rng.int(1, 3), 0, address, { kind: 'shop', builtYear, ring });
          // else the compound's wall and green along the street
        }
      }
      next += width + rng.range(3, 14);
    }
    s += segLen;
  }
}

const PUBLIC_KINDS: {
  kind: BuildingKind;
  hx: [number, number];
  hy: [number, number];
  floors: [number, number];
  shapes: Shape[];
}[] = [
  { kind: 'school', hx: [25, 40], hy: [14, 22], floors: [4, 5], shapes: ['U', 'L'] }, // teaching blocks round a yard
  { kind: 'hospital', hx: [25, 35], hy: [16, 24], floors: [5, 12], shapes: ['H', 'T'] }, // ward slab with wings
  { kind: 'government', hx: [18, 26], hy: [12, 18], floors: [4, 9], shapes: ['T', 'U'] }, // symmetrical front block
  { kind: 'community-centre', hx: [12, 18], hy: [8, 12], floors: [2, 3], shapes: ['rect', 'L'] },
  { kind: 'hall', hx: [25, 35], hy: [18, 25], floors: [1, 2], shapes: ['rect'] }, // gymnasium / market hall
];

export function placePublic(rng: Rng, sites: Sites, grid: GridSite, count: number, oldTown: XY): void {
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
    const ring = shapeRing(rect, rng.pick(kind.shapes), rng.range(0.28, 0.4), rng.range(0.4, 0.6));
    sites.emit(rng, grid, rect, 'public', rng.int(...kind.floors), 0, address, {
      kind: kind.kind,
      builtYear: districtYear(rng, c, oldTown),
      ring,
    });
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
    const ring = rng.chance(0.3) ? shapeRing(rect, 'L', rng.range(0.5, 0.7), rng.range(0.4, 0.6)) : undefined;
    sites.emit(rng, grid, rect, 'industrial', rng.int(1, 3), 0, address, {
      kind: 'factory',
      builtYear: rng.int(1995, 2022),
      ring,
    });
    placed++;
  }
}

/** An urban grid on the eastern or southern rim of the urban area, where the industrial parks are. */
export function isIndustrialEdge(grid: GridSite, urbanArea: Ring): boolean {
  const [x, y] = grid.centroid;
  if (!(x > 930 || y < -1_120)) return false;
  return grid.ring.some((p) =>
    urbanArea.some((a, i) => segmentDistance(p, a, urbanArea[(i + 1) % urbanArea.length]!) < 1),
  );
}
