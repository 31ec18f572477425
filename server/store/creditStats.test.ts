import { describe, expect, it } from 'vitest';
import { lastMonths } from './creditStats';

describe('lastMonths', () => {
  it('counts back across a year, oldest first', () => {
    expect(lastMonths('2026-02-28T23:59:59.999Z', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastMonths('2026-12-01T00:00:00.000Z')).toHaveLength(12);
    expect(lastMonths('2026-12-01T00:00:00.000Z')[0]).toBe('2026-01');
  });

  it("gives the calendar's months, as a Date a month would, for every week of thirty years", () => {
    const byDates = (now: string, n: number) => {
      const d = new Date(now);
      return Array.from({ length: n }, (_, i) =>
        new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (n - 1 - i), 1)).toISOString().slice(0, 7),
      );
    };
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2030, 0, 1); t += 7 * 86_400_000 + 3_600_000) {
      const now = new Date(t).toISOString();
      expect(lastMonths(now, 25), now).toEqual(byDates(now, 25));
    }
  });
});
