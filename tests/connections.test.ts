// Idle and slow connections are reaped, and they cannot crowd out real work: 2,000 silent sockets held
// on each port (HTTP and MQTT) while a sign-in, a page's API calls and a device's QoS 1 publish go
// through; then every silent one is closed by the server. One address cannot hold more than its cap.
// The idle sockets come from ten loopback addresses (127.0.0.2–11), 200 each, under the cap.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoUser } from '../server/auth/demoUsers';
import { loadConfig } from '../server/config';
import { telemetryTopic } from '../server/domain/telemetry';
import { type RunningServer, startServer } from '../server/main';
import { copyDb } from './helpers/dataset';

const DEADLINE_MS = 12_000;
const CAP = 300;
const IDLE_PER_PORT = 2000;
const ADDRESSES = 10;

let running: RunningServer;
let httpPort: number;
let mqttPort: number;
let demo: DemoUser[];

beforeAll(async () => {
  const dbPath = copyDb(inject('smallDataDir'));
  running = await startServer(
    { ...loadConfig(), port: 0, host: '127.0.0.1', mqttPort: 0, dataDir: dirname(dbPath), dbPath, clientDir: '' },
    { http: { headDeadlineMs: DEADLINE_MS, maxPerAddress: CAP }, mqttConnectTimeoutMs: DEADLINE_MS },
  );
  httpPort = Number(new URL(running.url).port);
  mqttPort = running.ingest!.mqttPort;
  demo = JSON.parse(readFileSync(join(dirname(dbPath), 'demo-users.json'), 'utf8')) as DemoUser[];
});
afterAll(() => running?.stop());

interface Held {
  socket: Socket;
  closed: Promise<number>;
}

/** Opens a socket from `from` that sends nothing; `closed` resolves with the time it was closed. */
function idleSocket(port: number, from: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

async function holdIdle(port: number, count: number, firstAddress: number, addresses: number): Promise<Held[]> {
  const held: Held[] = [];
  for (let i = 0; i < count; i += 100) {
    held.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, (_, k) =>
          idleSocket(port, `127.0.0.${firstAddress + ((i + k) % addresses)}`),
        ),
      )),
    );
  }
  for (const h of held) h.socket.on('error', () => undefined);
  return held;
}

async function signInAndLoadAPage(): Promise<number[]> {
  const centre = demo.find((u) => u.role === 'centre')!;
  const login = await fetch(`${running.url}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: centre.username, password: centre.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const page = [
    'overview',
    'layers/grids?level=grid',
    'layers/components',
    'stats/events/daily?days=30',
    'events?limit=50',
  ];
  const statuses = await Promise.all(
    page.map(async (path) => {
      const res = await fetch(`${running.url}api/${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  return [login.status, ...statuses];
}

async function publishAsADevice(): Promise<void> {
  const [id, password] = Object.entries(running.ingest!.credentials.devices)[0]!;
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
    username: id,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    clientId: `reap-${id}`,
  });
  try {
    await client.publishAsync(telemetryTopic(id), JSON.stringify({ ts: Date.now(), batteryPct: 90, signalDbm: -80 }), {
      qos: 1,
    });
  } finally {
    await client.endAsync();
  }
}

describe('idle connections', () => {
  it('serves a sign-in, a page and a QoS 1 publish past 2,000 idle sockets per port, then closes the idle ones', async () => {
    const openedAt = Date.now();
    const idle = [
      ...(await holdIdle(httpPort, IDLE_PER_PORT, 2, ADDRESSES)),
      ...(await holdIdle(mqttPort, IDLE_PER_PORT, 2, ADDRESSES)),
    ];
    expect(idle).toHaveLength(2 * IDLE_PER_PORT);

    const [statuses] = await Promise.all([signInAndLoadAPage(), publishAsADevice()]);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const stillHeld = idle.filter((h) => !h.socket.destroyed && h.socket.readyState === 'open').length;
    // The work went through while (nearly all of) the idle sockets were still open.
    if (Date.now() - openedAt < DEADLINE_MS) expect(stillHeld).toBeGreaterThan(IDLE_PER_PORT);

    const closedAt = await Promise.all(idle.map((h) => h.closed));
    const latest = Math.max(...closedAt) - openedAt;
    expect(latest).toBeGreaterThanOrEqual(DEADLINE_MS - 1000);
    // Closed by the server's deadline (plus the time it took to open them all and the timers' slack).
    expect(latest).toBeLessThan(DEADLINE_MS + 15_000);
  });

  it('closes the connections one address opens beyond its cap, and only those', async () => {
    const held = await holdIdle(httpPort, CAP + 5, 12, 1);
    await new Promise((r) => setTimeout(r, 1000));
    const closed = held.filter((h) => h.socket.destroyed || h.socket.readyState !== 'open').length;
    expect(closed).toBe(5);
    for (const h of held) h.socket.destroy();
  });
});
