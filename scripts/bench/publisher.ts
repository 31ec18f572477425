// Benchmark publisher, run in its own process (one process of mqtt.js clients tops out near
// 20,000 msg/s; DESIGN.md): one client per device, QoS 1, up to `window` messages in flight each,
// as fast as acknowledged or at a steady total `rate`. Prints JSON when done.
import mqtt, { type MqttClient } from 'mqtt';
import { telemetryTopic } from '../../server/domain/telemetry';

interface Options {
  url: string;
  devices: Array<{ id: string; password: string }>;
  durationS: number;
  /** Messages per second in total; 0: as fast as the broker acknowledges. */
  rate: number;
  window: number;
}

const opts = JSON.parse(process.argv[2]!) as Options;
const payload = (id: string, ts: number) =>
  id.startsWith('MH')
    ? `{"ts":${ts},"waterLevelM":0.42,"coverTiltDeg":1.1,"coverOpen":false,"ch4Lel":1.2,"h2sPpm":0.4,"batteryPct":87.5,"signalDbm":-83}`
    : id.startsWith('RG')
      ? `{"ts":${ts},"rainfallMmH":0.5,"batteryPct":87.5,"signalDbm":-83}`
      : `{"ts":${ts},"riverLevelM":2.1,"batteryPct":87.5,"signalDbm":-83}`;

const clients: Array<{ id: string; c: MqttClient; inFlight: number; lastTs: number }> = [];
await Promise.all(
  opts.devices.map(async (d) => {
    const c = await mqtt.connectAsync(opts.url, {
      username: d.id,
      password: d.password,
      clientId: `bench-${d.id}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push({ id: d.id, c, inFlight: 0, lastTs: Date.now() - 120_000 });
  }),
);

process.stdout.write(`${JSON.stringify({ connected: clients.length })}\n`); // the bench waits for this line
let published = 0,
  acked = 0,
  ackedInWindow = 0,
  running = true;
const started = Date.now();
const end = started + opts.durationS * 1000;

function send(k: (typeof clients)[number]): void {
  k.inFlight++;
  published++;
  const ts = Math.max(Date.now() - 60_000, k.lastTs + 1); // unique per device
  k.lastTs = ts;
  k.c.publish(telemetryTopic(k.id), payload(k.id, ts), { qos: 1 }, (err) => {
    k.inFlight--;
    if (!err) {
      acked++;
      if (Date.now() <= end) ackedInWindow++;
    }
    if (running && opts.rate === 0) send(k);
  });
}

if (opts.rate === 0) {
  for (const k of clients) for (let i = 0; i < opts.window; i++) send(k);
} else {
  let owed = 0,
    last = Date.now(),
    next = 0;
  const t = setInterval(() => {
    const now = Date.now();
    owed += ((now - last) / 1000) * opts.rate;
    last = now;
    while (owed >= 1 && running) {
      owed--;
      const k = clients[next++ % clients.length]!;
      if (k.inFlight < opts.window) send(k);
    }
  }, 5);
  setTimeout(() => clearInterval(t), opts.durationS * 1000);
}
await new Promise((r) => setTimeout(r, opts.durationS * 1000));
running = false;
const elapsedS = (Date.now() - started) / 1000;
const until = Date.now() + 10_000;
while (clients.some((k) => k.inFlight > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
await Promise.all(clients.map((k) => k.c.endAsync(true)));
console.log(
  JSON.stringify({ published, acked, ackedInWindow, elapsedS, ackedPerS: Math.round(ackedInWindow / elapsedS) }),
);
process.exit(0);
