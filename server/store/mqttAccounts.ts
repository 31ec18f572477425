// MQTT accounts (设备账号): one per sensing terminal, plus the server's own. Passwords are stored hashed:
// the platform makes them at random, so as a salted SHA-256 (auth/machineSecrets.ts); a store from
// before holds scrypt hashes (auth/passwords.ts), which still verify.
import type { Db } from './db';

export type MqttRole = 'device' | 'server';

export interface MqttAccount {
  username: string;
  role: MqttRole;
  deviceId: string | null;
  /** `scrypt$N$r$p$salt$key` (auth/passwords.ts) */
  passwordHash: string;
}

export async function listMqttAccounts(db: Db): Promise<MqttAccount[]> {
  const rows = await db.all<{ username: string; role: MqttRole; device_id: string | null; password_hash: string }>(
    'SELECT username, role, device_id, password_hash FROM mqtt_accounts ORDER BY username',
  );
  return rows.map((r) => ({
    username: r.username,
    role: r.role,
    deviceId: r.device_id,
    passwordHash: r.password_hash,
  }));
}

/** Inserts the accounts, replacing any of the same username. */
export async function saveMqttAccounts(db: Db, accounts: readonly MqttAccount[], at: string): Promise<void> {
  if (accounts.length === 0) return;
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const a of accounts) {
        await conn.run(
          'INSERT OR REPLACE INTO mqtt_accounts (username, role, device_id, password_hash, created_at) VALUES ($1, $2, $3, $4, $5::TIMESTAMP)',
          [a.username, a.role, a.deviceId, a.passwordHash, at],
        );
      }
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  db.versions.bump('mqtt_accounts');
}
