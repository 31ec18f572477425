// The case forecast (案件预测): a seasonal index with a damped trend, fitted on counts per period.
//
//   expected(h) = level × season(h) × exposure(h) × (1 + growth)^(years from the level's centre to h)
//
// - exposure: the period's working days (calendar.ts); everything below works on counts per working day.
// - season: each period of the year's mean count over the last three years, relative to the mean
//   (weeks smoothed over ±2 neighbours), blended with the same index of a reference series (the
//   unit's parent) by how many cases the unit itself had in that season: a
//   grid with a handful of cases a year borrows its community's seasons, the city uses its own.
// - level: the last year's cases divided by the last year's seasonal indices (a deseasonalised mean).
// - growth: last year's level over the year before, shrunk towards 0 by the cases it rests on (a
//   doubling from 3 to 6 cases means nothing, from 3,000 to 6,000 a great deal) and capped.
// - interval: a negative binomial around `expected`, its over-dispersion measured on the last year's
//   in-sample residuals, plus the level's own uncertainty; low and high are its 10% and 90% quantiles.
//
// Chosen over Holt–Winters and SARIMA (the `arima` package) because a grid's weekly series is mostly
// zeros, ones and twos: a 52-week seasonal model with its own parameters per grid chases noise,
// while pooled seasons and a yearly level do not (`npm run backtest` measures it).
import { countQuantile } from './countDistribution';
import { type Granularity, SEASON_LENGTH } from './periods';

/** A series of counts per consecutive period, oldest first, with each period's place in the year. */
export interface CountSeries {
  counts: readonly number[];
  /** seasonOf(period) of each count (0-based, < SEASON_LENGTH). */
  seasons: readonly number[];
  /** periodExposure(period) of each count: its working days. */
  exposure: readonly number[];
}

export interface SeasonalFit {
  by: Granularity;
  /** Cases per working day, deseasonalised, over the last year. */
  level: number;
  /** Yearly growth rate after shrinkage (0.1 = +10% a year). */
  growth: number;
  /** Seasonal index by place in the year, mean 1. */
  season: number[];
  /** Over-dispersion of the counts around the fit (variance = μ + dispersion·μ²). */
  dispersion: number;
}

export interface Forecast {
  expected: number;
  low: number;
  high: number;
}

/** The method's name, as the API reports it. */
export const METHOD = 'seasonal-index-damped-trend';
/** Years of history the model looks at (older years describe a platform still being adopted). */
const FIT_YEARS = 3;
/** A season's own cases needed to weigh as much as the reference's index. */
const SEASON_PRIOR_CASES = 30;
/** Cases over two years needed for the trend to count half. */
const TREND_PRIOR_CASES = 400;
const GROWTH_CAP: [number, number] = [-0.5, 1];
/** Weekly indices are smoothed over neighbouring weeks with these weights (a week is too noisy alone). */
const WEEK_SMOOTHING = [1, 2, 3, 2, 1];
/** The interval's quantiles: an 80% interval. */
export const INTERVAL: [low: number, high: number] = [0.1, 0.9];

/** Mean count per working day by place in the year (smoothed for weeks), relative to the overall mean, and how many cases stand behind each. */
function seasonalMeans(
  s: CountSeries,
  from: number,
  by: Granularity,
  growth = 0,
): { index: number[]; cases: number[] } {
  const m = SEASON_LENGTH[by];
  const sum = new Array<number>(m).fill(0);
  const n = new Array<number>(m).fill(0);
  const last = s.counts.length - 1;
  for (let i = from; i < s.counts.length; i++) {
    sum[s.seasons[i]!]! += s.counts[i]!;
    // Each period's working days, scaled by the trend, so a growing series' latest seasons do not look busier.
    n[s.seasons[i]!]! += s.exposure[i]! * (1 + growth) ** ((i - last) / m);
  }
  const kernel = by === 'week' ? WEEK_SMOOTHING : [1];
  const half = (kernel.length - 1) / 2;
  const smoothSum = new Array<number>(m).fill(0);
  const smoothN = new Array<number>(m).fill(0);
  for (let p = 0; p < m; p++) {
    for (let j = -half; j <= half; j++) {
      const q = (p + j + m) % m;
      smoothSum[p]! += kernel[j + half]! * sum[q]!;
      smoothN[p]! += kernel[j + half]! * n[q]!;
    }
  }
  const total = sum.reduce((a, b) => a + b, 0);
  const periods = n.reduce((a, b) => a + b, 0);
  const mean = periods > 0 ? total / periods : 0;
  const index = smoothSum.map((v, p) => (mean > 0 && smoothN[p]! > 0 ? v / smoothN[p]! / mean : 1));
  // Cases behind each index: the smoothed sum, in units of one season's cases.
  const weight = kernel.reduce((a, b) => a + b, 0);
  return { index, cases: smoothSum.map((v) => v / weight) };
}

