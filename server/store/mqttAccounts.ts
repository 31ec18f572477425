// MQTT accounts (设备账号): one per sensing terminal, plus the server's own. Secrets are stored hashed.
import type { Db } from './db';

export type MqttRole = 'device' | 'server';

export interface MqttAccount {
  username: string;
  role: MqttRole;
  deviceId: string | null;
  salt: string;
  hash: string;
}

export async function listMqttAccounts(db: Db): Promise<MqttAccount[]> {
  const rows = await db.all<{ username: string; role: MqttRole; device_id: string | null; salt: string; hash: string }>(
    'SELECT username, role, device_id, salt, hash FROM mqtt_accounts ORDER BY username',
  );
  return rows.map((r) => ({ username: r.username, role: r.role, deviceId: r.device_id, salt: r.salt, hash: r.hash }));
}

/** Inserts the accounts, replacing any of the same username. */
export async function saveMqttAccounts(db: Db, accounts: readonly MqttAccount[], at: string): Promise<void> {
  if (accounts.length === 0) return;
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const a of accounts) {
        await conn.run('INSERT OR REPLACE INTO mqtt_accounts VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP)', [
          a.username,
          a.role,
          a.deviceId,
          a.salt,
          a.hash,
          at,
        ]);
      }
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
}
