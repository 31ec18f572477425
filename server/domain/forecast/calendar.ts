// Working days in a period (工作日折算): cases are reported by people at work — grid workers on
// patrol, residents on weekdays — so a month with five weekends, or with the Spring Festival holiday
// in it, has fewer cases at the same underlying rate. The model divides counts by this exposure before
// it looks for seasons and level, and multiplies the forecast by the target period's exposure.
// The weights are fixed and public knowledge, not fitted: a weekend day counts about half a working
// day, a day of the Spring Festival holiday less than that (National Day's golden week is every
// October, so the seasonal index already holds it).
import { type Granularity, periodEnd, periodStart } from './periods';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
export const DAY_WEIGHT = { weekday: 1, weekend: 0.55, springFestival: 0.45 } as const;

/**
 * First day (China time) of the Spring Festival public holiday (春节假期), from the State Council's
 * yearly holiday notices; the holiday is taken as seven days from it.
 */
const SPRING_FESTIVAL_HOLIDAY: Record<number, string> = {
  2017: '2017-01-27',
  2018: '2018-02-15',
  2019: '2019-02-04',
  2020: '2020-01-24',
  2021: '2021-02-11',
  2022: '2022-01-31',
  2023: '2023-01-21',
  2024: '2024-02-10',
  2025: '2025-01-28',
  2026: '2026-02-15',
  2027: '2027-02-05',
  2028: '2028-01-25',
  2029: '2029-02-12',
  2030: '2030-02-02',
};
const FESTIVAL_DAYS = 7;

/** The weight of the CST day starting at `dayStartMs` (UTC ms of its CST midnight). */
export function dayWeight(dayStartMs: number): number {
  const local = new Date(dayStartMs + CST_OFFSET_MS);
  const start = SPRING_FESTIVAL_HOLIDAY[local.getUTCFullYear()];
  if (start) {
    const offset = (dayStartMs - (Date.parse(`${start}T00:00:00Z`) - CST_OFFSET_MS)) / DAY_MS;
    if (offset >= 0 && offset < FESTIVAL_DAYS) return DAY_WEIGHT.springFestival;
  }
  const dow = local.getUTCDay();
  return dow === 0 || dow === 6 ? DAY_WEIGHT.weekend : DAY_WEIGHT.weekday;
}

const memo = new Map<string, number>();

/** The period's working-day exposure: the sum of its days' weights. */
export function periodExposure(period: string, by: Granularity): number {
  const key = `${by}:${period}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let sum = 0;
  for (let d = periodStart(period); d < periodEnd(period, by); d += DAY_MS) sum += dayWeight(d);
  memo.set(key, sum);
  return sum;
}
