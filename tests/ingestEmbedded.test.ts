// Live sensing end to end with the embedded broker (aedes on a free loopback port) and a real DuckDB
// copy: device accounts, storage, duplicates, rejects, garbage (fast-check), alarms to SSE and to
// events, and the sensing routes.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSimulator } from '../scripts/simulate/simulator';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import type { Role } from '../server/domain/access';
import type { LiveEvent } from '../server/domain/live';
import { statusTopic, telemetryTopic } from '../server/domain/telemetry';
import { type Ingest, startIngest } from '../server/ingest';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';

let db: Db;
let ingest: Ingest;
let app: ReturnType<typeof createApp>;
let cookie: string;
let cookies: Map<Role, string>;
const clients: MqttClient[] = [];

const manholeReading = (ts: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ts,
    waterLevelM: 0.4,
    coverTiltDeg: 1,
    coverOpen: false,
    ch4Lel: 1,
    h2sPpm: 0.3,
    batteryPct: 90,
    signalDbm: -80,
    ...extra,
  });

async function device(id: string, password = ingest.credentials.devices[id]!): Promise<MqttClient> {
  const c = await mqtt.connectAsync(ingest.brokerUrl, {
    username: id,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    clientId: `t-${id}-${clients.length}`,
  });
  clients.push(c);
  return c;
}
const count = async (sql: string, params: (string | number)[] = []) => (await db.one<{ n: number }>(sql, params))!.n;

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  const dir = mkdtempSync(join(tmpdir(), 'wendu-ingest-'));
  ingest = await startIngest(
    db,
    {
      ...loadConfig(),
      mqttUrl: '',
      mqttPort: 0,
      mqttHost: '127.0.0.1',
      credentialsPath: join(dir, 'device-credentials.json'),
      sensorSilenceS: 3600,
      liveIntervalMs: 50,
    },
    () => undefined,
  );
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now(), ingest });
  cookies = (await signInEveryRole(app, db)).cookies;
  cookie = cookies.get('centre')!;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await ingest.stop();
  db.close();
});

describe('device accounts on the embedded broker', () => {
  it('provisions one hashed account per sensor and writes the passwords file', async () => {
    const sensors = await count('SELECT count(*) AS n FROM sensors');
    expect(Object.keys(ingest.credentials.devices)).toHaveLength(sensors);
    const rows = await db.all<{ password_hash: string }>(
      "SELECT password_hash FROM mqtt_accounts WHERE role = 'device'",
    );
    expect(rows).toHaveLength(sensors);
    // the one password format (auth/passwords.ts), a salt of its own each
    // generated secrets: a salted SHA-256 each (auth/machineSecrets.ts), every salt its own
    for (const r of rows) expect(r.password_hash).toMatch(/^sha256\$[\w-]{22}\$[\w-]{43}$/);
    expect(new Set(rows.map((r) => r.password_hash.split('$')[1])).size).toBe(sensors);
    const passwords = Object.values(ingest.credentials.devices);
    expect(rows.some((r) => passwords.some((p) => r.password_hash.includes(p)))).toBe(false);
  });

  it('refuses anonymous clients', async () => {
    await expect(mqtt.connectAsync(ingest.brokerUrl, { protocolVersion: 4, reconnectPeriod: 0 })).rejects.toThrow(
      /authori[sz]ed/i,
    );
  });

  it('refuses a wrong password', async () => {
    await expect(device('RG-01', 'not-the-password')).rejects.toThrow(/bad user|authori[sz]ed/i);
  });

  it("refuses a device publishing to another device's topic (and stores nothing)", async () => {
    const c = await device('RG-01');
    const before = await count("SELECT count(*) AS n FROM telemetry WHERE device_id = 'RG-02'");
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.publish(
      telemetryTopic('RG-02'),
      JSON.stringify({ ts: Date.now(), rainfallMmH: 1, batteryPct: 80, signalDbm: -80 }),
      { qos: 1 },
    );
    await closed; // the broker drops the connection
    await ingest.settle();
    expect(await count("SELECT count(*) AS n FROM telemetry WHERE device_id = 'RG-02'")).toBe(before);
  });
});

