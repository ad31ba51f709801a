// Least squares with a common slope, the one fit the time axis needs: log horizons against date (one group),
// and log-odds of adoption against date with one intercept per survey series (several groups).

export interface Point {
  x: number;
  y: number;
}

export interface SlopeFit {
  slope: number;
  /** Standard error of the slope; NaN when there are no residual degrees of freedom. */
  slopeError: number;
  /** Residual degrees of freedom: points - groups - 1. */
  dof: number;
  /** Per group: the mean x and y the line passes through. */
  groups: { meanX: number; meanY: number; count: number }[];
}

/**
 * Ordinary least squares of y on x with one intercept per group and one slope for all: the slope is
 * sum over groups of Sxy / sum of Sxx, each group centred on its own means. Groups of one point carry no
 * slope information and are left out. Throws when nothing is left to fit.
 */
export function commonSlope(groups: readonly (readonly Point[])[]): SlopeFit {
  const usable = groups.filter((g) => g.length >= 2);
  let sxy = 0;
  let sxx = 0;
  const summaries = usable.map((points) => {
    const meanX = mean(points.map((p) => p.x));
    const meanY = mean(points.map((p) => p.y));
    for (const p of points) {
      sxy += (p.x - meanX) * (p.y - meanY);
      sxx += (p.x - meanX) ** 2;
    }
    return { meanX, meanY, count: points.length };
  });
  if (sxx === 0) throw new Error('no two points at different dates to fit a slope to');
  const slope = sxy / sxx;
  let residual = 0;
  usable.forEach((points, i) => {
    const { meanX, meanY } = summaries[i]!;
    for (const p of points) residual += (p.y - meanY - slope * (p.x - meanX)) ** 2;
  });
  const dof = usable.reduce((n, g) => n + g.length, 0) - usable.length - 1;
  const slopeError = dof > 0 ? Math.sqrt(residual / dof / sxx) : Number.NaN;
  return { slope, slopeError, dof, groups: summaries };
}

/** The 97.5% quantile of Student's t: a 95% interval is estimate +- this x standard error. */
export function studentT975(dof: number): number {
  if (!(dof >= 1)) return Number.NaN;
  // Exact values for the small samples the calibration has; beyond 30 the Cornish-Fisher expansion is
  // within 1e-4 of the exact quantile.
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
    2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
  if (dof <= table.length) return table[Math.floor(dof) - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * dof) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * dof ** 2);
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
