// A region tiled into cells of similar size: the Voronoi cells of relaxed random seeds (Lloyd's
// algorithm), or with `equal` a power diagram bringing every cell to the mean area. The levels below
// the subdistricts and towns are tiled this way (admin.ts, villageFaces.ts).
import type { Rng } from '../random';
import { equalAreaCells, type Ring, randomPointIn, relax, ringCentroid, type XY } from './planar';

/** `count` cells of similar size tiling `parent` (with `equal`, of about equal area), ordered clockwise from north. */
export function tile(rng: Rng, parent: Ring, count: number, iterations: number, equal = false): Ring[] {
  const seeds: XY[] = [];
  for (let i = 0; i < count; i++) seeds.push(randomPointIn(parent, () => rng.next()));
  const relaxation = relax(parent, seeds, iterations);
  const relaxed = relaxation.seeds;
  const cells = equal ? equalAreaCells(parent, relaxed) : relaxation.cells;
  const out = clockwiseFromNorth(
    relaxed.map((s, i) => ({ at: s, item: cells[i]! })),
    ringCentroid(parent),
  );
  if (out.some((cell) => cell.length < 3)) throw new Error('an empty Voronoi cell');
  return out;
}

/** Items in clockwise order of their points' bearings from `centre`, starting at north (ties keep their order). */
export function clockwiseFromNorth<T>(items: readonly { at: XY; item: T }[], centre: XY): T[] {
  const bearing = (p: XY) => (Math.atan2(p[0] - centre[0], p[1] - centre[1]) + 2 * Math.PI) % (2 * Math.PI);
  return items
    .map((x, i) => ({ x, i, b: bearing(x.at) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((o) => o.x.item);
}
