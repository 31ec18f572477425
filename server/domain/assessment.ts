// Assessment (考核评价), in the spirit of GB/T 30428.4 (数字化城市管理 绩效评价): per unit and period,
// the indicators of the closed loop, a composite score and a ranking, and the two sanctions the
// article names. Pure: the store counts (store/assessment.ts), this turns counts into rates, scores,
// ranks and flags.
//
// Every figure is about the cases REPORTED in the period (a cohort), counted for the unit the case
// belongs to: a grid worker's (urban) grid, a village committee's village, a community, a subdistrict
// or town, by the case's place; a department, the cases it answers for (the lead of the last
// dispatch). Points deducted are the unit's own: deductions held by it (or by a unit below it).
import type { Scope } from './access';

/** The levels units are assessed at. `village`: the village committees of the village pilot's grids. */
export const ASSESSMENT_LEVELS = ['gridworker', 'village', 'community', 'subdistrict', 'department'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** The stages with a time limit, whose on-time rates are reported. */
export const TIMED_STAGES = ['file', 'dispatch', 'handle', 'verify', 'evaluate'] as const;
export type TimedStage = (typeof TIMED_STAGES)[number];

/** A period: a calendar month or year in China Standard Time, as UTC instants (`to` exclusive). */
export interface AssessmentPeriod {
  value: string;
  kind: 'month' | 'year';
  from: string;
  to: string;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const cstMidnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - CST_OFFSET_MS).toISOString();

/** `YYYY-MM` or `YYYY` as a period, or null when it is neither (or outside 2000–2099). */
export function parsePeriod(value: string): AssessmentPeriod | null {
  const m = /^(20\d{2})(?:-(0[1-9]|1[0-2]))?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { value, kind: 'year', from: cstMidnight(year, 0), to: cstMidnight(year + 1, 0) };
  const month = Number(m[2]) - 1;
  return { value, kind: 'month', from: cstMidnight(year, month), to: cstMidnight(year, month + 1) };
}

/** The year before a year period (for the "two years running" flag). */
export function previousYear(p: AssessmentPeriod): AssessmentPeriod {
  if (p.kind !== 'year') throw new Error(`${p.value} is not a year`);
  return parsePeriod(String(Number(p.value) - 1)) ?? { ...p, from: p.from, to: p.from };
}

/** What the store counts for one unit. */
export interface UnitCounts {
  unitId: string;
  name: string;
  /** The unit's path in the admin tree; null for a department. */
  path: string | null;
  /** Reports received (filed or not). */
  reported: number;
  /** Of them, filed (立案). */
  filed: number;
  /** Tasks dispatched (派遣; a summons counts each department), and of them returned (退回). */
  dispatched: number;
  returned: number;
  /** Verifications (核查), and of them those that failed and sent the case back to handling (返工). */
  verifications: number;
  reworks: number;
  /** Cases closed (结案: verification passed). */
  closed: number;
  /** Sum of the closed cases' report-to-closure times, working hours. */
  handlingHours: number;
  /** Per stage: cases that entered it, and of them those that missed its limit (a deduction of that stage). */
  entered: Record<TimedStage, number>;
  late: Record<TimedStage, number>;
  /** Evaluations with a rating: 满意, 基本满意, 不满意. */
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  pointsDeducted: number;
}

export type AssessmentFlag = 'summoned' | 'awardsRevoked';

export interface UnitAssessment {
  unitId: string;
  name: string;
  path: string | null;
  /** 1 = best; null for a unit with no case in the period (not ranked). */
  rank: number | null;
  /** 0–100; null when not ranked. */
  score: number | null;
  reported: number;
  filed: number;
  filingRate: number | null;
  dispatched: number;
  returned: number;
  dispatchAccuracy: number | null;
  onTime: Record<TimedStage, number | null>;
  reworkRate: number | null;
  closed: number;
  closureRate: number | null;
  avgHandlingHours: number | null;
  satisfaction: {
    rated: number;
    satisfied: number | null;
    basicallySatisfied: number | null;
    dissatisfied: number | null;
  };
  pointsDeducted: number;
  /** 约谈 (last of its level for the year), 取消评优 (last two years running); year periods only. */
  flags: AssessmentFlag[];
}

/**
 * The composite score's weights (they sum to 1). Monthly closure is near 100% for old months, so it
 * weighs little; timeliness, satisfaction and speed, which differ between units, weigh most.
 */
export const SCORE_WEIGHTS = {
  filingRate: 0.1,
  dispatchAccuracy: 0.1,
  onTime: 0.25, // the mean of the stages' on-time rates
  firstTimeRight: 0.1, // 1 − rework rate
  closureRate: 0.1,
  satisfaction: 0.2, // (satisfied + 0.6 × basically satisfied) / rated
  speed: 0.15, // min(1, the level's median handling time / the unit's)
} as const;
/** What a rating of 基本满意 counts for in the satisfaction index (满意 1, 不满意 0). */
export const BASIC_SATISFACTION_VALUE = 0.6;
/** Points deducted per case filed, times this, come off the score, at most DEDUCTION_CAP. */
export const DEDUCTION_FACTOR = 10;
export const DEDUCTION_CAP = 20;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The satisfaction index of a unit's ratings, or null without any. */
export function satisfactionIndex(c: Pick<UnitCounts, 'satisfied' | 'basicallySatisfied' | 'dissatisfied'>) {
  const rated = c.satisfied + c.basicallySatisfied + c.dissatisfied;
  return ratio(c.satisfied + BASIC_SATISFACTION_VALUE * c.basicallySatisfied, rated);
}

/**
 * The composite score (综合得分), 0–100:
 *   100 × Σ wᵢ·xᵢ / Σ wᵢ (over the indicators that have a value) − min(DEDUCTION_CAP, DEDUCTION_FACTOR × points / filed)
 * with xᵢ the rates of SCORE_WEIGHTS. `medianHours` is the level's median of the units' average
 * handling times (the speed indicator is relative to the level).
 */
export function compositeScore(c: UnitCounts, medianHours: number | null): number | null {
  if (c.reported === 0) return null;
  const avgHours = ratio(c.handlingHours, c.closed);
  const onTimes = TIMED_STAGES.map((s) => ratio(c.entered[s] - c.late[s], c.entered[s])).filter(
    (x): x is number => x !== null,
  );
  const x: Record<keyof typeof SCORE_WEIGHTS, number | null> = {
    filingRate: ratio(c.filed, c.reported),
    dispatchAccuracy: c.dispatched > 0 ? 1 - c.returned / c.dispatched : null,
    onTime: onTimes.length ? onTimes.reduce((a, b) => a + b, 0) / onTimes.length : null,
    firstTimeRight: c.verifications > 0 ? 1 - c.reworks / c.verifications : null,
    closureRate: ratio(c.closed, c.filed),
    satisfaction: satisfactionIndex(c),
    speed: avgHours === null || medianHours === null ? null : avgHours <= 0 ? 1 : Math.min(1, medianHours / avgHours),
  };
  let sum = 0;
  let weights = 0;
  for (const k of Object.keys(SCORE_WEIGHTS) as (keyof typeof SCORE_WEIGHTS)[]) {
    const v = x[k];
    if (v === null) continue;
    sum += SCORE_WEIGHTS[k] * v;
    weights += SCORE_WEIGHTS[k];
  }
  if (weights === 0) return null;
  const penalty = Math.min(DEDUCTION_CAP, (DEDUCTION_FACTOR * c.pointsDeducted) / Math.max(1, c.filed));
  return Math.max(0, (100 * sum) / weights - penalty);
}

/**
 * Units with their indicators, score and rank, best first; units without a case in the period last,
 * unranked. Ties on the score (rare: it is continuous) go to the higher satisfaction index, then the
 * fewer points deducted, then the shorter handling time, then the unit id, so every rank is distinct.
 */
export function assessUnits(counts: readonly UnitCounts[]): UnitAssessment[] {
  const medianHours = median(counts.filter((c) => c.closed > 0).map((c) => c.handlingHours / c.closed));
  const scored = counts.map((c) => ({ c, score: compositeScore(c, medianHours) }));
  const key = (x: (typeof scored)[number]) => ({
    score: x.score ?? -1,
    sat: satisfactionIndex(x.c) ?? -1,
    points: x.c.pointsDeducted,
    hours: ratio(x.c.handlingHours, x.c.closed) ?? Number.POSITIVE_INFINITY,
  });
  scored.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (
      Number(b.score !== null) - Number(a.score !== null) ||
      kb.score - ka.score ||
      kb.sat - ka.sat ||
      ka.points - kb.points ||
      ka.hours - kb.hours ||
      (a.c.unitId < b.c.unitId ? -1 : a.c.unitId > b.c.unitId ? 1 : 0)
    );
  });
  let rank = 0;
  return scored.map(({ c, score }) => {
    const rated = c.satisfied + c.basicallySatisfied + c.dissatisfied;
    return {
      unitId: c.unitId,
      name: c.name,
      path: c.path,
      rank: score === null ? null : ++rank,
      score: score === null ? null : round(score, 2),
      reported: c.reported,
      filed: c.filed,
      filingRate: round(ratio(c.filed, c.reported)),
      dispatched: c.dispatched,
      returned: c.returned,
      dispatchAccuracy: round(c.dispatched > 0 ? 1 - c.returned / c.dispatched : null),
      onTime: Object.fromEntries(
        TIMED_STAGES.map((s) => [s, round(ratio(c.entered[s] - c.late[s], c.entered[s]))]),
      ) as Record<TimedStage, number | null>,
      reworkRate: round(ratio(c.reworks, c.verifications)),
      closed: c.closed,
      closureRate: round(ratio(c.closed, c.filed)),
      avgHandlingHours: round(ratio(c.handlingHours, c.closed), 1),
      satisfaction: {
        rated,
        satisfied: round(ratio(c.satisfied, rated)),
        basicallySatisfied: round(ratio(c.basicallySatisfied, rated)),
        dissatisfied: round(ratio(c.dissatisfied, rated)),
      },
      pointsDeducted: c.pointsDeducted,
      flags: [],
    };
  });
}

