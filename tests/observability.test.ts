// What a service is watched with: JSON logs with a request id and one access line per request, and
// never a password, token, identity number or phone in any line; Prometheus metrics at /metrics for
// this machine or a bearer token; readiness that falls when the external broker goes and comes back.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { telemetryTopic } from '../server/domain/telemetry';
import { provisionCredentials, readCredentialsFile } from '../server/ingest/credentials';
import { createLogger } from '../server/ops/logger';
import { createMetrics } from '../server/ops/metrics';
import { openDb } from '../server/store/db';
import { listSensors } from '../server/store/sensors';
import { copyDb, openCopy } from './helpers/dataset';
import { freePort, startMosquitto } from './helpers/mosquitto';
import { startServerProcess } from './helpers/serverProcess';
import { until } from './helpers/steadyPublisher';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('logs and metrics of a run', () => {
  it('logs JSON with request ids, one access line per request, and no secret or personal datum', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    const env = {
      DB_PATH: dbPath,
      DATA_DIR: dataDir,
      PORT: '0',
      MQTT_PORT: String(await freePort()),
      METRICS_TOKEN: TOKEN,
    };
    const server = await startServerProcess(env);
    const secrets: string[] = [TOKEN];
    try {
      const demo = JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as Array<{
        role: string;
        password: string;
      }>;
      secrets.push(...demo.map((u) => u.password));
      const post = (path: string, json: unknown, cookie?: string) =>
        fetch(`${server.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(json),
        });
      // a wrong password, then a right one: neither may be logged, nor the session token
      secrets.push('Wrong-Password-123');
      expect((await post('/auth/login', { username: 'admin', password: 'Wrong-Password-123' })).status).toBe(401);
      const admin = demo.find((u) => u.role === 'admin') as { username: string; password: string } & { role: string };
      const login = await post('/auth/login', { username: admin.username, password: admin.password });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      secrets.push(cookie.split('=')[1]!);
      expect(login.headers.get('x-request-id')).toMatch(/\S/);
      // an account with its one-time password, then its own new password
      const created: any = await (
        await post('/users', { username: 'obs.analyst', displayName: '观测员', role: 'analyst' }, cookie)
      ).json();
      secrets.push(created.oneTimePassword);
      const first = await post('/auth/login', { username: 'obs.analyst', password: created.oneTimePassword });
      const newPassword = 'Observed-And-Never-Logged-42';
      secrets.push(newPassword);
      const changed = await post(
        '/auth/password',
        { currentPassword: created.oneTimePassword, newPassword },
        first.headers.get('set-cookie')!.split(';')[0]!,
      );
      expect(changed.status).toBe(200);
      // a resident unmasked by the centre seat: identity number and phone in clear in the answer only
      const page = await server.api('/residents?limit=20');
      const withPhone = page.residents.find((r: { phone: string | null }) => r.phone !== null);
      const resident = await server.api(`/residents/${withPhone.id}/unmask`, {
        method: 'POST',
        json: { reason: '核实身份 (observability test)' },
      });
      expect(resident.masked).toBe(false);
      secrets.push(resident.idNumber, resident.phone);
      // a device publishes with its password
      const device = readCredentialsFile(join(dataDir, 'device-credentials.json'))!;
      secrets.push(device.devices['RG-01']!, device.server.password);
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${env.MQTT_PORT}`, {
        username: 'RG-01',
        password: device.devices['RG-01'],
        protocolVersion: 4,
      });
      await client.publishAsync(
        telemetryTopic('RG-01'),
        JSON.stringify({ ts: Date.now() - 1000, rainfallMmH: 1.5, batteryPct: 80, signalDbm: -85 }),
        {
          qos: 1,
        },
      );
      await client.publishAsync(telemetryTopic('RG-01'), 'not json', { qos: 1 });
      await client.endAsync();

      // metrics from this machine, without the token
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const value = (line: RegExp) => Number(line.exec(text)?.[1]);
      expect(value(/^wendu_ingest_messages_received_total (\d+)$/m)).toBeGreaterThanOrEqual(2);
      expect(value(/^wendu_ingest_messages_stored_total (\d+)$/m)).toBeGreaterThanOrEqual(1);
      expect(value(/^wendu_ingest_messages_rejected_total\{reason="malformed"\} (\d+)$/m)).toBe(1);
      expect(value(/^wendu_ingest_commit_duration_seconds_count (\d+)$/m)).toBeGreaterThanOrEqual(1);
      expect(value(/^wendu_sessions_live (\d+)$/m)).toBeGreaterThanOrEqual(3);
      expect(value(/^wendu_store_file_bytes\{file="db"\} (\d+)$/m)).toBeGreaterThan(0);
      for (const name of ['wendu_ingest_buffer_depth', 'wendu_live_subscribers', 'wendu_alarm_latency_seconds_count'])
        expect(text).toContain(`${name} `);
      expect(text).toMatch(
        /^wendu_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status="401"\} 1$/m,
      );
      expect(text).toMatch(/route="\/api\/residents\/:id\/unmask",status="200"/);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const lines = server
      .logs()
      .split('\n')
      .filter((l) => l.trim());
    const entries = lines.map((l) => JSON.parse(l) as Record<string, any>); // every line is JSON
    expect(entries.every((e) => typeof e.level === 'string' && typeof e.time === 'string')).toBe(true);
    const access = entries.filter((e) => e.msg === 'request');
    const unmask = access.find((e) => e.route === '/api/residents/:id/unmask');
    expect(unmask).toMatchObject({ method: 'POST', status: 200, reqId: expect.any(String) });
    expect(access.filter((e) => e.route === '/api/auth/login').map((e) => e.status)).toEqual([401, 200, 200, 200]); // wrong, admin, the new account, the centre seat
    expect(new Set(access.map((e) => e.reqId)).size).toBe(access.length);
    expect(entries.at(-1)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM' });
    const log = lines.join('\n');
    const leaked = secrets.filter((s) => s && log.includes(s));
    expect(leaked).toEqual([]);
  });

  it('/metrics answers another machine only with the token', async () => {
    const db = await openCopy(inject('smallDataDir'));
    try {
      const metrics = createMetrics({ db, dbPath: '', ingest: null, now: () => new Date().toISOString() });
      const app = createApp(
        { db, now: () => new Date().toISOString(), startedAt: Date.now() },
        { log: createLogger('silent'), metrics, metricsToken: TOKEN },
      );
      // in-process requests have no socket: they count as another machine
      const refused = await app.request('/metrics');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect((await app.request('/metrics', { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(403);
      const allowed = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toMatch(/^wendu_sessions_live 0$/m);
    } finally {
      db.close();
    }
  });
});

describe('readiness', () => {
  it('falls when the external broker stops and comes back when it returns; liveness stays', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    const db = await openDb(dbPath);
    const credentials = await provisionCredentials(
      db,
      (await listSensors(db, {})).map((s) => s.id),
      join(dataDir, 'device-credentials.json'),
      new Date().toISOString(),
    );
    db.close();
    const broker = await startMosquitto(credentials);
    const server = await startServerProcess({
      DB_PATH: dbPath,
      DATA_DIR: dataDir,
      PORT: '0',
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: 'readiness-server',
    });
    const get = async (path: string) => {
      const res = await fetch(`${server.url}/api${path}`);
      return { status: res.status, body: (await res.json()) as any };
    };
    try {
      await until(async () => (await get('/health/ready')).status === 200, 20_000);
      await broker.stop();
      await until(async () => (await get('/health/ready')).status === 503, 20_000);
      const down = await get('/health/ready');
      expect(down.body).toMatchObject({
        error: { code: 'not_ready' },
        checks: { store: { ok: true }, broker: { ok: false } },
      });
      expect((await get('/health/live')).status).toBe(200);
      await broker.start();
      await until(async () => (await get('/health/ready')).status === 200, 30_000);
      expect((await get('/health/ready')).body).toMatchObject({ status: 'ready', checks: { broker: { ok: true } } });
    } finally {
      await server.stop();
      await broker.stop();
    }
  });
});
