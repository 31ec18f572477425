// Working days in a period (工作日折算): cases are reported by people at work — grid workers on
// patrol, residents on weekdays — so a month with five weekends, or with the Spring Festival holiday
// in it, has fewer cases at the same underlying rate. The model divides counts by this exposure before
// it looks for seasons and level, and multiplies the forecast by the target period's exposure.
// The weights are fixed, not fitted: a day off (a weekend, or an official holiday of the State
// Council's notices, the same table as the case clock's: workflow/holidays.ts) counts about half a
// working day, a Spring Festival day less than that; a make-up working weekend day (调休上班) counts
// whole. A year the table does not hold yet falls back to plain weekends, as the clock does.
import { daysOf, OFFICIAL_ARRANGEMENTS, OFFICIAL_CALENDAR } from '../workflow/holidays';
import { type Granularity, periodEnd, periodStart } from './periods';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
export const DAY_WEIGHT = { workday: 1, dayOff: 0.55, springFestival: 0.45 } as const;

const SPRING_FESTIVAL = new Set(
  OFFICIAL_ARRANGEMENTS.flatMap((y) =>
    y.holidays.filter((h) => h.name === '春节').flatMap((h) => daysOf(h.from, h.to)),
  ),
);

/** The weight of the CST day starting at `dayStartMs` (UTC ms of its CST midnight). */
export function dayWeight(dayStartMs: number): number {
  const local = new Date(dayStartMs + CST_OFFSET_MS);
  const day = local.toISOString().slice(0, 10);
  if (SPRING_FESTIVAL.has(day)) return DAY_WEIGHT.springFestival;
  if (OFFICIAL_CALENDAR.holidays?.has(day)) return DAY_WEIGHT.dayOff;
  if (OFFICIAL_CALENDAR.extraWorkdays?.has(day)) return DAY_WEIGHT.workday;
  const dow = local.getUTCDay();
  return dow === 0 || dow === 6 ? DAY_WEIGHT.dayOff : DAY_WEIGHT.workday;
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
