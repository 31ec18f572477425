// Buildings → a 3D Tiles 1.1 tileset in memory: tileset.json and one GLB per tile that draws something.
// Pure (no files): build.ts writes the result, tests inspect it.

import { baseHeight, type Dem } from '../../server/domain/ground/dem';
import type { Building } from '../../server/domain/model';
import { cleanRing, extrudeBuilding } from './extrude';
import { type EnuFrame, enuFrameAt, enuToEcefMatrix, toEnu, type Vec3 } from './geodesy';
import { writeGlb } from './glb';
import { TileMesh } from './mesh';
import { type Box, buildTree, defaultTreeOptions, type Placement, type TileNode, type TreeOptions, walk } from './tree';

export const TILESET_FILE = 'tileset.json';
export const BUILDER_VERSION = 'wendu-twin build-tiles v3';

/** Boxes get this much room (m) around their content, for float32 rounding of the vertices. */
const BOX_MARGIN_M = 0.05;

export interface BuiltTileset {
  tileset: Tileset;
  /** Path relative to the tileset folder → bytes (tileset.json included). */
  files: Map<string, Uint8Array>;
  frame: EnuFrame;
  root: TileNode;
  /** Ids of buildings whose footprint could not be extruded (fewer than 3 distinct points). */
  skipped: string[];
}

export interface TilesetTile {
  boundingVolume: { box: number[] };
  geometricError: number;
  refine?: 'REPLACE';
  transform?: number[];
  content?: { uri: string };
  children?: TilesetTile[];
}

export interface Tileset {
  asset: { version: '1.1'; generator: string; tilesetVersion: string };
  extras: Record<string, unknown>;
  geometricError: number;
  root: TilesetTile;
}

export interface TilesetOptions {
  tree?: TreeOptions;
  /** Written to tileset.json's extras (e.g. the dataset's hash), for up-to-date checks. */
  extras?: Record<string, unknown>;
  /** Called after each tile's content is written. */
  onTile?: (done: number, total: number) => void;
  /** The elevation model: each building stands at the lowest ground under its footprint (absent: 0 m). */
  dem?: Dem | null;
}

export function contentUri(tile: Pick<TileNode, 'level' | 'x' | 'y'>): string {
  return `content/${tile.level}/${tile.x}-${tile.y}.glb`;
}

/** The centre of the buildings' extent: the origin of the tileset's ENU frame. */
export function frameFor(buildings: readonly Building[]): EnuFrame {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of buildings) {
    minLon = Math.min(minLon, b.centroid[0]);
    maxLon = Math.max(maxLon, b.centroid[0]);
    minLat = Math.min(minLat, b.centroid[1]);
    maxLat = Math.max(maxLat, b.centroid[1]);
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return enuFrameAt(round((minLon + maxLon) / 2), round((minLat + maxLat) / 2));
}

export function placementOf(frame: EnuFrame, building: Building, index: number, baseM = 0): Placement | null {
  const ring = cleanRing(building.footprint[0] ?? []);
  if (ring.length < 3) return null;
  const height = Math.max(building.heightM, 1);
  const corners = ring.flatMap(([lon, lat]) => [toEnu(frame, lon, lat, baseM), toEnu(frame, lon, lat, baseM + height)]);
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const c of corners) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k]!, c[k]!);
      max[k] = Math.max(max[k]!, c[k]!);
    }
  }
  const [east, north] = toEnu(frame, building.centroid[0], building.centroid[1], 0);
  let longestSide = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = toEnu(frame, ring[i]![0], ring[i]![1], 0);
    const b = toEnu(frame, ring[(i + 1) % ring.length]![0], ring[(i + 1) % ring.length]![1], 0);
    longestSide = Math.max(longestSide, Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  return { index, east, north, sizeM: Math.max(height, longestSide), box: { min, max } };
}

/** The 3D Tiles `box` (centre and three half-axes, in the frame) of an axis-aligned box. */
export function tilesBox(box: Box): number[] {
  // Rounded outwards to millimetres, so a parent's box (the union of its children's) still holds theirs.
  const lo = [0, 1, 2].map((k) => Math.floor((box.min[k]! - BOX_MARGIN_M) * 1000) / 1000);
  const hi = [0, 1, 2].map((k) => Math.ceil((box.max[k]! + BOX_MARGIN_M) * 1000) / 1000);
  const c = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2);
  const h = [0, 1, 2].map((k) => (hi[k]! - lo[k]!) / 2);
  return [c[0]!, c[1]!, c[2]!, h[0]!, 0, 0, 0, h[1]!, 0, 0, 0, h[2]!];
}

export function buildTileset(buildings: readonly Building[], options: TilesetOptions = {}): BuiltTileset {
  // Sorted by id, so the output does not depend on the input's order.
  const sorted = [...buildings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const frame = frameFor(sorted);
  const placements: Placement[] = [];
  const skipped: string[] = [];
  const dem = options.dem ?? null;
  const bases = sorted.map((b) => (dem ? Math.round(baseHeight(dem, b.footprint[0] ?? []) * 100) / 100 : 0));
  sorted.forEach((b, i) => {
    const p = placementOf(frame, b, i, bases[i]);
    if (p) placements.push(p);
    else skipped.push(b.id);
  });
  const root = buildTree(placements, options.tree ?? defaultTreeOptions);

  const files = new Map<string, Uint8Array>();
  const withContent = [...walk(root)].filter((t) => t.content.length > 0);
  let done = 0;
  for (const tile of withContent) {
    const mesh = new TileMesh();
    for (const i of tile.content) extrudeBuilding(mesh, frame, sorted[i]!, bases[i]);
    const centre: Vec3 = [0, 1, 2].map(
      (k) => Math.round(((tile.box.min[k]! + tile.box.max[k]!) / 2) * 100) / 100,
    ) as Vec3;
    files.set(contentUri(tile), writeGlb(mesh, centre));
    options.onTile?.(++done, withContent.length);
  }

  const toJson = (tile: TileNode): TilesetTile => ({
    boundingVolume: { box: tilesBox(tile.box) },
    geometricError: tile.geometricError,
    ...(tile.content.length ? { content: { uri: contentUri(tile) } } : {}),
    ...(tile.children.length ? { children: tile.children.map(toJson) } : {}),
  });
  const rootJson: TilesetTile = { ...toJson(root), refine: 'REPLACE', transform: enuToEcefMatrix(frame) };
  // Key order: transform first reads better; JSON.stringify keeps insertion order, so the output is stable.
  const { transform, refine, ...rest } = rootJson;
  const tileset: Tileset = {
    asset: { version: '1.1', generator: BUILDER_VERSION, tilesetVersion: String(sorted.length) },
    extras: { buildings: placements.length, ...options.extras },
    // Beyond this error nothing of the city is worth drawing (the whole county is a few pixels).
    geometricError: root.cell.sizeM * ERROR_BEYOND_ROOT,
    root: { transform, refine, ...rest },
  };
  files.set(TILESET_FILE, new TextEncoder().encode(JSON.stringify(tileset, null, 1)));
  return { tileset, files, frame, root, skipped };
}

const ERROR_BEYOND_ROOT = 1 / 4;