/** The last-ranked unit of an assessment (highest rank), or null when nobody was ranked. */
export function lastPlace(units: readonly UnitAssessment[]): string | null {
  let last: UnitAssessment | null = null;
  for (const u of units) if (u.rank !== null && (last === null || u.rank > last.rank!)) last = u;
  return last?.unitId ?? null;
}

/**
 * The article's sanctions for a year (年度考核): the unit ranked last of its level for the year is
 * summoned (约谈); last this year and the year before, it loses its awards (取消评优). `previous` is
 * the year before's assessment of the same level.
 */
export function flagYear(units: UnitAssessment[], previous: readonly UnitAssessment[]): UnitAssessment[] {
  const last = lastPlace(units);
  const lastBefore = lastPlace(previous);
  return units.map((u) => {
    if (u.unitId !== last) return u;
    const flags: AssessmentFlag[] = ['summoned'];
    if (lastBefore === last) flags.push('awardsRevoked');
    return { ...u, flags };
  });
}

/** How deep a level's units sit in the admin tree (city 1, subdistrict/town 2, community/village 3, grid 4). */
export const LEVEL_DEPTH: Record<Exclude<AssessmentLevel, 'department'>, number> = {
  gridworker: 4,
  village: 3,
  community: 3,
  subdistrict: 2,
};

