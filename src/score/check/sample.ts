// The tasks `check` scores: a stratified random sample, deterministic for a seed. Strata are SOC major group
// by label (GPT-4's exposure), each given its proportional share of the sample (largest remainders), so the
// sample's mix of jobs and of labels is the labelled set's, and accuracy and kappa estimate the set's own.
import { seededRandom } from '../random.js';

export interface StratifiedSampleOptions<T> {
  size: number;
  seed: number;
  stratum: (item: T) => string;
}

/** `size` items (all when there are fewer), in the order given. */
export function stratifiedSample<T>(items: readonly T[], options: StratifiedSampleOptions<T>): T[] {
  if (options.size >= items.length) return [...items];
  const strata = new Map<string, number[]>();
  items.forEach((item, i) => {
    const name = options.stratum(item);
    const members = strata.get(name);
    if (members) members.push(i);
    else strata.set(name, [i]);
  });
  const names = [...strata.keys()].sort();
  const quotas = proportionalQuotas(
    names.map((name) => strata.get(name)!.length),
    options.size,
  );
  const random = seededRandom(options.seed);
  const chosen: number[] = [];
  names.forEach((name, s) => {
    const members = [...strata.get(name)!];
    // Partial Fisher-Yates: the first `quota` slots end up a uniform random subset of the stratum.
    for (let i = 0; i < quotas[s]!; i++) {
      const j = i + Math.floor(random() * (members.length - i));
      [members[i], members[j]] = [members[j]!, members[i]!];
      chosen.push(members[i]!);
    }
  });
  return chosen.sort((a, b) => a - b).map((i) => items[i]!);
}

/**
 * Splits `total` in proportion to `sizes` (Hamilton's largest-remainder method): each gets the whole part of
 * its share, and the units left go to the largest fractional parts (ties to the earlier one).
 */
export function proportionalQuotas(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map(() => 0);
  const shares = sizes.map((n) => (n * total) / sum);
  const quotas = shares.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = shares.map((share, i) => ({ i, rest: share - Math.floor(share) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (quotas[i]! < sizes[i]!) {
      quotas[i] = quotas[i]! + 1;
      left -= 1;
    }
  }
  return quotas;
}

/** A task's SOC major group, the first two digits of its O*NET-SOC code. */
export function majorGroupOf(occupationCode: string): string {
  return occupationCode.slice(0, 2);
}
