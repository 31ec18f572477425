// A device publishing QoS 1 readings at a steady rate, remembering which were acknowledged and when.
import type { MqttClient } from 'mqtt';
import { telemetryTopic } from '../../server/domain/telemetry';

export interface SteadyPublisher {
  /** Reading timestamps (epoch ms, one per message) whose PUBACK came, with the moment it came. */
  acked: Map<number, number>;
  published(): number;
  /** Stops publishing; what is in flight may still be acknowledged. */
  halt(): void;
  /** Stops publishing and waits (up to 30 s) for the PUBACKs of what is in flight. */
  stop(): Promise<void>;
}

export function publishSteadily(client: MqttClient, deviceId: string, perSecond: number): SteadyPublisher {
  const base = Date.now() - 3_600_000;
  let next = 0;
  let inFlight = 0;
  const acked = new Map<number, number>();
  const tickMs = 20;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const ts = base + next++;
      inFlight++;
      const payload = JSON.stringify({ ts, rainfallMmH: 1.5, batteryPct: 80, signalDbm: -85 });
      client.publish(telemetryTopic(deviceId), payload, { qos: 1 }, (err) => {
        inFlight--;
        if (!err) acked.set(ts, Date.now());
      });
    }
  }, tickMs);
  return {
    acked,
    published: () => next,
    halt: () => clearInterval(timer),
    async stop() {
      clearInterval(timer);
      const end = Date.now() + 30_000;
      while (inFlight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
