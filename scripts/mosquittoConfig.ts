// `npm run mosquitto:config -- [--out data/generated/mosquitto] [--port 1883] [--host 127.0.0.1]`
// Writes the mosquitto setup (password file, ACL, mosquitto.conf) for the provisioned devices, then
// run `mosquitto -c <out>/mosquitto.conf` and start the server with MQTT_URL=mqtt://127.0.0.1:<port>.

import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { readCredentialsFile } from '../server/ingest/credentials';
import { writeMosquittoSetup } from './mosquitto/config';

const config = loadConfig();
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    port: { type: 'string', default: '1883' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const credentialsPath = config.credentialsPath || join(config.dataDir, 'device-credentials.json');
const credentials = readCredentialsFile(credentialsPath);
if (!credentials) {
  console.error(
    `mosquitto:config: no credentials at ${credentialsPath}; start the server once (npm start) to provision the devices`,
  );
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`mosquitto:config: --port ${values.port}: expected a port number`);
  process.exit(2);
}
const conf = await writeMosquittoSetup({
  credentials,
  outDir: values.out ?? join(config.dataDir, 'mosquitto'),
  port,
  host: values.host,
  user: process.getuid?.() === 0 ? userInfo().username : undefined,
});
console.log(
  JSON.stringify({
    config: conf,
    devices: Object.keys(credentials.devices).length,
    run: `mosquitto -c ${conf}`,
    server: `MQTT_URL=mqtt://127.0.0.1:${port} npm start`,
  }),
);
