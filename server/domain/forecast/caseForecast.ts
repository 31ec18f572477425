// A unit's cases per period, forecast ahead and checked for anomalies (异常): periods far above what
// the model expected from the history before them.
import { periodExposure } from './calendar';
import { countQuantile } from './countDistribution';
import { type Granularity, periodRange, SEASON_LENGTH, seasonOf, shiftPeriod } from './periods';
import { type CountSeries, fitSeasonal, forecastAt, METHOD } from './seasonalModel';

export interface PeriodCount {
  period: string;
  count: number;
}
export interface ForecastPeriod {
  period: string;
  expected: number;
  low: number;
  high: number;
}
export interface Anomaly {
  period: string;
  count: number;
  expected: number;
}

/** Periods ahead: two months of weeks, a quarter of months. */
export const HORIZON: Record<Granularity, number> = { week: 8, month: 3 };

/**
 * The anomaly rule: a count above the 99.5% quantile of the forecast made just before its period,
 * and at least 1.5 times and 3 cases more than expected (so a grid's 3 against an expected 0.4 is
 * not news, and a busy unit's ordinary wobble is not either).
 */
export const ANOMALY = { quantile: 0.995, minRatio: 1.5, minExcess: 3 } as const;
/** A unit needs a year of history before its periods can be judged. */
const MIN_HISTORY_YEARS = 1;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The first `n` periods of a series. */
export function head(s: CountSeries, n: number): CountSeries {
  return { counts: s.counts.slice(0, n), seasons: s.seasons.slice(0, n), exposure: s.exposure.slice(0, n) };
}

export function toSeries(points: readonly PeriodCount[], by: Granularity): CountSeries {
  return {
    counts: points.map((p) => p.count),
    seasons: points.map((p) => seasonOf(p.period, by)),
    exposure: points.map((p) => periodExposure(p.period, by)),
  };
}

/**
 * The next HORIZON periods after the history's last one. `history` holds consecutive complete
 * periods, oldest first; `reference` the parent unit's over the same periods (none for the city).
 */
export function forecastCases(
  history: readonly PeriodCount[],
  by: Granularity,
  reference?: readonly PeriodCount[],
): ForecastPeriod[] {
  if (history.length === 0) return [];
  const fit = fitSeasonal(toSeries(history, by), by, reference && toSeries(reference, by));
  const last = history[history.length - 1]!.period;
  return Array.from({ length: HORIZON[by] }, (_, i) => {
    const period = shiftPeriod(last, i + 1, by);
    const f = forecastAt(fit, i + 1, seasonOf(period, by), periodExposure(period, by));
    return { period, expected: round2(f.expected), low: f.low, high: f.high };
  });
}

/**
 * The periods of `history` from `since` on that the rule flags, each judged against a forecast one
 * period ahead from the history before it (never from itself).
 */
export function findAnomalies(
  history: readonly PeriodCount[],
  by: Granularity,
  since: string,
  reference?: readonly PeriodCount[],
): Anomaly[] {
  const out: Anomaly[] = [];
  const minIndex = MIN_HISTORY_YEARS * SEASON_LENGTH[by];
  const own = toSeries(history, by);
  const ref = reference && toSeries(reference, by);
  for (let i = Math.max(minIndex, 0); i < history.length; i++) {
    const { period, count } = history[i]!;
    if (period < since) continue;
    const fit = fitSeasonal(head(own, i), by, ref && head(ref, i));
    const expected = forecastAt(fit, 1, own.seasons[i]!, own.exposure[i]!).expected;
    const high = countQuantile({ mean: expected, dispersion: fit.dispersion }, ANOMALY.quantile);
    if (count > high && count >= ANOMALY.minRatio * expected && count - expected >= ANOMALY.minExcess)
      out.push({ period, count, expected: round2(expected) });
  }
  return out;
}

/**
 * Dense counts: every period from `first` to `last` (or every period of the list `first`, computed
 * once for many series), zero where `sparse` has none.
 */
export function densify(
  sparse: readonly PeriodCount[],
  first: string | readonly string[],
  last?: string,
  by?: Granularity,
): PeriodCount[] {
  const byPeriod = new Map(sparse.map((p) => [p.period, p.count]));
  const periods = typeof first === 'string' ? periodRange(first, last!, by!) : first;
  return periods.map((period) => ({ period, count: byPeriod.get(period) ?? 0 }));
}

export { METHOD };
