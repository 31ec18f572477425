import { describe, expect, it } from 'vitest';
import type { UnitAssessment } from './assessment';
import {
  LAST_PLACE_WARNING_MONTHS,
  lastDayOf,
  lastPlaceWarnings,
  MONTH_PATTERN,
  meanOnTime,
  monthsUpTo,
} from './bulletin';

/** A month's ranking of the ids given, best first (null: a unit with no case, unranked). */
const ranking = (...ids: (string | null)[]): UnitAssessment[] =>
  ids.map(
    (id, i) => ({ unitId: id ?? `idle${i}`, name: `单位${id}`, rank: id === null ? null : i + 1 }) as UnitAssessment,
  );

describe('monthsUpTo', () => {
  it.each([
    ['2026-10', 3, ['2026-08', '2026-09', '2026-10']],
    ['2026-02', 4, ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-01', 1, ['2026-01']],
  ])('%s, %i months', (month, n, expected) => {
    expect(monthsUpTo(month, n)).toEqual(expected);
  });
});

describe('lastDayOf', () => {
  it.each([
    ['2026-10', '2026-10-31'],
    ['2026-11', '2026-11-30'],
    ['2028-02', '2028-02-29'],
    ['2026-02', '2026-02-28'],
  ])('%s → %s', (month, day) => {
    expect(lastDayOf(month)).toBe(day);
  });
});

describe('MONTH_PATTERN', () => {
  it.each([
    ['2026-10', true],
    ['2026-1', false],
    ['2026-13', false],
    ['2026-00', false],
    ['1999-12', false],
    ['2026-10-01', false],
  ])('%s: %s', (s, ok) => {
    expect(MONTH_PATTERN.test(s)).toBe(ok);
  });
});

describe('lastPlaceWarnings', () => {
  const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
  it('warns of a unit last in at least the threshold of months, with its months', () => {
    const monthly = [ranking('A', 'B', 'C'), ranking('A', 'C', 'B'), ranking('B', 'A', 'C'), ranking('A', 'B', 'C')];
    expect(lastPlaceWarnings('community', months, monthly, 3)).toEqual([
      { level: 'community', unitId: 'C', name: '单位C', months: ['2026-01', '2026-03', '2026-04'] },
    ]);
    expect(lastPlaceWarnings('community', months, monthly, 4)).toEqual([]);
  });

  it('takes the last ranked unit, not an unranked one, and skips months nobody was ranked', () => {
    const monthly = [ranking('A', 'B', null), ranking('A', 'B', null), ranking(null, null), ranking('B', 'A')];
    expect(lastPlaceWarnings('village', months, monthly, 2).map((w) => [w.unitId, w.months])).toEqual([
      ['B', ['2026-01', '2026-02']],
    ]);
  });

  it('uses three months of twelve by default', () => {
    expect(LAST_PLACE_WARNING_MONTHS).toBe(3);
    const monthly = [ranking('A', 'B'), ranking('A', 'B'), ranking('B', 'A')];
    expect(lastPlaceWarnings('department', months.slice(0, 3), monthly)).toEqual([]);
  });
});

describe('meanOnTime', () => {
  it('averages the stages that have a rate', () => {
    expect(meanOnTime({ file: 1, dispatch: 0.5, handle: null, verify: null, evaluate: null })).toBe(0.75);
    expect(meanOnTime({ file: null, dispatch: null, handle: null, verify: null, evaluate: null })).toBeNull();
  });
});
