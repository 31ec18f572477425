// `npm start`: everything a fresh clone needs, then the platform. Generates the reference dataset on
// first run (or when SEED/SCALE change), builds the city's 3D Tiles when the buildings changed, builds the client when its sources are newer than the build,
// and starts the server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../server/config';
import { startServer, stopOnSignals } from '../server/main';
import { ensureClientBuilt } from './clientBuild';
import { buildDataset } from './generate/build';
import type { Manifest } from './generate/write';
import { startSimulator } from './simulate/simulator';
import { buildTiles, tilesAreCurrent } from './tiles/build';

const config = loadConfig();

function datasetIsCurrent(): boolean {
  const manifestPath = join(config.dataDir, 'dataset', 'manifest.json');
  if (!existsSync(config.dbPath) || !existsSync(manifestPath)) return false;
  const { meta } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return meta.seed === config.seed && meta.scale === config.scale;
}

try {
  if (!datasetIsCurrent()) {
    console.error(`[1/4] Generating the reference dataset (seed ${config.seed}, scale ${config.scale}) ...`);
    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    const r = await buildDataset({
      seed: config.seed,
      scale: config.scale,
      today,
      outDir: config.dataDir,
      dbPath: config.dbPath,
    });
    console.error(`      done in ${r.totalSeconds} s`);
  } else {
    console.error('[1/4] Reference dataset: up to date');
  }
  if (!tilesAreCurrent(config.dataDir, config.tilesDir)) {
    console.error('[2/4] Building the 3D city (3D Tiles from the building footprints) ...');
    const t = buildTiles(config.dataDir, config.tilesDir);
    console.error(
      `      ${t.buildings} buildings in ${t.contentTiles} tiles, ${(t.bytes / 1e6).toFixed(1)} MB, in ${t.seconds} s`,
    );
  } else {
    console.error('[2/4] 3D city: up to date');
  }
  console.error('[3/4] Client: checking the build ...');
  if (await ensureClientBuilt(config.clientDir)) console.error('      built');
  console.error('[4/4] Starting the server ...');
  const running = await startServer(config);
  if (config.simulate && running.ingest) {
    const ingest = running.ingest;
    const rate = config.simulateRate || Math.max(1, ingest.registry.size / 2);
    const sim = await startSimulator({
      brokerUrl: ingest.brokerUrl,
      devices: ingest.credentials.devices,
      rate,
      log: (m) => console.error(`[simulate] ${m}`),
    });
    console.error(`      sensor simulator: ${ingest.registry.size} devices, ${rate} msg/s (SIMULATE=0 turns it off)`);
    const stopServer = running.stop;
    running.stop = async () => {
      await sim.stop(2000);
      await stopServer();
    };
  }
  stopOnSignals(running);
  console.log(
    `\nWendu Twin (文都e家 数字孪生) is running: ${running.url}\n  API: ${running.url}api/openapi.json\n  Stop with Ctrl+C.`,
  );
} catch (err) {
  console.error(`wendu-twin: ${(err as Error).message}`);
  process.exit(1);
}
