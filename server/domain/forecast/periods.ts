// Periods of the case statistics (统计周期): ISO weeks ('2026-W05') and calendar months ('2026-05'),
// both in China Standard Time (UTC+8), the city's own calendar: a case reported on Monday at 01:00
// in Tongcheng belongs to that Monday's week even though it is still Sunday in UTC.

export type Granularity = 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['week', 'month'];

/** Periods in a year, for the seasonal models (week 53 shares week 52's season). */
export const SEASON_LENGTH: Record<Granularity, number> = { week: 52, month: 12 };

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** UTC ms of the CST midnight starting ISO week 1 of `isoYear` (the Monday of the week holding 4 January). */
function isoYearStart(isoYear: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - dow * DAY_MS - CST_OFFSET_MS;
}

/** The CST day of the instant `ms` (UTC ms), as days since 1970-01-01. */
export const cstDayOf = (ms: number): number => Math.floor((ms + CST_OFFSET_MS) / DAY_MS);

/** UTC ms of the CST midnight starting the day `day` (days since 1970-01-01). */
export const cstDayStart = (day: number): number => day * DAY_MS - CST_OFFSET_MS;

/** The period (of `by`) holding the instant `ms` (UTC ms), in CST. */
export function periodOf(ms: number, by: Granularity): string {
  const local = new Date(ms + CST_OFFSET_MS);
  if (by === 'month') return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}`;
  // ISO week: the week's Thursday decides its year.
  const dow = (local.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + (3 - dow) * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - CST_OFFSET_MS - isoYearStart(isoYear)) / (7 * DAY_MS)) + 1;
  return `${isoYear}-W${pad2(week)}`;
}

/** Whether `s` is a well-formed period of `by` (an existing week or month). */
export function isPeriod(s: string, by: Granularity): boolean {
  if (by === 'month') {
    const m = MONTH_RE.exec(s);
    return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
  }
  const m = WEEK_RE.exec(s);
  if (!m || Number(m[2]) < 1) return false;
  return periodOf(periodStart(s), 'week') === s;
}

/** UTC ms of the CST midnight that starts `period`. */
export function periodStart(period: string): number {
  const w = WEEK_RE.exec(period);
  if (w) return isoYearStart(Number(w[1])) + (Number(w[2]) - 1) * 7 * DAY_MS;
  const m = MONTH_RE.exec(period);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - CST_OFFSET_MS;
  throw new Error(`not a period: ${period}`);
}

/** The period `k` periods after `period` (before it when `k` < 0). */
export function shiftPeriod(period: string, k: number, by: Granularity): string {
  if (by === 'week') return periodOf(periodStart(period) + k * 7 * DAY_MS + DAY_MS, 'week');
  const m = MONTH_RE.exec(period)!;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + k;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** UTC ms of the CST midnight that ends `period` (the next period's start). */
export function periodEnd(period: string, by: Granularity): number {
  return periodStart(shiftPeriod(period, 1, by));
}

/** Every period from `first` to `last`, both included, in order. */
export function periodRange(first: string, last: string, by: Granularity): string[] {
  const out: string[] = [];
  for (let p = first; periodStart(p) <= periodStart(last); p = shiftPeriod(p, 1, by)) out.push(p);
  return out;
}

/** The period's place in the year, 0-based: week 1 → 0 … week 52 and 53 → 51; January → 0 … December → 11. */
export function seasonOf(period: string, by: Granularity): number {
  const n = Number(period.slice(by === 'week' ? 6 : 5));
  return Math.min(n, SEASON_LENGTH[by]) - 1;
}
