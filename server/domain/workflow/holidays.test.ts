import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS, coversYear, daysOf, OFFICIAL_ARRANGEMENTS, OFFICIAL_CALENDAR } from './holidays';

const weekday = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const dayMs = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

describe('the official holiday table (国务院办公厅部分节假日安排)', () => {
  const all = OFFICIAL_ARRANGEMENTS.flatMap((y) => y.holidays.map((x) => ({ ...x, year: y.year })));

  it('holds every year from the history’s start (2019) to the dataset’s today (2026), each once, in order', () => {
    expect(CALENDAR_YEARS).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(OFFICIAL_ARRANGEMENTS.map((y) => y.year)).toEqual(CALENDAR_YEARS);
    for (const y of OFFICIAL_ARRANGEMENTS) expect(y.notice).toContain(`${y.year}年`);
  });

  it.each(all.map((x) => [`${x.year} ${x.name}`, x] as const))('%s: range, count and 调休 agree', (_t, x) => {
    expect(dayMs(x.from)).toBeLessThanOrEqual(dayMs(x.to));
    // the notice's 共N天
    expect(daysOf(x.from, x.to)).toHaveLength(x.days);
    // within the notice's year (元旦 may start in the December before)
    expect(Number(x.to.slice(0, 4))).toBe(x.year);
    expect(Number(x.from.slice(0, 4))).toBeGreaterThanOrEqual(x.year - 1);
    for (const w of x.workdays) {
      // a make-up working day is a weekend day, outside the range, within a fortnight of it
      expect([0, 6], `${w} is a weekend day`).toContain(weekday(w));
      expect(w < x.from || w > x.to).toBe(true);
      expect(Math.min(Math.abs(dayMs(w) - dayMs(x.from)), Math.abs(dayMs(w) - dayMs(x.to)))).toBeLessThanOrEqual(
        14 * 86_400_000,
      );
    }
  });

  it('has no overlapping ranges, and no make-up day that is also a day off', () => {
    const sorted = [...all].sort((a, b) => dayMs(a.from) - dayMs(b.from));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from > sorted[i - 1]!.to).toBe(true);
    for (const w of OFFICIAL_CALENDAR.extraWorkdays!) expect(OFFICIAL_CALENDAR.holidays!.has(w)).toBe(false);
  });

  it('nets each year’s statutory days: 11, 13 from 2025, and 2020’s 11 plus the two days of its extension', () => {
    // Days off on weekdays less the weekend days worked instead are the statutory days (法定假日) a year
    // gives: a statutory day on a weekend is made up on a weekday, a bridged weekday by a worked weekend.
    const statutory = (year: number) => (year >= 2025 ? 13 : year === 2020 ? 13 : 11);
    for (const y of OFFICIAL_ARRANGEMENTS) {
      const offWeekdays = y.holidays
        .flatMap((x) => daysOf(x.from, x.to))
        .filter((d) => ![0, 6].includes(weekday(d))).length;
      const worked = y.holidays.flatMap((x) => x.workdays).length;
      expect(offWeekdays - worked, String(y.year)).toBe(statutory(y.year));
    }
  });

  it('tells which years it covers, by the CST year', () => {
    expect(coversYear(Date.parse('2026-11-01T00:00:00Z'))).toBe(true);
    expect(coversYear(Date.parse('2026-12-31T16:00:00Z'))).toBe(false); // 2027-01-01 00:00 CST
    expect(coversYear(Date.parse('2018-06-01T00:00:00Z'))).toBe(false);
  });
});
