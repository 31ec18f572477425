// Builds the city's 3D Tiles from a dataset folder's buildings into `<dataDir>/tiles`, atomically (a
// fresh folder renamed into place, so a running server never serves half a tileset), and tells whether
// the tiles on disk are current: tileset.json records the SHA-256 of the buildings file it came from.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Dem, demFromRows } from '../../server/domain/ground/dem';
import type { Building, TerrainRow } from '../../server/domain/model';
import { createProgress, type Progress } from '../generate/progress';
import type { Manifest } from '../generate/write';
import { BUILDER_VERSION, buildTileset, TILESET_FILE } from './tileset';

export interface TilesBuild {
  tiles: number;
  contentTiles: number;
  buildings: number;
  bytes: number;
  seconds: number;
}

/** The buildings file's hash from the dataset manifest, which the tiles are built from. */
function sourceOf(dataDir: string): { buildingsSha256: string; terrainSha256?: string; builder: string } {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'dataset', 'manifest.json'), 'utf8')) as Manifest;
  const buildings = manifest.tables.buildings;
  if (!buildings) throw new Error(`${dataDir}/dataset/manifest.json lists no buildings table`);
  const terrain = manifest.tables.terrain;
  return {
    buildingsSha256: buildings.sha256,
    ...(terrain?.rows ? { terrainSha256: terrain.sha256 } : {}),
    builder: BUILDER_VERSION,
  };
}

/** True when `tilesDir` holds tiles built by this builder from the dataset in `dataDir`. */
export function tilesAreCurrent(dataDir: string, tilesDir: string): boolean {
  const tilesetPath = join(tilesDir, TILESET_FILE);
  if (!existsSync(tilesetPath)) return false;
  try {
    const recorded = (JSON.parse(readFileSync(tilesetPath, 'utf8')) as { extras?: { source?: unknown } }).extras
      ?.source;
    return JSON.stringify(recorded) === JSON.stringify(sourceOf(dataDir));
  } catch {
    return false;
  }
}

export function readBuildings(dataDir: string): Building[] {
  const path = join(dataDir, 'dataset', 'buildings.ndjson');
  if (!existsSync(path)) throw new Error(`No buildings at ${path}: generate the dataset first (npm run generate).`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Building);
}

/** The dataset's elevation model, or null when it has none (a dataset generated before the terrain). */
export function readDem(dataDir: string): Dem | null {
  const path = join(dataDir, 'dataset', 'terrain.ndjson');
  if (!existsSync(path)) return null;
  return demFromRows(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TerrainRow),
  );
}

export function buildTiles(dataDir: string, tilesDir: string, progress: Progress = createProgress()): TilesBuild {
  const started = performance.now();
  const source = sourceOf(dataDir);
  progress.update('tiles: read', 0, 1);
  const buildings = readBuildings(dataDir);
  progress.update('tiles: read', 1, 1);
  const built = buildTileset(buildings, {
    extras: { source },
    dem: readDem(dataDir),
    onTile: (done, total) => progress.update('tiles: content', done, total),
  });
  if (built.skipped.length)
    console.error(
      `build-tiles: ${built.skipped.length} buildings with degenerate footprints left out (${built.skipped.slice(0, 5).join(', ')} ...)`,
    );

  const staging = `${tilesDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let bytes = 0;
  let written = 0;
  for (const [path, data] of built.files) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    bytes += data.byteLength;
    progress.update('tiles: write', ++written, built.files.size);
  }
  rmSync(tilesDir, { recursive: true, force: true });
  renameSync(staging, tilesDir);
  progress.finish();
  return {
    tiles: [...countTiles(built.tileset.root)].length,
    contentTiles: built.files.size - 1,
    buildings: buildings.length - built.skipped.length,
    bytes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function* countTiles(tile: { children?: unknown[] }): Generator<unknown> {
  yield tile;
  for (const child of (tile.children ?? []) as { children?: unknown[] }[]) yield* countTiles(child);
}
