// Adoption: from technically feasible to in use. A logistic diffusion in calendar time,
//
//   A(t) = c x logistic(k (t - t0) + logit(s / c))       so that A(t0) = s,
//
// whose speed k is the common growth of AI use in the survey series (workers, firms: least squares of the
// log-odds of use against date with one intercept per series), and whose level s at t0 comes from observed
// use: the share of theoretically exposed work seen in use in two occupation groups (Anthropic), matched by
// the model's own feasible share there; or, before that was measured, the share of workers using AI at work.
// c is the adoption ceiling (1 unless set), the most of feasible exposed work ever in use.
import { decimalYear, factsOfKind, type Fact, type FactOf } from './facts.js';
import { commonSlope, logistic, logit, studentT975 } from './regression.js';

export interface DiffusionSpeed {
  /** k, log-odds of use per year. */
  speed: number;
  /** 95% interval of k; the slow end is 0 (no further growth) when the interval reaches it. */
  interval: [number, number];
  dof: number;
  /** Series that had at least two points, with the line's centre. */
  series: { series: string; count: number; meanDate: number; meanLogit: number }[];
  factIds: string[];
}

/** The common growth rate of AI use across the survey series with two or more primary measurements. */
export function fitDiffusionSpeed(facts: readonly Fact[]): DiffusionSpeed {
  const adoption = factsOfKind(facts, 'adoption').filter((f) => !f.secondary && f.share > 0 && f.share < 1);
  const bySeries = new Map<string, FactOf<'adoption'>[]>();
  for (const fact of adoption) bySeries.set(fact.series, [...(bySeries.get(fact.series) ?? []), fact]);
  const usable = [...bySeries.entries()].filter(([, points]) => points.length >= 2);
  if (usable.length === 0) throw new Error('no survey series with two measurements to fit the speed of adoption to');
  const fit = commonSlope(usable.map(([, points]) => points.map((p) => ({ x: decimalYear(p.date), y: logit(p.share) }))));
  const half = Number.isFinite(fit.slopeError) ? studentT975(fit.dof) * fit.slopeError : 0;
  return {
    speed: fit.slope,
    interval: [Math.max(0, fit.slope - half), fit.slope + half],
    dof: fit.dof,
    series: usable.map(([series, points], i) => ({ series, count: points.length, meanDate: fit.groups[i]!.meanX, meanLogit: fit.groups[i]!.meanY })),
    factIds: usable.flatMap(([, points]) => points.map((p) => p.id)),
  };
}

export interface AdoptionCurve {
  speed: number;
  /** The anchor: A(t0) = level. */
  t0: number;
  level: number;
  ceiling: number;
}

export function adoptionAt(curve: AdoptionCurve, t: number): number {
  const level = Math.min(Math.max(curve.level / curve.ceiling, 1e-9), 1 - 1e-9);
  return curve.ceiling * logistic(curve.speed * (t - curve.t0) + logit(level));
}

/** Observed use against theoretical exposure in one occupation group, as a ratio with its low and high ends. */
export interface ObservedRatio {
  factId: string;
  majorGroup: string;
  group: string;
  date: number;
  central: number;
  low: number;
  high: number;
}

/** The observed-against-theoretical facts of the latest date known (they anchor the level of adoption). */
export function observedRatios(facts: readonly Fact[]): ObservedRatio[] {
  const observed = factsOfKind(facts, 'observed-exposure');
  if (observed.length === 0) return [];
  const latest = Math.max(...observed.map((f) => decimalYear(f.date)));
  return observed
    .filter((f) => decimalYear(f.date) === latest)
    .map((f) => ({
      factId: f.id,
      majorGroup: f.majorGroup,
      group: f.group,
      date: latest,
      central: (f.observed[0] + f.observed[1]) / (f.theoretical[0] + f.theoretical[1]),
      low: f.observed[0] / f.theoretical[1],
      high: f.observed[1] / f.theoretical[0],
    }));
}

/**
 * The most an anchor may be, as a share of the ceiling. Not a measurement: a guard. Observed use at or above
 * what the model finds feasible would pin adoption at its ceiling at every earlier date too, erasing the growth
 * the surveys measured; the anchor stops just short and the series says so.
 */
export const ANCHOR_CAP = 0.99;

/**
 * The level s = A(t0) that best matches observed ratios r_g given the model's feasible share of exposed work
 * phi_g in each group: least squares of s x phi_g against r_g, s = sum(phi r) / sum(phi^2). `capped` when the
 * best level reached ANCHOR_CAP x the ceiling.
 */
export function levelFromObserved(pairs: readonly { feasibleOfExposed: number; observed: number }[], ceiling: number): { level: number; capped: boolean } | null {
  let num = 0;
  let den = 0;
  for (const p of pairs) {
    num += p.feasibleOfExposed * p.observed;
    den += p.feasibleOfExposed ** 2;
  }
  if (den === 0) return null;
  const best = num / den;
  const cap = ANCHOR_CAP * ceiling;
  return { level: Math.min(Math.max(best, 1e-6), cap), capped: best >= cap };
}

/**
 * The fallback anchor, before observed use was measured: the fitted line of the workers-at-work series at its
 * centre (the share of workers using AI at work stands in for the share of feasible exposed work in use).
 */
export function workerAnchor(facts: readonly Fact[], speed: DiffusionSpeed): { t0: number; level: number; factIds: string[] } | null {
  const fitted = speed.series.find((s) => s.series === 'workers-at-work');
  if (fitted) {
    const ids = factsOfKind(facts, 'adoption').filter((f) => f.series === 'workers-at-work' && !f.secondary).map((f) => f.id);
    return { t0: fitted.meanDate, level: logistic(fitted.meanLogit), factIds: ids };
  }
  const points = factsOfKind(facts, 'adoption').filter((f) => f.series === 'workers-at-work' && !f.secondary);
  const latest = points.sort((a, b) => decimalYear(a.date) - decimalYear(b.date)).at(-1);
  return latest ? { t0: decimalYear(latest.date), level: latest.share, factIds: [latest.id] } : null;
}

/** The observed share of AI use that hands the task over (automation), latest known: the prior for scores without a mode. */
export function automationSharePrior(facts: readonly Fact[]): { share: number; factId: string; date: number } | null {
  const latest = factsOfKind(facts, 'automation-share')
    .filter((f) => f.series === 'claude-ai' && !f.secondary)
    .sort((a, b) => decimalYear(a.date) - decimalYear(b.date))
    .at(-1);
  return latest ? { share: latest.share, factId: latest.id, date: decimalYear(latest.date) } : null;
}
