// Whether a point lies inside a polygon or multipolygon (点在面内), by ray casting on WGS84 lon/lat —
// exact enough for units a few kilometres across. A point inside a hole is outside; a point on an edge
// may fall either way.
import type { AdminUnit, LonLat, PolygonCoords } from './model';

function inRing(ring: readonly LonLat[], [x, y]: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(rings: PolygonCoords, p: LonLat): boolean {
  const [outer, ...holes] = rings;
  return !!outer && inRing(outer, p) && !holes.some((h) => inRing(h, p));
}

export function pointInArea(geometry: AdminUnit['geometry'], p: LonLat): boolean {
  return geometry.type === 'Polygon'
    ? inPolygon(geometry.coordinates, p)
    : geometry.coordinates.some((poly) => inPolygon(poly, p));
}
