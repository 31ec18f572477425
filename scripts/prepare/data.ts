// What the server needs besides the client: the dataset and its DuckDB store (generated on the first
// run, or when SEED/SCALE change) and the city's 3D Tiles (built when the buildings changed). Shared by
// `npm start` and the production `node dist/scripts/prepare.js`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../server/config';
import { buildDataset } from '../generate/build';
import type { Manifest } from '../generate/write';
import { buildTilesAside } from '../tiles/aside';
import { buildTiles, type TilesBuild, tilesAreCurrent } from '../tiles/build';

export function datasetIsCurrent(config: Pick<Config, 'dataDir' | 'dbPath' | 'seed' | 'scale'>): boolean {
  const manifestPath = join(config.dataDir, 'dataset', 'manifest.json');
  if (!existsSync(config.dbPath) || !existsSync(manifestPath)) return false;
  const { meta } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return meta.seed === config.seed && meta.scale === config.scale;
}

/**
 * Generates the dataset and builds the tiles when needed; `say` reports each step (numbered of
 * `steps`). A new dataset's tiles are built in a child process as soon as its files are written,
 * beside the loading of the store.
 */
export async function prepareData(config: Config, say: (line: string) => void, steps = 2): Promise<void> {
  let aside: Promise<TilesBuild> | null = null;
  if (!datasetIsCurrent(config)) {
    say(`[1/${steps}] Generating the reference dataset (seed ${config.seed}, scale ${config.scale}) ...`);
    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    const r = await buildDataset({
      seed: config.seed,
      scale: config.scale,
      today,
      outDir: config.dataDir,
      dbPath: config.dbPath,
      onFilesWritten: () => {
        aside = buildTilesAside(config.dataDir, config.tilesDir);
        aside?.catch(() => {}); // reported below, once awaited
        if (aside) say('      (building the 3D city beside it)');
      },
    }).catch(async (err: Error) => {
      await (aside as Promise<TilesBuild> | null)?.catch(() => {}); // no child left writing tiles
      throw err;
    });
    say(`      done in ${r.totalSeconds} s`);
  } else {
    say(`[1/${steps}] Reference dataset: up to date`);
  }
  const built = aside as Promise<TilesBuild> | null;
  if (built || !tilesAreCurrent(config.dataDir, config.tilesDir)) {
    say(`[2/${steps}] Building the 3D city (3D Tiles from the building footprints) ...`);
    const t = built ? await built : buildTiles(config.dataDir, config.tilesDir);
    say(
      `      ${t.buildings} buildings in ${t.contentTiles} tiles, ${(t.bytes / 1e6).toFixed(1)} MB, in ${t.seconds} s`,
    );
  } else {
    say(`[2/${steps}] 3D city: up to date`);
  }
}
