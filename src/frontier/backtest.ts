// The backtest: fit the time model with only the facts known before a date, then predict every later fact in
// the calibration file and set each prediction beside what was observed. Facts about the data set (observed use
// by occupation group, occupations' task coverage, the automation share of use, hours assisted) are predicted
// from this analysis's own tasks; facts about AI (horizons, doubling times, GDPval) and surveys need no data set.
import { calibrate, type Calibration, type CalibrationChoice } from './calibrate.js';
import { centralAt, type CalibratedOptions } from './calibrated.js';
import { fitHorizonTrend, horizonLog2 } from './capability.js';
import { decimalYear, factsOfKind, type CalibrationFile, type Fact } from './facts.js';
import { logistic, logit } from './regression.js';
import type { TaskInputs } from './task-inputs.js';

export interface BacktestRow {
  factId: string;
  /** True for a fact the refit used (an in-sample comparison); false for one after the as-of date (a prediction). */
  known: boolean;
  kind: Fact['kind'];
  /** What was measured, in words. */
  what: string;
  date: string;
  unit: 'minutes' | 'days' | 'share' | null;
  observed: number | null;
  observedRange: [number, number] | null;
  predicted: number | null;
  /** predicted / observed for minutes and days; predicted - observed for shares. */
  error: number | null;
  /** Whether the prediction falls inside the observed range (a CI or stated range), when there is one. */
  withinRange: boolean | null;
  /** Why a fact is not predicted, or what to keep in mind reading the comparison. */
  note?: string;
}

export interface Backtest {
  asOf: string;
  /** Facts the refit used, and the fitted doubling time. */
  knownFacts: number;
  laterFacts: number;
  doublingDays: number;
  adoptionSpeed: number;
  rows: BacktestRow[];
}

export interface BacktestOptions extends CalibrationChoice {
  asOf: string;
  file: CalibrationFile;
  inputs: TaskInputs;
  model: CalibratedOptions;
}

export function backtest(options: BacktestOptions): Backtest {
  const calibration = calibrate(options.file, options);
  const knownIds = new Set(calibration.known.map((f) => f.id));
  const later = options.file.facts.filter((f) => !knownIds.has(f.id));
  const dataDates = [...new Set(options.file.facts.filter((f) => DATA_KINDS.has(f.kind)).map((f) => decimalYear(f.date)))];
  const atDates = dataDates.length ? centralAt(options.inputs, calibration, options.model, dataDates) : null;
  const data = atDates ? dataPredictor(options.inputs, options.model, atDates, dataDates) : null;
  // Later facts first: they are the test; the known ones show how closely the refit reproduces what it was given.
  const rows = [...later, ...options.file.facts.filter((f) => knownIds.has(f.id))].map((fact) => ({
    ...predict(fact, calibration, data),
    known: knownIds.has(fact.id),
  }));
  return {
    asOf: options.asOf,
    knownFacts: knownIds.size,
    laterFacts: later.length,
    doublingDays: calibration.capability.doublingDays.central,
    adoptionSpeed: calibration.speed.speed,
    rows,
  };
}

const DATA_KINDS = new Set<Fact['kind']>(['observed-exposure', 'occupation-use', 'automation-share', 'work-hours']);

interface DataPredictor {
  /** In-use share of exposed work in a major group. */
  groupRatio(majorGroup: string, date: number): number | null;
  /** Share of occupations with at least `threshold` of their tasks in use. */
  occupationsUsing(threshold: number, date: number): number | null;
  /** Automated share of the work in use, workforce-wide. */
  automationShare(date: number): number | null;
  /** In-use share of all work, workforce-wide. */
  inUse(date: number): number | null;
}

function dataPredictor(inputs: TaskInputs, model: CalibratedOptions, at: ReturnType<typeof centralAt>, dates: number[]): DataPredictor {
  const index = (date: number) => dates.indexOf(date);
  const weighted = (pick: (o: number, i: number) => number, filter: (o: number) => boolean, date: number) => {
    const i = index(date);
    let sum = 0;
    let total = 0;
    inputs.occupations.forEach((entry, o) => {
      if (!filter(o)) return;
      const w = model.weightOf(entry);
      sum += w * pick(o, i);
      total += w;
    });
    return total > 0 ? sum / total : null;
  };
  const all = () => true;
  return {
    groupRatio(majorGroup, date) {
      const inGroup = (o: number) => inputs.occupations[o]!.occupation.majorGroup === majorGroup;
      const used = weighted((o, i) => at.inUse[o]![i]!, inGroup, date);
      const exposed = weighted((o) => inputs.occupations[o]!.exposedSum / inputs.occupations[o]!.weightSum, inGroup, date);
      return used !== null && exposed ? used / exposed : null;
    },
    occupationsUsing(threshold, date) {
      const i = index(date);
      if (inputs.occupations.length === 0) return null;
      return at.tasksInUse.filter((n) => n[i]! >= threshold).length / inputs.occupations.length;
    },
    automationShare(date) {
      const dark = weighted((o, i) => at.dark[o]![i]!, all, date);
      const used = weighted((o, i) => at.inUse[o]![i]!, all, date);
      return dark !== null && used ? dark / used : null;
    },
    inUse(date) {
      return weighted((o, i) => at.inUse[o]![i]!, all, date);
    },
  };
}

