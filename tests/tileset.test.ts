// The tile builder on the shared small dataset: a valid tree whose boxes hold their content, every
// building in exactly one leaf and at most once per level, feature ids that name the buildings, valid
// GLB, deterministic bytes. Plus a few hand-made footprints for the prism itself.
import { createHash } from 'node:crypto';
import { Cartesian3, Transforms } from 'cesium';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readBuildings } from '../scripts/tiles/build';
import { cleanRing, extrudeBuilding } from '../scripts/tiles/extrude';
import { enuFrameAt, toEnu } from '../scripts/tiles/geodesy';
import { gltfToEnu } from '../scripts/tiles/glb';
import { type ParsedGlb, readAccessor, readGlb, readStrings } from '../scripts/tiles/glbRead';
import { TileMesh } from '../scripts/tiles/mesh';
import { type BuiltTileset, buildTileset, TILESET_FILE, type TilesetTile } from '../scripts/tiles/tileset';
import { type TileNode, walk } from '../scripts/tiles/tree';
import type { Building } from '../server/domain/model';

let buildings: Building[];
let built: BuiltTileset;
const glbs = new Map<string, ParsedGlb>();

beforeAll(() => {
  buildings = readBuildings(inject('smallDataDir'));
  built = buildTileset(buildings);
  for (const [path, bytes] of built.files) if (path.endsWith('.glb')) glbs.set(path, readGlb(bytes));
});

function tilesOf(tile: TilesetTile, depth = 0, out: { tile: TilesetTile; depth: number }[] = []) {
  out.push({ tile, depth });
  for (const child of tile.children ?? []) tilesOf(child, depth + 1, out);
  return out;
}

/** A content's vertices in the tileset frame (ENU, z-up): node translation + positions, y-up → z-up. */
function verticesOf(glb: ParsedGlb): [number, number, number][] {
  const t = glb.json.nodes[0].translation as number[];
  const { values } = readAccessor(glb, glb.json.meshes[0].primitives[0].attributes.POSITION);
  const out: [number, number, number][] = [];
  for (let i = 0; i < values.length; i += 3)
    out.push(gltfToEnu([values[i]! + t[0]!, values[i + 1]! + t[1]!, values[i + 2]! + t[2]!]));
  return out;
}

