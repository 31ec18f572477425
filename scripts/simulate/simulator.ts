// The sensor simulator (传感器模拟器): one MQTT client per registered device, signing in with the
// device's own credential, announcing "online" (its last will says "offline"), and publishing QoS 1
// telemetry at the chosen total rate, round robin. Counts what it published and what the broker
// acknowledged.
import mqtt, { type MqttClient } from 'mqtt';
import { statusTopic, telemetryTopic } from '../../server/domain/telemetry';
import { calmScene, type DeviceModel, type Incident, kindOf, newDevice, reading, type Scene } from './model';

export interface SimulatorOptions {
  brokerUrl: string;
  /** device id → password (data/generated/device-credentials.json). */
  devices: Record<string, string>;
  /** Messages per second, all devices together. */
  rate: number;
  incident?: Incident | null;
  /** Seconds the rainstorm takes to build up. */
  stormRampS?: number;
  random?: () => number;
  log?: (msg: string) => void;
}

export interface SimulatorCounts {
  devices: number;
  published: number;
  acknowledged: number;
  failed: number;
}

export interface Simulator {
  counts(): SimulatorCounts;
  /** Starts an incident now. */
  trigger(incident: Incident): void;
  /** Stops publishing, waits for the outstanding acknowledgements (up to `waitMs`), disconnects. */
  stop(waitMs?: number): Promise<SimulatorCounts>;
}

const TICK_MS = 50;

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const random = opts.random ?? Math.random;
  const models: DeviceModel[] = [];
  for (const id of Object.keys(opts.devices).sort()) {
    const kind = kindOf(id);
    if (kind) models.push(newDevice(id, kind, random));
  }
  if (models.length === 0) throw new Error('no devices to simulate (is the credentials file empty?)');
  const scene: Scene = calmScene();
  let stormStartedAt = 0;
  const counts: SimulatorCounts = { devices: models.length, published: 0, acknowledged: 0, failed: 0 };

  const clients = new Map<string, MqttClient>();
  await Promise.all(
    models.map(async (d) => {
      const c = await mqtt.connectAsync(opts.brokerUrl, {
        clientId: `sim-${d.id}`,
        username: d.id,
        password: opts.devices[d.id],
        protocolVersion: 4,
        reconnectPeriod: 1000,
        will: { topic: statusTopic(d.id), payload: Buffer.from('{"status":"offline"}'), qos: 1, retain: true },
      });
      c.on(
        'connect',
        () =>
          void c.publish(statusTopic(d.id), JSON.stringify({ status: 'online', ts: Date.now() }), {
            qos: 1,
            retain: true,
          }),
      );
      c.on('error', (err) => opts.log?.(`${d.id}: ${err.message}`));
      await c.publishAsync(statusTopic(d.id), JSON.stringify({ status: 'online', ts: Date.now() }), {
        qos: 1,
        retain: true,
      });
      clients.set(d.id, c);
    }),
  );

  const trigger = (incident: Incident) => {
    const manholes = models.filter((m) => m.kind === 'manhole');
    const pick = (k: number) => (manholes.length ? manholes[k % manholes.length]!.id : null);
    if (incident === 'rainstorm') stormStartedAt = Date.now();
    if (incident === 'cover-open') scene.coverOpen = pick(0);
    if (incident === 'gas-leak') scene.gasLeak = pick(1);
    if (incident === 'silence') scene.silent = pick(2) ?? models[0]!.id;
    opts.log?.(`incident: ${incident}`);
  };
  if (opts.incident) trigger(opts.incident);

  let next = 0;
  let owed = 0;
  let outstanding = 0;
  let lastTick = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    owed += ((now - lastTick) / 1000) * opts.rate;
    lastTick = now;
    if (stormStartedAt) scene.storm = Math.min(1, (now - stormStartedAt) / 1000 / (opts.stormRampS ?? 20));
    // never more than a second's worth queued in the clients
    if (outstanding > Math.max(100, opts.rate)) return;
    while (owed >= 1) {
      owed--;
      const d = models[next++ % models.length]!;
      if (scene.silent === d.id) continue;
      const c = clients.get(d.id)!;
      counts.published++;
      outstanding++;
      c.publish(telemetryTopic(d.id), JSON.stringify(reading(d, scene, now, random)), { qos: 1 }, (err) => {
        outstanding--;
        if (err) counts.failed++;
        else counts.acknowledged++;
      });
    }
  }, TICK_MS);

  return {
    counts: () => ({ ...counts }),
    trigger,
    async stop(waitMs = 10_000) {
      clearInterval(timer);
      const until = Date.now() + waitMs;
      while (outstanding > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      // a clean disconnect: the broker discards the last will
      await Promise.all([...clients.values()].map((c) => c.endAsync()));
      return { ...counts };
    },
  };
}
