import { describe, expect, it } from 'vitest';
import { periodExposure } from './calendar';
import { isPeriod, periodEnd, periodOf, periodRange, periodStart, seasonOf, shiftPeriod } from './periods';

describe('periods (China time)', () => {
  it.each([
    ['a Monday morning in China, still Sunday in UTC', '2026-01-04T17:00:00Z', 'week', '2026-W02'],
    ['the Sunday before it', '2026-01-04T15:59:59Z', 'week', '2026-W01'],
    ['1 January 2021 belongs to the 53rd week of 2020', '2021-01-01T04:00:00Z', 'week', '2020-W53'],
    ['29 December 2025 starts week 1 of 2026', '2025-12-29T01:00:00Z', 'week', '2026-W01'],
    ['the last UTC evening of May is June in China', '2026-05-31T20:00:00Z', 'month', '2026-06'],
    ['a month', '2026-05-15T00:00:00Z', 'month', '2026-05'],
  ] as const)('%s', (_, at, by, period) => {
    expect(periodOf(Date.parse(at), by)).toBe(period);
  });

  it('starts and ends periods at China midnight', () => {
    expect(new Date(periodStart('2026-W02')).toISOString()).toBe('2026-01-04T16:00:00.000Z');
    expect(new Date(periodStart('2026-06')).toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(new Date(periodEnd('2026-12', 'month')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('steps across year ends both ways', () => {
    expect(shiftPeriod('2020-W52', 1, 'week')).toBe('2020-W53');
    expect(shiftPeriod('2020-W53', 1, 'week')).toBe('2021-W01');
    expect(shiftPeriod('2021-W01', -2, 'week')).toBe('2020-W52');
    expect(shiftPeriod('2026-11', 3, 'month')).toBe('2027-02');
    expect(shiftPeriod('2026-01', -13, 'month')).toBe('2024-12');
    expect(periodRange('2020-W52', '2021-W02', 'week')).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
    expect(periodRange('2026-11', '2026-10', 'month')).toEqual([]);
  });

  it('tells periods from malformed strings', () => {
    expect(isPeriod('2020-W53', 'week')).toBe(true);
    expect(isPeriod('2021-W53', 'week')).toBe(false); // 2021 has 52 weeks
    expect(isPeriod('2026-W00', 'week')).toBe(false);
    expect(isPeriod('2026-13', 'month')).toBe(false);
    expect(isPeriod('2026-05', 'week')).toBe(false);
  });

  it('places week 53 in week 52’s season', () => {
    expect(seasonOf('2020-W53', 'week')).toBe(51);
    expect(seasonOf('2020-W01', 'week')).toBe(0);
    expect(seasonOf('2026-12', 'month')).toBe(11);
  });

  it('counts fewer working days in a month with the Spring Festival holiday', () => {
    // February 2026 holds the holiday (from 15 February), February 2025 does not (it began 28 January).
    expect(periodExposure('2026-02', 'month')).toBeLessThan(periodExposure('2025-02', 'month'));
    // A plain week: five working days and a weekend at about half.
    expect(periodExposure('2026-W20', 'week')).toBeCloseTo(5 + 2 * 0.55);
  });
});
