// The frontier series: a time model's per-occupation paths rolled up to major groups and the workforce
// (weighted by base-year employment, or by wage bill), with new work from the grey recurrence run on every path,
// and the band. Jobs are each occupation's shares times its own workers, summed: under employment weights that is
// the share times the workforce; under wage-bill weights it is not.
import { majorGroupLabel, majorGroupName } from '../aggregate/major-groups.js';
import type { ScoredOccupation } from '../aggregate/scored-tasks.js';
import type { OccupationScore, OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import type { Dataset } from '../data/types.js';
import { countText as count } from '../count-text.js';
import { UsageError } from '../errors.js';
import type { TaskScore } from '../score/types.js';
import type { AdoptionParams } from './adoption.js';
import { calibrate } from './calibrate.js';
import { backtest, type Backtest } from './backtest.js';
import { calibratedPaths, type CalibratedOptions } from './calibrated.js';
import { CAPABILITY_PRESET_IDS } from './capability.js';
import { FRONTIER_DEFAULTS } from './defaults.js';
import type { CalibrationFile } from './facts.js';
import { loadCalibrationFile } from './facts-file.js';
import { legacyPaths } from './legacy.js';
import { addScaled, type ModelPaths, type Weighable, type WeightOf } from './paths.js';
import { newWorkPreset, type NewWorkParams, type NewWorkPresetId } from './presets.js';
import { prepareTaskInputs } from './task-inputs.js';
import {
  FRONTIER_MEASURES,
  TIME_MODELS,
  type FrontierGroupSeries,
  type FrontierMeasure,
  type FrontierOccupationSeries,
  type FrontierParams,
  type FrontierSeries,
  type TimeModelOptions,
} from './types.js';

export interface FrontierOptions {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  /** When given, the frontier covers these occupations only (a selection), with their employment. */
  occupations?: readonly Pick<OccupationScore, 'code' | 'employment'>[];
  /** The dataset's occupations already paired with `scores` under `taskWeights`; paired here when absent. */
  scored?: readonly ScoredOccupation[];
  /** The base year: the workforce's year and the estimated present. The caller passes the current year. */
  baseYear: number;
  horizonYear?: number;
  /** First year shown; before the base year it shows the path so far (calibrated model). */
  firstYear?: number;
  measure?: FrontierMeasure;
  /** The calibrated model reads only the ceiling; lag and speed belong to the legacy model. */
  adoption?: Partial<AdoptionParams>;
  newWork?: NewWorkParams | NewWorkPresetId;
  taskWeights?: TaskWeighting;
  /** Occupation weights in groups and the workforce: employment (default) or wage bill (employment x mean wage). */
  weight?: OccupationWeighting;
  time?: Partial<TimeModelOptions>;
  /** The facts to calibrate on; the bundled file when not given. */
  facts?: CalibrationFile;
  /** Legacy model: horizon for tasks whose score has none; default base year + FRONTIER_DEFAULTS.untimedHorizonYears. */
  defaultHorizon?: number;
}

export function frontierSeries(options: FrontierOptions): FrontierSeries {
  const params = resolveParams(options);
  let paths: ModelPaths;
  let weightOf: WeightOf;
  if (params.time.model === 'legacy') {
    const legacy = legacyPaths({ ...options, ...params, adoption: params.adoption });
    params.taskCount = legacy.counts.taskCount;
    params.tasksWithoutHorizon = legacy.counts.tasksWithoutHorizon;
    paths = legacy;
    weightOf = weighting(paths.occupations, params, options.weight);
  } else {
    const prepared = prepareCalibrated(options, params);
    weightOf = prepared.weightOf;
    paths = calibratedPaths(prepared.inputs, prepared.calibration, prepared.model);
    params.calibration = paths.calibration;
    if (params.priors.durations > 0) {
      params.notes.push(`${count(params.priors.durations)} of ${count(params.priors.exposedTasks)} exposed tasks have no duration from the scorer and use the prior (Job Zone and wording)`);
    }
    if (params.priors.automation > 0) {
      params.notes.push(`${count(params.priors.automation)} of ${count(params.priors.exposedTasks)} exposed tasks have no mode from the scorer; the observed automation share of AI use stands in`);
    }
  }
  params.notes.push(...paths.notes);
  return assemble(paths, params, weightOf);
}

/** The calibrated model's inputs for these options: the fit, each task's inputs and the weighting. */
function prepareCalibrated(options: FrontierOptions, params: FrontierParams) {
  const calibration = calibrate(options.facts ?? loadCalibrationFile(), params.time);
  if (params.firstYear < calibration.originYear) {
    throw new UsageError(`--from ${params.firstYear}: the calibrated frontier starts in ${calibration.originYear}, the first year of generative AI in general use`);
  }
  const inputs = prepareTaskInputs({
    dataset: options.dataset,
    scores: options.scores,
    occupations: options.occupations,
    scored: options.scored,
    measure: params.measure,
    taskWeights: params.taskWeights,
    durationPrior: calibration.file.durationPrior,
    automationPrior: calibration.automationPrior?.share ?? null,
  });
  params.taskCount = inputs.counts.tasks;
  params.priors = { exposedTasks: inputs.weightedValue.length, durations: inputs.counts.durationPriors, automation: inputs.counts.automationPriors };
  const weightOf = weighting(inputs.occupations, params, options.weight);
  const model: CalibratedOptions = { baseYear: params.baseYear, horizonYear: params.horizonYear, ceiling: params.adoption.ceiling, weightOf };
  return { calibration, inputs, weightOf, model };
}

/**
 * The backtest of the calibrated model under these options: refit with the facts known before `asOf`, predict the
 * rest from this dataset's tasks (see backtest.ts).
 */
export function frontierBacktest(options: FrontierOptions & { asOf: string }): Backtest {
  const params = resolveParams({ ...options, time: { ...options.time, asOf: options.asOf } });
  if (params.time.model === 'legacy') throw new UsageError('--backtest tests the calibrated time model; drop --time-model legacy');
  const { inputs, model, calibration } = prepareCalibrated(options, params);
  return backtest({ ...params.time, asOf: options.asOf, file: calibration.file, inputs, model });
}

/**
 * Employment or wage-bill weights; one per occupation when no scored occupation has employment (jobs are then 0).
 * Wage-bill weights fall back to employment, with a note, when no occupation has both employment and a wage.
 */
function weighting(scored: readonly Weighable[], params: FrontierParams, weight: OccupationWeighting = 'employment'): WeightOf {
  const employed = (o: Weighable) => (o.employment ?? 0) > 0;
  if (!scored.some(employed)) {
    params.weightedBy = 'occupations';
    return () => 1;
  }
  if (weight === 'wages') {
    if (scored.some((o) => employed(o) && (o.wage ?? 0) > 0)) {
      params.weightedBy = 'wages';
      params.notes.push("shares are of the wage bill (employment x mean wage); jobs are each occupation's shares times its workers, summed");
      return (o) => (employed(o) && (o.wage ?? 0) > 0 ? o.employment! * o.wage! : 0);
    }
    params.notes.push('no scored occupation has employment and wages, so the frontier stays weighted by employment');
  }
  params.weightedBy = 'employment';
  return (o) => (employed(o) ? o.employment! : 0);
}

function assemble(paths: ModelPaths, params: FrontierParams, weightOf: WeightOf): FrontierSeries {
  const { yearCount } = paths;
  const skip = params.firstYear - paths.startYear;
  const shown = (values: Float64Array, start = 0): number[] => {
    const out = new Array<number>(yearCount - skip);
    for (let i = skip; i < yearCount; i++) out[i - skip] = values[start + i]!;
    return out;
  };
  const greyInto = (dark: Float64Array, start: number, out: Float64Array) => greyPath(dark, start, out, params.newWork, paths.greyFromOrigin);
  const grey = (dark: Float64Array) => {
    const out = new Float64Array(yearCount);
    greyInto(dark, 0, out);
    return out;
  };
  const weights = paths.occupations.map(weightOf);

  // Each occupation's central grey, kept: the jobs of every roll-up need it. The corners' greys are needed only
  // for the occupation's own band, so they go through one set of buffers.
  const centralGrey = new Float64Array(paths.occupations.length * yearCount);
  const greys = paths.corners.map(() => new Float64Array(yearCount));
  const byOccupation: FrontierOccupationSeries[] = paths.occupations.map((o, index) => {
    const start = index * yearCount;
    for (let c = 0; c < greys.length; c++) greyInto(paths.corners[c]!, start, greys[c]!);
    centralGrey.set(greys[0]!, start);
    const darkBand = shownEnvelope(paths.corners, start, yearCount, skip);
    const greyBand = shownEnvelope(greys, 0, yearCount, skip);
    return {
      code: o.code,
      title: o.title,
      majorGroup: o.majorGroup,
      employment: o.employment,
      exposed: o.exposed,
      dark: shown(paths.corners[0]!, start),
      grey: shown(greys[0]!),
      feasible: shown(paths.feasible, start),
      inUse: shown(paths.inUse, start),
      darkLow: darkBand.low,
      darkHigh: darkBand.high,
      greyLow: greyBand.low,
      greyHigh: greyBand.high,
    };
  });
  params.occupationCount = byOccupation.length;
  if (byOccupation.length === 0) params.notes.push(`no task has a score with a value for ${params.measure}`);
  if (params.weightedBy === 'occupations' && byOccupation.length > 0) params.notes.push('no occupation has employment, so each occupation counts once and jobs are 0');
  const unweighted = weights.filter((w) => w === 0).length;
  if (unweighted > 0) {
    const what = params.weightedBy === 'wages' ? 'employment and a wage' : 'employment';
    params.notes.push(`${count(unweighted)} scored occupation${unweighted === 1 ? ' has' : 's have'} no ${what} and ${unweighted === 1 ? 'is' : 'are'} left out of the workforce and group figures`);
  }

  const rollUpOf = (members: readonly number[]) => rollUp({ paths, members, weights, centralGrey, grey });
  const workforce = rollUpOf(paths.occupations.map((_, o) => o));
  params.employment = params.weightedBy === 'occupations' ? 0 : workforce.employment;
  const years = shown(workforce.dark).map((dark, y) => {
    const at = y + skip;
    const greyShare = workforce.grey[at]!;
    const white = 1 - dark;
    return {
      year: params.firstYear + y,
      dark,
      white,
      grey: greyShare,
      total: white + greyShare,
      exposed: workforce.exposed,
      feasible: workforce.feasible[at]!,
      inUse: workforce.inUse[at]!,
      darkLow: workforce.darkLow[at]!,
      darkHigh: workforce.darkHigh[at]!,
      greyLow: workforce.greyLow[at]!,
      greyHigh: workforce.greyHigh[at]!,
      darkJobs: workforce.darkJobs[at]!,
      whiteJobs: params.employment - workforce.darkJobs[at]!,
      greyJobs: workforce.greyJobs[at]!,
      netJobs: workforce.greyJobs[at]! - workforce.darkJobs[at]!,
    };
  });

  const groups = new Map<string, number[]>();
  paths.occupations.forEach((occupation, o) => {
    const members = groups.get(occupation.majorGroup);
    if (members) members.push(o);
    else groups.set(occupation.majorGroup, [o]);
  });
  const byGroup: FrontierGroupSeries[] = [...groups.keys()].sort().map((code) => {
    const series = rollUpOf(groups.get(code)!);
    return {
      majorGroup: code,
      name: majorGroupName(code),
      label: majorGroupLabel(code),
      employment: params.weightedBy === 'occupations' ? 0 : series.employment,
      occupationCount: series.count,
      exposed: series.exposed,
      dark: shown(series.dark),
      grey: shown(series.grey),
      feasible: shown(series.feasible),
      inUse: shown(series.inUse),
      darkLow: shown(series.darkLow),
      darkHigh: shown(series.darkHigh),
      greyLow: shown(series.greyLow),
      greyHigh: shown(series.greyHigh),
    };
  });
  return { params, years, byOccupation, byGroup };
}

/**
 * Grey per year for a dark path (the recurrence of new-work.ts): `out.length` years of `dark` from `start`. From
 * the origin, the year before counts as dark 0 and grey 0, so new work answering the first year's displacement
 * is counted in it; the legacy model starts from grey 0 in the base year.
 */
function greyPath(dark: Float64Array, start: number, out: Float64Array, newWork: NewWorkParams, fromOrigin: boolean): void {
  if (out.length === 0) return;
  let previousDark = fromOrigin ? 0 : dark[start]!;
  let previousGrey = 0;
  if (!fromOrigin) out[0] = 0;
  for (let i = fromOrigin ? 0 : 1; i < out.length; i++) {
    previousGrey += newWork.rho * (1 - previousDark + previousGrey) + newWork.eta * (dark[start + i]! - previousDark);
    previousDark = dark[start + i]!;
    out[i] = previousGrey;
  }
}

/** Per year shown, the lowest and highest of several paths (`yearCount` values each from `start`). */
function shownEnvelope(paths: readonly Float64Array[], start: number, yearCount: number, skip: number): { low: number[]; high: number[] } {
  const first = paths[0]!;
  const low = new Array<number>(yearCount - skip);
  const high = new Array<number>(yearCount - skip);
  for (let i = skip; i < yearCount; i++) low[i - skip] = high[i - skip] = first[start + i]!;
  for (let p = 1; p < paths.length; p++) {
    const path = paths[p]!;
    for (let i = skip; i < yearCount; i++) {
      const v = path[start + i]!;
      if (v < low[i - skip]!) low[i - skip] = v;
      if (v > high[i - skip]!) high[i - skip] = v;
    }
  }
  return { low, high };
}

interface Band {
  centralGrey: Float64Array;
  darkLow: Float64Array;
  darkHigh: Float64Array;
  greyLow: Float64Array;
  greyHigh: Float64Array;
}

/** The band over the central path and every corner: per year, the lowest and highest dark and grey. */
function bandOf(corners: readonly Float64Array[], grey: (dark: Float64Array) => Float64Array): Band {
  const greys = corners.map(grey);
  const [darkLow, darkHigh] = envelope(corners);
  const [greyLow, greyHigh] = envelope(greys);
  return { centralGrey: greys[0]!, darkLow, darkHigh, greyLow, greyHigh };
}

function envelope(paths: readonly Float64Array[]): [Float64Array, Float64Array] {
  const low = Float64Array.from(paths[0]!);
  const high = Float64Array.from(paths[0]!);
  for (let p = 1; p < paths.length; p++) {
    const path = paths[p]!;
    for (let y = 0; y < low.length; y++) {
      const v = path[y]!;
      if (v < low[y]!) low[y] = v;
      if (v > high[y]!) high[y] = v;
    }
  }
  return [low, high];
}

/** Weighted means of some occupations' paths (every corner, so the band is taken on the aggregate, not summed). */
function rollUp(options: {
  paths: ModelPaths;
  /** Indices of the occupations rolled up. */
  members: readonly number[];
  weights: readonly number[];
  centralGrey: Float64Array;
  grey: (dark: Float64Array) => Float64Array;
}): Band & {
  dark: Float64Array;
  grey: Float64Array;
  feasible: Float64Array;
  inUse: Float64Array;
  darkJobs: Float64Array;
  greyJobs: Float64Array;
  exposed: number;
  employment: number;
  count: number;
} {
  const { paths, weights } = options;
  const { yearCount } = paths;
  const corners = paths.corners.map(() => new Float64Array(yearCount));
  const feasible = new Float64Array(yearCount);
  const inUse = new Float64Array(yearCount);
  const darkJobs = new Float64Array(yearCount);
  const greyJobs = new Float64Array(yearCount);
  let exposed = 0;
  let total = 0;
  let employment = 0;
  let count = 0;
  const { members } = options;
  for (let m = 0; m < members.length; m++) {
    const o = members[m]!;
    const weight = weights[o]!;
    if (weight === 0) continue;
    const occupation = paths.occupations[o]!;
    const start = o * yearCount;
    total += weight;
    count++;
    exposed += weight * occupation.exposed;
    addScaled(feasible, 0, paths.feasible, start, weight, yearCount);
    addScaled(inUse, 0, paths.inUse, start, weight, yearCount);
    for (let c = 0; c < corners.length; c++) addScaled(corners[c]!, 0, paths.corners[c]!, start, weight, yearCount);
    const workers = occupation.employment ?? 0;
    if (workers > 0) {
      employment += workers;
      addScaled(darkJobs, 0, paths.corners[0]!, start, workers, yearCount);
      addScaled(greyJobs, 0, options.centralGrey, start, workers, yearCount);
    }
  }
  const scale = total > 0 ? 1 / total : 0;
  const mean = (values: Float64Array) => {
    for (let y = 0; y < values.length; y++) values[y]! *= scale;
    return values;
  };
  const darkCorners = corners.map(mean);
  const band = bandOf(darkCorners, options.grey);
  return {
    ...band,
    dark: darkCorners[0]!,
    grey: band.centralGrey,
    feasible: mean(feasible),
    inUse: mean(inUse),
    darkJobs,
    greyJobs,
    exposed: exposed * scale,
    employment,
    count,
  };
}


function resolveParams(options: FrontierOptions): FrontierParams {
  const { baseYear } = options;
  const horizonYear = options.horizonYear ?? baseYear + FRONTIER_DEFAULTS.horizonYears;
  if (!Number.isInteger(baseYear)) throw new UsageError(`base year must be a whole year, such as 2025; got ${baseYear}`);
  if (!Number.isInteger(horizonYear) || horizonYear < baseYear || horizonYear - baseYear > 500) {
    throw new UsageError(`horizon year must be a whole year from the base year ${baseYear} to ${baseYear + 500}; got ${horizonYear}`);
  }
  const firstYear = options.firstYear ?? baseYear;
  if (!Number.isInteger(firstYear) || firstYear > baseYear) throw new UsageError(`--from must be a whole year no later than the base year ${baseYear}; got ${firstYear}`);
  const measure = options.measure ?? FRONTIER_DEFAULTS.measure;
  if (!FRONTIER_MEASURES.includes(measure)) {
    throw new UsageError(`unknown measure "${measure}": expected one of ${FRONTIER_MEASURES.join(', ')}`);
  }
  const time: TimeModelOptions = { model: options.time?.model ?? FRONTIER_DEFAULTS.timeModel, ...definedOnly({ ...options.time, model: undefined }) };
  if (!TIME_MODELS.includes(time.model)) throw new UsageError(`unknown time model "${time.model}": expected one of ${TIME_MODELS.join(', ')}`);
  if (time.capability !== undefined && !CAPABILITY_PRESET_IDS.includes(time.capability)) {
    throw new UsageError(`unknown capability preset "${time.capability}": expected one of ${CAPABILITY_PRESET_IDS.join(', ')}`);
  }
  if (time.model === 'legacy' && firstYear !== baseYear) throw new UsageError('--from applies to the calibrated time model: the legacy model starts at the base year');
  const adoptionParams = { ...FRONTIER_DEFAULTS.adoption, ...definedOnly(options.adoption ?? {}) };
  if (!(Number.isFinite(adoptionParams.lag) && adoptionParams.lag >= 0)) {
    throw new UsageError(`adoption lag must be 0 or more years; got ${adoptionParams.lag}`);
  }
  if (!(Number.isFinite(adoptionParams.speed) && adoptionParams.speed > 0)) {
    throw new UsageError(`adoption speed must be a number above 0 (per year); got ${adoptionParams.speed}`);
  }
  if (!(adoptionParams.ceiling > 0 && adoptionParams.ceiling <= 1)) {
    throw new UsageError(`adoption ceiling must be above 0 and at most 1; got ${adoptionParams.ceiling}`);
  }
  const requested = options.newWork ?? FRONTIER_DEFAULTS.newWork;
  const preset = typeof requested === 'string' ? newWorkPreset(requested) : null;
  const rates = preset ?? (requested as NewWorkParams);
  for (const key of ['rho', 'eta'] as const) {
    if (!(Number.isFinite(rates[key]) && rates[key] >= 0)) throw new UsageError(`${key} must be a number of 0 or more; got ${rates[key]}`);
  }
  const defaultHorizon = options.defaultHorizon ?? baseYear + FRONTIER_DEFAULTS.untimedHorizonYears;
  if (!Number.isFinite(defaultHorizon)) throw new UsageError(`default horizon must be a year; got ${defaultHorizon}`);
  return {
    baseYear,
    horizonYear,
    firstYear,
    measure,
    time,
    adoption: adoptionParams,
    calibration: null,
    newWork: { rho: rates.rho, eta: rates.eta, preset: preset?.id ?? null, citation: preset?.citation ?? null },
    taskWeights: options.taskWeights ?? FRONTIER_DEFAULTS.taskWeights,
    defaultHorizon,
    employment: 0,
    weightedBy: 'employment',
    occupationCount: 0,
    taskCount: 0,
    tasksWithoutHorizon: 0,
    priors: { exposedTasks: 0, durations: 0, automation: 0 },
    notes: [],
  };
}

/** Drops undefined keys so `{ lag: undefined }` from an unset CLI option keeps the default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