/**
 * Fits the model on `own`, borrowing seasons from `reference` (the parent unit) where `own` is thin.
 * Two passes: the first without trend finds the growth, the second takes it out of the seasons.
 */
export function fitSeasonal(own: CountSeries, by: Granularity, reference?: CountSeries, detrend = true): SeasonalFit {
  const m = SEASON_LENGTH[by];
  const n = own.counts.length;
  if (n === 0) throw new Error('cannot fit an empty series');
  const from = Math.max(0, n - FIT_YEARS * m);
  const firstPass = detrend ? fitSeasonal(own, by, reference, false).growth : 0;
  const mine = seasonalMeans(own, from, by, firstPass);
  const ref = reference
    ? seasonalMeans(
        reference,
        Math.max(0, reference.counts.length - FIT_YEARS * m),
        by,
        fitSeasonal(reference, by, undefined, false).growth,
      )
    : mine;
  const blended = mine.index.map((v, p) => {
    const w = mine.cases[p]! / (mine.cases[p]! + SEASON_PRIOR_CASES);
    return reference ? w * v + (1 - w) * ref.index[p]! : v;
  });
  const meanIndex = blended.reduce((a, b) => a + b, 0) / m;
  const season = blended.map((v) => (meanIndex > 0 ? v / meanIndex : 1));

  const levelOf = (start: number, end: number) => {
    let cases = 0;
    let weight = 0;
    for (let i = Math.max(0, start); i < end; i++) {
      cases += own.counts[i]!;
      weight += season[own.seasons[i]!]! * own.exposure[i]!;
    }
    return { cases, level: weight > 0 ? cases / weight : 0, periods: end - Math.max(0, start) };
  };
  const last = levelOf(n - m, n);
  const prev = levelOf(n - 2 * m, n - m);
  let growth = 0;
  if (prev.periods === m && prev.level > 0 && last.level > 0) {
    const cases = last.cases + prev.cases;
    const shrink = cases / (cases + TREND_PRIOR_CASES);
    growth = Math.min(GROWTH_CAP[1], Math.max(GROWTH_CAP[0], (last.level / prev.level - 1) * shrink));
  }

  // Over-dispersion of the last year around level × season (method of moments, never below Poisson),
  // plus the level's own sampling uncertainty (relative variance 1 / cases).
  let excess = 0;
  let squares = 0;
  for (let i = Math.max(0, n - m); i < n; i++) {
    const f = last.level * season[own.seasons[i]!]! * own.exposure[i]!;
    excess += (own.counts[i]! - f) ** 2 - f;
    squares += f * f;
  }
  const dispersion = (squares > 0 ? Math.max(0, excess / squares) : 0) + 1 / Math.max(1, last.cases);
  return { by, level: last.level, growth, season, dispersion };
}

/**
 * The forecast `h` periods after the last fitted one (h ≥ 1), whose place in the year is `season`
 * (seasonOf(period)) and whose working days are `exposure`, with its 80% interval.
 */
export function forecastAt(fit: SeasonalFit, h: number, season: number, exposure: number): Forecast {
  const expected = expectedAt(fit, h, season, exposure);
  const dist = { mean: expected, dispersion: fit.dispersion };
  return { expected, low: countQuantile(dist, INTERVAL[0]), high: countQuantile(dist, INTERVAL[1]) };
}

export function expectedAt(fit: SeasonalFit, h: number, season: number, exposure: number): number {
  const m = SEASON_LENGTH[fit.by];
  // The level is the mean of the last m periods, centred (m - 1) / 2 periods before the last one.
  const years = ((m - 1) / 2 + h) / m;
  return fit.level * fit.season[season]! * exposure * (1 + fit.growth) ** years;
}

/** The same period a year before: the seasonal-naive forecast the model must beat (backtest). */
export function seasonalNaive(counts: readonly number[], h: number, by: Granularity): number | undefined {
  const m = SEASON_LENGTH[by];
  const i = counts.length - 1 + h - m * Math.ceil(h / m);
  return i >= 0 ? counts[i] : undefined;
}
