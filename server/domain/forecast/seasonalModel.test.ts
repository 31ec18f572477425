import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, seasonalNaiveScale } from './backtest';
import { findAnomalies, forecastCases, HORIZON, type PeriodCount } from './caseForecast';
import { countQuantile } from './countDistribution';
import { type Granularity, periodRange, seasonOf } from './periods';
import { seasonalNaive } from './seasonalModel';

/** A seeded Poisson draw (Knuth's method; above a mean of 50 its normal approximation). */
function poissonDraws(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 2 ** 32;
  };
  return (mean: number) => {
    if (mean > 50) {
      const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k++;
    return k;
  };
}

/** Counts over `periods` drawn around `rate(period)`. */
function simulate(periods: string[], rate: (period: string) => number, seed: number): PeriodCount[] {
  const draw = poissonDraws(seed);
  return periods.map((period) => ({ period, count: draw(rate(period)) }));
}

const WEEKS = periodRange('2021-W01', '2026-W40', 'week');
const MONTHS = periodRange('2021-01', '2026-09', 'month');
/** A summer peak: June–August three times the rest. */
const summer = (by: Granularity) => (period: string) => {
  const month = by === 'month' ? seasonOf(period, 'month') : Math.floor((seasonOf(period, 'week') * 12) / 52);
  return month >= 5 && month <= 7 ? 3 : 1;
};