function predict(fact: Fact, calibration: Calibration, data: DataPredictor | null): Omit<BacktestRow, 'known'> {
  const base = { factId: fact.id, kind: fact.kind, date: fact.date };
  const t = decimalYear(fact.date);
  type Row = Omit<BacktestRow, 'known'>;
  const none = (what: string, note: string): Row => ({ ...base, what, unit: null, observed: null, observedRange: null, predicted: null, error: null, withinRange: null, note });
  const ratioRow = (what: string, unit: 'minutes' | 'days', observed: number, range: [number, number] | null, predicted: number | null, note?: string): Row => ({
    ...base, what, unit, observed, observedRange: range, predicted,
    error: predicted === null ? null : predicted / observed,
    withinRange: predicted === null || !range ? null : predicted >= range[0] && predicted <= range[1],
    ...(note ? { note } : {}),
  });
  const shareRow = (what: string, observed: number, range: [number, number] | null, predicted: number | null, note?: string): Row => ({
    ...base, what, unit: 'share', observed, observedRange: range, predicted,
    error: predicted === null ? null : predicted - observed,
    withinRange: predicted === null || !range ? null : predicted >= range[0] && predicted <= range[1],
    ...(note ? { note } : {}),
  });
  const cap = calibration.capability;

  switch (fact.kind) {
    case 'horizon':
      return ratioRow(`${fact.model}: 50% time horizon`, 'minutes', fact.minutes, fact.range ?? null, 2 ** horizonLog2(cap, t));
    case 'doubling': {
      const since = Number(fact.window);
      const horizons = factsOfKind(calibration.known, 'horizon').filter((h) => decimalYear(h.date) >= since);
      const what = `doubling time of the 50% horizon since ${fact.window}`;
      if (!factsOfKind(calibration.known, 'horizon').some((h) => decimalYear(h.date) < since + 1) || horizons.length < 2) {
        return { ...ratioRow(what, 'days', fact.days, fact.range, null), note: `the facts known hold too few horizons from ${fact.window} on to refit it` };
      }
      return ratioRow(what, 'days', fact.days, fact.range, fitHorizonTrend(horizons, since).doublingDays);
    }
    case 'gdpval': {
      const p = logistic(cap.successSlope * (horizonLog2(cap, t) - Math.log2(fact.taskMinutes)));
      return shareRow(`${fact.model}: GDPval tasks won or tied (a ${fact.taskMinutes}-minute expert task)`, fact.winOrTie, null, p, 'predicted as the success probability on a task of that length at the release date');
    }
    case 'adoption': {
      const what = `${fact.population}${fact.secondary ? ' (secondary)' : ''}`;
      // Leave one out: a survey figure is predicted from the other figures of its series, never from itself.
      const points = factsOfKind(calibration.known, 'adoption').filter((f) => f.series === fact.series && f.id !== fact.id && f.share > 0 && f.share < 1);
      if (points.length === 0) return { ...shareRow(what, fact.share, null, null), note: 'no other measurement of this series to extrapolate from' };
      const meanDate = points.reduce((s, p) => s + decimalYear(p.date), 0) / points.length;
      const meanLogit = points.reduce((s, p) => s + logit(p.share), 0) / points.length;
      return shareRow(what, fact.share, null, logistic(meanLogit + calibration.speed.speed * (t - meanDate)), 'the other figures of its series, moved at the fitted speed of adoption');
    }
    case 'observed-exposure': {
      const what = `${fact.group}: observed use / theoretical exposure`;
      const observed = (fact.observed[0] + fact.observed[1]) / (fact.theoretical[0] + fact.theoretical[1]);
      const range: [number, number] = [fact.observed[0] / fact.theoretical[1], fact.observed[1] / fact.theoretical[0]];
      return shareRow(what, observed, range, data?.groupRatio(fact.majorGroup, t) ?? null, data ? 'the model\'s in-use share of exposed work in the group' : 'needs scored tasks of the group');
    }
    case 'occupation-use':
      return shareRow(
        `occupations with AI used in at least ${Math.round(fact.tasksAtLeast * 100)}% of their tasks`,
        fact.share,
        null,
        data?.occupationsUsing(fact.tasksAtLeast, t) ?? null,
        'the model counts each task\'s expected share in use; the observation counts a task once any use of it is seen, so the model reads lower',
      );
    case 'automation-share': {
      const what = `automation share of AI use (${fact.population})`;
      if (fact.series !== 'claude-ai') return shareRow(what, fact.share, null, null, 'business API traffic: a different population from the workforce');
      return shareRow(what, fact.share, null, data?.automationShare(t) ?? null, 'the model\'s automated share of the work in use');
    }
    case 'work-hours':
      return shareRow(fact.population, (fact.range[0] + fact.range[1]) / 2, fact.range, data?.inUse(t) ?? null, 'the model counts work where AI is in use at all, not hours assisted: an upper bound');
    case 'directive-share':
      return none(fact.population, 'the model does not separate handing over a whole task from other automation');
    case 'horizon-ratio':
    case 'domain-factor':
    case 'slow-domain':
    case 'reliable-range':
    case 'origin':
      return none(fact.note ?? fact.kind, 'a fact about method, used whatever the as-of date');
    case 'reinstatement':
    case 'new-titles':
      return none(fact.note ?? fact.kind, 'an input of the new-work presets, not predicted');
    case 'outcome':
      return none(fact.note ?? fact.kind, 'not modelled: the frontier has no age groups and holds the occupational mix fixed');
  }
}