const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/**
 * Which rows of a level's assessment a reader may see (the ranking is the whole level's; only the
 * rows are narrowed): the city scope everything; a community or subdistrict the units of its own
 * subtree, at its own level or below; a department its own row at the department level. `withinPath`
 * narrows further to a unit's subtree and must overlap the reader's scope. Returns the refusal's
 * message, or the rows' test.
 */
export function assessmentRows(
  scope: Scope,
  level: AssessmentLevel,
  withinPath: string | null,
): { ok: false; message: string } | { ok: true; shows: (u: Pick<UnitAssessment, 'unitId' | 'path'>) => boolean } {
  if (level === 'department') {
    if (withinPath !== null) return { ok: false, message: 'within: departments are not units of the admin tree.' };
    if (scope.kind === 'unit') return { ok: false, message: 'The department level is outside your scope.' };
    if (scope.kind === 'department') return { ok: true, shows: (u) => u.unitId === scope.departmentId };
    return { ok: true, shows: () => true };
  }
  if (scope.kind === 'department')
    return { ok: false, message: `The ${level} level is outside your scope: a department reads its own row.` };
  if (scope.kind === 'unit') {
    if (LEVEL_DEPTH[level] < scope.path.split('/').length)
      return { ok: false, message: `The ${level} level is above your unit.` };
    if (withinPath !== null && !within(withinPath, scope.path) && !within(scope.path, withinPath))
      return { ok: false, message: 'within: that unit is outside your scope.' };
  }
  const root = scope.kind === 'unit' ? scope.path : null;
  return {
    ok: true,
    shows: (u) =>
      u.path !== null && (root === null || within(u.path, root)) && (withinPath === null || within(u.path, withinPath)),
  };
}