describe('buildTileset', () => {
  it('writes a 3D Tiles 1.1 tileset with a root frame, REPLACE refinement and errors that shrink towards the leaves', () => {
    const { tileset } = built;
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.transform).toHaveLength(16);
    expect(tileset.root.refine).toBe('REPLACE');
    expect(JSON.parse(new TextDecoder().decode(built.files.get(TILESET_FILE)))).toEqual(tileset);
    expect(tileset.geometricError).toBeGreaterThan(tileset.root.geometricError);
    for (const { tile } of tilesOf(tileset.root)) {
      for (const child of tile.children ?? []) expect(child.geometricError).toBeLessThan(tile.geometricError);
      if (!tile.children) expect(tile.geometricError).toBe(0);
      if (tile.content) expect(built.files.has(tile.content.uri)).toBe(true);
    }
    expect(built.skipped).toEqual([]);
    // A real tree, not one tile.
    expect(Math.max(...tilesOf(tileset.root).map((t) => t.depth))).toBeGreaterThanOrEqual(3);
  });

  it('puts every building in exactly one leaf, and at most once on each level', () => {
    const tiles = [...walk(built.root)];
    const leafCount = new Map<number, number>();
    for (const t of tiles.filter((t) => t.children.length === 0))
      for (const i of t.content) leafCount.set(i, (leafCount.get(i) ?? 0) + 1);
    expect(leafCount.size).toBe(buildings.length);
    expect([...leafCount.values()].every((n) => n === 1)).toBe(true);

    const byLevel = new Map<number, number[]>();
    for (const t of tiles) byLevel.set(t.level, [...(byLevel.get(t.level) ?? []), ...t.content]);
    for (const [, contents] of byLevel) expect(new Set(contents).size).toBe(contents.length);
    // Inner tiles draw a subset of their subtree: only buildings big enough for their error.
    for (const t of tiles.filter((t) => t.children.length > 0)) {
      const members = new Set(t.members); // placement index = building index here (none skipped)
      expect(t.content.every((i) => members.has(i))).toBe(true);
    }
    // Near the root, only the few big ones.
    expect(built.root.content.length).toBeLessThan(buildings.length / 100);
  });

  it('gives every tile a box that contains its content and its children', () => {
    const inside = (box: number[], p: readonly number[]) =>
      [0, 1, 2].every((k) => Math.abs(p[k]! - box[k]!) <= box[3 + k * 4]! + 1e-6);
    const boxCorners = (box: number[]) =>
      [-1, 1].flatMap((sx) =>
        [-1, 1].flatMap((sy) =>
          [-1, 1].map((sz) => [box[0]! + sx * box[3]!, box[1]! + sy * box[7]!, box[2]! + sz * box[11]!]),
        ),
      );
    for (const { tile } of tilesOf(built.tileset.root)) {
      const box = tile.boundingVolume.box;
      expect([4, 5, 6, 8, 9, 10].map((i) => box[i])).toEqual([0, 0, 0, 0, 0, 0]); // axis-aligned in the frame
      if (tile.content) {
        const outside = verticesOf(glbs.get(tile.content.uri)!).filter((v) => !inside(box, v));
        expect(outside, tile.content.uri).toEqual([]);
      }
      for (const child of tile.children ?? [])
        expect(boxCorners(child.boundingVolume.box).every((c) => inside(box, c))).toBe(true);
    }
  });

  it('writes valid GLB whose feature ids name the buildings the tile draws', () => {
    const byTile = new Map<string, TileNode>(
      [...walk(built.root)].filter((t) => t.content.length).map((t) => [`content/${t.level}/${t.x}-${t.y}.glb`, t]),
    );
    expect(byTile.size).toBe(glbs.size);
    for (const [uri, glb] of glbs) {
      const tile = byTile.get(uri)!;
      const primitive = glb.json.meshes[0].primitives[0];
      expect(glb.json.asset.version).toBe('2.0');
      expect(glb.json.extensionsUsed).toEqual(expect.arrayContaining(['EXT_mesh_features', 'EXT_structural_metadata']));
      const { values: positions, accessor: posAccessor } = readAccessor(glb, primitive.attributes.POSITION);
      // min/max must be the true bounds of the data.
      for (let k = 0; k < 3; k++) {
        const axis = positions.filter((_, i) => i % 3 === k);
        expect(axis.reduce((m, v) => Math.min(m, v), Infinity)).toBe(posAccessor.min[k]);
        expect(axis.reduce((m, v) => Math.max(m, v), -Infinity)).toBe(posAccessor.max[k]);
      }
      const vertexCount = posAccessor.count;
      for (const name of ['COLOR_0', 'TEXCOORD_0', '_FEATURE_ID_0'])
        expect(readAccessor(glb, primitive.attributes[name]).accessor.count).toBe(vertexCount);
      const indices = readAccessor(glb, primitive.indices).values;
      expect(indices.length % 3).toBe(0);
      expect(indices.every((i) => i >= 0 && i < vertexCount)).toBe(true);

      const [featureIdSet] = primitive.extensions.EXT_mesh_features.featureIds;
      const ids = readStrings(glb, featureIdSet.propertyTable, 'id');
      expect(featureIdSet.featureCount).toBe(ids.length);
      expect(ids).toEqual(tile.content.map((i) => buildings[i]!.id));
      const featureIds = readAccessor(glb, primitive.attributes._FEATURE_ID_0).values;
      expect(new Set(featureIds).size).toBe(ids.length);
      expect(featureIds.every((f) => Number.isInteger(f) && f >= 0 && f < ids.length)).toBe(true);
    }
  });

  it('is deterministic: same buildings in any order, same bytes', () => {
    const again = buildTileset([...buildings].reverse());
    const digest = (b: BuiltTileset) =>
      [...b.files].map(([p, bytes]) => `${p}:${createHash('sha256').update(bytes).digest('hex')}`).join('\n');
    expect(digest(again)).toBe(digest(built));
  });
});

describe('geodesy', () => {
  it('agrees with Cesium on the east-north-up frame', () => {
    const frame = enuFrameAt(116.95, 31.05);
    const matrix = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(116.95, 31.05, 0));
    const m = (i: number) => matrix[i]!;
    const p = Cartesian3.fromDegrees(117.07, 30.92, 42);
    const [e, n, u] = toEnu(frame, 117.07, 30.92, 42);
    const back = new Cartesian3(
      m(0) * e + m(4) * n + m(8) * u + m(12),
      m(1) * e + m(5) * n + m(9) * u + m(13),
      m(2) * e + m(6) * n + m(10) * u + m(14),
    );
    expect(Cartesian3.distance(back, p)).toBeLessThan(1e-3);
    // 15 km out the ground lies ~18 m below the centre's horizontal plane: curvature is kept.
    expect(u).toBeLessThan(42 - 10);
  });
});

