// The frontier series: each task's exposed share taken up along its adoption curve, rolled up to
// occupations (task-weighted), major groups and the workforce (base-year employment weighted), with
// new work from the grey recurrence.

import { majorGroupLabel, majorGroupName } from '../aggregate/major-groups.js';
import { scoredOccupations } from '../aggregate/scored-tasks.js';
import type { OccupationScore, TaskWeighting } from '../aggregate/types.js';
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { automationShare, exposureMeasures, type TaskScore } from '../score/types.js';
import { adoption, type AdoptionParams } from './adoption.js';
import { FRONTIER_DEFAULTS } from './defaults.js';
import { newWorkPath } from './new-work.js';
import { newWorkPreset, type NewWorkParams, type NewWorkPresetId } from './presets.js';
import { FRONTIER_MEASURES, type FrontierMeasure, type FrontierOccupationSeries, type FrontierParams, type FrontierSeries } from './types.js';

export interface FrontierOptions {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  /** When given, the frontier covers these occupations only (a selection), with their employment. */
  occupations?: readonly Pick<OccupationScore, 'code' | 'employment'>[];
  /** First year of the series, where dark and grey are 0. The caller passes the current year. */
  baseYear: number;
  horizonYear?: number;
  measure?: FrontierMeasure;
  adoption?: Partial<AdoptionParams>;
  newWork?: NewWorkParams | NewWorkPresetId;
  taskWeights?: TaskWeighting;
  /** Horizon for tasks whose score has none; default base year + FRONTIER_DEFAULTS.untimedHorizonYears. */
  defaultHorizon?: number;
}

