// Builds the client with Vite when its sources (or the shared domain) are newer than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function clientIsCurrent(outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return Math.max(newestMtime('client'), newestMtime('server/domain'), statSync('vite.config.ts').mtimeMs) <= built;
}

/** Returns true when it built, false when the build was already current. */
export async function ensureClientBuilt(outDir: string): Promise<boolean> {
  if (clientIsCurrent(outDir)) return false;
  const { build } = await import('vite');
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir: resolve(outDir), emptyOutDir: true },
  });
  return true;
}
