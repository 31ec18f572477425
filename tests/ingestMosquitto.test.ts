// Live sensing through Debian's mosquitto with the shipped setup (password file, ACL): a sensor
// nobody here wrote (mosquitto_pub), the broker's refusals, and a broker restarted mid-stream that
// the server reconnects and resubscribes to by itself.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../server/config';
import { statusTopic, telemetryTopic } from '../server/domain/telemetry';
import { type Ingest, startIngest } from '../server/ingest';
import { type CredentialsFile, provisionCredentials } from '../server/ingest/credentials';
import type { Db } from '../server/store/db';
import { listSensors } from '../server/store/sensors';
import { openCopy } from './helpers/dataset';
import { MOSQUITTO_PUB, type Mosquitto, startMosquitto } from './helpers/mosquitto';

const run = promisify(execFile);
let db: Db;
let broker: Mosquitto;
let ingest: Ingest;
let credentials: CredentialsFile;

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
const rows = async (device: string) =>
  (await db.one<{ n: number }>('SELECT count(*) AS n FROM telemetry WHERE device_id = $1', [device]))!.n;
const gauge = (ts: number) => JSON.stringify({ ts, rainfallMmH: 3.5, batteryPct: 77, signalDbm: -91 });
const pub = (args: string[]) => run(MOSQUITTO_PUB, ['-h', '127.0.0.1', '-p', String(broker.port), '-q', '1', ...args]);

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  const path = join(mkdtempSync(join(tmpdir(), 'wendu-mq-')), 'device-credentials.json');
  credentials = await provisionCredentials(
    db,
    (await listSensors(db, {})).map((s) => s.id),
    path,
    new Date().toISOString(),
  );
  broker = await startMosquitto(credentials);
  ingest = await startIngest(
    db,
    {
      ...loadConfig(),
      mqttUrl: broker.url,
      mqttClientId: 'wendu-test-server',
      mqttShareGroup: '',
      credentialsPath: path,
      sensorSilenceS: 3600,
    },
    () => undefined,
  );
});
afterAll(async () => {
  await ingest.stop();
  await broker.stop();
  db.close();
});

describe('mosquitto with the shipped password file and ACL', () => {
  it('stores what mosquitto_pub sends as a device, with its own credential', async () => {
    const before = await rows('RG-02');
    await pub([
      '-u',
      'RG-02',
      '-P',
      credentials.devices['RG-02']!,
      '-t',
      telemetryTopic('RG-02'),
      '-m',
      gauge(Date.now()),
    ]);
    await pub([
      '-u',
      'RG-02',
      '-P',
      credentials.devices['RG-02']!,
      '-t',
      statusTopic('RG-02'),
      '-m',
      '{"status":"online"}',
    ]);
    await until(async () => (await rows('RG-02')) === before + 1);
    await until(() => ingest.states.get('RG-02')?.online === true);
  });

  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(pub(['-t', telemetryTopic('RG-02'), '-m', gauge(Date.now())])).rejects.toThrow(
      /not authori[sz]ed|refused/i,
    );
    await expect(
      pub(['-u', 'RG-02', '-P', 'wrong', '-t', telemetryTopic('RG-02'), '-m', gauge(Date.now())]),
    ).rejects.toThrow(/not authori[sz]ed|refused/i);
  });

  it("drops a device's message to another device's topic", async () => {
    const before = await rows('RG-03');
    const s0 = ingest.stats().received;
    await pub([
      '-u',
      'RG-04',
      '-P',
      credentials.devices['RG-04']!,
      '-t',
      telemetryTopic('RG-03'),
      '-m',
      gauge(Date.now()),
    ]);
    // a message RG-04 may send goes through after it, so the refused one would have arrived first
    await pub([
      '-u',
      'RG-04',
      '-P',
      credentials.devices['RG-04']!,
      '-t',
      telemetryTopic('RG-04'),
      '-m',
      gauge(Date.now()),
    ]);
    await until(() => ingest.stats().received === s0 + 1);
    await ingest.settle();
    expect(await rows('RG-03')).toBe(before);
  });

  it('reconnects, resubscribes and resumes by itself after the broker restarts mid-stream', async () => {
    const device = mqtt.connect(broker.url, {
      username: 'RG-05',
      password: credentials.devices['RG-05'],
      clientId: 'restart-device',
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 100,
    });
    device.on('error', () => undefined);
    const base = Date.now() - 10_000;
    const before = await rows('RG-05');
    const send = (from: number, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          device.publishAsync(telemetryTopic('RG-05'), gauge(base + from + i), { qos: 1 }),
        ),
      );
    await send(0, 200);
    await until(async () => (await rows('RG-05')) === before + 200);
    await broker.stop();
    await until(() => !ingest.stats().broker.connected);
    await broker.start();
    await send(200, 200);
    await until(async () => (await rows('RG-05')) === before + 400);
    expect(ingest.stats().broker.connected).toBe(true);
    await device.endAsync();
  });

  it('splits one stream between two servers in an MQTT 5 shared subscription', async () => {
    const dbs = [await openCopy(inject('smallDataDir')), await openCopy(inject('smallDataDir'))];
    const dir = mkdtempSync(join(tmpdir(), 'wendu-share-'));
    const writeCredentials = (i: number) => join(dir, `c${i}.json`);
    const { writeFileSync } = await import('node:fs');
    const servers: Ingest[] = [];
    for (const [i, d] of dbs.entries()) {
      writeFileSync(writeCredentials(i), JSON.stringify(credentials));
      servers.push(
        await startIngest(
          d,
          {
            ...loadConfig(),
            mqttUrl: broker.url,
            mqttClientId: `share-${i}`,
            mqttShareGroup: 'wendu',
            credentialsPath: writeCredentials(i),
            sensorSilenceS: 3600,
          },
          () => undefined,
        ),
      );
    }
    const device = await mqtt.connectAsync(broker.url, {
      username: 'RG-06',
      password: credentials.devices['RG-06'],
      protocolVersion: 4,
    });
    const base = Date.now() - 5000;
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => device.publishAsync(telemetryTopic('RG-06'), gauge(base + i), { qos: 1 })),
    );
    await until(() => servers[0]!.stats().stored + servers[1]!.stats().stored === 100);
    expect(servers[0]!.stats().stored).toBeGreaterThan(0);
    expect(servers[1]!.stats().stored).toBeGreaterThan(0);
    await device.endAsync();
    for (const s of servers) await s.stop();
    for (const d of dbs) d.close();
  });
});
