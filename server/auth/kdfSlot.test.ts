import { describe, expect, it } from 'vitest';
import { mosquittoPasswordLine } from '../../scripts/mosquitto/passwordFile';
import { inKdfSlot } from './kdfSlot';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';

describe('the key-derivation slot', () => {
  it('runs one derivation at a time, checks, hashes and mosquitto lines alike, and still answers each', async () => {
    const stored = await hashPassword('device-or-user-secret');
    const work = [
      ...Array.from({ length: 6 }, (_, i) => verifyPassword(i % 2 ? 'device-or-user-secret' : 'wrong', stored)),
      verifyPassword('anything', DECOY_HASH),
      hashPassword('another').then((h) => h.startsWith('scrypt$')),
      mosquittoPasswordLine('RG-01', 'secret').then((line) => line.startsWith('RG-01:$7$10000$')),
      verifyPassword(Buffer.from('device-or-user-secret'), stored),
    ];
    // once the queued microtasks have run (a derivation takes tens of ms): one running, nine waiting
    await new Promise((r) => setImmediate(r));
    expect(inKdfSlot.activeCount).toBe(1);
    expect(inKdfSlot.pendingCount).toBe(9);
    expect(await Promise.all(work)).toEqual([false, true, false, true, false, true, false, true, true, true]);
    expect(inKdfSlot.activeCount + inKdfSlot.pendingCount).toBe(0);
  });
});
