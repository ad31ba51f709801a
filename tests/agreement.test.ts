import { describe, expect, it } from 'vitest';
import {
  accuracy,
  cohensKappa,
  confusionMatrix,
  exposedOrNot,
  pearson,
  ranks,
  spearman,
} from '../src/score/agreement/statistics.js';
import type { Exposure } from '../src/score/types.js';

describe('agreement between labelings', () => {
  const a: Exposure[] = ['E0', 'E0', 'E1', 'E2', 'E2', 'E0'];
  const b: Exposure[] = ['E0', 'E1', 'E1', 'E2', 'E0', 'E0'];

  it('counts a confusion matrix with rows from the first labeling', () => {
    expect(confusionMatrix(a, b, ['E0', 'E1', 'E2'])).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('rejects labels outside the list and arrays of different length', () => {
    expect(() => confusionMatrix(['E0'], ['E3'], ['E0', 'E1'])).toThrow(/E3/);
    expect(() => accuracy(['E0'], [])).toThrow(/equal length/);
  });

  it('computes accuracy and three-way kappa by hand', () => {
    expect(accuracy(a, b)).toBeCloseTo(4 / 6, 12);
    // observed 24/36, chance (3*3 + 1*2 + 2*1)/36 = 13/36, so kappa = 11/23.
    expect(cohensKappa(a, b, ['E0', 'E1', 'E2'])).toBeCloseTo(11 / 23, 12);
  });

  it('computes two-way kappa, and the binary exposed-or-not form', () => {
    expect(cohensKappa(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])).toBeCloseTo(0.5, 12);
    // exposed/not: a = n n x x x n, b = n x x x n n -> observed 4/6, chance 1/2, kappa 1/3.
    expect(cohensKappa(a.map(exposedOrNot), b.map(exposedOrNot))).toBeCloseTo(1 / 3, 12);
  });

  it('gives kappa 1 for identical labelings, even constant ones', () => {
    expect(cohensKappa(a, a)).toBe(1);
    expect(cohensKappa(['E0', 'E0'], ['E0', 'E0'])).toBe(1);
  });
});

describe('correlation', () => {
  it('computes Pearson r by hand', () => {
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(pearson([1, 1], [2, 3])).toBeNaN();
  });

  it('ranks ties by their average rank and computes Spearman rho from them', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(7 / Math.sqrt(90), 12);
    expect(spearman([1, 2, 3], [10, 100, 1000])).toBeCloseTo(1, 12);
  });
});
