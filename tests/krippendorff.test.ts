// Krippendorff's alpha against the published worked examples, its edge cases, and the bootstrap interval.
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, quantile } from '../src/score/agreement/bootstrap.js';
import { seededRandom } from '../src/score/random.js';
import { krippendorffAlpha } from '../src/score/agreement/krippendorff.js';
import { agreementOfScorers, alphaWithInterval } from '../src/score/agreement/several.js';
import { cohensKappa } from '../src/score/agreement/statistics.js';
import type { Dataset } from '../src/data/types.js';
import type { Exposure, TaskScore } from '../src/score/types.js';

const _ = undefined;
/** Observers as rows, units as columns, values 1..5 (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", C). */
const PUBLISHED = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/** Reliability data as units (columns), values shifted to category indices 0..k-1. */
function unitsOf(observers: readonly (readonly (number | undefined)[])[], first = 1): (number | undefined)[][] {
  return observers[0]!.map((_, u) => observers.map((o) => (o[u] === undefined ? undefined : o[u]! - first)));
}

describe("Krippendorff's alpha", () => {
  const units = unitsOf(PUBLISHED);
  const alpha = (metric: 'nominal' | 'ordinal' | 'interval' | 'ratio') => krippendorffAlpha({ units, categories: 5, metric, values: [1, 2, 3, 4, 5] });

  it('gives the published values for 4 observers, 12 units and missing values: nominal .743, ordinal .815, interval .849, ratio .797', () => {
    expect(alpha('nominal').alpha.toFixed(3)).toBe('0.743');
    expect(alpha('ordinal').alpha.toFixed(3)).toBe('0.815');
    expect(alpha('interval').alpha.toFixed(3)).toBe('0.849');
    expect(alpha('ratio').alpha.toFixed(3)).toBe('0.797');
    // Unit 12 has one value and is not pairable: 11 units, 40 pairable values, as the paper counts them.
    expect(alpha('nominal')).toMatchObject({ units: 11, values: 40 });
  });

  it('gives the published .095 for two observers of binary data with no missing value (a single pair)', () => {
    const two = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha({ units: unitsOf(two, 0), categories: 2, metric: 'nominal' }).alpha.toFixed(3)).toBe('0.095');
  });

  it('is 1 for perfect agreement, with or without missing values', () => {
    const same = [
      [0, 1, 2, 1, _],
      [0, 1, 2, 1, 2],
      [_, 1, 2, 1, 2],
    ];
    expect(krippendorffAlpha({ units: unitsOf(same, 0), categories: 3, metric: 'nominal' }).alpha).toBe(1);
    expect(krippendorffAlpha({ units: unitsOf(same, 0), categories: 3, metric: 'ordinal' }).alpha).toBe(1);
  });

  it('is undefined (NaN) when every pairable value is the same, and when no unit has two values', () => {
    expect(krippendorffAlpha({ units: [[1, 1], [1, 1, 1]], categories: 3, metric: 'nominal' }).alpha).toBeNaN();
    expect(krippendorffAlpha({ units: [[0, _], [_, 2]], categories: 3, metric: 'nominal' })).toMatchObject({ alpha: NaN, units: 0, values: 0 });
  });

  it('leaves units with a single value out: adding them changes nothing', () => {
    const extra = [...units, [4, _, _, _], [_, _, 0, _]];
    expect(krippendorffAlpha({ units: extra, categories: 5, metric: 'ordinal' })).toEqual(alpha('ordinal'));
  });

  it('is near 0 for values drawn at random, and below 0 for systematic disagreement', () => {
    const random = seededRandom(7);
    const noise = Array.from({ length: 4000 }, () => [0, 1, 2].map(() => Math.floor(random() * 3)));
    expect(Math.abs(krippendorffAlpha({ units: noise, categories: 3, metric: 'nominal' }).alpha)).toBeLessThan(0.02);
    const opposed = Array.from({ length: 10 }, (_, i) => (i % 2 ? [0, 1] : [1, 0]));
    expect(krippendorffAlpha({ units: opposed, categories: 2, metric: 'nominal' }).alpha).toBeLessThan(0);
  });

  it('refuses a value outside the categories rather than dropping it', () => {
    expect(() => krippendorffAlpha({ units: [[0, 3]], categories: 3, metric: 'nominal' })).toThrow(/not a category index/);
  });
});

