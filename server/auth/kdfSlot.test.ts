import { describe, expect, it } from 'vitest';
import { inKdfSlot } from './kdfSlot';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';

describe('the key-derivation slot', () => {
  it('runs one derivation at a time, checks of every kind and hashes alike, and still answers each', async () => {
    // users' and devices' passwords are one format now: a user's, a device's (as bytes, as MQTT
    // delivers it), the decoy an unknown name is checked against, and a new hash
    const stored = await hashPassword('device-or-user-secret');
    const work = [
      ...Array.from({ length: 6 }, (_, i) => verifyPassword(i % 2 ? 'device-or-user-secret' : 'wrong', stored)),
      verifyPassword(Buffer.from('device-or-user-secret'), stored),
      verifyPassword('anything', DECOY_HASH),
      hashPassword('another').then((h) => h.startsWith('scrypt$')),
      verifyPassword(Buffer.from('wrong'), stored),
    ];
    // once the queued microtasks have run (a derivation takes tens of ms): one running, nine waiting
    await new Promise((r) => setImmediate(r));
    expect(inKdfSlot.activeCount).toBe(1);
    expect(inKdfSlot.pendingCount).toBe(9);
    expect(await Promise.all(work)).toEqual([false, true, false, true, false, true, true, false, true, false]);
    expect(inKdfSlot.activeCount + inKdfSlot.pendingCount).toBe(0);
  });
});
