// Krippendorff's alpha over any number of scorers with missing values, in the coincidence-matrix form of
// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
//   alpha = 1 - (n - 1) * sum_ck o_ck d2_ck / sum_ck n_c n_k d2_ck
// where o_ck counts, over every unit, each ordered pair of values from different scorers, weighted
// 1 / (m_u - 1) for a unit with m_u values. A unit with fewer than two values has no pair and counts nowhere.
// Values are indices 0..k-1 into an ordered list of categories (E0..E2, T0..T4).

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** One unit's values as counts per category: counts[c] scorers gave category c. */
export type UnitCounts = readonly number[];

/** Counts per category of one unit's values (undefined, a missing value, is skipped). */
export function unitCounts(values: readonly (number | undefined)[], categories: number): number[] {
  const counts = new Array<number>(categories).fill(0);
  for (const v of values) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0 || v >= categories) throw new RangeError(`value ${v} is not a category index below ${categories}`);
    counts[v]!++;
  }
  return counts;
}

/** What one unit adds to the coincidence matrix (row-major k x k); all zeros for a unit with fewer than two values. */
export function unitCoincidences(counts: UnitCounts): Float64Array {
  const k = counts.length;
  const out = new Float64Array(k * k);
  let m = 0;
  for (const n of counts) m += n;
  if (m < 2) return out;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      // Ordered pairs of values from different scorers: n_c * n_d, or n_c * (n_c - 1) within one category.
      const pairs = c === d ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[d]!;
      out[c * k + d] = pairs / (m - 1);
    }
  }
  return out;
}

/**
 * Squared differences between categories under a metric. `n` is the marginal count of each category (the
 * ordinal metric reads it); `values` the numbers the categories stand for (interval and ratio; default 0..k-1).
 */
export function squaredDifferences(metric: AlphaMetric, n: readonly number[], values?: readonly number[]): number[][] {
  const k = n.length;
  const v = values ?? n.map((_, i) => i);
  const d2 = (c: number, d: number): number => {
    if (c === d) return 0;
    switch (metric) {
      case 'nominal':
        return 1;
      case 'ordinal': {
        const [lo, hi] = c < d ? [c, d] : [d, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += n[g]!;
        return (between - (n[c]! + n[d]!) / 2) ** 2;
      }
      case 'interval':
        return (v[c]! - v[d]!) ** 2;
      case 'ratio': {
        const sum = v[c]! + v[d]!;
        return sum === 0 ? 0 : ((v[c]! - v[d]!) / sum) ** 2;
      }
    }
  };
  return Array.from({ length: k }, (_, c) => Array.from({ length: k }, (_, d) => d2(c, d)));
}

export interface AlphaResult {
  /** NaN when undefined: no pairable values, or every pairable value the same (no variation to agree on). */
  alpha: number;
  /** Pairable values (n): values in units with at least two. */
  values: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/** Alpha from a coincidence matrix (row-major k x k, as the sum of unitCoincidences). */
export function alphaFromCoincidences(coincidences: ArrayLike<number>, categories: number, metric: AlphaMetric, values?: readonly number[]): AlphaResult {
  const k = categories;
  const marginals = new Array<number>(k).fill(0);
  for (let c = 0; c < k; c++) for (let d = 0; d < k; d++) marginals[c]! += coincidences[c * k + d]!;
  const n = marginals.reduce((a, b) => a + b, 0);
  const d2 = squaredDifferences(metric, marginals, values);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      observed += coincidences[c * k + d]! * d2[c]![d]!;
      expected += marginals[c]! * marginals[d]! * d2[c]![d]!;
    }
  }
  // Rounding in the 1/(m-1) weights leaves n a hair off a whole number; it is a count.
  const pairableValues = Math.round(n * 1e9) / 1e9;
  if (pairableValues < 2 || expected === 0) return { alpha: NaN, values: pairableValues, observedDisagreement: n > 0 ? observed / n : 0, expectedDisagreement: 0 };
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return { alpha: 1 - observedDisagreement / expectedDisagreement, values: pairableValues, observedDisagreement, expectedDisagreement };
}

/**
 * Krippendorff's alpha of reliability data given unit by unit: `units[u]` holds the value each scorer gave
 * unit u (a category index), undefined where that scorer gave none.
 */
export function krippendorffAlpha(options: {
  units: readonly (readonly (number | undefined)[])[];
  categories: number;
  metric: AlphaMetric;
  /** The numbers the categories stand for, for the interval and ratio metrics (default 0..k-1). */
  values?: readonly number[];
}): AlphaResult & { units: number } {
  const k = options.categories;
  const total = new Float64Array(k * k);
  let pairable = 0;
  for (const unit of options.units) {
    const counts = unitCounts(unit, k);
    if (counts.reduce((a, b) => a + b, 0) < 2) continue;
    pairable++;
    const add = unitCoincidences(counts);
    for (let i = 0; i < add.length; i++) total[i]! += add[i]!;
  }
  return { ...alphaFromCoincidences(total, k, options.metric, options.values), units: pairable };
}