describe('extrudeBuilding', () => {
  const square: [number, number][] = [
    [116.95, 31.05],
    [116.9501, 31.05],
    [116.9501, 31.0501],
    [116.95, 31.0501],
    [116.95, 31.05],
  ];
  const building = (ring: [number, number][]): Building => ({
    id: 'B1',
    gridId: 'G',
    address: 'a',
    use: 'residential',
    floors: 6,
    heightM: 18,
    footprint: [ring],
    centroid: [116.95005, 31.05005],
    dwellings: 0,
    kind: 'walk-up',
    builtYear: 1995,
  });
  const frame = enuFrameAt(116.95, 31.05);

  it.each([
    ['counter-clockwise', square],
    ['clockwise', [...square].reverse()],
    ['with a repeated point', [square[0]!, square[1]!, square[1]!, square[2]!, square[3]!, square[4]!]],
  ] as [string, [number, number][]][])(
    'makes a closed prism with outward walls and an upward roof (%s ring)',
    (_, ring) => {
      const mesh = new TileMesh();
      expect(extrudeBuilding(mesh, frame, building(ring))).toBe(true);
      expect(mesh.indices.length / 3).toBe(4 * 2 + 2);
      const p = (i: number) => [mesh.positions[i * 3]!, mesh.positions[i * 3 + 1]!, mesh.positions[i * 3 + 2]!];
      const centre = [0, 1].map((k) => (p(0)[k]! + p(4)[k]! + p(8)[k]!) / 3);
      for (let t = 0; t < mesh.indices.length; t += 3) {
        const [a, b, c] = [p(mesh.indices[t]!), p(mesh.indices[t + 1]!), p(mesh.indices[t + 2]!)];
        const u = [0, 1, 2].map((k) => b[k]! - a[k]!);
        const v = [0, 1, 2].map((k) => c[k]! - a[k]!);
        const normal = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
        const mid = [0, 1, 2].map((k) => (a[k]! + b[k]! + c[k]!) / 3);
        if (Math.abs(normal[2]!) > Math.hypot(normal[0]!, normal[1]!))
          expect(normal[2]).toBeGreaterThan(0); // roof faces up
        else expect(normal[0]! * (mid[0]! - centre[0]!) + normal[1]! * (mid[1]! - centre[1]!)).toBeGreaterThan(0); // walls face out
      }
      expect(mesh.buildingIds).toEqual(['B1']);
    },
  );

  it('extrudes a concave footprint (an L) with a roof that covers exactly the footprint', () => {
    const d = 0.0001;
    const l: [number, number][] = [
      [116.95, 31.05],
      [116.95 + 2 * d, 31.05],
      [116.95 + 2 * d, 31.05 + d],
      [116.95 + d, 31.05 + d],
      [116.95 + d, 31.05 + 2 * d],
      [116.95, 31.05 + 2 * d],
      [116.95, 31.05],
    ];
    const mesh = new TileMesh();
    expect(extrudeBuilding(mesh, frame, building(l))).toBe(true);
    expect(mesh.indices.length / 3).toBe(6 * 2 + 4); // two triangles a wall, n − 2 for the roof
    const p = (i: number) => [mesh.positions[i * 3]!, mesh.positions[i * 3 + 1]!, mesh.positions[i * 3 + 2]!];
    // every roof triangle faces up, and together they cover the ring's area: no overlap, nothing outside
    let roof = 0;
    for (let t = 6 * 2 * 3; t < mesh.indices.length; t += 3) {
      const [a, b, c] = [p(mesh.indices[t]!), p(mesh.indices[t + 1]!), p(mesh.indices[t + 2]!)];
      const twice = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
      expect(twice).toBeGreaterThan(0);
      roof += twice / 2;
    }
    const top = Array.from({ length: 6 }, (_, k) => p(mesh.vertexCount - 6 + k));
    let ring = 0;
    for (let k = 0; k < 6; k++) {
      const [a, b] = [top[k]!, top[(k + 1) % 6]!];
      ring += (a[0]! * b[1]! - b[0]! * a[1]!) / 2;
    }
    expect(roof).toBeCloseTo(Math.abs(ring), 3);
  });

  it('leaves out a degenerate footprint', () => {
    const mesh = new TileMesh();
    expect(extrudeBuilding(mesh, frame, building([square[0]!, square[1]!, square[0]!]))).toBe(false);
    expect(mesh.vertexCount).toBe(0);
    expect(cleanRing([square[0]!, square[1]!, square[0]!])).toHaveLength(2);
  });
});
