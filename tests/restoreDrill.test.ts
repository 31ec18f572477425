// The restore drill: devices publish at a steady rate and users sign in while `npm run backup` runs;
// then the server is killed (kill -9), its data file deleted, the snapshot restored with
// `npm run restore`, and the server started again. Every message acknowledged before the backup
// began is back, the audit chain verifies, and the restored store's counts equal the manifest's. A
// damaged snapshot is refused and changes nothing.

import { copyFileSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, inject, it } from 'vitest';
import { type ChildOutcome, runNode } from '../scripts/process/nodeChild';
import { readCredentialsFile } from '../server/ingest/credentials';
import { verifyAuditChain } from '../server/store/audit';
import { openDb } from '../server/store/db';
import { describeStore, readManifest, type SnapshotManifest } from '../server/store/snapshot';
import { copyDb } from './helpers/dataset';
import { freePort } from './helpers/mosquitto';
import { startServerProcess } from './helpers/serverProcess';
import { publishSteadily, until } from './helpers/steadyPublisher';

const DEVICE = 'RG-01';

/** Runs `npm run <script> -- <args>` (as a child, so this process keeps publishing meanwhile). */
function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<ChildOutcome> {
  return runNode(['--import', 'tsx', `scripts/${script}.ts`, ...args], { env: { ...process.env, ...env } });
}

async function storedTimes(dbPath: string): Promise<Set<number>> {
  const db = await openDb(dbPath, { readOnly: true });
  try {
    const rows = await db.all<{ t: number }>('SELECT epoch_ms(ts) AS t FROM telemetry WHERE device_id = $1', [DEVICE]);
    return new Set(rows.map((r) => Number(r.t)));
  } finally {
    db.close();
  }
}

describe('restore drill', () => {
  it('backup under load → kill -9 → data file deleted → restore → start: nothing acknowledged before the backup is lost', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const dataDir = dirname(dbPath);
    const snapshot = join(mkdtempSync(join(tmpdir(), 'wendu-snap-')), 'nightly');
    const env = { DB_PATH: dbPath, DATA_DIR: dataDir, PORT: '0', MQTT_PORT: String(await freePort()) };
    let server = await startServerProcess(env);
    await server.api('/auth/me', { role: 'admin' }); // sign-ins: rows in the audit chain
    const password = readCredentialsFile(join(dataDir, 'device-credentials.json'))!.devices[DEVICE]!;
    const client = mqtt.connect(`mqtt://127.0.0.1:${env.MQTT_PORT}`, {
      username: DEVICE,
      password,
      clientId: 'drill-device',
      protocolVersion: 4,
      reconnectPeriod: 200,
    });
    client.on('error', () => undefined);
    const stream = publishSteadily(client, DEVICE, 400);
    try {
      await until(() => stream.acked.size >= 400);
      const ackedBeforeBackup = new Set(stream.acked.keys());
      const backupStarted = Date.now();
      // users keep working during the backup: a sign-in runs alongside it
      const [backup, signedIn] = await Promise.all([
        cli('backup', ['--to', snapshot], env),
        server.api('/auth/me', { role: 'leader' }),
      ]);
      expect(backup.status, backup.stderr).toBe(0);
      expect(signedIn.user.role).toBe('leader');
      const summary = JSON.parse(backup.stdout);
      expect(summary.via).toBe('the running server');
      expect(summary.pauseMs).toBeGreaterThan(0);
      // ingest kept going: messages were acknowledged after the backup started
      await until(() => [...stream.acked.values()].some((at) => at > backupStarted + 200));
      stream.halt();
      await server.kill();
      const manifest: SnapshotManifest = readManifest(snapshot);

      rmSync(dbPath);
      rmSync(`${dbPath}.wal`, { force: true });
      const restored = await cli('restore', ['--from', snapshot], env);
      expect(restored.status, restored.stderr).toBe(0);

      // counts equal the manifest's, the chain verifies, and every message acknowledged before the backup is there
      const db = await openDb(dbPath, { readOnly: true });
      try {
        const now = await describeStore(db);
        expect(now.counts).toEqual(manifest.counts);
        expect(now.audit.lastHash).toBe(manifest.audit.lastHash);
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
      } finally {
        db.close();
      }
      const stored = await storedTimes(dbPath);
      const missing = [...ackedBeforeBackup].filter((ts) => !stored.has(ts));
      expect(missing).toEqual([]);
      expect(manifest.counts.telemetry).toBeGreaterThanOrEqual(ackedBeforeBackup.size);

      server = await startServerProcess(env);
      expect(await server.api('/audit/verify', { role: 'admin' })).toMatchObject({ ok: true });
      expect(await server.api('/health/ready')).toMatchObject({ status: 'ready' });
    } finally {
      client.end(true);
      await server.stop().catch(() => undefined);
    }
  }, 300_000); // a limit for a loaded 2-core machine (five processes start), not a measurement

  it('refuses a damaged snapshot and leaves the store as it was', async () => {
    const dbPath = copyDb(inject('smallDataDir'));
    const env = { DB_PATH: dbPath, DATA_DIR: dirname(dbPath) };
    const snapshot = join(mkdtempSync(join(tmpdir(), 'wendu-snap-')), 'manual');
    const taken = await cli('backup', ['--to', snapshot], env); // no server: the file is copied directly
    expect(taken.status, taken.stderr).toBe(0);
    expect(JSON.parse(taken.stdout).via).toBe('the file (no server running)');
    expect((await cli('restore', ['--from', snapshot, '--check'], env)).status).toBe(0);

    const damaged = `${snapshot}-damaged`;
    cpSync(snapshot, damaged, { recursive: true });
    const file = join(damaged, 'wendu.duckdb');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([0xff, 0x00, 0xff]), 0, 3, Math.floor(readFileSync(file).length / 2));
    const before = readFileSync(dbPath);
    const refused = await cli('restore', ['--from', damaged], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refusing a damaged snapshot[\s\S]*checksum/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);

    // a snapshot without its manifest (an unfinished one) is refused too
    const unfinished = `${snapshot}-unfinished`;
    cpSync(snapshot, unfinished, { recursive: true });
    rmSync(join(unfinished, 'manifest.json'));
    expect((await cli('restore', ['--from', unfinished], env)).stderr).toMatch(/no manifest\.json/);
    expect(existsSync(`${dbPath}.restoring`)).toBe(false);
    copyFileSync(dbPath, `${dbPath}.check`); // the store still opens
    const db = await openDb(`${dbPath}.check`, { readOnly: true });
    db.close();
  }, 180_000);
});
