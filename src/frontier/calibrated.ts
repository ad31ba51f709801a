// The calibrated time model, per occupation and year:
//
//   feasible_o(y) = sum_t w_t m_t F(half of L_t, y) / sum_t w_t      F: capability against a length of work
//   in use_o(y)   = A(y) x feasible_o(y)                              A: adoption, anchored on observed use
//   dark_o(y)     = A(y) x sum_t w_t m_t a_t F(s_t L_t, y) / sum_t w_t
//
// L_t the task's duration, m_t its exposed value, s_t the share of it automated (its level) and a_t the part
// of its use that is automated (P(automate) x s_t). Exposure means AI halves the task's time, so it must manage
// half the task for the task to be in use; to automate s_t of it, that share.
// for the central scenario and for the edges of the scenario box (capability slow with the low observed level,
// fast with the high one, each at both ends of the adoption speed); the band is the lowest and highest path.
// Years are taken at mid-year. Every scenario shares the capability up to the present (see capability.ts), so the
// adoption level fitted there holds for all of them.
import type { Calibration } from './calibrate.js';
import { domainLog2, horizonLog2, type Variant } from './capability.js';
import { adoptionAt, levelFromObserved, type AdoptionCurve } from './diffusion.js';
import { logistic } from './regression.js';
import type { TaskInputs } from './task-inputs.js';
import type { CalibrationSummary } from './types.js';
import { addScaled, timesEachYear, type ModelOccupation, type ModelPaths, type WeightOf } from './paths.js';

export interface CalibratedOptions {
  baseYear: number;
  horizonYear: number;
  ceiling: number;
  /** Each occupation's weight in group and workforce means. */
  weightOf: WeightOf;
}

/** Per occupation and year (flat, see ModelPaths), each divided by the occupation's weight sum. */
interface ModelSums {
  /** The central scenario's feasible share. */
  feasible: Float64Array;
  /** The automatable share under each scenario asked for. */
  automatable: Map<Variant, Float64Array>;
  /** Feasible share at the date observed use was measured, per occupation. */
  feasibleAtObserved: Float64Array;
  /** The expected share of its scored tasks feasible, counted unweighted (when asked for). */
  feasibleTasks?: Float64Array;
}

const VARIANTS: Variant[] = ['central', 'slow', 'fast'];

export function calibratedPaths(inputs: TaskInputs, calibration: Calibration, options: CalibratedOptions): ModelPaths {
  const startYear = calibration.originYear;
  const yearCount = options.horizonYear - startYear + 1;
  const times = Array.from({ length: yearCount }, (_, i) => startYear + i + 0.5);
  const observedDate = calibration.observed[0]?.date ?? null;
  const sums = modelSums(inputs, calibration, { variants: VARIANTS, times, observedDate });

  const notes: string[] = [];
  const central = anchorFor(inputs, calibration, sums, options, notes);
  const { speed } = calibration;
  const corner = (variant: Variant, k: number, level: number): { variant: Variant; curve: AdoptionCurve } => ({
    variant,
    curve: { speed: k, t0: central.t0, level, ceiling: options.ceiling },
  });
  const corners = [corner('central', speed.speed, central.level)];
  // The low edge pairs slow capability with the low observed level, the high edge fast with high. Adoption speed
  // pivots on the anchor date (a slower diffusion is higher before it and lower after), so each edge takes both
  // speeds and the band takes the lower or higher of the two year by year.
  for (const k of speed.interval) corners.push(corner('slow', k, central.low));
  for (const k of speed.interval) corners.push(corner('fast', k, central.high));
  const adoption = corners.map((c) => Float64Array.from(times, (t) => adoptionAt(c.curve, t)));

  const occupations: ModelOccupation[] = inputs.occupations.map((entry) => ({
    code: entry.occupation.code,
    title: entry.occupation.title,
    majorGroup: entry.occupation.majorGroup,
    employment: entry.employment,
    wage: entry.wage,
    exposed: entry.exposedSum / entry.weightSum,
  }));
  return {
    startYear,
    yearCount,
    greyFromOrigin: true,
    occupations,
    feasible: sums.feasible,
    inUse: timesEachYear(sums.feasible, adoption[0]!),
    corners: corners.map((c, i) => timesEachYear(sums.automatable.get(c.variant)!, adoption[i]!)),
    calibration: summary(calibration, central, options, notes),
    notes,
  };
}

/** The central model at any dates (the backtest's): per occupation its feasible, in-use and dark shares and the
 * expected share of its tasks in use, with the adoption level at each date. */
export interface CentralAt {
  adoption: Float64Array;
  feasible: Float64Array[];
  inUse: Float64Array[];
  dark: Float64Array[];
  tasksInUse: Float64Array[];
}

