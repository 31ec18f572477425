import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../ingest/secrets';
import { inKdfSlot } from './kdfSlot';
import { hashPassword, verifyPassword } from './passwords';

describe('the key-derivation slot', () => {
  it('runs one derivation at a time, device secrets and user passwords alike, and still answers each', async () => {
    const device = await hashSecret('device-secret');
    const user = await hashPassword('user-password');
    const checks = [
      ...Array.from({ length: 6 }, (_, i) => verifySecret(i % 2 ? 'device-secret' : 'wrong', device)),
      ...Array.from({ length: 4 }, (_, i) => verifyPassword(i % 2 ? 'user-password' : 'wrong', user)),
    ];
    // once the queued microtasks have run (a derivation takes tens of ms): one running, nine waiting
    await new Promise((r) => setImmediate(r));
    expect(inKdfSlot.activeCount).toBe(1);
    expect(inKdfSlot.pendingCount).toBe(9);
    expect(await Promise.all(checks)).toEqual([false, true, false, true, false, true, false, true, false, true]);
    expect(inKdfSlot.activeCount + inKdfSlot.pendingCount).toBe(0);
  });
});
