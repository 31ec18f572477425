// `npm start`: everything a fresh clone needs, then the platform. Generates the reference dataset on
// first run (or when SEED/SCALE change), builds the city's 3D Tiles when the buildings changed, builds
// the client when its sources are newer than the build (at the same time, in a child process), and
// starts the server.
import { loadConfig } from '../server/config';
import { startServer, stopOnSignals } from '../server/main';
import { buildClientAside, clientIsCurrent } from './clientBuild';
import { prepareData } from './prepare/data';
import { startSimulator } from './simulate/simulator';

// The terminal is for people here: warnings only, unless LOG_LEVEL asks for the access log.
process.env.LOG_LEVEL ||= 'warn';
const config = loadConfig();

try {
  // a fresh clone has no client build: it is made in a child process on the other core while this one
  // generates the dataset
  const building = clientIsCurrent(config.clientDir) ? null : buildClientAside(config.clientDir);
  building?.catch(() => {}); // reported below, once awaited
  if (building) console.error('      (building the client beside it)');
  await prepareData(config, (line) => console.error(line), 4);
  console.error('[3/4] Client: checking the build ...');
  if (building) {
    await building;
    console.error('      built');
  } else console.error('      up to date');
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
