// The spread of a period's case count around its forecast: a negative binomial (a Poisson whose rate
// is itself uncertain), so quiet grids get honest, skewed intervals — 0 to 3 around an expected 1 —
// where a normal approximation would give negative counts.

/** A count distribution with mean `mean` and variance mean + dispersion × mean² (dispersion 0: Poisson). */
export interface CountDistribution {
  mean: number;
  dispersion: number;
}

/**
 * The smallest count k with P(X ≤ k) ≥ q. Sums the probabilities from 0 upwards in log space, so a
 * mean of thousands (the city's month) neither underflows nor needs an approximation.
 */
export function countQuantile({ mean, dispersion }: CountDistribution, q: number): number {
  if (!(mean > 0)) return 0;
  if (!(q > 0 && q < 1)) throw new Error(`quantile level must lie in (0, 1): ${q}`);
  const poisson = dispersion < 1e-9;
  const size = poisson ? Number.POSITIVE_INFINITY : 1 / dispersion;
  // log P(X = 0) and the log of the ratio P(X = k+1) / P(X = k).
  let logP = poisson ? -mean : size * Math.log(size / (size + mean));
  const logOdds = poisson ? 0 : Math.log(mean / (size + mean));
  const step = (k: number) => (poisson ? Math.log(mean / (k + 1)) : Math.log((k + size) / (k + 1)) + logOdds);
  const logQ = Math.log(q);
  let logCdf = logP;
  const limit = Math.ceil(mean * 20 + 1000);
  for (let k = 0; k < limit; k++) {
    if (logCdf >= logQ) return k;
    logP += step(k);
    logCdf = logAddExp(logCdf, logP);
  }
  return limit;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
