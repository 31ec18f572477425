// `npm start`: everything a fresh clone needs, then the platform. Generates the reference dataset on
// first run (or when SEED/SCALE change), builds the client when its sources are newer than the build,
// and starts the server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../server/config';
import { startServer, stopOnSignals } from '../server/main';
import { ensureClientBuilt } from './client-build';
import { buildDataset } from './generate/build';
import type { Manifest } from './generate/write';

const config = loadConfig();

function datasetIsCurrent(): boolean {
  const manifestPath = join(config.dataDir, 'dataset', 'manifest.json');
  if (!existsSync(config.dbPath) || !existsSync(manifestPath)) return false;
  const { meta } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return meta.seed === config.seed && meta.scale === config.scale;
}

try {
  if (!datasetIsCurrent()) {
    console.error(`[1/3] Generating the reference dataset (seed ${config.seed}, scale ${config.scale}) ...`);
    const today = new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z';
    const r = await buildDataset({ seed: config.seed, scale: config.scale, today, outDir: config.dataDir, dbPath: config.dbPath });
    console.error(`      done in ${r.totalSeconds} s`);
  } else {
    console.error('[1/3] Reference dataset: up to date');
  }
  console.error('[2/3] Client: checking the build ...');
  if (await ensureClientBuilt(config.clientDir)) console.error('      built');
  console.error('[3/3] Starting the server ...');
  const running = await startServer(config);
  stopOnSignals(running);
  console.log(`\nWendu Twin (文都e家 数字孪生) is running: ${running.url}\n  API: ${running.url}api/openapi.json\n  Stop with Ctrl+C.`);
} catch (err) {
  console.error(`wendu-twin: ${(err as Error).message}`);
  process.exit(1);
}
