// The 3D Tiles built in a child process (scripts/buildTiles), beside the rest of the dataset's
// preparation: they need only the written building files, and loading the store and the credit
// history hold this process's thread for another 25 s or so, while the other core is free by then.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '../process/nodeChild';
import type { TilesBuild } from './build';

/**
 * The command that builds the tiles, from where this module runs: the TypeScript sources under tsx
 * (`npm start`), or the production bundle (dist/scripts/buildTiles.js beside dist/scripts/prepare.js).
 * Null when neither is there.
 */
function tilesCommand(): string[] | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const script of [join(here, '..', 'buildTiles.ts'), join(here, 'buildTiles.js')])
    if (existsSync(script)) return script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  return null;
}

/** Starts the build; null when the builder cannot be found (the caller then builds in process). */
export function buildTilesAside(dataDir: string, tilesDir: string): Promise<TilesBuild> | null {
  const command = tilesCommand();
  if (!command) return null;
  return runNode([...command, '--data', dataDir, '--out', tilesDir, '--force']).then((r) => {
    if (r.status !== 0) throw new Error(`the 3D Tiles build failed (${r.status}):\n${r.stderr || r.stdout}`);
    try {
      return JSON.parse(r.stdout) as TilesBuild;
    } catch {
      throw new Error(`the 3D Tiles build printed no summary:\n${r.stdout}${r.stderr}`);
    }
  });
}
