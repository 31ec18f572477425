import { describe, expect, it } from 'vitest';
import { KDF_THREADS, kdf } from './kdfThreads';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';

describe('the key-derivation threads', () => {
  it('run as many derivations at once as there are threads, checks of every kind and hashes alike, and answer each', async () => {
    // users' and devices' passwords are one format: a user's, a device's (as bytes, as MQTT delivers
    // it), the decoy an unknown name is checked against, and a new hash
    const stored = await hashPassword('device-or-user-secret');
    const work = [
      ...Array.from({ length: 6 }, (_, i) => verifyPassword(i % 2 ? 'device-or-user-secret' : 'wrong', stored)),
      verifyPassword(Buffer.from('device-or-user-secret'), stored),
      verifyPassword('anything', DECOY_HASH),
      hashPassword('another').then((h) => h.startsWith('scrypt$')),
      verifyPassword(Buffer.from('wrong'), stored),
    ];
    await new Promise((r) => setImmediate(r));
    expect(kdf.activeCount).toBe(KDF_THREADS);
    expect(kdf.pendingCount).toBe(10 - KDF_THREADS);
    expect(await Promise.all(work)).toEqual([false, true, false, true, false, true, true, false, true, false]);
    expect(kdf.activeCount + kdf.pendingCount).toBe(0);
  });
});
