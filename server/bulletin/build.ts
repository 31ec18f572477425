// Builds one month's bulletin (domain/bulletin.ts) from the store: the rankings and the city's headline
// from the assessment's own counts (store/assessment.ts, the function behind GET /api/assessment), the
// hot spots from the risk ranking (store/risk.ts, behind GET /api/risk) at the end of the month's last
// day, and the rest from store/bulletin.ts. Nothing here computes a figure the routes compute otherwise.
import { ASSESSMENT_LEVELS, type AssessmentLevel, assessUnits, parsePeriod } from '../domain/assessment';
import {
  BULLETIN_LEVELS,
  type Bulletin,
  cityCounts,
  headlineOf,
  LAST_PLACE_WARNING_MONTHS,
  LAST_PLACE_WINDOW,
  type LeaderDayInput,
  lastDayOf,
  lastPlaceWarnings,
  monthsUpTo,
} from '../domain/bulletin';
import type { RiskConfig } from '../domain/risk/config';
import { assessmentCountsOf } from '../store/assessment';
import { bulletinCategories, bulletinDays, bulletinGeography, deductedCases } from '../store/bulletin';
import type { Db } from '../store/db';
import { rankRisk } from '../store/risk';
import { bulletinLeaderDay } from './leaderDay';

/** Hot spots named in the bulletin (GET /api/risk?level=grid&top=HOT_SPOTS gives the same). */
export const HOT_SPOTS = 10;
/** Deducted cases listed (all are counted). */
export const DEDUCTED_LISTED = 20;
const DAY_MS = 86_400_000;

export interface BuildOptions {
  db: Db;
  risk: RiskConfig;
  /** YYYY-MM. */
  month: string;
  /** The platform's clock, ISO. */
  now: string;
  /** The month's leader scheduling day; read from the leader-day store when not given. */
  leaderDay?: LeaderDayInput | null;
  /** The assessment's weight on a deduction after a leader's instruction (config/leader-day.json
   * followUp.deductionFactor), so the bulletin's points equal GET /api/assessment's. */
  supervisedFactor?: number;
  /** Told each part once it is read, with its time (the command line's progress). */
  progress?: (step: string, ms: number) => void;
}

/**
 * The risk's moment for a month: the end of its last day (UTC), or now when that is earlier — what
 * GET /api/risk?at=<last day> scores.
 */
export function riskMomentOf(month: string, now: string): string {
  const end = Date.parse(`${lastDayOf(month)}T00:00:00Z`) + DAY_MS;
  return new Date(Math.min(end, Date.parse(now))).toISOString();
}

/** The month's bulletin, or null when the month has no case (or is not a month). */
export async function buildBulletin(o: BuildOptions): Promise<Bulletin | null> {
  const period = parsePeriod(o.month);
  if (period?.kind !== 'month') return null;
  let last = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    o.progress?.(name, Math.round(t - last));
    last = t;
  };
  const months = monthsUpTo(o.month, LAST_PLACE_WINDOW);
  const periods = months.map((m) => parsePeriod(m)!);

  // Each level's counts over the twelve months in one pass: the month's is the last of them. The
  // subdistricts and towns first: they cover the city, so their sum says whether the month has a case.
  const counts = new Map<AssessmentLevel, Awaited<ReturnType<typeof assessmentCountsOf>>>();
  const [subdistricts, geography] = await Promise.all([
    assessmentCountsOf(o.db, 'subdistrict', periods, o.supervisedFactor),
    bulletinGeography(o.db),
  ]);
  counts.set('subdistrict', subdistricts);
  const monthOf = (level: AssessmentLevel) => counts.get(level)!.at(-1)!;
  const city = cityCounts(monthOf('subdistrict'), geography.city);
  if (city.reported === 0) return null;
  step('subdistricts and geography');
  const others = ASSESSMENT_LEVELS.filter((l) => l !== 'subdistrict');
  const read = await Promise.all(others.map((level) => assessmentCountsOf(o.db, level, periods, o.supervisedFactor)));
  others.forEach((level, i) => {
    counts.set(level, read[i]!);
  });
  step(`assessment of every level, ${LAST_PLACE_WINDOW} months`);

  const [daily, categories, deductions] = await Promise.all([
    bulletinDays(o.db, period),
    bulletinCategories(o.db, period),
    deductedCases(o.db, period, DEDUCTED_LISTED),
  ]);
  step('cases by day, category and deduction');
  const at = riskMomentOf(o.month, o.now);
  // The hot spots exactly as the route ranks its top; every grid's score for the map.
  const [hotSpots, allGrids] = await Promise.all([
    rankRisk(o.db, o.risk, { level: 'grid', at, top: HOT_SPOTS, within: [] }),
    rankRisk(o.db, o.risk, { level: 'grid', at, top: geography.grids.length, within: [] }),
  ]);
  step('risk at the month’s end');
  const scoreOf = new Map(allGrids.map((g) => [g.areaId, g.score]));

  return {
    month: o.month,
    period: { ...period, complete: Date.parse(period.to) <= Date.parse(o.now) },
    builtAt: o.now,
    city: geography.city,
    headline: headlineOf(city),
    rankings: BULLETIN_LEVELS.map(({ level }) => {
      const units = assessUnits(monthOf(level));
      return {
        level,
        units: units.filter((u) => u.rank !== null),
        unranked: units.filter((u) => u.rank === null).length,
      };
    }),
    warnings: {
      threshold: LAST_PLACE_WARNING_MONTHS,
      window: LAST_PLACE_WINDOW,
      months,
      units: BULLETIN_LEVELS.flatMap(({ level }) =>
        lastPlaceWarnings(
          level,
          months,
          counts.get(level)!.map((c) => assessUnits(c)),
        ),
      ),
    },
    deductions,
    risk: {
      at,
      hotSpots,
      grids: geography.grids.map((g) => ({ ...g, score: scoreOf.get(g.id) ?? 0 })),
      outline: geography.outline,
    },
    daily,
    categories,
    leaderDay: o.leaderDay !== undefined ? o.leaderDay : await bulletinLeaderDay(o.db, o.month, o.now),
  };
}
