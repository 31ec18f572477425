// The risk score's maths (风险评分), pure: the decay store/risk.ts writes in DuckDB SQL (and its test
// checks against `decay`), and the scaling and sum it applies to the raw values (scoreArea), as the
// ADR explains them (docs/adr/0009-risk-model.md).
//
// 1. Each factor has a raw value per area (factors.ts says what it counts). Things that happened
//    count with a recency decay: weight 0.5^(age in days / half-life), nothing older than the window.
// 2. Each raw value is divided by the largest raw value of that factor among all areas of the same
//    level at the same date, so the worst area on a factor gets the factor's full weight.
// 3. The score is the sum of the weighted shares: 0–100, since the weights add up to 100.
import type { RiskConfig } from './config';
import { RISK_FACTORS, type RiskFactor } from './factors';

export type FactorValues = Record<RiskFactor, number>;

const DAY_MS = 86_400_000;

/** Weight of something `ageMs` old: 1 now, ½ after one half-life, 0 beyond the window or in the future. */
export function decay(ageMs: number, halfLifeDays: number, windowDays: number): number {
  if (ageMs < 0 || ageMs > windowDays * DAY_MS) return 0;
  return 0.5 ** (ageMs / DAY_MS / halfLifeDays);
}

export interface RawArea {
  areaId: string;
  name: string;
  raw: FactorValues;
}

export interface ScoredArea {
  areaId: string;
  name: string;
  score: number;
  factors: FactorValues;
}

/** Rounded to two decimals, as the API answers contributions; the score is the sum of those. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Rounds the contributions and makes the score their sum, so what a page adds up is what it shows. */
export function rounded(area: ScoredArea): ScoredArea {
  const factors = Object.fromEntries(RISK_FACTORS.map((f) => [f, round2(area.factors[f])])) as FactorValues;
  return { ...area, factors, score: round2(RISK_FACTORS.reduce((s, f) => s + factors[f], 0)) };
}

/**
 * The scores of `areas` (all areas of one level at one date), best first (ties by id). Each factor's
 * contribution = weight × raw / (largest raw of that factor here); 0 where every raw is 0.
 */
export function scoreAreas(areas: readonly RawArea[], weights: RiskConfig['weights']): ScoredArea[] {
  const max = factorMaxima(areas);
  return areas.map((a) => scoreArea(a, max, weights)).sort(byScore);
}

/** The largest raw value of each factor among `areas` (what each area is scaled against). */
export function factorMaxima(areas: readonly RawArea[]): FactorValues {
  const max = Object.fromEntries(RISK_FACTORS.map((f) => [f, 0])) as FactorValues;
  for (const a of areas) for (const f of RISK_FACTORS) if (a.raw[f] > max[f]) max[f] = a.raw[f];
  return max;
}

/** One area's contributions and score against the level's maxima. */
export function scoreArea(a: RawArea, max: FactorValues, weights: RiskConfig['weights']): ScoredArea {
  const factors = Object.fromEntries(
    RISK_FACTORS.map((f) => [f, max[f] > 0 ? (weights[f] * a.raw[f]) / max[f] : 0]),
  ) as FactorValues;
  const score = RISK_FACTORS.reduce((s, f) => s + factors[f], 0);
  return { areaId: a.areaId, name: a.name, score, factors };
}

/** Riskiest first; ties by id. */
export const byScore = (a: ScoredArea, b: ScoredArea) =>
  b.score - a.score || (a.areaId < b.areaId ? -1 : a.areaId > b.areaId ? 1 : 0);

/** The factor that gives an area most of its score (the first in RISK_FACTORS order on a tie). */
export function mainFactor(factors: FactorValues): RiskFactor {
  return RISK_FACTORS.reduce((best, f) => (factors[f] > factors[best] ? f : best), RISK_FACTORS[0]);
}
