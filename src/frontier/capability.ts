// Capability over time: how long a task AI can complete (METR's 50% time horizon), fitted from the measured
// horizons, and the probability that a task of a given human duration is within reach in a given year.
//
//   log2 H50(t) = a + b (t - t_mean)                      the fitted trend, up to the present
//   log2 H50(t) = log2 H50(t_p) + (t - t_p) / D           afterwards, D = the scenario's doubling time in years
//
// The present t_p is the latest measurement the model is fitted to: the last measured release, or the date of
// observed use when that is later. Scenarios agree on everything measured and differ only after it.
//   P(feasible) = logistic(beta x (log2 H50(t) - log2 g - log2 L))
//
// L is the task's duration in minutes, g the domain factor (1 for E1; METR's GUI factor for E2, which needs
// software built on the model), and beta = ln 4 / log2 r with r = H50 / H80, so a task r times shorter than
// the 50% horizon is done 80% of the time: the measured spread makes feasibility smooth, not a step.
import { UsageError } from '../errors.js';
import { decimalYear, factsOfKind, type Fact, type FactOf } from './facts.js';
import { CAPABILITY_PRESET_IDS, type CapabilityPresetId } from './preset-ids.js';
import { commonSlope, logistic, studentT975 } from './regression.js';

export { CAPABILITY_PRESET_IDS, type CapabilityPresetId };

const DAYS_PER_YEAR = 365.25;

export interface HorizonTrend {
  /** Doublings of the 50% horizon per year. */
  slope: number;
  doublingDays: number;
  /** 95% interval of the doubling time in days; the slow end is Infinity when the slope's interval reaches 0. */
  doublingInterval: [number, number] | null;
  /** The point the fitted line passes through (mean date, mean log2 minutes). */
  pivot: { date: number; log2Minutes: number };
  /** Facts fitted. */
  factIds: string[];
  models: string[];
  since: number;
  lastDate: number;
}

/** Least squares of log2 minutes on date over the horizons measured for models released from `since` on. */
export function fitHorizonTrend(horizons: readonly FactOf<'horizon'>[], since: number): HorizonTrend {
  const used = horizons.filter((h) => !h.secondary && decimalYear(h.date) >= since).sort((a, b) => decimalYear(a.date) - decimalYear(b.date));
  if (used.length < 2) throw new UsageError(`the capability trend needs at least two measured horizons of models released since ${Math.floor(since)}; ${used.length} known`);
  const points = used.map((h) => ({ x: decimalYear(h.date), y: Math.log2(h.minutes) }));
  const fit = commonSlope([points]);
  const t = studentT975(fit.dof);
  const interval: [number, number] | null = Number.isFinite(fit.slopeError)
    ? [DAYS_PER_YEAR / (fit.slope + t * fit.slopeError), fit.slope - t * fit.slopeError > 0 ? DAYS_PER_YEAR / (fit.slope - t * fit.slopeError) : Infinity]
    : null;
  const group = fit.groups[0]!;
  return {
    slope: fit.slope,
    doublingDays: DAYS_PER_YEAR / fit.slope,
    doublingInterval: interval,
    pivot: { date: group.meanX, log2Minutes: group.meanY },
    factIds: used.map((h) => h.id),
    models: used.map((h) => h.model),
    since,
    lastDate: points.at(-1)!.x,
  };
}

export interface CapabilityScenario {
  preset: CapabilityPresetId | 'custom';
  label: string;
  /** Where the doubling time after the last measurement comes from. */
  basis: string;
  /** The measured path, carried to the present. */
  trend: HorizonTrend;
  /** The present: where the scenario's own growth takes over from the fitted trend. */
  anchorDate: number;
  anchorLog2Minutes: number;
  /** Doubling time after the anchor, days: central, and the band's slow and fast ends. */
  doublingDays: { central: number; slow: number; fast: number };
  /** beta: log-odds of success per doubling of the horizon over the task's length. */
  successSlope: number;
  /** H50 / H80 behind successSlope, and its measured range. */
  horizonRatio: { central: number; range: [number, number] };
  /** Horizon divisor for E2 work: central, and the slow (larger) and fast (smaller) ends. */
  e2Factor: { central: number; slow: number; fast: number };
  /** Horizons beyond this many hours are extrapolated past what METR measures reliably. */
  reliableHours: number | null;
  factIds: string[];
}

export type Variant = 'central' | 'slow' | 'fast';

/**
 * The capability scenario from the facts known: the trend since 2023 is always the measured past; the preset
 * (or a doubling time given by hand) sets the growth after the last measurement. `structural` holds the facts
 * about how horizons behave (the 50%/80% spread, domain factors, the slow domain, the reliable range), which a
 * backtest takes as given whatever its date: they describe the method, not the trend being predicted.
 */