describe('ingest', () => {
  it('stores readings once, keeps rejects with their reason, and counts all of it', async () => {
    const c = await device('MH-0001');
    const s0 = ingest.stats();
    const t = Date.now();
    await c.publishAsync(telemetryTopic('MH-0001'), manholeReading(t), { qos: 1 });
    await c.publishAsync(telemetryTopic('MH-0001'), manholeReading(t + 1), { qos: 1 });
    await c.publishAsync(telemetryTopic('MH-0001'), manholeReading(t), { qos: 1 }); // duplicate
    await c.publishAsync(telemetryTopic('MH-0001'), '{"ts":', { qos: 1 }); // malformed
    await c.publishAsync(telemetryTopic('MH-0001'), manholeReading(t + 2, { batteryPct: 140 }), { qos: 1 }); // out of range
    await c.publishAsync(telemetryTopic('MH-0001'), 'x'.repeat(5000), { qos: 1 }); // oversized
    await c.publishAsync(telemetryTopic('MH-0001'), manholeReading(t + 3, { extra: 1 }), { qos: 1 }); // invalid
    await c.publishAsync(statusTopic('MH-0001'), JSON.stringify({ status: 'online' }), { qos: 1 });
    // acknowledged means committed: no waiting needed
    expect(
      await count('SELECT count(*) AS n FROM telemetry WHERE device_id = $1 AND ts >= epoch_ms($2::BIGINT)', [
        'MH-0001',
        t,
      ]),
    ).toBe(2);
    const res = await call(app, 'GET', '/api/ingest/stats', { cookie });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.received - s0.received).toBe(8);
    expect(s.stored - s0.stored).toBe(2);
    expect(s.duplicates - s0.duplicates).toBe(1);
    expect(s.statusReports - s0.statusReports).toBe(1);
    for (const reason of ['malformed', 'out_of_range', 'oversized', 'invalid'] as const)
      expect(s.rejected.byReason[reason] - s0.rejected.byReason[reason]).toBe(1);
    expect(s.bufferDepth).toBe(0);
    const rejects = await db.all<{ reason: string; detail: string }>(
      'SELECT reason, detail FROM ingest_rejects WHERE device_id = $1',
      ['MH-0001'],
    );
    expect(rejects.map((r) => r.reason).sort()).toEqual(['invalid', 'malformed', 'out_of_range', 'oversized']);
    expect(rejects.find((r) => r.reason === 'out_of_range')!.detail).toMatch(/batteryPct/);
  });

  it('rejects, counts and survives arbitrary garbage payloads (property)', async () => {
    const c = await device('MH-0002');
    const s0 = ingest.stats();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.json({ maxDepth: 3 }).map((j) => Buffer.from(j)),
          fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
        ),
        async (payload) => {
          sent++;
          await c.publishAsync(telemetryTopic('MH-0002'), Buffer.from(payload), { qos: 1 });
        },
      ),
      { numRuns: 150 },
    );
    const s = ingest.stats();
    expect(s.received - s0.received).toBe(sent);
    expect(s.rejected.total - s0.rejected.total).toBe(sent);
    expect(s.stored - s0.stored).toBe(0);
    // and the pipeline goes on
    await c.publishAsync(telemetryTopic('MH-0002'), manholeReading(Date.now()), { qos: 1 });
    expect(ingest.stats().stored - s.stored).toBe(1);
  });
});

