// `npm run simulate -- --rate <msg/s> --duration <s> [--incident rainstorm|cover-open|gas-leak|silence] [--broker <url>]`
// Publishes believable telemetry for every registered sensor with its own credential, and prints
// how many messages it published and how many the broker acknowledged (JSON).

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { readCredentialsFile } from '../server/ingest/credentials';
import { INCIDENTS, type Incident } from './simulate/model';
import { startSimulator } from './simulate/simulator';

function fail(message: string): never {
  console.error(`simulate: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    incident: { type: 'string' },
    broker: { type: 'string' },
    credentials: { type: 'string' },
  },
});
const config = loadConfig();
const rate = Number(values.rate);
const duration = Number(values.duration);
if (!Number.isFinite(rate) || rate <= 0) fail(`--rate ${values.rate}: expected messages per second, more than 0`);
if (!Number.isFinite(duration) || duration <= 0) fail(`--duration ${values.duration}: expected seconds, more than 0`);
if (values.incident && !(INCIDENTS as readonly string[]).includes(values.incident))
  fail(`--incident ${values.incident}: expected one of ${INCIDENTS.join(', ')}`);
const credentialsPath =
  values.credentials ?? (config.credentialsPath || join(config.dataDir, 'device-credentials.json'));
const file = readCredentialsFile(credentialsPath);
if (!file) fail(`no credentials at ${credentialsPath}: start the server once (npm start) to provision the devices`);
const brokerUrl = values.broker ?? (config.mqttUrl || `mqtt://127.0.0.1:${config.mqttPort}`);

const sim = await startSimulator({
  brokerUrl,
  devices: file.devices,
  rate,
  incident: (values.incident as Incident | undefined) ?? null,
  log: (m) => console.error(`[simulate] ${m}`),
}).catch((err: Error) => fail(`${brokerUrl}: ${err.message}`));
console.error(
  `[simulate] ${sim.counts().devices} devices on ${brokerUrl}, ${rate} msg/s for ${duration} s${values.incident ? `, incident ${values.incident}` : ''}`,
);
const progress = setInterval(() => {
  const c = sim.counts();
  console.error(`[simulate] published ${c.published}, acknowledged ${c.acknowledged}`);
}, 5000);
const started = performance.now();
// Stopped early (Ctrl-C, or a benchmark that runs it as its own process and ends it): the counts of
// what was published so far, over the time it ran.
const stopped = await new Promise<boolean>((resolve) => {
  const timer = setTimeout(() => resolve(false), duration * 1000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      clearTimeout(timer);
      resolve(true);
    });
});
clearInterval(progress);
const counts = await sim.stop();
const ranS = stopped ? Math.round((performance.now() - started) / 100) / 10 : duration;
console.log(
  JSON.stringify({ broker: brokerUrl, rate, durationS: ranS, incident: values.incident ?? null, stopped, ...counts }),
);
process.exit(0);
