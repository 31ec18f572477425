// `npm run build [-- --out DIR] [--no-client]`: the production build. The client with Vite into
// DIR/client, and the server and the command-line programs a running installation needs, bundled
// with esbuild into DIR/server and DIR/scripts as plain ESM JavaScript. npm packages stay imports
// (installed by `npm ci --omit=dev`), so the output needs Node and the runtime dependencies only:
// no tsx, no TypeScript.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildClient } from './clientBuild';

/** What a production installation runs: the server, and the programs that prepare, back up and restore it. */
export const PRODUCTION_ENTRIES: Record<string, string> = {
  'server/main': 'server/main.ts',
  'scripts/prepare': 'scripts/prepare.ts',
  'scripts/generateCity': 'scripts/generateCity.ts',
  'scripts/buildTiles': 'scripts/buildTiles.ts',
  'scripts/backup': 'scripts/backup.ts',
  'scripts/restore': 'scripts/restore.ts',
  'scripts/mosquittoConfig': 'scripts/mosquittoConfig.ts',
  'scripts/simulateSensors': 'scripts/simulateSensors.ts',
  'scripts/bulletin': 'scripts/bulletin.ts',
};

/** Bundles the production entries into `outDir` (each file whole: no shared chunks, so `node <file>` is all it takes). */
export async function buildServer(outDir: string): Promise<void> {
  for (const dir of ['server', 'scripts']) rmSync(join(outDir, dir), { recursive: true, force: true });
  await build({
    entryPoints: PRODUCTION_ENTRIES,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    tsconfig: 'tsconfig.node.json',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { values } = parseArgs({
      options: { out: { type: 'string', default: 'dist' }, 'no-client': { type: 'boolean', default: false } },
    });
    const outDir = resolve(values.out);
    const started = performance.now();
    if (!values['no-client']) await buildClient(join(outDir, 'client'));
    const client = performance.now();
    await buildServer(outDir);
    console.log(
      JSON.stringify({
        outDir,
        clientSeconds: values['no-client'] ? null : Math.round((client - started) / 100) / 10,
        serverSeconds: Math.round((performance.now() - client) / 100) / 10,
        entries: Object.keys(PRODUCTION_ENTRIES).map((e) => `${e}.js`),
      }),
    );
  } catch (err) {
    console.error(`build: ${(err as Error).message}`);
    process.exit(1);
  }
}