export function centralAt(inputs: TaskInputs, calibration: Calibration, options: CalibratedOptions, dates: number[]): CentralAt {
  const observedDate = calibration.observed[0]?.date ?? null;
  const sums = modelSums(inputs, calibration, { variants: ['central'], times: dates, observedDate, countTasks: true });
  const anchor = anchorFor(inputs, calibration, sums, options, []);
  const adoption = Float64Array.from(dates, (t) => adoptionAt({ speed: calibration.speed.speed, t0: anchor.t0, level: anchor.level, ceiling: options.ceiling }, t));
  const byOccupation = (paths: Float64Array) => inputs.occupations.map((_, o) => paths.subarray(o * dates.length, (o + 1) * dates.length));
  return {
    adoption,
    feasible: byOccupation(sums.feasible),
    inUse: byOccupation(timesEachYear(sums.feasible, adoption)),
    dark: byOccupation(timesEachYear(sums.automatable.get('central')!, adoption)),
    tasksInUse: byOccupation(timesEachYear(sums.feasibleTasks!, adoption)),
  };
}

/** Feasibility of one scenario: one curve over the years per distinct length of work, and each at the observed date. */
function feasibilityCurves(inputs: TaskInputs, calibration: Calibration, variant: Variant, times: readonly number[], observedDate: number | null) {
  const cap = calibration.capability;
  const beta = cap.successSlope;
  const horizon = Float64Array.from(times, (t) => horizonLog2(cap, t, variant));
  const horizonObserved = observedDate === null ? 0 : horizonLog2(cap, observedDate, variant);
  const e2Shift = domainLog2(cap, true, variant);
  const yearCount = times.length;
  // Feasibility depends on a task only through the length of work it asks of AI: one curve per distinct length.
  const { log2Minutes, e2 } = inputs.lengths;
  const curves = new Float64Array(log2Minutes.length * yearCount);
  const atObserved = new Float64Array(log2Minutes.length);
  for (let k = 0; k < log2Minutes.length; k++) {
    const length = log2Minutes[k]! + (e2[k] ? e2Shift : 0);
    for (let y = 0; y < yearCount; y++) curves[k * yearCount + y] = logistic(beta * (horizon[y]! - length));
    atObserved[k] = logistic(beta * (horizonObserved - length));
  }
  return { curves, atObserved };
}

/**
 * The weighted sums of every occupation's tasks: feasible (central scenario) and automatable (each scenario asked
 * for, the first being central), in one pass over the tasks.
 */
function modelSums(
  inputs: TaskInputs,
  calibration: Calibration,
  options: { variants: readonly Variant[]; times: readonly number[]; observedDate: number | null; countTasks?: boolean },
): ModelSums {
  const { variants, times, observedDate } = options;
  const yearCount = times.length;
  const occupationCount = inputs.occupations.length;
  const curvesOf = variants.map((v) => feasibilityCurves(inputs, calibration, v, times, v === 'central' ? observedDate : null));
  const central = curvesOf[0]!;
  const feasible = new Float64Array(occupationCount * yearCount);
  const automatable = variants.map(() => new Float64Array(occupationCount * yearCount));
  const feasibleTasks = options.countTasks ? new Float64Array(occupationCount * yearCount) : null;
  const feasibleAtObserved = new Float64Array(occupationCount);
  const { weightedValue, useLength, automateLength, darkFactor } = inputs;
  for (let o = 0; o < occupationCount; o++) {
    const entry = inputs.occupations[o]!;
    const row = o * yearCount;
    let atObserved = 0;
    for (let j = entry.start; j < entry.end; j++) {
      const value = weightedValue[j]!;
      const use = useLength[j]! * yearCount;
      addScaled(feasible, row, central.curves, use, value, yearCount);
      if (feasibleTasks) for (let y = 0; y < yearCount; y++) feasibleTasks[row + y]! += central.curves[use + y]! / entry.taskCount;
      const dark = value * darkFactor[j]!;
      if (dark > 0) {
        const automate = automateLength[j]! * yearCount;
        for (let v = 0; v < automatable.length; v++) addScaled(automatable[v]!, row, curvesOf[v]!.curves, automate, dark, yearCount);
      }
      if (observedDate !== null) atObserved += value * central.atObserved[useLength[j]!]!;
    }
    const scale = 1 / entry.weightSum;
    for (let y = 0; y < yearCount; y++) feasible[row + y]! *= scale;
    for (let v = 0; v < automatable.length; v++) {
      const sum = automatable[v]!;
      for (let y = 0; y < yearCount; y++) sum[row + y]! *= scale;
    }
    feasibleAtObserved[o] = atObserved * scale;
  }
  return {
    feasible,
    automatable: new Map(variants.map((v, i) => [v, automatable[i]!])),
    feasibleAtObserved,
    ...(feasibleTasks ? { feasibleTasks } : {}),
  };
}

interface Anchor {
  basis: 'observed' | 'workers';
  t0: number;
  level: number;
  low: number;
  high: number;
  groups: string[];
}