export function frontierSeries(options: FrontierOptions): FrontierSeries {
  const params = resolveParams(options);
  const yearCount = params.horizonYear - params.baseYear + 1;
  const curves = new Map<number, Float64Array>();
  const curveFor = (horizon: number): Float64Array => {
    let curve = curves.get(horizon);
    if (!curve) {
      curve = adoptionSinceBase(horizon, params.baseYear, yearCount, params.adoption);
      curves.set(horizon, curve);
    }
    return curve;
  };

  const selected = options.occupations ? new Map(options.occupations.map((o) => [o.code, o.employment])) : null;
  const dataset = selected
    ? { ...options.dataset, occupations: options.dataset.occupations.filter((o) => selected.has(o.code)) }
    : options.dataset;

  const byOccupation: FrontierOccupationSeries[] = [];
  for (const scored of scoredOccupations({ dataset, scores: options.scores, taskWeights: params.taskWeights })) {
    const dark = new Float64Array(yearCount);
    let weightSum = 0;
    let exposedSum = 0;
    scored.scores.forEach((score, i) => {
      const value = measureValue(score, params.measure);
      if (value === null) return;
      const weight = scored.weights[i]!;
      weightSum += weight;
      params.taskCount++;
      if (score.horizon === undefined || !Number.isFinite(score.horizon)) params.tasksWithoutHorizon++;
      if (value === 0) return;
      exposedSum += weight * value;
      const curve = curveFor(score.horizon !== undefined && Number.isFinite(score.horizon) ? score.horizon : params.defaultHorizon);
      for (let y = 0; y < yearCount; y++) dark[y]! += weight * value * curve[y]!;
    });
    if (weightSum === 0) continue;
    for (let y = 0; y < yearCount; y++) dark[y]! /= weightSum;
    const { occupation } = scored;
    const employment = selected ? (selected.get(occupation.code) ?? null) : (occupation.employment ?? null);
    byOccupation.push({
      code: occupation.code,
      title: occupation.title,
      majorGroup: occupation.majorGroup,
      employment,
      exposed: exposedSum / weightSum,
      dark: Array.from(dark),
      grey: newWorkPath(dark, params.newWork),
    });
  }
  params.occupationCount = byOccupation.length;
  if (byOccupation.length === 0) params.notes.push(`no task has a score with a value for ${params.measure}`);
  if (params.tasksWithoutHorizon > 0) {
    params.notes.push(`${count(params.tasksWithoutHorizon)} of ${count(params.taskCount)} tasks have no horizon and are taken as practical in ${params.defaultHorizon}`);
  }

  const equalWeights = !byOccupation.some((o) => (o.employment ?? 0) > 0);
  const weightOf = (o: FrontierOccupationSeries) => (equalWeights ? 1 : (o.employment ?? 0) > 0 ? o.employment! : 0);
  params.weightedBy = equalWeights ? 'occupations' : 'employment';
  if (equalWeights && byOccupation.length > 0) params.notes.push('no occupation has employment, so each occupation counts once and jobs are 0');
  const unweighted = byOccupation.filter((o) => weightOf(o) === 0).length;
  if (unweighted > 0) {
    params.notes.push(`${count(unweighted)} scored occupation${unweighted === 1 ? ' has' : 's have'} no employment and ${unweighted === 1 ? 'is' : 'are'} left out of the workforce and group figures`);
  }

  const workforce = weightedSeries(byOccupation, weightOf, yearCount);
  params.employment = equalWeights ? 0 : workforce.employment;
  const years = workforce.dark.map((dark, y) => {
    const grey = workforce.grey[y]!;
    const white = 1 - dark;
    return {
      year: params.baseYear + y,
      dark,
      white,
      grey,
      total: white + grey,
      darkJobs: dark * params.employment,
      whiteJobs: white * params.employment,
      greyJobs: grey * params.employment,
      netJobs: (grey - dark) * params.employment,
    };
  });

  const groups = new Map<string, FrontierOccupationSeries[]>();
  for (const occupation of byOccupation) {
    const members = groups.get(occupation.majorGroup);
    if (members) members.push(occupation);
    else groups.set(occupation.majorGroup, [occupation]);
  }
  const byGroup = [...groups.keys()].sort().map((code) => {
    const series = weightedSeries(groups.get(code)!, weightOf, yearCount);
    return {
      majorGroup: code,
      name: majorGroupName(code),
      label: majorGroupLabel(code),
      employment: equalWeights ? 0 : series.employment,
      occupationCount: series.count,
      dark: series.dark,
      grey: series.grey,
    };
  });

  return { params, years, byOccupation, byGroup };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The per-task value taken up: an exposure measure, or the automation share (null when the score has no level). */
function measureValue(score: TaskScore, measure: FrontierMeasure): number | null {
  if (measure === 'automation') return score.automation ? automationShare(score.automation) : null;
  return exposureMeasures(score.exposure)[measure];
}

/**
 * Adoption gained since the base year. What was taken up before the base year is already reflected in
 * base-year employment, so a task past its horizon counts only its further uptake, and dark starts at 0.
 */
function adoptionSinceBase(horizon: number, baseYear: number, yearCount: number, params: AdoptionParams): Float64Array {
  const curve = new Float64Array(yearCount);
  const atBase = adoption(baseYear, horizon, params);
  for (let y = 0; y < yearCount; y++) curve[y] = adoption(baseYear + y, horizon, params) - atBase;
  return curve;
}

/** Weighted mean of occupations' dark and grey (grey is linear in dark, so this equals the recurrence on the mean). */
function weightedSeries(
  occupations: readonly FrontierOccupationSeries[],
  weightOf: (occupation: FrontierOccupationSeries) => number,
  yearCount: number,
): { dark: number[]; grey: number[]; employment: number; count: number } {
  const dark = new Array<number>(yearCount).fill(0);
  const grey = new Array<number>(yearCount).fill(0);
  let total = 0;
  let employment = 0;
  let count = 0;
  for (const occupation of occupations) {
    const weight = weightOf(occupation);
    if (weight === 0) continue;
    total += weight;
    employment += occupation.employment ?? 0;
    count++;
    for (let y = 0; y < yearCount; y++) {
      dark[y]! += weight * occupation.dark[y]!;
      grey[y]! += weight * occupation.grey[y]!;
    }
  }
  if (total > 0) {
    for (let y = 0; y < yearCount; y++) {
      dark[y]! /= total;
      grey[y]! /= total;
    }
  }
  return { dark, grey, employment, count };
}

function resolveParams(options: FrontierOptions): FrontierParams {
  const { baseYear } = options;
  const horizonYear = options.horizonYear ?? baseYear + FRONTIER_DEFAULTS.horizonYears;
  if (!Number.isInteger(baseYear)) throw new UsageError(`base year must be a whole year, such as 2025; got ${baseYear}`);
  if (!Number.isInteger(horizonYear) || horizonYear < baseYear || horizonYear - baseYear > 500) {
    throw new UsageError(`horizon year must be a whole year from the base year ${baseYear} to ${baseYear + 500}; got ${horizonYear}`);
  }
  const measure = options.measure ?? FRONTIER_DEFAULTS.measure;
  if (!FRONTIER_MEASURES.includes(measure)) {
    throw new UsageError(`unknown measure "${measure}": expected one of ${FRONTIER_MEASURES.join(', ')}`);
  }
  const adoptionParams = { ...FRONTIER_DEFAULTS.adoption, ...definedOnly(options.adoption ?? {}) };
  if (!(Number.isFinite(adoptionParams.lag) && adoptionParams.lag >= 0)) {
    throw new UsageError(`adoption lag must be 0 or more years; got ${adoptionParams.lag}`);
  }
  if (!(Number.isFinite(adoptionParams.speed) && adoptionParams.speed > 0)) {
    throw new UsageError(`adoption speed must be a number above 0 (per year); got ${adoptionParams.speed}`);
  }
  if (!(adoptionParams.ceiling >= 0 && adoptionParams.ceiling <= 1)) {
    throw new UsageError(`adoption ceiling must be between 0 and 1; got ${adoptionParams.ceiling}`);
  }
  const requested = options.newWork ?? FRONTIER_DEFAULTS.newWork;
  const preset = typeof requested === 'string' ? newWorkPreset(requested) : null;
  const rates = preset ?? requested as NewWorkParams;
  for (const key of ['rho', 'eta'] as const) {
    if (!(Number.isFinite(rates[key]) && rates[key] >= 0)) throw new UsageError(`${key} must be a number of 0 or more; got ${rates[key]}`);
  }
  const defaultHorizon = options.defaultHorizon ?? baseYear + FRONTIER_DEFAULTS.untimedHorizonYears;
  if (!Number.isFinite(defaultHorizon)) throw new UsageError(`default horizon must be a year; got ${defaultHorizon}`);
  return {
    baseYear,
    horizonYear,
    measure,
    adoption: adoptionParams,
    newWork: { rho: rates.rho, eta: rates.eta, preset: preset?.id ?? null, citation: preset?.citation ?? null },
    taskWeights: options.taskWeights ?? FRONTIER_DEFAULTS.taskWeights,
    defaultHorizon,
    employment: 0,
    weightedBy: 'employment',
    occupationCount: 0,
    taskCount: 0,
    tasksWithoutHorizon: 0,
    notes: [],
  };
}

/** Drops undefined keys so `{ lag: undefined }` from an unset CLI option keeps the default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
