// Cutting a region along a line (a river, a road): the borders of the units then follow it. Polygon
// clipping by turf (polyclip-ts), on the planar metres as plain coordinates: the clipping is planar.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { type Ring, ringArea, type XY } from './planar';

/** How far beyond its ends a line is carried on, metres: past any region of the county. */
const REACH_M = 100_000;
/** A cut may leave crumbs where the line grazes the region's edge; more than this share of it is an error. */
const CRUMBS = 0.002;

/**
 * The parts of `ring` to the left and to the right of `line` (seen along it), the line carried on
 * straight past both ends. Each side is one ring; crumbs cut off by a wiggle near the edge are dropped
 * (and must be tiny).
 */
export function cutAlong(ring: Ring, line: readonly XY[]): { left: Ring; right: Ring } {
  const region = polygon(ring);
  const half = polygon(leftOf(line));
  const left = largest(turf.intersect(turf.featureCollection([region, half])), ring);
  const right = largest(turf.difference(turf.featureCollection([region, half])), ring);
  return { left, right };
}

/**
 * A simple counter-clockwise ring holding everything to the left of `line` (seen along it) within
 * REACH_M: the line carried on straight past both ends, then round the left side far away.
 */
export function leftOf(line: readonly XY[]): Ring {
  const a = line[0]!;
  const b = line[line.length - 1]!;
  const d0 = dir(line[1]!, a);
  const d1 = dir(b, line[line.length - 2]!);
  const start: XY = [a[0] - d0[0] * REACH_M, a[1] - d0[1] * REACH_M];
  const end: XY = [b[0] + d1[0] * REACH_M, b[1] + d1[1] * REACH_M];
  const along = dir(end, start);
  const leftward: XY = [-along[1] * REACH_M, along[0] * REACH_M];
  const side: XY[] = [
    start,
    ...line,
    end,
    [end[0] + leftward[0], end[1] + leftward[1]],
    [start[0] + leftward[0], start[1] + leftward[1]],
  ];
  return ringArea(side) > 0 ? side : side.reverse();
}

function dir(to: XY, from: XY): XY {
  const l = Math.hypot(to[0] - from[0], to[1] - from[1]);
  return [(to[0] - from[0]) / l, (to[1] - from[1]) / l];
}

export function polygon(ring: readonly XY[]): Feature<Polygon> {
  return turf.polygon([[...ring.map((p) => [p[0], p[1]]), [ring[0]![0], ring[0]![1]]]]);
}

/** The largest outer ring of a clipping result, counter-clockwise and open; the rest must be crumbs. */
function largest(f: Feature<Polygon | MultiPolygon> | null, whole: Ring): Ring {
  if (!f) throw new Error('a cut left one side empty');
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = polys.map((p) => p[0]!.slice(0, -1).map((c) => [c[0]!, c[1]!] as XY));
  rings.sort((x, y) => Math.abs(ringArea(y)) - Math.abs(ringArea(x)));
  const rest = rings.slice(1).reduce((s, r) => s + Math.abs(ringArea(r)), 0);
  if (rest > CRUMBS * Math.abs(ringArea(whole))) throw new Error(`a cut left ${Math.round(rest)} m² apart`);
  const best = rings[0]!;
  return ringArea(best) < 0 ? best.reverse() : best;
}
