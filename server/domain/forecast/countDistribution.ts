// The spread of a period's case count around its forecast: a negative binomial (a Poisson whose rate
// is itself uncertain), so quiet grids get honest, skewed intervals — 0 to 3 around an expected 1 —
// where a normal approximation would give negative counts.

/** A count distribution with mean `mean` and variance mean + dispersion × mean² (dispersion 0: Poisson). */
export interface CountDistribution {
  mean: number;
  dispersion: number;
}

/**
 * The smallest count k with P(X ≤ k) ≥ q, summing the probabilities from 0 upwards. A mean of
 * thousands (the city's month) puts P(X = 0) far below the smallest double, so the sums are kept as
 * multiples of e^offset and rescaled as they grow: each step is one multiplication by the ratio
 * P(X = k+1) / P(X = k), not the logarithms and exponentials of a sum in log space (the anomaly
 * check of a city's months made some seventy such quantiles, 1.5 ms each that way).
 */
export function countQuantile({ mean, dispersion }: CountDistribution, q: number): number {
  if (!(mean > 0)) return 0;
  if (!(q > 0 && q < 1)) throw new Error(`quantile level must lie in (0, 1): ${q}`);
  const poisson = dispersion < 1e-9;
  const size = poisson ? Number.POSITIVE_INFINITY : 1 / dispersion;
  const odds = poisson ? 0 : mean / (size + mean);
  const logQ = Math.log(q);
  // log P(X = 0); p and cdf below are P(X = k) and P(X ≤ k) divided by e^offset.
  let offset = poisson ? -mean : size * Math.log(size / (size + mean));
  let p = 1;
  let cdf = 1;
  let target = Math.exp(logQ - offset); // q in the same unit (Infinity while far out of reach)
  const limit = Math.ceil(mean * 20 + 1000);
  for (let k = 0; k < limit; k++) {
    if (cdf >= target) return k;
    p *= poisson ? mean / (k + 1) : ((k + size) / (k + 1)) * odds;
    cdf += p;
    if (cdf > RESCALE) {
      p /= RESCALE;
      cdf /= RESCALE;
      offset += LOG_RESCALE;
      target = Math.exp(logQ - offset);
    }
  }
  return limit;
}

/** Far from both ends of a double's range, with room for a step's ratio (a mean of up to ~10^100). */
const RESCALE = 2 ** 600;
const LOG_RESCALE = 600 * Math.LN2;
