// MQTT accounts across the change to the one password format: a store made before migration 5 (salt
// and hash in two hex columns) opens with every device's password still signing in.
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { openDb } from './db';
import { MIGRATIONS } from './migrations';
import { listMqttAccounts, saveMqttAccounts } from './mqttAccounts';

const dir = mkdtempSync(join(tmpdir(), 'wendu-mqtt-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store at schema version 4 holding `accounts` the way it hashed them then (scrypt defaults, hex). */
async function storeAtVersion4(path: string, accounts: Record<string, string>) {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
  );
  for (const m of MIGRATIONS.filter((m) => m.version <= 4)) {
    await conn.run(m.sql);
    await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
  for (const [username, password] of Object.entries(accounts)) {
    const salt = randomBytes(16);
    const hash = scryptSync(password, salt, 32);
    await conn.run("INSERT INTO mqtt_accounts VALUES ($1, $2, $3, $4, $5, TIMESTAMP '2025-01-01 00:00:00')", [
      username,
      username === 'wendu-server' ? 'server' : 'device',
      username === 'wendu-server' ? null : username,
      salt.toString('hex'),
      hash.toString('hex'),
    ]);
  }
  conn.closeSync();
  instance.closeSync();
}

describe('migration 5: MQTT passwords in the one format', () => {
  it('converts every stored salt and hash so the same passwords still verify, and no other', async () => {
    const passwords = { 'wendu-server': 'server-secret-1234', 'MH-0001': 'manhole-secret', 'RG-01': 'gauge/secret+' };
    const path = join(dir, 'v4.duckdb');
    await storeAtVersion4(path, passwords);

    const db = await openDb(path);
    try {
      const accounts = await listMqttAccounts(db);
      expect(accounts.map((a) => [a.username, a.role, a.deviceId])).toEqual([
        ['MH-0001', 'device', 'MH-0001'],
        ['RG-01', 'device', 'RG-01'],
        ['wendu-server', 'server', null],
      ]);
      for (const a of accounts) {
        expect(a.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
        expect(await verifyPassword(passwords[a.username as keyof typeof passwords], a.passwordHash)).toBe(true);
        expect(await verifyPassword('not-the-password', a.passwordHash)).toBe(false);
      }
      // and the table takes new accounts in the one format
      await saveMqttAccounts(
        db,
        [{ username: 'EL-02', role: 'device', deviceId: 'EL-02', passwordHash: await hashPassword('new') }],
        '2025-02-01T00:00:00Z',
      );
      const added = (await listMqttAccounts(db)).find((a) => a.username === 'EL-02')!;
      expect(await verifyPassword('new', added.passwordHash)).toBe(true);
    } finally {
      db.close();
    }
    // a limit, not a measurement: opening the store runs every later migration, and six key derivations
  }, 60_000);
});
