// China's official public-holiday arrangements (法定节假日安排), the working-time clock's default calendar
// (clock.ts, docs/adr/0008): the days off and the make-up working weekends (调休上班) that the General
// Office of the State Council publishes each year, for every year the generated history spans and the
// current one. Sources, one notice per year (国务院办公厅关于…部分节假日安排的通知):
// - 《国务院办公厅关于2019年部分节假日安排的通知》, with the May Day change of
//   《国务院办公厅关于调整2019年劳动节假期安排的通知》 (May 1–4, work Apr 28 and May 5);
// - 《国务院办公厅关于2020年部分节假日安排的通知》, with the Spring Festival extended to Feb 2 by
//   《国务院办公厅关于延长2020年春节假期的通知》 (so Sat Feb 1 was no longer a working day);
// - 《国务院办公厅关于2021年部分节假日安排的通知》 … 《国务院办公厅关于2026年部分节假日安排的通知》.
// A year not in the table (later ones until added here) falls back to Monday–Friday: no holiday is
// skipped, no weekend worked. The server warns at start when today's year is missing (`coversYear`).
// A range is listed under the notice that set it, even where it starts in the year before (元旦 2023
// from Dec 31 2022). `days` is the notice's own count (共N天), which the table's test checks.
import type { WorkCalendar } from './clock';

export interface Holiday {
  name: string;
  /** First and last day off, YYYY-MM-DD (CST), both included. */
  from: string;
  to: string;
  /** The notice's 共N天: the range's length. */
  days: number;
  /** The weekend days worked in exchange (调休上班), each a Saturday or a Sunday. */
  workdays: readonly string[];
}

export interface YearArrangement {
  year: number;
  notice: string;
  holidays: readonly Holiday[];
}

const h = (name: string, from: string, to: string, days: number, workdays: string[] = []): Holiday => ({
  name,
  from,
  to,
  days,
  workdays,
});

