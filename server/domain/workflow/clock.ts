// The time-limit clock (计时): natural time for urgent items, working time for the rest
// (docs/adr/0008-case-clock-working-hours.md). Working time is China Standard Time (UTC+8, no daylight
// saving), Monday to Friday, 08:00–12:00 and 14:00–18:00: eight working hours a day, except the official
// public holidays and with the make-up working weekends (调休) of holidays.ts — the default calendar of
// every function here. Years that table does not hold fall back to plain Monday–Friday. A caller may
// pass another calendar (`{}`: plain Monday–Friday).
import { OFFICIAL_CALENDAR } from './holidays';

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

/**
 * A calendar compiled once into a lookup by day number (days since 1970-01-01): 1 a working day, 2 a
 * day off, 0 the Monday–Friday rule. A clock walks over every day of its span, for every generated
 * and replayed step, so no date text is made on the way.
 */
interface CompiledCalendar {
  first: number;
  kinds: Uint8Array;
}
const COMPILED = new WeakMap<WorkCalendar, CompiledCalendar>();

function compiled(cal: WorkCalendar): CompiledCalendar {
  let c = COMPILED.get(cal);
  if (!c) {
    const dayOf = (ymd: string) => Math.floor(Date.parse(`${ymd}T00:00:00Z`) / DAY_MS);
    const off = [...(cal.holidays ?? [])].map(dayOf);
    const on = [...(cal.extraWorkdays ?? [])].map(dayOf);
    const all = [...off, ...on];
    const first = all.length ? Math.min(...all) : 0;
    const kinds = new Uint8Array(all.length ? Math.max(...all) - first + 1 : 0);
    for (const d of off) kinds[d - first] = 2;
    for (const d of on) kinds[d - first] = 1; // a make-up working day wins over a listed day off
    c = { first, kinds };
    COMPILED.set(cal, c);
  }
  return c;
}

function isWorkday(localDayStartMs: number, cal: CompiledCalendar): boolean {
  const day = Math.floor(localDayStartMs / DAY_MS);
  const kind = cal.kinds[day - cal.first]; // undefined outside the table
  if (kind === 1) return true;
  if (kind === 2) return false;
  const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return dow !== 0 && dow !== 6;
}

/** The instant `minutes` of clock time after `startMs` on the given basis. */
export function addClockMinutes(
  startMs: number,
  minutes: number,
  basis: ClockBasis,
  cal: WorkCalendar = OFFICIAL_CALENDAR,
): number {
  if (basis === 'natural' || minutes <= 0) return startMs + Math.max(0, minutes) * MINUTE_MS;
  const days = compiled(cal);
  let left = minutes * MINUTE_MS;
  // Walk local days: `local` is the start instant shifted to CST, so UTC fields read as local time.
  let local = startMs + CST_OFFSET_MS;
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    if (isWorkday(dayStart, days)) {
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
export function clockMinutesBetween(
  fromMs: number,
  toMs: number,
  basis: ClockBasis,
  cal: WorkCalendar = OFFICIAL_CALENDAR,
): number {
  if (toMs <= fromMs) return 0;
  if (basis === 'natural') return (toMs - fromMs) / MINUTE_MS;
  const days = compiled(cal);
  let total = 0;
  let local = fromMs + CST_OFFSET_MS;
  const end = toMs + CST_OFFSET_MS;
  while (local < end) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    if (isWorkday(dayStart, days)) {
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
export function inWorkingTime(ms: number, cal: WorkCalendar = OFFICIAL_CALENDAR): boolean {
  const local = ms + CST_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  if (!isWorkday(dayStart, compiled(cal))) return false;
  const minute = (local - dayStart) / MINUTE_MS;
  return WORKING_PERIODS.some(([a, b]) => minute >= a && minute < b);
}
