// `npm run build:tiles -- [--data DIR] [--out DIR] [--force]`: the city model as 3D Tiles 1.1 from the
// dataset's building footprints (default: $DATA_DIR, into $DATA_DIR/tiles). Skips the work when the
// tiles are current unless --force. Prints a JSON summary.

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { buildTiles, tilesAreCurrent } from './tiles/build';

try {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const dataDir = values.data ? resolve(values.data) : loadConfig().dataDir;
  const tilesDir = values.out ? resolve(values.out) : join(dataDir, 'tiles');
  if (!values.force && tilesAreCurrent(dataDir, tilesDir)) {
    console.log(JSON.stringify({ upToDate: true, tilesDir }));
  } else {
    console.log(JSON.stringify({ tilesDir, ...buildTiles(dataDir, tilesDir) }, null, 2));
  }
} catch (err) {
  console.error(`build-tiles: ${(err as Error).message}`);
  process.exit(1);
}