/** Reads the SSE stream until `pick` finds what it waits for. */
async function readLive<T>(pick: (event: string, data: any) => T | undefined, as = cookie): Promise<T> {
  const res = await app.request('/api/live', { headers: { cookie: as } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      for (cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) {
          const found = pick(event, JSON.parse(data));
          if (found !== undefined) return found;
        }
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('alarms, events and the live stream', () => {
  it('a scripted incident raises an alarm that reaches the SSE stream and creates one event', async () => {
    const manholes = Object.fromEntries(
      Object.entries(ingest.credentials.devices).filter(([id]) => id.startsWith('MH')),
    );
    const alarmSeen = readLive((event, data) =>
      event === 'alarm' && data.rule === 'manhole.cover-open' && data.status === 'raised' ? data : undefined,
    );
    const eventSeen = readLive((event, data) => (event === 'event' && data.itemCode === '060101' ? data : undefined));
    const sensorsSeen = readLive((event, data) =>
      event === 'sensors' && Array.isArray(data) && data.length > 0 ? data : undefined,
    );
    await new Promise((r) => setTimeout(r, 50));
    const sim = await startSimulator({
      brokerUrl: ingest.brokerUrl,
      devices: manholes,
      rate: 200,
      incident: 'cover-open',
    });
    const [alarm, event, sensors] = await Promise.all([alarmSeen, eventSeen, sensorsSeen]);
    await sim.stop();
    await ingest.settle();
    expect(alarm.itemCode).toBe('060101');
    expect(event.id).toBe(alarm.eventId);
    expect(sensors[0]).toHaveProperty('values');
    const events = await db.all<{ source: string; item_code: string; status: string }>(
      'SELECT source, item_code, status FROM events WHERE id = $1',
      [alarm.eventId],
    );
    expect(events).toEqual([{ source: 'sensor', item_code: '060101', status: 'reported' }]);
    expect(await count('SELECT count(*) AS n FROM event_steps WHERE event_id = $1', [alarm.eventId])).toBe(1);
    // one event per alarm, and only one open cover-open alarm for the device
    expect(
      await count("SELECT count(*) AS n FROM alarms WHERE rule = 'manhole.cover-open' AND device_id = $1", [
        alarm.deviceId,
      ]),
    ).toBe(1);
    expect(await count("SELECT count(*) AS n FROM events WHERE source = 'sensor' AND id LIKE 'ES%'")).toBe(
      await count('SELECT count(*) AS n FROM alarms'),
    );

    // acknowledge, once
    const ack = await call(app, 'POST', `/api/alarms/${alarm.id}/acknowledge`, { cookie });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(ack.body.acknowledgedBy).toBeTruthy();
    expect((await call(app, 'POST', `/api/alarms/${alarm.id}/acknowledge`, { cookie })).status).toBe(409);
    expect((await call(app, 'POST', '/api/alarms/AL9999999/acknowledge', { cookie })).status).toBe(404);
    const one = await call(app, 'GET', `/api/alarms/${alarm.id}`, { cookie });
    expect([one.status, one.body.id, one.body.status]).toEqual([200, alarm.id, 'acknowledged']);
    expect((await call(app, 'GET', '/api/alarms/AL9999999', { cookie })).status).toBe(404);
    const open = await call(app, 'GET', `/api/alarms?status=open&deviceId=${alarm.deviceId}`, { cookie });
    expect(open.body.map((a: { id: string }) => a.id)).toContain(alarm.id);
  });
});

describe("the live stream follows the reader's scope", () => {
  it('a new event reaches city-wide readers, the grid worker of its grid and its department only', async () => {
    const worker = (await db.one<{ id: string }>("SELECT unit_id AS id FROM users WHERE username = 'gridworker'"))!.id;
    // a grid outside the worker's community
    const elsewhere = (await db.one<{ id: string }>(
      "SELECT g.id FROM admin_units g, admin_units w WHERE w.id = $1 AND g.level = 'grid' AND g.parent_id <> w.parent_id ORDER BY g.id LIMIT 1",
      [worker],
    ))!.id;
    const event = (id: string, gridId: string, departmentId: string): LiveEvent => ({
      id,
      gridId,
      departmentId,
      itemCode: '060101',
      source: 'sensor',
      status: 'reported',
      position: [116.95, 31.05],
      reportedAt: '2026-11-01T08:00:00.000Z',
      deadlineAt: '2026-11-01T10:00:00.000Z',
      description: 'test',
    });
    // each reader collects the test events it is sent, until the last one (sent to everyone) arrives
    const opened: Promise<void>[] = [];
    const heard = (role: Role) => {
      const ids: string[] = [];
      let ready!: () => void;
      opened.push(new Promise<void>((r) => (ready = r)));
      return readLive((name, data) => {
        if (name === 'ready') ready();
        if (name !== 'event' || !String(data.id).startsWith('ESX')) return undefined;
        ids.push(data.id);
        return data.id === 'ESX0000009' ? ids : undefined;
      }, cookies.get(role)!);
    };
    const readers = (['centre', 'gridworker', 'department', 'community', 'admin'] as const).map(
      (r) => [r, heard(r)] as const,
    );
    // the streams are open (each has had its `ready`; the administrator's too — it hears no case)
    await Promise.all(opened);
    ingest.live.publish('event', event('ESX0000001', worker, 'D07'));
    ingest.live.publish('event', event('ESX0000002', elsewhere, 'D02'));
    ingest.live.publish('event', event('ESX0000003', 'G-NO-SUCH-GRID', 'D07'));
    // the last is in everyone's scope: the grid worker's grid, department D02
    ingest.live.publish('event', event('ESX0000009', worker, 'D02'));
    const got = Object.fromEntries(
      await Promise.all(
        readers.map(async ([r, p]) => [
          r,
          await Promise.race([p, new Promise((res) => setTimeout(() => res('nothing'), 3000))]),
        ]),
      ),
    );
    expect(got.centre).toEqual(['ESX0000001', 'ESX0000002', 'ESX0000003', 'ESX0000009']);
    expect(got.gridworker).toEqual(['ESX0000001', 'ESX0000009']);
    expect(got.community).toEqual(['ESX0000001', 'ESX0000009']); // the worker's grid is in the demo community
    expect(got.department).toEqual(['ESX0000002', 'ESX0000009']);
    expect(got.admin).toBe('nothing'); // the administrator may not see cases at all
  });
});

describe('sensing routes', () => {
  it('GET /api/sensors/state lists every sensor with its latest state', async () => {
    const res = await call(app, 'GET', '/api/sensors/state', { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(ingest.registry.size);
    const mh = res.body.find((s: { id: string }) => s.id === 'MH-0001');
    expect(mh.state.online).toBe(true);
    expect(mh.state.values.waterLevelM).toBeTypeOf('number');
  });

  it('GET /api/sensors/:id and its per-minute series', async () => {
    const one = await call(app, 'GET', '/api/sensors/MH-0001', { cookie });
    expect(one.status).toBe(200);
    expect(one.body.metrics.map((m: { metric: string }) => m.metric)).toContain('ch4Lel');
    const series = await call(app, 'GET', '/api/sensors/MH-0001/series?metrics=waterLevelM,batteryPct', { cookie });
    expect(series.status).toBe(200);
    expect(series.body.points.length).toBeGreaterThan(0);
    const p = series.body.points.at(-1);
    expect(p.values.waterLevelM.avg).toBeTypeOf('number');
    expect(p.samples).toBeGreaterThan(0);
    expect((await call(app, 'GET', '/api/sensors/MH-0001/series?metrics=rainfallMmH', { cookie })).status).toBe(400);
    const missing = await call(app, 'GET', '/api/sensors/MH-9999', { cookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('GET /api/cameras/covering lists covering cameras nearest first with a viewpoint', async () => {
    const cam = (await db.one<{ lon: number; lat: number; heading_deg: number; id: string }>(
      'SELECT id, lon, lat, heading_deg FROM cameras WHERE online ORDER BY id LIMIT 1',
    ))!;
    // 20 m in front of the camera
    const r = (cam.heading_deg * Math.PI) / 180;
    const lat = cam.lat + (20 * Math.cos(r)) / 111_195;
    const lon = cam.lon + (20 * Math.sin(r)) / (111_195 * Math.cos((cam.lat * Math.PI) / 180));
    const res = await call(app, 'GET', `/api/cameras/covering?lon=${lon}&lat=${lat}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.cameras.map((c: { id: string }) => c.id)).toContain(cam.id);
    const d = res.body.cameras.map((c: { distanceM: number }) => c.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(res.body.best.viewpoint.pitchDeg).toBeLessThan(0);
    expect((await call(app, 'GET', '/api/cameras/covering?lon=200&lat=31', { cookie })).status).toBe(400);
  });
});
