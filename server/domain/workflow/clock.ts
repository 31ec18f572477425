// The time-limit clock (计时): natural time for urgent items, working time for the rest
// (docs/adr/0008-case-clock-working-hours.md). Working time is China Standard Time (UTC+8, no daylight
// saving), Monday to Friday, 08:00–12:00 and 14:00–18:00: eight working hours a day. Public holidays and
// the make-up working weekends (调休) are a list the caller may pass; none is built in.

export type ClockBasis = 'natural' | 'working';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
/** Working periods of a working day, minutes after local midnight. */
export const WORKING_PERIODS: readonly (readonly [start: number, end: number])[] = [
  [8 * 60, 12 * 60],
  [14 * 60, 18 * 60],
];
export const WORKING_MINUTES_PER_DAY = WORKING_PERIODS.reduce((n, [a, b]) => n + b - a, 0);

/** Which local days (YYYY-MM-DD, CST) are working days, against the Monday–Friday rule. */
export interface WorkCalendar {
  holidays?: ReadonlySet<string>;
  extraWorkdays?: ReadonlySet<string>;
}

function isWorkday(localDayStartMs: number, cal: WorkCalendar): boolean {
  // The date's text only when a calendar needs it: this runs for every day a clock walks over.
  if (cal.extraWorkdays?.size || cal.holidays?.size) {
    const ymd = new Date(localDayStartMs).toISOString().slice(0, 10);
    if (cal.extraWorkdays?.has(ymd)) return true;
    if (cal.holidays?.has(ymd)) return false;
  }
  const dow = (Math.floor(localDayStartMs / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return dow !== 0 && dow !== 6;
}

/** The instant `minutes` of clock time after `startMs` on the given basis. */
export function addClockMinutes(startMs: number, minutes: number, basis: ClockBasis, cal: WorkCalendar = {}): number {
  if (basis === 'natural' || minutes <= 0) return startMs + Math.max(0, minutes) * MINUTE_MS;
  let left = minutes * MINUTE_MS;
  // Walk local days: `local` is the start instant shifted to CST, so UTC fields read as local time.
  let local = startMs + CST_OFFSET_MS;
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    if (isWorkday(dayStart, cal)) {
      for (const [a, b] of WORKING_PERIODS) {
        const from = Math.max(local, dayStart + a * MINUTE_MS);
        const to = dayStart + b * MINUTE_MS;
        if (from >= to) continue;
        if (to - from >= left) return from + left - CST_OFFSET_MS;
        left -= to - from;
      }
    }
    local = dayStart + DAY_MS;
  }
}

/** Clock minutes between two instants on the given basis (0 when `toMs` is not after `fromMs`). */
export function clockMinutesBetween(fromMs: number, toMs: number, basis: ClockBasis, cal: WorkCalendar = {}): number {
  if (toMs <= fromMs) return 0;
  if (basis === 'natural') return (toMs - fromMs) / MINUTE_MS;
  let total = 0;
  let local = fromMs + CST_OFFSET_MS;
  const end = toMs + CST_OFFSET_MS;
  while (local < end) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    if (isWorkday(dayStart, cal)) {
      for (const [a, b] of WORKING_PERIODS) {
        const from = Math.max(local, dayStart + a * MINUTE_MS);
        const to = Math.min(end, dayStart + b * MINUTE_MS);
        if (to > from) total += to - from;
      }
    }
    local = dayStart + DAY_MS;
  }
  return total / MINUTE_MS;
}

/** Whether an instant falls inside working time. */
export function inWorkingTime(ms: number, cal: WorkCalendar = {}): boolean {
  const local = ms + CST_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  if (!isWorkday(dayStart, cal)) return false;
  const minute = (local - dayStart) / MINUTE_MS;
  return WORKING_PERIODS.some(([a, b]) => minute >= a && minute < b);
}
