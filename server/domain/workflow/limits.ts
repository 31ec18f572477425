// Time limits per stage (分阶段时限) and the points a missed one costs (扣分). Each taxonomy item's limit
// is split over the stages that run against a clock; urgent items (severity 3, limits of 4 h or less:
// gas leaks, fires, missing manhole covers) run on natural time, the rest on working time (clock.ts).
import type { TaxonomyItem } from '../model';
import { getItem } from '../taxonomy';
import { addClockMinutes, type ClockBasis } from './clock';
import type { ClockStage } from './states';

/**
 * Shares of the item's limit per stage. Handling takes most of it; the centre's filing, dispatch and
 * evaluation are short desk work; verification is a trip back to the place.
 */
export const STAGE_SHARES: Readonly<Record<ClockStage, number>> = {
  file: 0.05, // 立案
  dispatch: 0.05, // 派遣
  handle: 0.65, // 处置 (each task: 签收 and 处置, until its 反馈)
  feedback: 0, // the handler's feedback ends its task clock; no clock of its own
  verify: 0.15, // 核查
  evaluate: 0.1, // 评价
};

/** The share of a limit at which a stage is warned about (预警). */
export const WARNING_SHARE = 0.8;

/** Extensions: at most this many hours per request. */
export const MAX_EXTENSION_HOURS = 720;

export function clockBasis(item: TaxonomyItem): ClockBasis {
  return item.severity === 3 ? 'natural' : 'working';
}

/** A stage's limit for an item, in clock minutes (at least one). */
export function stageLimitMinutes(item: TaxonomyItem, stage: ClockStage): number {
  return Math.max(1, Math.round(item.timeLimitHours * 60 * STAGE_SHARES[stage]));
}

/** The limits of every clocked stage for an item, and the basis its clock counts on. */
export function limitsOf(itemCode: string): Limits {
  let known = LIMITS.get(itemCode);
  if (!known) {
    known = computeLimits(itemCode);
    LIMITS.set(itemCode, known);
  }
  return known;
}
type Limits = Readonly<{ basis: ClockBasis; minutes: Readonly<Record<ClockStage, number>> }>;
/** Each item's limits, computed once: every step replayed or generated asks for them. */
const LIMITS = new Map<string, Limits>();

function computeLimits(itemCode: string): Limits {
  const item = getItem(itemCode);
  const minutes = Object.fromEntries(
    (Object.keys(STAGE_SHARES) as ClockStage[]).map((s) => [s, STAGE_SHARES[s] ? stageLimitMinutes(item, s) : 0]),
  ) as Record<ClockStage, number>;
  return { basis: clockBasis(item), minutes };
}

/** The case's overall deadline (总时限): the item's whole limit from the report, on its clock. */
export function caseDeadline(itemCode: string, reportedAt: string): string {
  const item = getItem(itemCode);
  return new Date(addClockMinutes(Date.parse(reportedAt), item.timeLimitHours * 60, clockBasis(item))).toISOString();
}

/** Points deducted from a holder for one missed limit: more for the items that matter more. */
export function deductionPoints(item: TaxonomyItem): number {
  return item.severity;
}
