import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('lets a key through until its window is full, then tells how long to wait', () => {
    const r = new RateLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(r.waitMs('a', 100)).toBe(0);
      r.hit('a', 100);
    }
    expect(r.waitMs('a', 400)).toBe(700);
    expect(r.waitMs('b', 400)).toBe(0);
    expect(r.waitMs('a', 1100)).toBe(0);
  });

  it('stays bounded in memory', () => {
    const r = new RateLimiter(1, 1000, 100);
    for (let i = 0; i < 1000; i++) r.hit(`k${i}`, 0);
    expect((r as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});
