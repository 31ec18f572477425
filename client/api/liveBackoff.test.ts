import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './liveBackoff';

describe('reconnectDelayMs', () => {
  const cases: [failures: number, random: number, ms: number][] = [
    [0, 0, 1000],
    [1, 0, 2000],
    [3, 0, 8000],
    [6, 0, 60_000],
    [1000, 0, 60_000],
    [0, 1, 1200],
    [-1, 0, 1000],
  ];
  for (const [failures, random, ms] of cases) {
    it(`${failures} failures, jitter ${random} → ${ms} ms`, () =>
      expect(reconnectDelayMs(failures, () => random)).toBe(ms));
  }
});
