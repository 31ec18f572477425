// A tile's geometry while it is being built: flat arrays of vertices (position in the city's ENU frame,
// colour, texture coordinates, feature id) and triangle indices, one feature per building.
import type { Vec3 } from './geodesy';

export class TileMesh {
  readonly positions: number[] = []; // east, north, up (m)
  readonly colours: number[] = []; // linear RGBA, 0..255
  readonly uvs: number[] = []; // walls: (window bays along the wall, floors); roofs: (0, -1)
  readonly featureIds: number[] = [];
  readonly indices: number[] = [];
  /** Building id per feature id. */
  readonly buildingIds: string[] = [];

  get vertexCount(): number {
    return this.featureIds.length;
  }

  /** Starts a new feature (building) and returns its feature id. */
  addFeature(buildingId: string): number {
    this.buildingIds.push(buildingId);
    return this.buildingIds.length - 1;
  }

  addVertex(p: Vec3, rgb: readonly [number, number, number], u: number, v: number, featureId: number): number {
    this.positions.push(p[0], p[1], p[2]);
    this.colours.push(...rgb.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255)), 255);
    this.uvs.push(u, v);
    this.featureIds.push(featureId);
    return this.featureIds.length - 1;
  }

  addTriangle(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }
}
