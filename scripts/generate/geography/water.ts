// Standing water in the villages: ponds (水塘) by the hamlets, one to three in a village grid, each first
// sought right beside the houses (the 门口塘 a hamlet's doors face, where it washes and waters), and a
// few small reservoirs (小型水库) in each town, in the villages furthest from its seat. Placed after the
// village houses, where they left room, clear of houses and roads. Made, not real.
import * as turf from '@turf/turf';
import type { WaterBody } from '../../../server/domain/model';
import type { Rng } from '../random';
import { ringToPolygon, toXY } from './frame';
import { convexHull, randomPointIn, type XY } from './planar';
import type { GridSite, Sites } from './sites';

const POND_NAMES = [
  '大塘',
  '小塘',
  '新塘',
  '老塘',
  '门口塘',
  '长塘',
  '圆塘',
  '荷花塘',
  '鱼塘',
  '塘坝',
  '月塘',
  '上塘',
  '下塘',
];

/** Small reservoirs per town. */
const RESERVOIRS_PER_TOWN = 2;

export function placeWater(
  rng: Rng,
  sites: Sites,
  rural: readonly GridSite[],
  seats: ReadonlyMap<string, XY>,
): WaterBody[] {
  const out: WaterBody[] = [];
  const add = (grid: GridSite, poly: XY[], kind: WaterBody['kind'], name: string) => {
    sites.footprints.add(poly);
    const polygon = ringToPolygon(poly);
    out.push({
      id: `W${String(out.length + 1).padStart(4, '0')}`,
      name,
      kind,
      gridId: grid.unit.id,
      polygon,
      areaM2: Math.round(turf.area(turf.polygon(polygon))),
    });
  };
  // reservoirs: in the grids furthest from their town's seat (the hillier, emptier edge)
  const byTown = new Map<string, GridSite[]>();
  for (const g of rural) {
    const town = g.unit.parentId!.slice(0, 9);
    byTown.set(town, [...(byTown.get(town) ?? []), g]);
  }
  for (const [town, grids] of byTown) {
    const seat = seats.get(town) ?? [0, 0];
    const far = grids
      .slice()
      .sort((a, b) => dist(b.centroid, seat) - dist(a.centroid, seat) || (a.unit.id < b.unit.id ? -1 : 1));
    let made = 0;
    const villages = new Set<string>();
    for (const grid of far) {
      if (made >= RESERVOIRS_PER_TOWN) break;
      if (villages.has(grid.unit.parentId!)) continue; // one a village
      const poly = tryShape(rng.fork(`reservoir-${grid.unit.id}`), sites, grid, 150, 260, 40);
      if (!poly) continue;
      made++;
      villages.add(grid.unit.parentId!);
      add(grid, poly, 'reservoir', `${grid.unit.name.replace(/村第\d+网格$/, '')}水库`);
    }
  }
  // ponds, named as villagers name them (大塘, 门口塘), once per village
  const houses = new Map<string, XY[]>();
  for (const b of sites.buildings)
    if (b.use === 'village-house') houses.set(b.gridId, [...(houses.get(b.gridId) ?? []), toXY(b.centroid)]);
  const used = new Set<string>();
  for (const grid of rural) {
    const prng = rng.fork(`ponds-${grid.unit.id}`);
    const village = grid.unit.name.replace(/第\d+网格$/, '');
    const homes = houses.get(grid.unit.id) ?? [];
    // beside a house: just past its yard, in any direction
    const byHouses = (r: number): XY => {
      const h = homes[prng.int(0, homes.length - 1)]!;
      const a = prng.range(0, 2 * Math.PI);
      const d = r + prng.range(14, 30);
      return [h[0] + d * Math.cos(a), h[1] + d * Math.sin(a)];
    };
    const n = prng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const poly =
        (homes.length > 0 ? tryShape(prng, sites, grid, 18, 45, 120, byHouses) : null) ??
        tryShape(prng, sites, grid, 18, 55, 30);
      if (!poly) continue;
      let name = `${village}${prng.pick(POND_NAMES)}`;
      for (let k = 2; used.has(name); k++) name = `${village}${POND_NAMES[(k * 7) % POND_NAMES.length]}${k}`;
      used.add(name);
      add(grid, poly, 'pond', name);
    }
  }
  return out;
}

/**
 * A rounded, slightly irregular convex shape of radius rmin–rmax that fits in the grid, clear of roads
 * and houses; its centre anywhere in the grid, or where `near` puts it for the radius drawn.
 */
function tryShape(
  rng: Rng,
  sites: Sites,
  grid: GridSite,
  rmin: number,
  rmax: number,
  tries: number,
  near?: (r: number) => XY,
): XY[] | null {
  for (let t = 0; t < tries; t++) {
    const rx = rng.range(rmin, rmax);
    const c = near ? near(rx) : randomPointIn(grid.inset, () => rng.next());
    const ry = rx * rng.range(0.55, 1);
    const tilt = rng.range(0, Math.PI);
    const pts: XY[] = [];
    for (let i = 0; i < 14; i++) {
      const a = (2 * Math.PI * i) / 14;
      const r = rng.range(0.85, 1.1);
      const x = rx * r * Math.cos(a),
        y = ry * r * Math.sin(a);
      pts.push([c[0] + x * Math.cos(tilt) - y * Math.sin(tilt), c[1] + x * Math.sin(tilt) + y * Math.cos(tilt)]);
    }
    const poly = convexHull(pts);
    if (sites.fits(grid, poly, 8, 15)) return poly;
  }
  return null;
}

function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
