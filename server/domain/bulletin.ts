// The monthly supervision bulletin 《e家综合》 (监督通报): what one month's bulletin says, as data. Pure:
// the builder (server/bulletin/build.ts) fills it from the store's own assessment and risk functions;
// the HTML and PDF renderers only lay it out. "The month" is the assessment's: every figure is about
// the cases REPORTED in the calendar month (China Standard Time), as GET /api/assessment?period=YYYY-MM.
import {
  type AssessmentLevel,
  type AssessmentPeriod,
  assessUnits,
  lastPlace,
  satisfactionIndex,
  TIMED_STAGES,
  type TimedStage,
  type UnitAssessment,
  type UnitCounts,
} from './assessment';
import type { ScoredArea } from './risk/score';

/** The bulletin's name, as printed on its masthead. */
export const BULLETIN_TITLE = '《e家综合》';

/**
 * The year-long "last place" warning (末位预警): a unit ranked last of its level in at least this many
 * of the last LAST_PLACE_WINDOW months (the bulletin's month included) is named. Three is a quarter's
 * worth: once is bad luck, three times in a year is a pattern the article's sanctions are about.
 */
export const LAST_PLACE_WARNING_MONTHS = 3;
export const LAST_PLACE_WINDOW = 12;

/** The levels ranked, in the bulletin's order, with their headings. */
export const BULLETIN_LEVELS: readonly { level: AssessmentLevel; zh: string; unit: string }[] = [
  { level: 'subdistrict', zh: '街道（镇）', unit: '街道（镇）' },
  { level: 'community', zh: '社区', unit: '社区' },
  { level: 'village', zh: '村（村委会）', unit: '村委会' },
  { level: 'department', zh: '职能部门', unit: '部门' },
  { level: 'gridworker', zh: '网格员（城区网格）', unit: '网格' },
];

/** `YYYY-MM`, months 01–12 of 2000–2099 (the assessment's month periods). */
export const MONTH_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;

/**
 * One case of a leader scheduling day (市级领导调度日) as the bulletin shows it. The leader-day store
 * gives these; the bulletin renders whatever it is handed and reads no leader-day table itself.
 */
export interface LeaderDayCase {
  eventId: string;
  /** The case number people use (TC20261102-R00001), when known. */
  code?: string;
  title: string;
  /** The lead department's name (牵头单位). */
  leadDepartment: string;
  /** The leader's deadline (ISO), or null when none was set. */
  deadline: string | null;
  /** Where it stands now, in words (e.g. 办理中, 已办结). */
  status: string;
  /** Past its deadline and not closed. */
  overdue: boolean;
}

/** The month's leader scheduling day, for its section of the bulletin; absent: none was held. */
export interface LeaderDayInput {
  /** The session's day (YYYY-MM-DD) and the leader who held it, when known. */
  date?: string | null;
  leader?: string | null;
  cases: LeaderDayCase[];
  counts: { cases: number; closed: number; open: number; overdue: number };
}

/** The month's figures for the whole city (全市). */
export interface BulletinHeadline {
  reported: number;
  filed: number;
  closed: number;
  /** closed / filed (结案率). */
  closureRate: number | null;
  /** The mean of the timed stages' on-time rates (按时率), as the composite score takes it. */
  onTimeRate: number | null;
  onTime: Record<TimedStage, number | null>;
  /** (satisfied + 0.6 × basically satisfied) / rated (满意度指数, domain/assessment.ts). */
  satisfaction: number | null;
  rated: number;
  pointsDeducted: number;
}

export interface BulletinRanking {
  level: AssessmentLevel;
  /** The level's units as GET /api/assessment ranks them, best first (unranked ones left out). */
  units: UnitAssessment[];
  /** Units with no case in the month (not ranked). */
  unranked: number;
}

export interface LastPlaceWarning {
  level: AssessmentLevel;
  unitId: string;
  name: string;
  /** The months (YYYY-MM) of the window in which it was last, oldest first. */
  months: string[];
}

/** A case of the month with points deducted for a stage run late (超期扣分). */
export interface DeductedCase {
  id: string;
  code: string;
  item: string;
  grid: string;
  department: string;
  reportedAt: string;
  status: string;
  points: number;
  stages: string[];
}

export interface BulletinDay {
  /** CST day, YYYY-MM-DD. */
  day: string;
  reported: number;
  /** Of them, closed by now. */
  closed: number;
}

