/**
 * Intervals for error rates: Wilson's score interval for one proportion (Wilson 1927; Newcombe 1998
 * compares it with the alternatives), a stratified estimate with its normal-approximation interval,
 * and the sample size a target precision needs. Pure arithmetic.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` of `n`; null when nothing was observed. */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number between 0 and n (got ${successes} of ${n})`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** One stratum of a QA sample: how many decisions it holds, how many were reviewed, how many of those were wrong. */
export interface StratumSample {
  stratum: string;
  population: number;
  sampled: number;
  errors: number;
}

export interface StratifiedEstimate {
  sampleSize: number;
  population: number;
  /** Σ W_h p_h with W_h = N_h / N, over strata with at least one review; null when nothing was reviewed. */
  estimate: number | null;
  /** estimate ± z·SE, clipped to [0, 1]; SE² = Σ W_h² (1 − n_h/N_h) p_h (1 − p_h) / (n_h − 1) (n_h = 1 counts as n_h). */
  interval: Interval | null;
  standardError: number | null;
  /** Population share in strata with no review at all: the estimate says nothing about them. */
  unsampledShare: number;
}

/**
 * Stratified error-rate estimate (Cochran, Sampling Techniques, ch. 5): weights by population, finite
 * population correction per stratum. Strata without reviews are left out and their share reported.
 */
export function stratifiedEstimate(strata: readonly StratumSample[], z: number = Z_95): StratifiedEstimate {
  for (const s of strata) {
    if (s.sampled > s.population || s.errors > s.sampled || s.errors < 0 || s.sampled < 0) {
      throw new RangeError(`stratum ${s.stratum}: need 0 ≤ errors ≤ sampled ≤ population`);
    }
  }
  const population = strata.reduce((t, s) => t + s.population, 0);
  const sampleSize = strata.reduce((t, s) => t + s.sampled, 0);
  const reviewed = strata.filter((s) => s.sampled > 0);
  const coveredPopulation = reviewed.reduce((t, s) => t + s.population, 0);
  const unsampledShare = population === 0 ? 0 : 1 - coveredPopulation / population;
  if (reviewed.length === 0) return { sampleSize, population, estimate: null, interval: null, standardError: null, unsampledShare };
  let estimate = 0;
  let variance = 0;
  for (const s of reviewed) {
    const w = s.population / coveredPopulation;
    const p = s.errors / s.sampled;
    estimate += w * p;
    const fpc = 1 - s.sampled / s.population;
    variance += (w * w * fpc * p * (1 - p)) / Math.max(1, s.sampled - 1);
  }
  const standardError = Math.sqrt(variance);
  return {
    sampleSize,
    population,
    estimate,
    standardError,
    interval: { low: Math.max(0, estimate - z * standardError), high: Math.min(1, estimate + z * standardError) },
    unsampledShare,
  };
}

/**
 * Reviews needed so that a 95% interval's half-width is at most `margin`: n₀ = z² p (1 − p) / margin²,
 * with p the current estimate (0.5, the worst case, when there is none), reduced by the finite
 * population correction n = n₀ / (1 + (n₀ − 1) / N) when the population is known.
 */
export function samplesNeeded(input: { margin: number; expectedRate: number | null; population?: number; z?: number }): number {
  const { margin } = input;
  if (!(margin > 0 && margin < 1)) throw new RangeError('margin must be between 0 and 1');
  const z = input.z ?? Z_95;
  const p = input.expectedRate ?? 0.5;
  // A rate of exactly 0 or 1 would need no sample at all; plan for the worst case a reviewer could still see.
  const planning = p <= 0 || p >= 1 ? 0.5 : p;
  const n0 = (z * z * planning * (1 - planning)) / (margin * margin);
  const n = input.population && input.population > 0 ? n0 / (1 + (n0 - 1) / input.population) : n0;
  return Math.ceil(n);
}