describe('bootstrap intervals', () => {
  const units = unitsOf(PUBLISHED);
  const options = { resamples: 500, level: 0.95, seed: 11 };

  it('are the same for the same seed, differ for another, and bracket the estimate', () => {
    const first = alphaWithInterval(units, 5, 'nominal', options);
    expect(alphaWithInterval(units, 5, 'nominal', options)).toEqual(first);
    const other = alphaWithInterval(units, 5, 'nominal', { ...options, seed: 12 });
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
    expect(first.alpha.toFixed(3)).toBe('0.743');
    expect(first.low).toBeLessThan(first.alpha);
    expect(first.high).toBeGreaterThan(first.alpha);
    expect(first.high).toBeLessThanOrEqual(1);
  });

  it('narrow as the level falls and as the tasks grow', () => {
    const wide = alphaWithInterval(units, 5, 'ordinal', options);
    const narrow = alphaWithInterval(units, 5, 'ordinal', { ...options, level: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    const many = alphaWithInterval(Array.from({ length: 20 }, () => units).flat(), 5, 'ordinal', options);
    expect(many.high - many.low).toBeLessThan(wide.high - wide.low);
  });

  it('resample whole units: the statistic sees draws that add up to the number of units', () => {
    const totals = new Set<number>();
    bootstrapInterval({ ...options, resamples: 20, units: 37, statistic: (w) => (totals.add(w.reduce((a, b) => a + b, 0)), 0) });
    expect([...totals]).toEqual([37]);
  });

  it('take percentiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(() => bootstrapInterval({ resamples: 0, level: 0.95, seed: 1, units: 3, statistic: () => 0 })).toThrow(/resamples/);
  });
});

describe('agreement of several scorers', () => {
  const dataset = {
    name: 'tiny',
    tasks: Array.from({ length: 6 }, (_, i) => ({ id: String(i), occupationCode: '11-1011.00', text: `task ${i}` })),
  } as unknown as Dataset;
  const scorer = (name: string, labels: (Exposure | undefined)[]) => ({
    name,
    scores: labels.flatMap((exposure, i): TaskScore[] => (exposure ? [{ taskId: String(i), occupationCode: '11-1011.00', exposure, scorer: name }] : [])),
  });
  const a = scorer('a', ['E0', 'E1', 'E2', 'E1', 'E0', 'E1']);
  const b = scorer('b', ['E0', 'E1', 'E1', 'E1', 'E2', _]);
  const c = scorer('c', ['E0', _, 'E2', 'E0', 'E0', 'E1']);

  it('gives each pair Cohen\'s kappa on the tasks both scored, in a symmetric matrix', () => {
    const result = agreementOfScorers({ dataset, scorers: [a, b, c] });
    expect(result.kappaMatrix[0]![1]).toBeCloseTo(cohensKappa(['E0', 'E1', 'E2', 'E1', 'E0'], ['E0', 'E1', 'E1', 'E1', 'E2'], ['E0', 'E1', 'E2']), 12);
    expect(result.kappaMatrix[1]![0]).toBe(result.kappaMatrix[0]![1]);
    expect(result.pairs.map((p) => [p.a, p.b, p.tasks])).toEqual([['a', 'b', 5], ['a', 'c', 5], ['b', 'c', 4]]);
    expect(result).toMatchObject({ tasksByScorer: { a: 6, b: 5, c: 5 }, tasksByTwo: 6, tasksByAll: 4 });
  });

  it("takes alpha over every task two scorers rated, the same as the reliability matrix gives", () => {
    const result = agreementOfScorers({ dataset, scorers: [a, b, c], bootstrap: { resamples: 200, level: 0.9, seed: 3 } });
    const index = { E0: 0, E1: 1, E2: 2 } as const;
    const units = [a, b, c].map((s) => dataset.tasks.map((t) => s.scores.find((x) => x.taskId === t.id)?.exposure));
    const reference = krippendorffAlpha({ units: unitsOf(units.map((row) => row.map((e) => (e ? index[e] + 1 : undefined)))), categories: 3, metric: 'nominal' });
    expect(result.alpha.exposure.alpha).toBeCloseTo(reference.alpha, 12);
    expect(result.alpha.automation).toBeNull();
    expect(result.bootstrap).toEqual({ resamples: 200, level: 0.9, seed: 3, unit: 'task', method: 'percentile' });
  });
});