export interface BulletinCategory {
  code: string;
  name: string;
  count: number;
}

/** A grid of the map, shaded by its risk score. */
export interface BulletinMapArea {
  id: string;
  /** urban or village (the map's main panel is the urban area). */
  area: string | null;
  score: number;
  rings: [number, number][][];
}

export interface Bulletin {
  month: string;
  period: AssessmentPeriod & { complete: boolean };
  /** The platform's clock when it was built (ISO). */
  builtAt: string;
  city: string;
  headline: BulletinHeadline;
  rankings: BulletinRanking[];
  warnings: { threshold: number; window: number; months: string[]; units: LastPlaceWarning[] };
  deductions: { cases: number; points: number; listed: DeductedCase[] };
  risk: {
    /** The moment scored: the end of the month's last day (UTC, as GET /api/risk?at=), or now if earlier. */
    at: string;
    hotSpots: ScoredArea[];
    grids: BulletinMapArea[];
    outline: [number, number][][];
  };
  daily: BulletinDay[];
  categories: BulletinCategory[];
  leaderDay: LeaderDayInput | null;
}

/** The month's counts of the whole city: the sum of a level that covers it (the subdistricts and towns). */
export function cityCounts(units: readonly UnitCounts[], name: string): UnitCounts {
  const stages = () => Object.fromEntries(TIMED_STAGES.map((s) => [s, 0])) as Record<TimedStage, number>;
  const city: UnitCounts = {
    unitId: 'city',
    name,
    path: null,
    reported: 0,
    filed: 0,
    dispatched: 0,
    returned: 0,
    verifications: 0,
    reworks: 0,
    closed: 0,
    handlingHours: 0,
    entered: stages(),
    late: stages(),
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
    pointsDeducted: 0,
  };
  for (const u of units) {
    for (const k of [
      'reported',
      'filed',
      'dispatched',
      'returned',
      'verifications',
      'reworks',
      'closed',
      'handlingHours',
      'satisfied',
      'basicallySatisfied',
      'dissatisfied',
      'pointsDeducted',
    ] as const)
      city[k] += u[k];
    for (const s of TIMED_STAGES) {
      city.entered[s] += u.entered[s];
      city.late[s] += u.late[s];
    }
  }
  return city;
}

/** The mean of the stages' on-time rates that have a value (null when none has). */
export function meanOnTime(onTime: Record<TimedStage, number | null>): number | null {
  const rates = TIMED_STAGES.map((s) => onTime[s]).filter((x): x is number => x !== null);
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
}

/** The city's headline from its counts, through the assessment's own formulas (assessUnits). */
export function headlineOf(city: UnitCounts): BulletinHeadline {
  const a = assessUnits([city])[0]!;
  const rated = a.satisfaction.rated;
  return {
    reported: a.reported,
    filed: a.filed,
    closed: a.closed,
    closureRate: a.closureRate,
    onTimeRate: meanOnTime(a.onTime),
    onTime: a.onTime,
    satisfaction: satisfactionIndex(city),
    rated,
    pointsDeducted: city.pointsDeducted,
  };
}

/**
 * The units last of their level in at least `threshold` of the months given: `monthly` holds each
 * month's assessment of the level (ranked as GET /api/assessment ranks it), in the months' order.
 */
export function lastPlaceWarnings(
  level: AssessmentLevel,
  months: readonly string[],
  monthly: readonly (readonly UnitAssessment[])[],
  threshold = LAST_PLACE_WARNING_MONTHS,
): LastPlaceWarning[] {
  const byUnit = new Map<string, LastPlaceWarning>();
  monthly.forEach((units, i) => {
    const last = lastPlace(units);
    if (last === null) return;
    const name = units.find((u) => u.unitId === last)!.name;
    const w = byUnit.get(last) ?? { level, unitId: last, name, months: [] };
    w.months.push(months[i]!);
    byUnit.set(last, w);
  });
  return [...byUnit.values()]
    .filter((w) => w.months.length >= threshold)
    .sort((a, b) => b.months.length - a.months.length || (a.unitId < b.unitId ? -1 : 1));
}

/** The `count` months up to and including `month` (YYYY-MM), oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** The last day of a month, YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A rate as a percentage for the page (一位小数), or a dash. */
export const percent = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

/** A month as the masthead prints it: 2026年10月. */
export function monthZh(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}
