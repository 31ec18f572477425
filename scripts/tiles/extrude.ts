// A building footprint → a closed prism (walls and a flat roof; no floor, nobody looks from below) in
// the city's ENU frame. Walls are wound to face outwards and carry texture coordinates in window bays
// and floors, from which the client's shader draws lit windows; the roof is triangulated with earcut.
import earcut from 'earcut';
import type { Building } from '../../server/domain/model';
import { type EnuFrame, toEnu, type Vec3 } from './geodesy';
import type { TileMesh } from './mesh';
import { heightGlow, linearRgb, type Rgb, ROOF_SHADE, useColours, wallShade } from './palette';

/** Width of one window bay along a wall (m). */
export const BAY_WIDTH_M = 3.6;

/** The footprint's outer ring without the closing point or repeated points, counter-clockwise. */
export function cleanRing(ring: readonly (readonly number[])[]): [number, number][] {
  const points: [number, number][] = [];
  for (const p of ring) {
    const last = points[points.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push([p[0]!, p[1]!]);
  }
  while (
    points.length > 1 &&
    points[0]![0] === points[points.length - 1]![0] &&
    points[0]![1] === points[points.length - 1]![1]
  )
    points.pop();
  // Shoelace in degrees is enough for the sign (the cos(lat) factor is positive).
  let area2 = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    area2 += x1 * y2 - x2 * y1;
  }
  return area2 < 0 ? points.reverse() : points;
}

/**
 * Extrudes one building into `mesh`, standing on the ground at `baseM` (metres above the ellipsoid);
 * returns false when its footprint is degenerate (nothing added).
 */
export function extrudeBuilding(mesh: TileMesh, frame: EnuFrame, building: Building, baseM = 0): boolean {
  const ring = cleanRing(building.footprint[0] ?? []);
  if (ring.length < 3) return false;
  const height = Math.max(building.heightM, 1);
  const floors = Math.max(building.floors, 1);
  const base = linearRgb(useColours[building.use]);
  const bottom = ring.map(([lon, lat]) => toEnu(frame, lon, lat, baseM));
  const top = ring.map(([lon, lat]) => toEnu(frame, lon, lat, baseM + height));
  const id = mesh.addFeature(building.id);
  const tint = (k: number): Rgb => [base[0] * k, base[1] * k, base[2] * k];

  // Metres along the perimeter, so windows continue round corners; each building starts at its own
  // whole bay, so the client's lit-window pattern differs between buildings and survives a change of tile.
  let along = bayOffset(building.id) * BAY_WIDTH_M;
  for (let i = 0; i < ring.length; i++) {
    const j = (i + 1) % ring.length;
    const [b0, b1, t0, t1] = [bottom[i]!, bottom[j]!, top[i]!, top[j]!];
    const edgeE = b1[0] - b0[0];
    const edgeN = b1[1] - b0[1];
    const length = Math.hypot(edgeE, edgeN);
    if (length === 0) continue;
    // Counter-clockwise ring: the outside is to the right of each edge.
    const shade = wallShade(edgeN, -edgeE);
    const u0 = along / BAY_WIDTH_M;
    const u1 = (along + length) / BAY_WIDTH_M;
    const v0 = mesh.addVertex(b0, tint(shade * heightGlow(0)), u0, 0, id);
    const v1 = mesh.addVertex(b1, tint(shade * heightGlow(0)), u1, 0, id);
    const v2 = mesh.addVertex(t1, tint(shade * heightGlow(1)), u1, floors, id);
    const v3 = mesh.addVertex(t0, tint(shade * heightGlow(1)), u0, floors, id);
    mesh.addTriangle(v0, v1, v2);
    mesh.addTriangle(v0, v2, v3);
    along += length;
  }

  const roofColour = tint(ROOF_SHADE);
  const first = mesh.vertexCount;
  for (const p of top) mesh.addVertex(p, roofColour, 0, -1, id);
  const flat = top.flatMap((p) => [p[0], p[1]]);
  const triangles = earcut(flat);
  for (let k = 0; k < triangles.length; k += 3) {
    const [a, b, c] = [triangles[k]!, triangles[k + 1]!, triangles[k + 2]!];
    // Roof faces up: counter-clockwise seen from above.
    if (cross2(top[a]!, top[b]!, top[c]!) >= 0) mesh.addTriangle(first + a, first + b, first + c);
    else mesh.addTriangle(first + a, first + c, first + b);
  }
  return true;
}

function cross2(a: Vec3, b: Vec3, c: Vec3): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** A whole number of bays (0..996) derived from the building id. */
export function bayOffset(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 997;
  return h;
}
