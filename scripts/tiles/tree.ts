// The tileset's spatial tree: a quadtree over the city in its ENU frame, split while a tile holds more
// buildings than a leaf should. Every building lives in exactly one leaf (by its centroid), drawn in
// full. An inner tile draws only the buildings big enough to see at the distance it is shown from:
// its geometric error is a fixed share of its size, and buildings smaller than a quarter of that error
// are left to its children (REPLACE refinement). Far away you see the towers; come closer and the
// streets fill in.
import type { Vec3 } from './geodesy';

export interface Box {
  min: Vec3;
  max: Vec3;
}

/** What the tree needs to know of a building. */
export interface Placement {
  /** Index into the building list. */
  index: number;
  /** Centroid, ENU metres. */
  east: number;
  north: number;
  /** How large it looks: the greater of its height and its longest footprint side (m). */
  sizeM: number;
  /** Its extruded geometry's bounds in the ENU frame. */
  box: Box;
}

export interface TreeOptions {
  /** A tile with more buildings than this is split (unless it is already minTileSizeM wide). */
  maxLeafBuildings: number;
  minTileSizeM: number;
}

export const defaultTreeOptions: TreeOptions = { maxLeafBuildings: 400, minTileSizeM: 200 };

/** Geometric error of an inner tile per metre of its width. */
export const ERROR_PER_TILE_M = 1 / 16;
/** An inner tile draws the buildings at least this share of its geometric error in size. */
export const SHOWN_SIZE_PER_ERROR = 0.25;

export interface TileNode {
  level: number;
  x: number;
  y: number;
  /** The quadtree cell (ENU metres, square). */
  cell: { minEast: number; minNorth: number; sizeM: number };
  /** Every building in this subtree (placement indices, ascending). */
  members: number[];
  /** The buildings this tile draws itself (building indices, ascending). */
  content: number[];
  geometricError: number;
  /** Bounds of every building in the subtree: contains the content and every child's box. */
  box: Box;
  children: TileNode[];
}

export function buildTree(placements: readonly Placement[], options: TreeOptions = defaultTreeOptions): TileNode {
  if (placements.length === 0) throw new Error('build-tiles: no buildings to tile');
  let [minE, minN, maxE, maxN] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of placements) {
    minE = Math.min(minE, p.east);
    minN = Math.min(minN, p.north);
    maxE = Math.max(maxE, p.east);
    maxN = Math.max(maxN, p.north);
  }
  const sizeM = Math.max(maxE - minE, maxN - minN, options.minTileSizeM) * 1.0001;
  const cell = { minEast: (minE + maxE - sizeM) / 2, minNorth: (minN + maxN - sizeM) / 2, sizeM };
  return node(
    placements,
    placements.map((_, i) => i),
    0,
    0,
    0,
    cell,
    options,
  );
}

function node(
  all: readonly Placement[],
  members: number[],
  level: number,
  x: number,
  y: number,
  cell: TileNode['cell'],
  options: TreeOptions,
): TileNode {
  const box = unionBox(members.map((m) => all[m]!.box));
  const split = members.length > options.maxLeafBuildings && cell.sizeM / 2 >= options.minTileSizeM;
  if (!split) {
    return { level, x, y, cell, members, content: sortedIndices(all, members), geometricError: 0, box, children: [] };
  }
  const half = cell.sizeM / 2;
  const midE = cell.minEast + half;
  const midN = cell.minNorth + half;
  const quadrants: number[][] = [[], [], [], []];
  for (const m of members) {
    const p = all[m]!;
    quadrants[(p.east >= midE ? 1 : 0) + (p.north >= midN ? 2 : 0)]!.push(m);
  }
  const children = quadrants.flatMap((q, k) => {
    if (q.length === 0) return [];
    const [dx, dy] = [k & 1, k >> 1];
    return [
      node(
        all,
        q,
        level + 1,
        x * 2 + dx,
        y * 2 + dy,
        { minEast: cell.minEast + dx * half, minNorth: cell.minNorth + dy * half, sizeM: half },
        options,
      ),
    ];
  });
  const geometricError = cell.sizeM * ERROR_PER_TILE_M;
  const shown = members.filter((m) => all[m]!.sizeM >= geometricError * SHOWN_SIZE_PER_ERROR);
  return { level, x, y, cell, members, content: sortedIndices(all, shown), geometricError, box, children };
}

function sortedIndices(all: readonly Placement[], members: number[]): number[] {
  return members.map((m) => all[m]!.index).sort((a, b) => a - b);
}

export function unionBox(boxes: readonly Box[]): Box {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k]!, b.min[k]!);
      max[k] = Math.max(max[k]!, b.max[k]!);
    }
  }
  return { min, max };
}

/** Every tile, parents before children. */
export function* walk(tile: TileNode): Generator<TileNode> {
  yield tile;
  for (const child of tile.children) yield* walk(child);
}