export const OFFICIAL_ARRANGEMENTS: readonly YearArrangement[] = [
  {
    year: 2019,
    notice: '国务院办公厅关于2019年部分节假日安排的通知；国务院办公厅关于调整2019年劳动节假期安排的通知',
    holidays: [
      h('元旦', '2018-12-30', '2019-01-01', 3, ['2018-12-29']),
      h('春节', '2019-02-04', '2019-02-10', 7, ['2019-02-02', '2019-02-03']),
      h('清明节', '2019-04-05', '2019-04-07', 3),
      h('劳动节', '2019-05-01', '2019-05-04', 4, ['2019-04-28', '2019-05-05']),
      h('端午节', '2019-06-07', '2019-06-09', 3),
      h('中秋节', '2019-09-13', '2019-09-15', 3),
      h('国庆节', '2019-10-01', '2019-10-07', 7, ['2019-09-29', '2019-10-12']),
    ],
  },
  {
    year: 2020,
    notice: '国务院办公厅关于2020年部分节假日安排的通知；国务院办公厅关于延长2020年春节假期的通知',
    holidays: [
      h('元旦', '2020-01-01', '2020-01-01', 1),
      h('春节', '2020-01-24', '2020-02-02', 10, ['2020-01-19']),
      h('清明节', '2020-04-04', '2020-04-06', 3),
      h('劳动节', '2020-05-01', '2020-05-05', 5, ['2020-04-26', '2020-05-09']),
      h('端午节', '2020-06-25', '2020-06-27', 3, ['2020-06-28']),
      h('国庆节、中秋节', '2020-10-01', '2020-10-08', 8, ['2020-09-27', '2020-10-10']),
    ],
  },
  {
    year: 2021,
    notice: '国务院办公厅关于2021年部分节假日安排的通知',
    holidays: [
      h('元旦', '2021-01-01', '2021-01-03', 3),
      h('春节', '2021-02-11', '2021-02-17', 7, ['2021-02-07', '2021-02-20']),
      h('清明节', '2021-04-03', '2021-04-05', 3),
      h('劳动节', '2021-05-01', '2021-05-05', 5, ['2021-04-25', '2021-05-08']),
      h('端午节', '2021-06-12', '2021-06-14', 3),
      h('中秋节', '2021-09-19', '2021-09-21', 3, ['2021-09-18']),
      h('国庆节', '2021-10-01', '2021-10-07', 7, ['2021-09-26', '2021-10-09']),
    ],
  },
  {
    year: 2022,
    notice: '国务院办公厅关于2022年部分节假日安排的通知',
    holidays: [
      h('元旦', '2022-01-01', '2022-01-03', 3),
      h('春节', '2022-01-31', '2022-02-06', 7, ['2022-01-29', '2022-01-30']),
      h('清明节', '2022-04-03', '2022-04-05', 3, ['2022-04-02']),
      h('劳动节', '2022-04-30', '2022-05-04', 5, ['2022-04-24', '2022-05-07']),
      h('端午节', '2022-06-03', '2022-06-05', 3),
      h('中秋节', '2022-09-10', '2022-09-12', 3),
      h('国庆节', '2022-10-01', '2022-10-07', 7, ['2022-10-08', '2022-10-09']),
    ],
  },
  {
    year: 2023,
    notice: '国务院办公厅关于2023年部分节假日安排的通知',
    holidays: [
      h('元旦', '2022-12-31', '2023-01-02', 3),
      h('春节', '2023-01-21', '2023-01-27', 7, ['2023-01-28', '2023-01-29']),
      h('清明节', '2023-04-05', '2023-04-05', 1),
      h('劳动节', '2023-04-29', '2023-05-03', 5, ['2023-04-23', '2023-05-06']),
      h('端午节', '2023-06-22', '2023-06-24', 3, ['2023-06-25']),
      h('中秋节、国庆节', '2023-09-29', '2023-10-06', 8, ['2023-10-07', '2023-10-08']),
    ],
  },
  {
    year: 2024,
    notice: '国务院办公厅关于2024年部分节假日安排的通知',
    holidays: [
      h('元旦', '2024-01-01', '2024-01-01', 1),
      h('春节', '2024-02-10', '2024-02-17', 8, ['2024-02-04', '2024-02-18']),
      h('清明节', '2024-04-04', '2024-04-06', 3, ['2024-04-07']),
      h('劳动节', '2024-05-01', '2024-05-05', 5, ['2024-04-28', '2024-05-11']),
      h('端午节', '2024-06-10', '2024-06-10', 1),
      h('中秋节', '2024-09-15', '2024-09-17', 3, ['2024-09-14']),
      h('国庆节', '2024-10-01', '2024-10-07', 7, ['2024-09-29', '2024-10-12']),
    ],
  },
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      h('元旦', '2025-01-01', '2025-01-01', 1),
      h('春节', '2025-01-28', '2025-02-04', 8, ['2025-01-26', '2025-02-08']),
      h('清明节', '2025-04-04', '2025-04-06', 3),
      h('劳动节', '2025-05-01', '2025-05-05', 5, ['2025-04-27']),
      h('端午节', '2025-05-31', '2025-06-02', 3),
      h('国庆节、中秋节', '2025-10-01', '2025-10-08', 8, ['2025-09-28', '2025-10-11']),
    ],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      h('元旦', '2026-01-01', '2026-01-03', 3, ['2026-01-04']),
      h('春节', '2026-02-15', '2026-02-23', 9, ['2026-02-14', '2026-02-28']),
      h('清明节', '2026-04-04', '2026-04-06', 3),
      h('劳动节', '2026-05-01', '2026-05-05', 5, ['2026-05-09']),
      h('端午节', '2026-06-19', '2026-06-21', 3),
      h('中秋节', '2026-09-25', '2026-09-27', 3),
      h('国庆节', '2026-10-01', '2026-10-07', 7, ['2026-09-20', '2026-10-10']),
    ],
  },
];

const DAY_MS = 86_400_000;

/** Every day of a range, YYYY-MM-DD. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS)
    out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

/** The official calendar as the clock takes it: days off and make-up working days. */
export const OFFICIAL_CALENDAR: WorkCalendar = {
  holidays: new Set(OFFICIAL_ARRANGEMENTS.flatMap((y) => y.holidays.flatMap((x) => daysOf(x.from, x.to)))),
  extraWorkdays: new Set(OFFICIAL_ARRANGEMENTS.flatMap((y) => y.holidays.flatMap((x) => x.workdays))),
};

const YEARS = new Set(OFFICIAL_ARRANGEMENTS.map((y) => y.year));

/** Whether the table holds the year's arrangements (the year of `ms` in CST). */
export function coversYear(ms: number): boolean {
  return YEARS.has(new Date(ms + 8 * 3_600_000).getUTCFullYear());
}

/** The years the table holds. */
export const CALENDAR_YEARS: readonly number[] = [...YEARS].sort((a, b) => a - b);