/**
 * Where adoption is pinned: A(date observed) = the level that makes the model's in-use share of exposed work
 * in the observed groups match the observed ratios (with their low and high ends); else workers' use.
 */
function anchorFor(inputs: TaskInputs, calibration: Calibration, sums: ModelSums, options: CalibratedOptions, notes: string[]): Anchor {
  const pairs = calibration.observed.flatMap((ratio) => {
    let feasible = 0;
    let exposed = 0;
    inputs.occupations.forEach((entry, o) => {
      if (entry.occupation.majorGroup !== ratio.majorGroup) return;
      const weight = options.weightOf(entry);
      feasible += weight * sums.feasibleAtObserved[o]!;
      exposed += (weight * entry.exposedSum) / entry.weightSum;
    });
    return exposed > 0 ? [{ ratio, feasibleOfExposed: feasible / exposed }] : [];
  });
  const level = (end: 'central' | 'low' | 'high') =>
    levelFromObserved(pairs.map((p) => ({ feasibleOfExposed: p.feasibleOfExposed, observed: p.ratio[end] })), options.ceiling);
  const central = pairs.length ? level('central') : null;
  if (central !== null) {
    if (central.capped) {
      const note = 'observed use in the anchor groups is at or above what the model finds feasible then: adoption is anchored just under its ceiling, and capability sets the pace';
      if (!notes.includes(note)) notes.push(note);
    }
    return { basis: 'observed', t0: pairs[0]!.ratio.date, level: central.level, low: level('low')!.level, high: level('high')!.level, groups: pairs.map((p) => p.ratio.group) };
  }
  const workers = calibration.workers;
  if (!workers) throw new Error('the calibration facts hold neither observed use nor workers\' use of AI to anchor adoption');
  const reason = calibration.observed.length
    ? `this dataset has no scored ${calibration.observed.map((r) => r.group).join(' or ')} occupations`
    : `no observed-use measurement is known${calibration.asOf ? ` before ${calibration.asOf.text}` : ''}`;
  const note = `adoption anchored on workers' use of AI at work, not on observed use: ${reason}`;
  if (!notes.includes(note)) notes.push(note);
  const level0 = Math.min(workers.level, options.ceiling * (1 - 1e-6));
  return { basis: 'workers', t0: workers.t0, level: level0, low: level0, high: level0, groups: [] };
}

function summary(calibration: Calibration, anchor: Anchor, options: CalibratedOptions, notes: string[]): CalibrationSummary {
  const cap = calibration.capability;
  const factIds = [
    ...cap.factIds,
    ...calibration.speed.factIds,
    ...(anchor.basis === 'observed' ? calibration.observed.map((r) => r.factId) : (calibration.workers?.factIds ?? [])),
    ...(calibration.automationPrior ? [calibration.automationPrior.factId] : []),
  ];
  const reliableMinutes = cap.reliableHours === null ? null : Math.log2(cap.reliableHours * 60);
  let beyondReliableFrom: number | null = null;
  if (reliableMinutes !== null) {
    for (let year = calibration.originYear; year <= options.horizonYear; year++) {
      if (horizonLog2(cap, year + 0.5) > reliableMinutes) {
        beyondReliableFrom = year;
        break;
      }
    }
  }
  if (beyondReliableFrom !== null) {
    notes.push(`from ${beyondReliableFrom} the 50% time horizon is extrapolated beyond the ${cap.reliableHours} hours METR measures reliably`);
  }
  return {
    asOf: calibration.asOf?.text ?? null,
    origin: calibration.originYear,
    capability: {
      preset: cap.preset,
      label: cap.label,
      basis: cap.basis,
      doublingDays: cap.doublingDays,
      fitted: { doublingDays: cap.trend.doublingDays, interval: cap.trend.doublingInterval, models: cap.trend.models },
      horizonHoursAtBase: 2 ** horizonLog2(cap, options.baseYear + 0.5) / 60,
      beyondReliableFrom,
      reliableHours: cap.reliableHours,
      successSlope: cap.successSlope,
      horizonRatio: cap.horizonRatio,
      e2Factor: cap.e2Factor,
    },
    adoption: {
      speed: calibration.speed.speed,
      speedInterval: calibration.speed.interval,
      series: calibration.speed.series.map((s) => s.series),
      anchor: { basis: anchor.basis, date: anchor.t0, level: anchor.level, low: anchor.low, high: anchor.high, groups: anchor.groups },
      ceiling: options.ceiling,
    },
    automationPrior: calibration.automationPrior && { share: calibration.automationPrior.share, factId: calibration.automationPrior.factId },
    factIds,
    sources: [...new Set(factIds.map((id) => calibration.file.facts.find((f) => f.id === id)?.source))]
      .filter((s): s is string => s !== undefined)
      .map((s) => calibration.file.sources[s]!.citation),
  };
}
