// Scenario switching for the view: the same scores under another new-work preset or frontier measure.
// Only the frontier depends on them, so the rest of the analysis is kept and the frontier alone is
// recomputed from the analysis's own tasks, scores and employment; results are remembered per scenario.
import type { Analysis } from '../analysis/types.js';
import type { Dataset, Occupation } from '../data/types.js';
import { frontierSeries, FRONTIER_MEASURES, NEW_WORK_PRESET_IDS, type FrontierMeasure, type NewWorkPresetId } from '../frontier/index.js';
import type { TaskScore } from '../score/types.js';

export interface Scenario {
  preset: NewWorkPresetId;
  measure: FrontierMeasure;
}

export type Recompute = (scenario: Scenario) => Analysis;

/** The scenario an analysis was built with (a custom --rho/--eta counts as the first preset when cycling). */
export function scenarioOf(analysis: Analysis): Scenario {
  const { params } = analysis.frontier;
  return { preset: params.newWork.preset ?? NEW_WORK_PRESET_IDS[0], measure: params.measure };
}

export function nextPreset(preset: NewWorkPresetId, step: 1 | -1): NewWorkPresetId {
  return cycle(NEW_WORK_PRESET_IDS, preset, step);
}

export function nextMeasure(measure: FrontierMeasure, step: 1 | -1): FrontierMeasure {
  return cycle(FRONTIER_MEASURES, measure, step);
}

function cycle<T>(values: readonly T[], current: T, step: 1 | -1): T {
  const i = values.indexOf(current);
  return values[(i + step + values.length) % values.length]!;
}

/** A recompute function over one analysis, with every scenario computed once. */
export function recomputeFrom(analysis: Analysis): Recompute {
  const dataset: Pick<Dataset, 'occupations' | 'tasks'> = {
    occupations: analysis.occupations.map(
      (o): Occupation => ({ code: o.code, soc: o.soc, majorGroup: o.majorGroup, title: o.title, ...(o.employment !== null ? { employment: o.employment } : {}) }),
    ),
    tasks: analysis.tasks.map((row) => row.task),
  };
  const scores = analysis.tasks.map((row) => row.score).filter((s): s is TaskScore => s !== undefined);
  const { params } = analysis.frontier;
  const memo = new Map<string, Analysis>();
  if (params.newWork.preset !== null) memo.set(key(scenarioOf(analysis)), analysis);
  return (scenario) => {
    const k = key(scenario);
    let result = memo.get(k);
    if (!result) {
      const frontier = frontierSeries({
        dataset,
        scores,
        baseYear: params.baseYear,
        horizonYear: params.horizonYear,
        measure: scenario.measure,
        adoption: params.adoption,
        newWork: scenario.preset,
        taskWeights: params.taskWeights,
        defaultHorizon: params.defaultHorizon,
        time: params.time,
        firstYear: params.firstYear,
        weight: analysis.params.weight,
      });
      result = { ...analysis, frontier };
      memo.set(k, result);
    }
    return result;
  };
}

function key(scenario: Scenario): string {
  return `${scenario.preset}|${scenario.measure}`;
}
