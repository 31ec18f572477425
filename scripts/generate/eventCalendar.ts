// When events are reported: daily volume since the grid system started in January 2019 (adoption
// grows, then levels off), fewer on weekends and public holidays, a dip in the early-2020 lockdown,
// and a working-hours profile within the day. Days and hours are China Standard Time (UTC+8).

export const SYSTEM_START = '2019-01-01';
export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** First day (CST) of the Spring Festival holiday, each year. */
const SPRING_FESTIVAL: Record<number, string> = {
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
};

export interface CalendarDay {
  /** UTC ms of the day's CST midnight. */
  startMs: number;
  /** YYYYMMDD in CST, for event codes. */
  ymd: string;
  month: number; // 1–12
  weight: number;
  /** The fortnight before the Spring Festival, Mid-Autumn / National Day: markets and food stalls boom. */
  festive: boolean;
}

/** Every CST day from the system's start until the day containing `nowMs`, with its relative volume. */
export function calendarDays(nowMs: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  const start = Date.parse(`${SYSTEM_START}T00:00:00Z`) - CST_OFFSET_MS;
  for (let ms = start; ms < nowMs; ms += DAY_MS) {
    const local = new Date(ms + CST_OFFSET_MS);
    const y = local.getUTCFullYear();
    const month = local.getUTCMonth() + 1;
    const dom = local.getUTCDate();
    const dow = local.getUTCDay(); // 0 Sunday
    const years = (ms - start) / (365.25 * DAY_MS);
    // Adoption: a third of today's use in the first months, most of it by 2021.
    let weight = 0.3 + 0.7 / (1 + Math.exp(-(years - 1.6) / 0.45));
    weight *= dow === 0 ? 0.5 : dow === 6 ? 0.6 : dow === 1 ? 1.1 : 1;
    const sf = SPRING_FESTIVAL[y] ? Date.parse(`${SPRING_FESTIVAL[y]}T00:00:00Z`) - CST_OFFSET_MS : NaN;
    const toFestival = (sf - ms) / DAY_MS;
    let festive = toFestival > 0 && toFestival <= 14;
    if (toFestival <= 0 && toFestival > -7) weight *= 0.45; // Spring Festival holiday
    if (month === 10 && dom <= 7) weight *= 0.6; // National Day golden week
    if (month === 9 && dom >= 15) festive = true; // Mid-Autumn and the run-up to National Day
    if (ms >= Date.parse('2020-01-24T00:00:00Z') && ms < Date.parse('2020-03-20T00:00:00Z')) weight *= 0.4;
    if (month >= 6 && month <= 8) weight *= 1.1;
    days.push({ startMs: ms, ymd: `${y}${pad2(month)}${pad2(dom)}`, month, weight, festive });
  }
  return days;
}

/** Relative reports per CST hour: morning and afternoon patrol peaks, little at night. */
export const HOUR_WEIGHTS = [
  0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.5, 1.5, 3.5, 5, 5, 4.2, 2.2, 2, 3.8, 4.5, 4.2, 3.5, 2, 1.5, 1.2, 0.9, 0.6, 0.4,
];

const pad2 = (n: number) => String(n).padStart(2, '0');
