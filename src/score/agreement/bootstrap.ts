// Bootstrap confidence intervals over units (tasks): each resample draws as many units as there are, with
// replacement, and the statistic is recomputed on the draw. A fixed seed makes the interval the same on every
// run, so figures in a report can be reproduced. Percentile intervals: the (1 - level) / 2 and
// (1 + level) / 2 quantiles of the resampled statistics.
import { seededRandom } from '../random.js';

export interface BootstrapOptions {
  /** How many resamples (e.g. 1000). */
  resamples: number;
  /** Confidence level in (0, 1), e.g. 0.95. */
  level: number;
  /** Seed of the pseudo-random draws: the same seed, data and options give the same interval. */
  seed: number;
}

export interface BootstrapInterval extends BootstrapOptions {
  low: number;
  high: number;
  /** Resamples whose statistic was undefined (NaN), e.g. a draw in which every value was the same; left out. */
  undefinedResamples: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 1000, level: 0.95, seed: 1 };

/** The q-quantile of sorted values, interpolating linearly between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function checkBootstrapOptions(options: BootstrapOptions): void {
  if (!Number.isInteger(options.resamples) || options.resamples < 1) throw new RangeError(`resamples must be a whole number of at least 1, not ${options.resamples}`);
  if (!(options.level > 0 && options.level < 1)) throw new RangeError(`level must be between 0 and 1, not ${options.level}`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be a whole number, not ${options.seed}`);
}

/**
 * A percentile interval for a statistic of `units` units. `statistic` receives, for one resample, how many
 * times each unit was drawn (weights[u]); it must read nothing else that varies between calls.
 */
export function bootstrapInterval(options: BootstrapOptions & { units: number; statistic: (weights: Uint32Array) => number }): BootstrapInterval {
  checkBootstrapOptions(options);
  const random = seededRandom(options.seed);
  const weights = new Uint32Array(options.units);
  const draws: number[] = [];
  let undefinedResamples = 0;
  for (let r = 0; r < options.resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < options.units; i++) weights[Math.floor(random() * options.units)]!++;
    const value = options.statistic(weights);
    if (Number.isFinite(value)) draws.push(value);
    else undefinedResamples++;
  }
  draws.sort((a, b) => a - b);
  const tail = (1 - options.level) / 2;
  return {
    resamples: options.resamples,
    level: options.level,
    seed: options.seed,
    low: quantile(draws, tail),
    high: quantile(draws, 1 - tail),
    undefinedResamples,
  };
}
