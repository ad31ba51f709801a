// The legacy time model (--time-model legacy), kept so results of earlier versions can be reproduced: each
// task's exposed share is taken up along a logistic adoption curve from its score's horizon year, with a lag and
// speed set by hand, counting only uptake after the base year (dark starts at 0). It has no band.
import type { ScoredOccupation } from '../aggregate/scored-tasks.js';
import type { OccupationScore, TaskWeighting } from '../aggregate/types.js';
import { countText } from '../count-text.js';
import type { Dataset } from '../data/types.js';
import type { TaskScore } from '../score/types.js';
import { adoption, type AdoptionParams } from './adoption.js';
import type { ModelOccupation, ModelPaths } from './paths.js';
import { coveredOccupations, measureValue } from './task-inputs.js';
import type { FrontierMeasure } from './types.js';

export interface LegacyOptions {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  occupations?: readonly Pick<OccupationScore, 'code' | 'employment'>[];
  baseYear: number;
  horizonYear: number;
  measure: FrontierMeasure;
  adoption: AdoptionParams;
  taskWeights: TaskWeighting;
  defaultHorizon: number;
  /** See TaskInputOptions.scored. */
  scored?: readonly ScoredOccupation[];
}

export interface LegacyCounts {
  taskCount: number;
  tasksWithoutHorizon: number;
}

export function legacyPaths(options: LegacyOptions): ModelPaths & { counts: LegacyCounts } {
  const { baseYear } = options;
  const yearCount = options.horizonYear - baseYear + 1;
  const curves = new Map<number, Float64Array>();
  const curveFor = (horizon: number): Float64Array => {
    let curve = curves.get(horizon);
    if (!curve) {
      curve = adoptionSinceBase(horizon, baseYear, yearCount, options.adoption);
      curves.set(horizon, curve);
    }
    return curve;
  };
  const counts: LegacyCounts = { taskCount: 0, tasksWithoutHorizon: 0 };

  const covered = coveredOccupations(options);
  const occupations: ModelOccupation[] = [];
  // Flat paths (see ModelPaths), written at the next occupation's place; one with no valued task is skipped.
  const dark = new Float64Array(covered.length * yearCount);
  const feasible = new Float64Array(covered.length * yearCount);
  for (const { scored, employment } of covered) {
    const row = occupations.length * yearCount;
    dark.fill(0, row, row + yearCount);
    feasible.fill(0, row, row + yearCount);
    let weightSum = 0;
    let exposedSum = 0;
    scored.scores.forEach((score, i) => {
      const value = measureValue(score, options.measure);
      if (value === null) return;
      const weight = scored.weights[i]!;
      weightSum += weight;
      counts.taskCount++;
      const timed = score.horizon !== undefined && Number.isFinite(score.horizon);
      if (!timed) counts.tasksWithoutHorizon++;
      if (value === 0) return;
      exposedSum += weight * value;
      const horizon = timed ? score.horizon! : options.defaultHorizon;
      const curve = curveFor(horizon);
      for (let y = 0; y < yearCount; y++) {
        dark[row + y]! += weight * value * curve[y]!;
        if (baseYear + y >= horizon) feasible[row + y]! += weight * value;
      }
    });
    if (weightSum === 0) continue;
    for (let y = 0; y < yearCount; y++) {
      dark[row + y]! /= weightSum;
      feasible[row + y]! /= weightSum;
    }
    const { occupation } = scored;
    occupations.push({
      code: occupation.code,
      title: occupation.title,
      majorGroup: occupation.majorGroup,
      employment,
      wage: occupation.meanWage ?? occupation.medianWage ?? null,
      exposed: exposedSum / weightSum,
    });
  }
  const used = occupations.length * yearCount;
  const darkPaths = dark.subarray(0, used);
  const notes =
    counts.tasksWithoutHorizon > 0 ? [`${countText(counts.tasksWithoutHorizon)} of ${countText(counts.taskCount)} tasks have no horizon and are taken as practical in ${options.defaultHorizon}`] : [];
  return {
    startYear: baseYear,
    yearCount,
    greyFromOrigin: false,
    occupations,
    feasible: feasible.subarray(0, used),
    // The legacy model does not tell use from displacement: all uptake is dark.
    inUse: darkPaths,
    corners: [darkPaths],
    calibration: null,
    notes,
    counts,
  };
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
