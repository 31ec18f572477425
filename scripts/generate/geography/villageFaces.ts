// Villages between the trunk roads: a village's border often runs down a national road, a railway or
// the town's own roads out from its seat, which cut the farmland long before the committees were drawn.
// A town is cut along every trunk road that crosses a part of it from edge to edge; a part too small
// to hold a village joins the neighbour it shares most border with; each part is tiled into villages
// in proportion to its area, and the borders inside a part wander as field edges and streams do
// (borders.ts), while those on a road stay on it.
import * as turf from '@turf/turf';
import type { Rng } from '../random';
import { allocate } from './allocate';
import { wiggleBorders } from './borders';
import { leftOf, polygon } from './cut';
import { pathLength, runsInside } from './paths';
import { nodeRings, type Ring, ringArea, ringCentroid, type XY } from './planar';
import { mergeSmallest, perimeter, rings, spans } from './superblocks';
import { clockwiseFromNorth, tile } from './tiling';

/** A part under this share of the town's mean village joins a neighbour: too small for a village of its own. */
const MIN_SHARE = 0.6;

/** How much longer than the road inside it a cut may be (its ends carried to the part's edge), metres. */
const OFF_ROAD_M = 120;

/** 2^4 pieces per bent border: a village's borders are a few hundred metres to 2 km long. */
const BEND_DEPTH = 4;

/** `count` villages tiling `town`, bordered by `roads` where they cross it; clockwise from north about the town. */
export function villageCells(rng: Rng, town: Ring, count: number, roads: readonly (readonly XY[])[]): Ring[] {
  let parts: Ring[] = [town];
  for (const road of roads) {
    if (road.length < 2) continue;
    const side = polygon(leftOf(road));
    parts = parts.flatMap((part) => {
      if (!spans(road, part)) return [part];
      const f = polygon(part);
      const cut = [
        ...rings(turf.intersect(turf.featureCollection([f, side]))),
        ...rings(turf.difference(turf.featureCollection([f, side]))),
      ];
      if (cut.length < 2) return [part];
      // the cut is made only where it runs along the road: not where the line, carried on straight
      // past an end, would cross the part again (a road out of the seat, a concave part)
      const made = (cut.reduce((s, r) => s + perimeter(r), 0) - perimeter(part)) / 2;
      const along = runsInside(road, part).reduce((s, r) => s + pathLength(r), 0);
      return made <= along + OFF_ROAD_M ? cut : [part];
    });
  }
  const least = (MIN_SHARE * Math.abs(ringArea(town))) / count;
  for (;;) {
    parts.sort((a, b) => ringArea(a) - ringArea(b));
    if ((parts.length <= count && ringArea(parts[0]!) >= least) || parts.length === 1) break;
    parts = mergeSmallest(parts);
  }
  const counts = allocate(
    parts.map((p) => ringArea(p)),
    count,
    1,
    count,
  );
  const cells = parts.flatMap((part, i) => {
    const prng = rng.fork(`part-${i}`);
    if (counts[i] === 1) return [part];
    const straight = tile(prng, part, counts[i]!, 10);
    const bent = wiggleBorders(new Map(straight.map((c, k) => [String(k), c])), part, prng.fork('borders'), BEND_DEPTH);
    return straight.map((_, k) => bent.get(String(k))!);
  });
  return clockwiseFromNorth(
    nodeRings(cells).map((c) => ({ at: ringCentroid(c), item: c })),
    ringCentroid(town),
  );
}
