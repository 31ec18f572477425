// Graceful shutdown (systemd's stop is SIGTERM): in the middle of a QoS 1 burst the server stops
// taking messages, commits what it holds and exits 0; every acknowledged message is in the file, and
// after a restart the device's unacknowledged ones arrive again: published = stored, each once.
import { dirname, join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, inject, it } from 'vitest';
import { readCredentialsFile } from '../server/ingest/credentials';
import { openDb } from '../server/store/db';
import { copyDb } from './helpers/dataset';
import { freePort } from './helpers/mosquitto';
import { startServerProcess } from './helpers/serverProcess';
import { publishSteadily, until } from './helpers/steadyPublisher';

const DEVICE = 'RG-02';

async function storedTimes(dbPath: string): Promise<number[]> {
  const db = await openDb(dbPath, { readOnly: true });
  try {
    const rows = await db.all<{ t: number }>('SELECT epoch_ms(ts) AS t FROM telemetry WHERE device_id = $1', [DEVICE]);
    return rows.map((r) => Number(r.t));
  } finally {
    db.close();
  }
}

describe('SIGTERM mid-burst', () => {
  it('drains and commits what was acknowledged, exits 0, and loses nothing', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    const env = { DB_PATH: dbPath, DATA_DIR: dataDir, PORT: '0', MQTT_PORT: String(await freePort()) };
    let server = await startServerProcess(env);
    const password = readCredentialsFile(join(dataDir, 'device-credentials.json'))!.devices[DEVICE]!;
    const client = mqtt.connect(`mqtt://127.0.0.1:${env.MQTT_PORT}`, {
      username: DEVICE,
      password,
      clientId: 'shutdown-device',
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 100,
    });
    client.on('error', () => undefined);
    const burst = publishSteadily(client, DEVICE, 1000);
    try {
      await until(() => burst.acked.size >= 300);
      // the device keeps publishing through the shutdown; it stops once the server is gone
      expect(await server.stop()).toBe(0);
      burst.halt();
      const ackedAtStop = [...burst.acked.keys()];
      const stored = new Set(await storedTimes(dbPath));
      expect(ackedAtStop.filter((ts) => !stored.has(ts))).toEqual([]);
      expect(server.logs()).toMatch(/"msg":"stopped"/);

      server = await startServerProcess(env);
      // what was in flight or queued at the stop is sent again to the restarted server
      await until(() => burst.acked.size === burst.published(), 120_000);
      const all = await (async () => {
        await server.stop();
        return storedTimes(dbPath);
      })();
      expect(all.length).toBe(burst.published());
      expect(new Set(all).size).toBe(all.length);
    } finally {
      client.end(true);
      await server.stop().catch(() => undefined);
    }
  }, 240_000);
});
