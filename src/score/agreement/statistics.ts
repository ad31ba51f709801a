// Agreement between two labelings of the same tasks (a scorer against GPT-4 or human labels), and
// correlation of occupation-level figures (occupation beta itself comes from src/aggregate/occupations.ts).
// Pure functions over arrays; callers align the rows.

import type { Exposure } from '../types.js';

function checkSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`expected two arrays of equal length, found ${a.length} and ${b.length}`);
}

/**
 * Counts, cell [i][j], the items labelled labels[i] in `a` and labels[j] in `b`.
 * A label outside `labels` is a caller bug, so it throws rather than being dropped silently.
 */
export function confusionMatrix<L extends string>(a: readonly L[], b: readonly L[], labels: readonly L[]): number[][] {
  checkSameLength(a, b);
  const index = new Map<L, number>(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let k = 0; k < a.length; k++) {
    const i = index.get(a[k]!);
    const j = index.get(b[k]!);
    if (i === undefined || j === undefined) {
      throw new RangeError(`label "${i === undefined ? a[k] : b[k]}" is not one of ${labels.join(', ')}`);
    }
    matrix[i]![j]!++;
  }
  return matrix;
}

/** Share of items on which the two labelings agree (NaN for no items). */
export function accuracy<L>(a: readonly L[], b: readonly L[]): number {
  checkSameLength(a, b);
  let same = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
  return a.length === 0 ? NaN : same / a.length;
}

/**
 * Unweighted Cohen's kappa: (observed - chance agreement) / (1 - chance agreement).
 * `labels` defaults to every label seen in either array. For the binary form (exposed or not),
 * map both arrays through `exposedOrNot` first.
 */
export function cohensKappa<L extends string>(a: readonly L[], b: readonly L[], labels?: readonly L[]): number {
  const all = labels ?? [...new Set([...a, ...b])].sort();
  return kappaOfConfusion(confusionMatrix(a, b, all));
}

/** Cohen's kappa from a square confusion matrix; its counts may be weights (a bootstrap resample's draws). */
export function kappaOfConfusion(m: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of m) for (const count of row) n += count;
  if (n === 0) return NaN;
  let observed = 0;
  let chance = 0;
  for (let i = 0; i < m.length; i++) {
    observed += m[i]![i]!;
    let row = 0;
    let col = 0;
    for (let j = 0; j < m.length; j++) {
      row += m[i]![j]!;
      col += m[j]![i]!;
    }
    chance += (row / n) * (col / n);
  }
  observed /= n;
  // Both labelings constant and equal: perfect agreement that kappa's formula cannot express (0/0).
  if (chance === 1) return observed === 1 ? 1 : NaN;
  return (observed - chance) / (1 - chance);
}

/** The paper's binary reading of exposure: E1 or E2 is exposed, E0 is not. */
export function exposedOrNot(exposure: Exposure): 'exposed' | 'not' {
  return exposure === 'E0' ? 'not' : 'exposed';
}

/** Pearson's r (NaN when either side has no variance). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  checkSameLength(x, y);
  const n = x.length;
  if (n === 0) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks, ties sharing the average of the ranks they span. */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((i, j) => x[i]! - x[j]!);
  const result = new Array<number>(x.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && x[order[end + 1]!] === x[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) result[order[k]!] = rank;
    start = end + 1;
  }
  return result;
}

/** Spearman's rho: Pearson's r of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkSameLength(x, y);
  return pearson(ranks(x), ranks(y));
}
