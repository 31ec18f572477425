// `npm run bench:ingest [-- --duration 10 --scale 1]`: sustained QoS 1 ingest, end to end (publish →
// validated → row in DuckDB → rules evaluated; acknowledged after the commit), with the embedded
// broker and with Debian's mosquitto, next to each broker's raw pass-through (publish → subscriber,
// nothing stored) measured in the same run; and publish-to-SSE alarm latency at a steady 5,000 msg/s.
// Publishers run in their own process. Prints JSON.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { type Config, loadConfig } from '../../server/config';
import { telemetryTopic } from '../../server/domain/telemetry';
import { startEmbeddedBroker } from '../../server/ingest/broker';
import { type RunningServer, startServer } from '../../server/main';
import { buildDataset } from '../generate/build';
import { startMosquitto } from '../mosquitto/run';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    scale: { type: 'string', default: '1' },
    window: { type: 'string', default: '64' },
    only: { type: 'string' },
  },
});
const durationS = Number(values.duration);
const scale = Number(values.scale);
const window = Number(values.window);
const log = (m: string) => console.error(`[bench] ${m}`);

// the dataset (sensors = the device registry), generated once per scale
const dataDir = join(tmpdir(), `wendu-bench-data-x${scale}`);
if (!existsSync(join(dataDir, 'wendu.duckdb'))) {
  log(`generating a scale-${scale} dataset in ${dataDir} ...`);
  await buildDataset({
    seed: 20220601,
    scale,
    today: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`,
    outDir: dataDir,
    quiet: true,
  });
}
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wendu-bench-'));
  copyFileSync(join(dataDir, 'wendu.duckdb'), join(dir, 'wendu.duckdb'));
  return dir;
}

interface PublisherResult {
  published: number;
  acked: number;
  ackedInWindow: number;
  elapsedS: number;
  ackedPerS: number;
}
/** Runs the publisher process; `onConnected` fires once all its device clients are signed in. */
function runPublisher(
  url: string,
  devices: Array<{ id: string; password: string }>,
  rate: number,
  seconds = durationS,
  onConnected?: () => void,
): Promise<PublisherResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench/publisher.ts',
        JSON.stringify({ url, devices, durationS: seconds, rate, window }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      if (onConnected && out.includes('"connected"')) {
        onConnected();
        onConnected = undefined;
      }
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`publisher exited ${code}`)),
    );
  });
}

async function startPlatform(dir: string, extra: Partial<Config> = {}): Promise<RunningServer> {
  return startServer({
    ...loadConfig(),
    port: 0,
    mqttPort: 0,
    dataDir: dir,
    dbPath: join(dir, 'wendu.duckdb'),
    credentialsPath: '',
    sensorSilenceS: 3600,
    liveIntervalMs: 1000,
    ...extra,
  });
}
const devicesOf = (s: RunningServer) =>
  Object.entries(s.ingest!.credentials.devices).map(([id, password]) => ({ id, password }));

/** Messages a plain subscriber receives per second while the publisher runs. */
async function passThrough(
  url: string,
  subscriber: { username?: string; password?: string },
  devices: Array<{ id: string; password: string }>,
) {
  const sub = await mqtt.connectAsync(url, { ...subscriber, protocolVersion: 4, clientId: `bench-sub-${Date.now()}` });
  let received = 0;
  sub.on('message', () => received++);
  await sub.subscribeAsync('wendu/v1/devices/+/telemetry', { qos: 1 });
  const pub = await runPublisher(url, devices, 0);
  await sub.endAsync(true);
  return { msgPerS: Math.round(received / pub.elapsedS), publisherAckedPerS: pub.ackedPerS, received };
}

const result: Record<string, unknown> = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  durationS,
  window,
};

const phases = new Set((values.only ?? 'embedded,mosquitto,alarm').split(','));

// 1. embedded broker
if (phases.has('embedded')) {
  const dir = freshDataDir();
  const server = await startPlatform(dir);
  const devices = devicesOf(server);
  result.dataset = { scale, sensors: devices.length };
  log(`embedded, end to end: ${devices.length} device clients, ${window} in flight each, ${durationS} s ...`);
  const pub = await runPublisher(server.ingest!.brokerUrl, devices, 0);
  await server.ingest!.settle();
  const s = server.ingest!.stats();
  await server.stop();
  log('embedded, pass-through ...');
  const bare = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', accounts: null, pipeline: null });
  const raw = await passThrough(`mqtt://127.0.0.1:${bare.port}`, {}, devices);
  await bare.close();
  result.embedded = {
    endToEndMsgPerS: pub.ackedPerS,
    passThroughMsgPerS: raw.msgPerS,
    stored: s.stored,
    rejected: s.rejected.total,
    duplicates: s.duplicates,
    flushes: s.flushes,
    meanBatch: Math.round(s.stored / Math.max(1, s.flushes)),
  };
}

// 2. mosquitto
if (phases.has('mosquitto')) {
  const dir = freshDataDir();
  // provision through a first start, then run the server against mosquitto
  const first = await startPlatform(dir, { ingest: true });
  const credentials = first.ingest!.credentials;
  await first.stop();
  const broker = await startMosquitto(credentials);
  const devices = Object.entries(credentials.devices).map(([id, password]) => ({ id, password }));
  log('mosquitto, pass-through ...');
  const raw = await passThrough(broker.url, credentials.server, devices);
  log('mosquitto, end to end ...');
  const server = await startPlatform(dir, { mqttUrl: broker.url, mqttClientId: `bench-server-${Date.now()}` });
  const ingest = server.ingest!;
  const stored0 = ingest.stats().stored;
  const t0 = Date.now();
  const pub = await runPublisher(broker.url, devices, 0);
  const atEnd = ingest.stats().stored - stored0;
  const seconds = (Date.now() - t0) / 1000;
  // then let it drain: everything the broker acknowledged ends up stored
  const drainStart = Date.now();
  while (ingest.stats().stored - stored0 < pub.acked && Date.now() - drainStart < 60_000)
    await new Promise((r) => setTimeout(r, 50));
  const drained = ingest.stats().stored - stored0;
  const drainS = (Date.now() - t0) / 1000;
  await server.stop();
  await broker.stop();
  result.mosquitto = {
    version: '2.0.11',
    endToEndMsgPerS: Math.round(drained / drainS),
    storedWhilePublishingPerS: Math.round(atEnd / seconds),
    passThroughMsgPerS: raw.msgPerS,
    brokerAckedPerS: pub.ackedPerS,
    published: pub.published,
    stored: drained,
  };
}

// 3. alarm latency at a steady 5,000 msg/s, publish → SSE
if (phases.has('alarm')) {
  const dir = freshDataDir();
  const server = await startPlatform(dir, { liveIntervalMs: 1000 });
  const ingest = server.ingest!;
  const devices = devicesOf(server);
  const trigger = devices.find((d) => d.id.startsWith('MH'))!;
  const users = JSON.parse(readFileSync(join(dir, 'demo-users.json'), 'utf8')) as Array<{
    role: string;
    username: string;
    password: string;
  }>;
  const screen = users.find((u) => u.role === 'screen')!;
  const login = await fetch(`${server.url}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: screen.username, password: screen.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${server.url}api/live`, { headers: { cookie } });
  const sent: number[] = [];
  const latencies: number[] = [];
  let k = 0;
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let cut: number;
      for (cut = buf.indexOf('\n\n'); cut >= 0; cut = buf.indexOf('\n\n')) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        if (!block.includes('event: alarm')) continue;
        const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!);
        if (
          data.deviceId === trigger.id &&
          data.rule === 'manhole.water-high' &&
          data.status === 'raised' &&
          sent[k] !== undefined
        )
          latencies.push(Date.now() - sent[k++]!);
      }
    }
  })();
  const dev = await mqtt.connectAsync(ingest.brokerUrl, {
    username: trigger.id,
    password: trigger.password,
    protocolVersion: 4,
  });
  log('alarm latency at 5,000 msg/s ...');
  let connected!: () => void;
  const allConnected = new Promise<void>((r) => (connected = r));
  const load = runPublisher(
    ingest.brokerUrl,
    devices.filter((d) => d.id !== trigger.id),
    5000,
    durationS,
    connected,
  );
  await allConnected;
  await new Promise((r) => setTimeout(r, 1000)); // steady
  let ts = Date.now() - 30_000;
  const end = Date.now() + (durationS - 3) * 1000;
  let high = false;
  while (Date.now() < end) {
    high = !high;
    const body = `{"ts":${++ts},"waterLevelM":${high ? 2.5 : 0.4},"coverTiltDeg":1,"coverOpen":false,"ch4Lel":1,"h2sPpm":0.4,"batteryPct":88,"signalDbm":-80}`;
    if (high) sent.push(Date.now());
    await dev.publishAsync(telemetryTopic(trigger.id), body, { qos: 1 });
    await new Promise((r) => setTimeout(r, 20));
  }
  const loadResult = await load;
  await new Promise((r) => setTimeout(r, 500));
  await dev.endAsync();
  await server.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
  result.alarmLatencyMs = {
    loadMsgPerS: loadResult.ackedPerS,
    alarms: sorted.length,
    raisesSent: sent.length,
    p50: q(0.5),
    p99: q(0.99),
    max: sorted.at(-1) ?? null,
  };
}

console.log(JSON.stringify(result, null, 2));
process.exit(0);
