// The 3D Tiles built in a child process (scripts/buildTiles), beside the rest of the dataset's
// preparation: they need only the written building files, and loading the store and the credit
// history hold this process's thread for another 25 s or so, while the other core is free by then.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const child = spawn(process.execPath, [...command, '--data', dataDir, '--out', tilesDir, '--force'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      if (status !== 0) return reject(new Error(`the 3D Tiles build failed (${status}):\n${stderr || stdout}`));
      try {
        resolve(JSON.parse(stdout) as TilesBuild);
      } catch {
        reject(new Error(`the 3D Tiles build printed no summary:\n${stdout}${stderr}`));
      }
    });
  });
}
