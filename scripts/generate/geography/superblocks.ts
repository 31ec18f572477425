// Communities as superblocks (大街坊): a city's residents' committees are drawn between its main roads,
// so a community's border runs down the middle of an arterial or the ring road, not across blocks.
// The region is cut along every main road into faces; faces too small to be a community join the
// neighbour they share most border with, and the largest face is halved while there are too few.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { leftOf, polygon } from './cut';
import {
  convexHull,
  pointInRing,
  type Ring,
  ringArea,
  ringCentroid,
  segmentDistance,
  voronoiCells,
  type XY,
} from './planar';

/** The city's streets the borders follow, planar. */
export interface Streets {
  /** The street grid's rotation from true east. */
  angle: number;
  /** Centre lines of the arterials, open, and of the ring road, closed. */
  arterials: readonly (readonly XY[])[];
  /** Centre lines of the collectors (次干路): where a face must be halved, it is halved along one. */
  collectors: readonly (readonly XY[])[];
}

/** A collector that halves a face no more unevenly than this (smaller part / larger) is used. */
const EVEN_ENOUGH = 0.3;
/** A collector ending this near a face's edge still spans it, metres. */
const SPAN_SLACK_M = 25;

/** A face smaller than this share of the region's mean community is merged, whatever the count. */
const MIN_SHARE = 0.7;

/**
 * `count` regions tiling `region`, bordered by `roads` where the count allows: open polylines (cut
 * along, carried on straight past their ends) or closed rings (cut round). Ordered clockwise from north
 * about the region's centroid, as the Voronoi tiling of the other levels is.
 */
export function superblocks(region: Ring, streets: Streets, count: number): Ring[] {
  const roads = streets.arterials;
  let faces: Ring[] = [region];
  for (const road of roads) {
    const closed = road.length > 3 && Math.hypot(road[0]![0] - road.at(-1)![0], road[0]![1] - road.at(-1)![1]) < 1;
    const side = polygon(closed ? ccw(road.slice(0, -1)) : leftOf(road));
    faces = faces.flatMap((face) => {
      const f = polygon(face);
      // a cut that would leave a face round a hole (the ring road wholly inside it) is not made there
      const inside = rings(turf.intersect(turf.featureCollection([f, side])));
      const outside = rings(turf.difference(turf.featureCollection([f, side])));
      return inside.length && outside.length ? [...inside, ...outside] : [face];
    });
  }
  const least = (MIN_SHARE * Math.abs(ringArea(region))) / count;
  for (;;) {
    faces.sort((a, b) => ringArea(a) - ringArea(b));
    if (faces.length <= count && ringArea(faces[0]!) >= least) break;
    if (faces.length === 1) break;
    faces = mergeSmallest(faces);
  }
  while (faces.length < count) {
    faces.sort((a, b) => ringArea(b) - ringArea(a));
    faces.splice(0, 1, ...halve(faces[0]!, streets));
  }
  const c = ringCentroid(region);
  const bearing = (p: XY) => (Math.atan2(p[0] - c[0], p[1] - c[1]) + 2 * Math.PI) % (2 * Math.PI);
  return faces
    .map((f) => ({ f, b: bearing(ringCentroid(f)) }))
    .sort((x, y) => x.b - y.b)
    .map((x) => x.f);
}

/** The smallest face (faces sorted by area) joined to the neighbour it shares most border with, kept compact. */
export function mergeSmallest(faces: Ring[]): Ring[] {
  const small = faces[0]!;
  let best: { i: number; ring: Ring; score: number } | null = null;
  for (let i = 1; i < faces.length; i++) {
    const other = faces[i]!;
    const union = rings(turf.union(turf.featureCollection([polygon(small), polygon(other)])));
    if (union.length !== 1) continue; // not neighbours, or they would close round a hole
    const shared = (perimeter(small) + perimeter(other) - perimeter(union[0]!)) / 2;
    if (shared < 1) continue; // touching at a corner
    // the longest shared border, weighed by how convex the result stays (grids are tiled inside it)
    const score = shared * (ringArea(union[0]!) / ringArea(convexHull(union[0]!)));
    if (!best || score > best.score) best = { i, ring: union[0]!, score };
  }
  if (!best) throw new Error('a face of the superblocks has no neighbour');
  return faces.filter((_, i) => i !== 0 && i !== best.i).concat([best.ring]);
}

/**
 * A face in two where the main roads leave too few blocks: along the collector that spans it and
 * halves it most evenly, or, when none does, by a straight cut parallel to the street grid.
 */
function halve(face: Ring, streets: Streets): Ring[] {
  let best: { parts: Ring[]; evenness: number } | null = null;
  for (const col of streets.collectors) {
    if (!spans(col, face)) continue;
    const f = polygon(face);
    const side = polygon(leftOf(col));
    const parts = [
      ...rings(turf.intersect(turf.featureCollection([f, side]))),
      ...rings(turf.difference(turf.featureCollection([f, side]))),
    ];
    if (parts.length !== 2) continue;
    const [a, b] = parts.map((r) => ringArea(r)) as [number, number];
    const evenness = Math.min(a, b) / Math.max(a, b);
    if (evenness >= EVEN_ENOUGH && (!best || evenness > best.evenness)) best = { parts, evenness };
  }
  return best ? best.parts : straightHalves(face, streets.angle);
}

/** Whether the line crosses the face from edge to edge: it enters it, and neither end lies deep inside. */
export function spans(line: readonly XY[], face: Ring): boolean {
  if (!line.some((p) => pointInRing(p, face))) return false;
  const deep = (p: XY) => pointInRing(p, face) && distanceToRing(p, face) > SPAN_SLACK_M;
  return !deep(line[0]!) && !deep(line.at(-1)!);
}

function distanceToRing(p: XY, ring: Ring): number {
  let d = Infinity;
  for (let i = 0; i < ring.length; i++) d = Math.min(d, segmentDistance(p, ring[i]!, ring[(i + 1) % ring.length]!));
  return d;
}

/** A face in two across its longer extent, the cut parallel to the street grid (at `angle` from east). */
function straightHalves(face: Ring, angle: number): Ring[] {
  const u: XY = [Math.cos(angle), Math.sin(angle)];
  const v: XY = [-u[1], u[0]];
  const extent = (d: XY) => {
    const xs = face.map((p) => p[0] * d[0] + p[1] * d[1]);
    return Math.max(...xs) - Math.min(...xs);
  };
  const c = ringCentroid(face);
  const d = extent(u) >= extent(v) ? u : v;
  return voronoiCells(face, [
    [c[0] + d[0], c[1] + d[1]],
    [c[0] - d[0], c[1] - d[1]],
  ]);
}

/**
 * The outer rings of a clipping result, counter-clockwise and open; none at all if a part has a hole
 * (a cut or a merge that would leave a face round another is not made).
 */
export function rings(f: Feature<Polygon | MultiPolygon> | null): Ring[] {
  if (!f) return [];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  if (polys.some((p) => p.length > 1)) return [];
  return polys.map((p) => ccw(p[0]!.slice(0, -1).map((q) => [q[0]!, q[1]!] as XY))).filter((r) => ringArea(r) > 1);
}

function ccw(ring: readonly XY[]): Ring {
  return ringArea(ring) < 0 ? ring.slice().reverse() : ring.slice();
}

export function perimeter(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!,
      q = ring[(i + 1) % ring.length]!;
    s += Math.hypot(q[0] - p[0], q[1] - p[1]);
  }
  return s;
}