export function capabilityScenario(
  facts: readonly Fact[],
  choice: { preset?: CapabilityPresetId; doublingDays?: number; presentDate?: number },
  structural: readonly Fact[] = facts,
): CapabilityScenario {
  const trend = fitHorizonTrend(factsOfKind(facts, 'horizon'), 2023);
  const anchorDate = Math.max(trend.lastDate, choice.presentDate ?? -Infinity);
  const anchorLog2Minutes = trend.pivot.log2Minutes + trend.slope * (anchorDate - trend.pivot.date);
  const ratio = only(factsOfKind(structural, 'horizon-ratio'), 'horizon-ratio');
  const gui = only(factsOfKind(structural, 'domain-factor'), 'domain-factor');
  const reliable = factsOfKind(structural, 'reliable-range')[0];
  const horizonRatio = Math.sqrt(ratio.ratio[0] * ratio.ratio[1]);
  const shared = {
    trend,
    anchorDate,
    anchorLog2Minutes,
    successSlope: Math.log(4) / Math.log2(horizonRatio),
    horizonRatio: { central: horizonRatio, range: ratio.ratio },
    e2Factor: { central: Math.sqrt(gui.factor[0] * gui.factor[1]), slow: gui.factor[1], fast: gui.factor[0] },
    reliableHours: reliable?.hours ?? null,
  };
  const baseIds = [...trend.factIds, ratio.id, gui.id, ...(reliable ? [reliable.id] : [])];

  if (choice.doublingDays !== undefined) {
    const days = choice.doublingDays;
    if (!(Number.isFinite(days) && days > 0)) throw new UsageError(`--doubling-days must be a number of days above 0; got ${days}`);
    return { ...shared, preset: 'custom', label: `doubling every ${days} days (set by hand)`, basis: 'set by hand with --doubling-days', doublingDays: { central: days, slow: days, fast: days }, factIds: baseIds };
  }
  const preset = choice.preset ?? 'trend-2023';
  if (preset === 'trend-2023') {
    const [fast, slow] = trend.doublingInterval ?? [trend.doublingDays, trend.doublingDays];
    return {
      ...shared,
      preset,
      label: `the trend since 2023: doubling every ${Math.round(trend.doublingDays)} days`,
      basis: `least squares over ${trend.models.length} measured horizons since 2023 (${trend.models.join(', ')})`,
      doublingDays: { central: trend.doublingDays, slow, fast },
      factIds: baseIds,
    };
  }
  if (preset === 'trend-2019') {
    const published = factsOfKind(facts, 'doubling').find((f) => f.window === '2019');
    if (!published) throw new UsageError('the 2019-2025 trend (--capability trend-2019) rests on a published doubling time that is not among the facts known at this date');
    return {
      ...shared,
      preset,
      label: `the 2019-2025 trend: doubling every ${published.days} days`,
      basis: `published doubling time of all models 2019-2025 (${published.range[0]} to ${published.range[1]} days)`,
      doublingDays: { central: published.days, slow: published.range[1], fast: published.range[0] },
      factIds: [...baseIds, published.id],
    };
  }
  const slow = only(factsOfKind(structural, 'slow-domain'), 'slow-domain');
  const days = (slow.years * DAYS_PER_YEAR) / Math.log2(slow.growth);
  return {
    ...shared,
    preset,
    label: `a slowdown: doubling every ${Math.round(days)} days`,
    basis: `the slowest measured horizon growth, ${slow.domain} (${slow.growth}-fold in ${slow.years} years)`,
    doublingDays: { central: days, slow: days, fast: days },
    factIds: [...baseIds, slow.id],
  };
}

/** log2 of the 50% horizon in minutes at decimal year t. */
export function horizonLog2(scenario: CapabilityScenario, t: number, variant: Variant = 'central'): number {
  if (t <= scenario.anchorDate) return scenario.trend.pivot.log2Minutes + scenario.trend.slope * (t - scenario.trend.pivot.date);
  return scenario.anchorLog2Minutes + ((t - scenario.anchorDate) * DAYS_PER_YEAR) / scenario.doublingDays[variant];
}

/** log2 of the domain factor dividing the horizon: 0 for E1, METR's GUI factor for E2. */
export function domainLog2(scenario: CapabilityScenario, e2: boolean, variant: Variant = 'central'): number {
  return e2 ? Math.log2(scenario.e2Factor[variant]) : 0;
}

/** Probability a task of 2^log2Minutes minutes is within reach when the (domain-adjusted) horizon is 2^horizon. */
export function feasibility(scenario: CapabilityScenario, horizonLog2Minutes: number, taskLog2Minutes: number): number {
  return logistic(scenario.successSlope * (horizonLog2Minutes - taskLog2Minutes));
}

/** The decimal year at which the (domain-adjusted) 50% horizon reaches a task's length: feasibility 0.5. */
export function yearFeasible(scenario: CapabilityScenario, taskLog2Minutes: number, e2: boolean, variant: Variant = 'central'): number {
  const target = taskLog2Minutes + domainLog2(scenario, e2, variant);
  if (target <= scenario.anchorLog2Minutes) return scenario.trend.pivot.date + (target - scenario.trend.pivot.log2Minutes) / scenario.trend.slope;
  return scenario.anchorDate + ((target - scenario.anchorLog2Minutes) * scenario.doublingDays[variant]) / DAYS_PER_YEAR;
}

function only<T extends Fact>(facts: T[], kind: string): T {
  if (facts.length === 0) throw new UsageError(`the calibration facts hold no "${kind}" fact known at this date`);
  return facts[0]!;
}