describe('count distribution quantiles', () => {
  it.each([
    ['Poisson(1), median', { mean: 1, dispersion: 0 }, 0.5, 1],
    ['Poisson(1), 90%', { mean: 1, dispersion: 0 }, 0.9, 2],
    ['Poisson(1), 10%', { mean: 1, dispersion: 0 }, 0.1, 0],
    ['Poisson(10), 99.5%', { mean: 10, dispersion: 0 }, 0.995, 19],
    ['nothing expected', { mean: 0, dispersion: 0.5 }, 0.9, 0],
  ])('%s', (_, dist, q, k) => {
    expect(countQuantile(dist, q)).toBe(k);
  });

  it('spreads wider with over-dispersion, and handles the city’s thousands', () => {
    expect(countQuantile({ mean: 10, dispersion: 0.5 }, 0.9)).toBeGreaterThan(
      countQuantile({ mean: 10, dispersion: 0 }, 0.9),
    );
    const high = countQuantile({ mean: 2000, dispersion: 0.001 }, 0.9);
    expect(high).toBeGreaterThan(2000);
    expect(high).toBeLessThan(2200);
  });

  it('equals the plain sum of probabilities in log space, up to the city’s tens of thousands', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 30_000, noNaN: true }),
        fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 2, noNaN: true })),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (mean, dispersion, q) => {
          expect(countQuantile({ mean, dispersion }, q)).toBe(quantileInLogSpace(mean, dispersion, q));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is monotone in the level', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (mean, dispersion) => {
          const d = { mean, dispersion };
          expect(countQuantile(d, 0.1)).toBeLessThanOrEqual(countQuantile(d, 0.5));
          expect(countQuantile(d, 0.5)).toBeLessThanOrEqual(countQuantile(d, 0.9));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('the seasonal forecast', () => {
  it('forecasts a flat series at its rate, with an interval around it', () => {
    const history = simulate(WEEKS, () => 20, 1);
    const forecast = forecastCases(history, 'week');
    expect(forecast.map((f) => f.period)).toEqual(periodRange('2026-W41', '2026-W48', 'week'));
    for (const f of forecast) {
      expect(f.expected).toBeGreaterThan(17);
      expect(f.expected).toBeLessThan(23);
      expect(f.low).toBeLessThan(f.expected);
      expect(f.high).toBeGreaterThan(f.expected);
    }
  });

  it('finds the summer peak and forecasts it a quarter ahead', () => {
    const history = simulate(MONTHS, (p) => 40 * summer('month')(p), 2).slice(0, -4); // up to 2026-05
    const forecast = forecastCases(history, 'month');
    expect(forecast.map((f) => f.period)).toEqual(['2026-06', '2026-07', '2026-08']);
    const may = forecastCases(history.slice(0, -1), 'month')[0]!; // 2026-05, from the history to April
    for (const f of forecast) expect(f.expected / may.expected).toBeGreaterThan(2.3);
  });

  it('follows growth, damped by how little it rests on', () => {
    const growing = (k: number) => simulate(MONTHS, (p) => k * 1.3 ** (Number(p.slice(0, 4)) - 2021), 3);
    const busy = forecastCases(growing(300), 'month')[0]!;
    const lastYear =
      growing(300)
        .slice(-12)
        .reduce((a, p) => a + p.count, 0) / 12;
    // The data step up 30% each January: October 2026 stands at 2026's level, above the last twelve months' mean.
    expect(busy.expected).toBeGreaterThan(lastYear * 1.05);
    expect(busy.expected).toBeLessThan(lastYear * 1.3);
    // A grid with a few cases a month gets little of the same growth.
    const quiet = growing(3);
    const quietMean = quiet.slice(-12).reduce((a, p) => a + p.count, 0) / 12;
    expect(forecastCases(quiet, 'month')[0]!.expected).toBeLessThan(quietMean * 1.15);
  });

  it('borrows the parent’s seasons for a quiet grid', () => {
    const parent = simulate(WEEKS, (p) => 60 * summer('week')(p), 4);
    const grid = simulate(WEEKS, (p) => 0.6 * summer('week')(p), 5).slice(0, -12);
    const withParent = forecastCases(grid, 'week', parent.slice(0, -12));
    const alone = forecastCases(grid, 'week');
    // The forecast weeks lie in July–August: the parent's summer lifts them above the grid's flat mean.
    expect(withParent[0]!.period).toBe('2026-W29');
    const truth = 0.6 * 3;
    const err = (fs: typeof alone) => fs.reduce((a, f) => a + Math.abs(f.expected - truth), 0);
    expect(err(withParent)).toBeLessThan(err(alone));
  });

  it('beats the seasonal-naive forecast on noisy seasonal series (MASE, every horizon)', () => {
    const series = Array.from({ length: 12 }, (_, i) => ({
      own: simulate(WEEKS, (p) => (1 + i) * summer('week')(p), 10 + i),
    }));
    const result = backtest(series, 'week', 26);
    expect(result.horizons).toHaveLength(HORIZON.week);
    for (const h of result.horizons) expect(h.model).toBeLessThan(h.seasonalNaive);
  });

  it('scores with the in-sample seasonal-naive error', () => {
    const counts = Array.from({ length: 24 }, (_, i) => (i < 12 ? 5 + (i % 3) : 7 + (i % 3)));
    expect(seasonalNaiveScale(counts, 'month')).toBe(2);
    expect(seasonalNaive(counts, 1, 'month')).toBe(counts[12]);
    expect(seasonalNaive(counts, 13, 'month')).toBe(counts[12]);
  });
});

describe('anomalies', () => {
  const base = simulate(WEEKS, () => 4, 20);
  it('flags a week far above its baseline, judged on the weeks before it', () => {
    const spiked = base.map((p) => (p.period === '2026-W30' ? { ...p, count: 20 } : p));
    const found = findAnomalies(spiked, 'week', '2026-W01');
    expect(found.map((a) => a.period)).toEqual(['2026-W30']);
    expect(found[0]!.expected).toBeGreaterThan(2.5);
    expect(found[0]!.expected).toBeLessThan(6);
  });

  it('leaves ordinary noise and small excesses alone', () => {
    expect(findAnomalies(base, 'week', '2025-W01')).toEqual([]);
    const quiet = simulate(WEEKS, () => 0.3, 21).map((p) => (p.period === '2026-W30' ? { ...p, count: 3 } : p));
    expect(findAnomalies(quiet, 'week', '2026-W01')).toEqual([]); // 3 against 0.3: less than 3 over expected
  });
});

/** The reference: P(X ≤ k) summed from 0 in log space, term by term (slow, and plainly right). */
function quantileInLogSpace(mean: number, dispersion: number, q: number): number {
  const poisson = dispersion < 1e-9;
  const size = 1 / dispersion;
  let logP = poisson ? -mean : size * Math.log(size / (size + mean));
  let logCdf = logP;
  for (let k = 0; ; k++) {
    if (logCdf >= Math.log(q)) return k;
    logP += poisson ? Math.log(mean / (k + 1)) : Math.log((k + size) / (k + 1)) + Math.log(mean / (size + mean));
    const m = Math.max(logCdf, logP);
    logCdf = m + Math.log(Math.exp(logCdf - m) + Math.exp(logP - m));
  }
}
