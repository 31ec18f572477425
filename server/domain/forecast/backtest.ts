// The forecast replayed on history (回测): from each of a run of past origins, forecast the next
// HORIZON periods from the history before the origin only, and score the model against the
// seasonal-naive forecast (the same period a year earlier) by MASE — the mean absolute error scaled
// by the series' own in-sample seasonal-naive error (Hyndman & Koehler 2006), so quiet grids and the
// busy city weigh alike and a score below 1 beats last year's count on average.
import { HORIZON, head, type PeriodCount, toSeries } from './caseForecast';
import { type Granularity, SEASON_LENGTH } from './periods';
import { fitSeasonal, forecastAt, seasonalNaive } from './seasonalModel';

export interface BacktestSeries {
  /** Consecutive complete periods, oldest first. */
  own: readonly PeriodCount[];
  /** The parent unit's over the same periods (none for the city). */
  reference?: readonly PeriodCount[];
}

export interface HorizonScore {
  h: number;
  /** Mean scaled error of the model, and of the seasonal-naive forecast. */
  model: number;
  seasonalNaive: number;
  /** Forecasts scored at this horizon (series × origins). */
  forecasts: number;
}

export interface BacktestResult {
  by: Granularity;
  series: number;
  /** Series left out: no seasonal-naive error in their training data to scale by (all quiet). */
  skipped: number;
  origins: number;
  horizons: HorizonScore[];
  /** Over every horizon. */
  overall: { model: number; seasonalNaive: number };
}

/** In-sample mean absolute error of the seasonal-naive forecast (MASE's scale); 0 when undefined. */
export function seasonalNaiveScale(counts: readonly number[], by: Granularity): number {
  const m = SEASON_LENGTH[by];
  let sum = 0;
  for (let i = m; i < counts.length; i++) sum += Math.abs(counts[i]! - counts[i - m]!);
  return counts.length > m ? sum / (counts.length - m) : 0;
}

/**
 * Scores forecasts from `origins` origins: the last one leaves exactly HORIZON periods to check, each
 * earlier one a period before. Every series must hold the same periods.
 */
export function backtest(all: readonly BacktestSeries[], by: Granularity, origins: number): BacktestResult {
  const H = HORIZON[by];
  const m = SEASON_LENGTH[by];
  const sums = Array.from({ length: H }, () => ({ model: 0, naive: 0, n: 0 }));
  let skipped = 0;
  for (const s of all) {
    const own = toSeries(s.own, by);
    const ref = s.reference && toSeries(s.reference, by);
    const n = own.counts.length;
    for (let k = 0; k < origins; k++) {
      const end = n - H - k; // history [0, end), targets end .. end + H - 1
      if (end < 2 * m) break;
      const train = head(own, end);
      const scale = seasonalNaiveScale(train.counts, by);
      if (scale === 0) {
        if (k === 0) skipped++;
        continue;
      }
      const fit = fitSeasonal(train, by, ref && head(ref, end));
      for (let h = 1; h <= H; h++) {
        const actual = own.counts[end + h - 1]!;
        const model = forecastAt(fit, h, own.seasons[end + h - 1]!, own.exposure[end + h - 1]!).expected;
        const naive = seasonalNaive(train.counts, h, by)!;
        sums[h - 1]!.model += Math.abs(actual - model) / scale;
        sums[h - 1]!.naive += Math.abs(actual - naive) / scale;
        sums[h - 1]!.n += 1;
      }
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const horizons = sums.map((s, i) => ({
    h: i + 1,
    model: round(s.model / Math.max(1, s.n)),
    seasonalNaive: round(s.naive / Math.max(1, s.n)),
    forecasts: s.n,
  }));
  const total = sums.reduce((a, s) => ({ model: a.model + s.model, naive: a.naive + s.naive, n: a.n + s.n }), {
    model: 0,
    naive: 0,
    n: 0,
  });
  return {
    by,
    series: all.length - skipped,
    skipped,
    origins,
    horizons,
    overall: {
      model: round(total.model / Math.max(1, total.n)),
      seasonalNaive: round(total.naive / Math.max(1, total.n)),
    },
  };
}
