// Nothing acknowledged is lost: the server is killed (kill -9) in the middle of a QoS 1 stream and
// restarted on the same DuckDB file, a few times over; at the end every published message is stored
// exactly once. With the embedded broker (the PUBACK comes after the commit) and with mosquitto
// holding the server's persistent session (the server acknowledges after the commit).

import { dirname, join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { describe, expect, inject, it } from 'vitest';
import { telemetryTopic } from '../server/domain/telemetry';
import { provisionCredentials, readCredentialsFile } from '../server/ingest/credentials';
import { openDb } from '../server/store/db';
import { listSensors } from '../server/store/sensors';
import { copyDb } from './helpers/dataset';
import { freePort, startMosquitto } from './helpers/mosquitto';
import { type ServerProcess, startServerProcess } from './helpers/serverProcess';

const DEVICE = 'RG-01';
const reading = (ts: number) => JSON.stringify({ ts, rainfallMmH: 1.5, batteryPct: 80, signalDbm: -85 });

/** Publishes QoS 1 readings with up to `window` in flight until stopped; remembers what was acknowledged. */
function streamFrom(client: MqttClient, window = 20) {
  const base = Date.now() - 60_000;
  let next = 0;
  let inFlight = 0;
  let running = true;
  const acked = new Set<number>();
  const pump = () => {
    while (running && inFlight < window) {
      const ts = base + next++;
      inFlight++;
      client.publish(telemetryTopic(DEVICE), reading(ts), { qos: 1 }, (err) => {
        inFlight--;
        if (!err) acked.add(ts);
        pump();
      });
    }
  };
  pump();
  return {
    acked,
    published: () => next,
    waitForAcks: (n: number) => until(() => acked.size >= n),
    async stop() {
      running = false;
      await until(() => inFlight === 0);
    },
  };
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function storedTimes(dbPath: string): Promise<number[]> {
  const db = await openDb(dbPath);
  try {
    const rows = await db.all<{ t: number }>('SELECT epoch_ms(ts) AS t FROM telemetry WHERE device_id = $1', [DEVICE]);
    return rows.map((r) => Number(r.t));
  } finally {
    db.close();
  }
}

describe('kill -9 during a stream', () => {
  it('embedded broker: every acknowledged message is in DuckDB after each kill; published = stored', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    const env = { DB_PATH: dbPath, DATA_DIR: dataDir, PORT: '0', MQTT_PORT: String(await freePort()) };
    let server: ServerProcess = await startServerProcess(env);
    const password = readCredentialsFile(join(dataDir, 'device-credentials.json'))!.devices[DEVICE]!;
    const client = mqtt.connect(`mqtt://127.0.0.1:${env.MQTT_PORT}`, {
      username: DEVICE,
      password,
      clientId: 'durability-embedded',
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 100,
    });
    client.on('error', () => undefined);
    const stream = streamFrom(client);
    for (let round = 1; round <= 3; round++) {
      await stream.waitForAcks(round * 300);
      await server.kill();
      const ackedAtKill = new Set(stream.acked);
      // what was acknowledged before the kill is in the file (WAL replayed on open)
      const stored = new Set(await storedTimes(dbPath));
      for (const ts of ackedAtKill) expect(stored.has(ts)).toBe(true);
      server = await startServerProcess(env);
    }
    await stream.waitForAcks(1200);
    await stream.stop();
    await server.stop();
    client.end(true);
    const stored = await storedTimes(dbPath);
    expect(stream.acked.size).toBe(stream.published());
    expect(stored.length).toBe(stream.published()); // published = stored
    expect(new Set(stored).size).toBe(stored.length); // each once
  });

  it('mosquitto: the restarted server picks up what the broker held for its session; published = stored', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    // provision first, so mosquitto knows the accounts before the server connects
    const db = await openDb(dbPath);
    const credentials = await provisionCredentials(
      db,
      (await listSensors(db, {})).map((s) => s.id),
      join(dataDir, 'device-credentials.json'),
      new Date().toISOString(),
    );
    db.close();
    const broker = await startMosquitto(credentials);
    const env = {
      DB_PATH: dbPath,
      DATA_DIR: dataDir,
      PORT: '0',
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: 'durability-server',
    };
    let server = await startServerProcess(env);
    const client = mqtt.connect(broker.url, {
      username: DEVICE,
      password: credentials.devices[DEVICE],
      clientId: 'durability-device',
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 100,
    });
    client.on('error', () => undefined);
    const stream = streamFrom(client);
    try {
      for (let round = 1; round <= 2; round++) {
        await stream.waitForAcks(round * 400);
        await server.kill();
        await stream.waitForAcks(round * 400 + 100); // the broker keeps taking them while the server is down
        server = await startServerProcess(env);
      }
      await stream.stop();
      // A loop, not Math.max(...acked): a fast run acknowledges more values than a call can take as arguments.
      let last = -Infinity;
      for (const ts of stream.acked) if (ts > last) last = ts;
      // the server has caught up when the newest reading is its latest state
      await until(async () => (await server.api(`/sensors/${DEVICE}`)).state?.ts === new Date(last).toISOString());
      await server.stop();
      const stored = await storedTimes(dbPath);
      expect(stored.length).toBe(stream.published());
      expect(new Set(stored).size).toBe(stored.length);
    } finally {
      client.end(true);
      await server.stop().catch(() => undefined);
      await broker.stop();
    }
  });
});
