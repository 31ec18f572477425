// A machine's secret verifies against its own hash and no other; a scrypt hash from a store made
// before still verifies; a malformed stored string and the decoy refuse everything.
import { describe, expect, it } from 'vitest';
import { hashMachineSecret, MACHINE_DECOY, verifyMachineSecret } from './machineSecrets';
import { hashPassword, randomPassword } from './passwords';

describe('machine secrets', () => {
  it('verify the secret they were made from, and nothing else', async () => {
    const secret = randomPassword(18);
    const stored = hashMachineSecret(secret);
    expect(stored).toMatch(/^sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hashMachineSecret(secret)).not.toBe(stored); // salted
    expect(await verifyMachineSecret(secret, stored)).toBe(true);
    expect(await verifyMachineSecret(Buffer.from(secret), stored)).toBe(true);
    expect(await verifyMachineSecret(`${secret}x`, stored)).toBe(false);
    expect(await verifyMachineSecret('', stored)).toBe(false);
  });

  it('still verify a scrypt hash of a store from before, and refuse the decoy and a malformed hash', async () => {
    const old = await hashPassword('device-secret-from-before');
    expect(await verifyMachineSecret('device-secret-from-before', old)).toBe(true);
    expect(await verifyMachineSecret('another', old)).toBe(false);
    expect(await verifyMachineSecret('anything', MACHINE_DECOY)).toBe(false);
    expect(await verifyMachineSecret('anything', 'sha256$short$short')).toBe(false);
  });
});
