// Provisioning (设备凭据发放): every registered sensor and the server get an MQTT account on first
// start. The hashes go to DuckDB; the plain passwords of the simulated devices and of the server go to
// a file only this machine reads (data/generated/device-credentials.json, git-ignored, mode 0600).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashMachineSecret } from '../auth/machineSecrets';
import { randomPassword } from '../auth/passwords';
import type { Db } from '../store/db';
import { listMqttAccounts, type MqttAccount, saveMqttAccounts } from '../store/mqttAccounts';

export const SERVER_USERNAME = 'wendu-server';
/** Generated MQTT passwords: 24 URL-safe characters (144 bits). */
const DEVICE_PASSWORD_BYTES = 18;

export interface CredentialsFile {
  server: { username: string; password: string };
  /** device id (the MQTT username) → password */
  devices: Record<string, string>;
}

export function readCredentialsFile(path: string): CredentialsFile | null {
  if (!existsSync(path)) return null;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as CredentialsFile;
  if (!parsed.server?.password || typeof parsed.devices !== 'object')
    throw new Error(`${path}: not a device-credentials file`);
  return parsed;
}

/**
 * Makes sure the server and every device in `deviceIds` has an account and a known password;
 * returns the credentials (and writes the file when anything was added).
 */
export async function provisionCredentials(
  db: Db,
  deviceIds: readonly string[],
  path: string,
  at: string,
): Promise<CredentialsFile> {
  const file: CredentialsFile = readCredentialsFile(path) ?? {
    server: { username: SERVER_USERNAME, password: '' },
    devices: {},
  };
  const existing = new Set((await listMqttAccounts(db)).map((a) => a.username));
  const added: MqttAccount[] = [];
  let fileChanged = false;

  async function ensure(username: string, role: MqttAccount['role'], known: string | undefined): Promise<string> {
    if (known && existing.has(username)) return known;
    const password = known || randomPassword(DEVICE_PASSWORD_BYTES);
    if (!known) fileChanged = true;
    const passwordHash = hashMachineSecret(password);
    added.push({ username, role, deviceId: role === 'device' ? username : null, passwordHash });
    return password;
  }

  file.server.password = await ensure(SERVER_USERNAME, 'server', file.server.password || undefined);
  file.server.username = SERVER_USERNAME;
  for (const id of deviceIds) file.devices[id] = await ensure(id, 'device', file.devices[id]);
  await saveMqttAccounts(db, added, at);
  if (fileChanged || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
  return file;
}
