// What the time model needs of each scored task, prepared once per analysis in flat arrays: its weight in the
// occupation, its exposed value (the chosen measure), whether it needs software built on the model (E2), and
// two lengths of work AI must manage on its own:
// - to be in use, half the task: exposure (E1/E2) means AI cuts the task's time by at least half;
// - to automate, the automated share of the task (its automation level: T2 is half the task, T4 all of it).
// Series, backtest and explain all read these.
import { scoredOccupations, type ScoredOccupation } from '../aggregate/scored-tasks.js';
import type { OccupationScore, TaskWeighting } from '../aggregate/types.js';
import type { Dataset, Occupation, Task } from '../data/types.js';
import { automationShare, exposureMeasures, type TaskScore } from '../score/types.js';
import type { DurationPriorSpec } from './facts.js';
import { priorHours, scoredDuration, taskDuration, type TaskDuration } from './durations.js';
import type { FrontierMeasure } from './types.js';

export interface OccupationInputs {
  occupation: Occupation;
  employment: number | null;
  wage: number | null;
  /** Sum of the weights of its tasks that have a value for the measure. */
  weightSum: number;
  /** Weighted sum of the measure: exposed share = exposedSum / weightSum. */
  exposedSum: number;
  /** Scored tasks with a value for the measure. */
  taskCount: number;
  /** Index range of its exposed, feasible-some-day tasks in the arrays below. */
  start: number;
  end: number;
}

/** One scored task's inputs, as --explain shows them. Duration and automated part only for exposed tasks (E1 or
 * E2 with a value above 0): the others never become feasible, so they need neither. */
export interface TaskInput {
  task: Task;
  score: TaskScore;
  weight: number;
  value: number;
  exposed: { duration: TaskDuration; automated: AutomatedPart } | null;
}

export interface AutomatedPart {
  /** Of the task's exposed value in use, the part automated: P(automate) x share, or P alone under the automation measure. */
  factor: number;
  /** The share of the task the system does alone, whose length it must manage (1 without a level). */
  share: number;
  /** True when the observed automation share stood in for a mode the scorer did not give. */
  prior: boolean;
}

export interface TaskInputs {
  occupations: OccupationInputs[];
  /** Per exposed task (E1 or E2 with a value above 0), all at the same index: */
  weightedValue: Float64Array;
  /** The length of work AI must manage for the task to be in use (half the task), as an index into `lengths`. */
  useLength: Int32Array;
  /** The length AI must manage to automate it (its automated share), as an index into `lengths`. */
  automateLength: Int32Array;
  darkFactor: Float64Array;
  /** The distinct lengths, log2 minutes, each with whether it is done through software built on the model (E2:
   * the horizon is divided by the domain factor). Prior durations take few values, so feasibility is computed
   * once per length rather than once per task. */
  lengths: { log2Minutes: Float64Array; e2: Uint8Array };
  counts: { tasks: number; durationPriors: number; automationPriors: number };
}

export interface TaskInputOptions {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  measure: FrontierMeasure;
  taskWeights: TaskWeighting;
  durationPrior: DurationPriorSpec;
  /** Share of AI use that hands a task over, for scores without a mode; null leaves such tasks unautomated. */
  automationPrior: number | null;
  /** When given, only these occupations, with this employment. */
  occupations?: readonly Pick<OccupationScore, 'code' | 'employment'>[];
  /** The dataset's occupations already paired with `scores` under `taskWeights` (analyze pairs them once for
   * aggregation and the frontier); paired here when absent. */
  scored?: readonly ScoredOccupation[];
}

/** The scored occupations covered (the selection, when given), each with the employment it counts. */
export function coveredOccupations(
  options: Pick<TaskInputOptions, 'dataset' | 'scores' | 'taskWeights' | 'occupations' | 'scored'>,
): { scored: ScoredOccupation; employment: number | null }[] {
  const selected = options.occupations ? new Map(options.occupations.map((o) => [o.code, o.employment])) : null;
  const all = options.scored ?? scoredOccupations({ dataset: options.dataset, scores: options.scores, taskWeights: options.taskWeights });
  const covered: { scored: ScoredOccupation; employment: number | null }[] = [];
  for (const scored of all) {
    const { code } = scored.occupation;
    if (selected && !selected.has(code)) continue;
    covered.push({ scored, employment: selected ? (selected.get(code) ?? null) : (scored.occupation.employment ?? null) });
  }
  return covered;
}

export function measureValue(score: TaskScore, measure: FrontierMeasure): number | null {
  if (measure === 'automation') return score.automation ? automationShare(score.automation) : null;
  return exposureMeasures(score.exposure)[measure];
}

/**
 * The automated part of a task's work while AI is in use on it: P(automate) x the share done without a person.
 * The scorer's mode gives P (automate 1, augment or none 0), else the observed automation share of AI use; its
 * automation level gives the share, else the whole task (an automated instance is handed over whole). With the
 * automation measure the exposed value already is that share, so only P multiplies it.
 */
export function automatedPart(score: TaskScore, measure: FrontierMeasure, prior: number | null): AutomatedPart {
  return { factor: automatedFactor(score, measure, prior), share: automatedShare(score), prior: usesAutomationPrior(score, prior) };
}

function automatedShare(score: TaskScore): number {
  return score.automation ? automationShare(score.automation) : 1;
}

function usesAutomationPrior(score: TaskScore, prior: number | null): boolean {
  return score.mode === undefined && prior !== null;
}

function automatedFactor(score: TaskScore, measure: FrontierMeasure, prior: number | null): number {
  const ofValue = measure === 'automation' ? 1 : automatedShare(score);
  if (score.mode === 'automate') return ofValue;
  if (score.mode === 'augment' || score.mode === 'none' || prior === null) return 0;
  return prior * ofValue;
}

/** Each scored task of each occupation with a value for the measure, with its inputs (the loop both users share). */
export function eachTaskInput(
  options: TaskInputOptions,
  visit: (occupation: Occupation, employment: number | null, input: TaskInput | null) => void,
): void {
  for (const { scored, employment } of coveredOccupations(options)) {
    visit(scored.occupation, employment, null);
    scored.scores.forEach((score, i) => {
      const value = measureValue(score, options.measure);
      if (value === null) return;
      const task = scored.tasks[i]!;
      const exposed =
        value > 0 && score.exposure !== 'E0'
          ? { duration: taskDuration(task, scored.occupation, score.duration, options.durationPrior), automated: automatedPart(score, options.measure, options.automationPrior) }
          : null;
      visit(scored.occupation, employment, { task, score, weight: scored.weights[i]!, value, exposed });
    });
  }
}

export function prepareTaskInputs(options: TaskInputOptions): TaskInputs {
  const covered = coveredOccupations(options);
  // Sized for every scored task; only the exposed ones are kept.
  let capacity = 0;
  for (const { scored } of covered) capacity += scored.scores.length;
  const weightedValue = new Float64Array(capacity);
  const useLength = new Int32Array(capacity);
  const automateLength = new Int32Array(capacity);
  const darkFactor = new Float64Array(capacity);
  let exposed = 0;
  const lengthIds = [new Map<number, number>(), new Map<number, number>()];
  const lengthValues: number[] = [];
  const lengthE2: number[] = [];
  // Tasks of one occupation mostly share their prior's lengths: each call site remembers its last length.
  const last = { use: { log2Minutes: NaN, e2: -1, id: -1 }, automate: { log2Minutes: NaN, e2: -1, id: -1 } };
  const intern = (site: 'use' | 'automate', log2Minutes: number, e2: number): number => {
    const memo = last[site];
    if (memo.log2Minutes === log2Minutes && memo.e2 === e2) return memo.id;
    let id = lengthIds[e2]!.get(log2Minutes);
    if (id === undefined) {
      id = lengthValues.length;
      lengthIds[e2]!.set(log2Minutes, id);
      lengthValues.push(log2Minutes);
      lengthE2.push(e2);
    }
    memo.log2Minutes = log2Minutes;
    memo.e2 = e2;
    memo.id = id;
    return id;
  };
  const counts = { tasks: 0, durationPriors: 0, automationPriors: 0 };
  const occupations: OccupationInputs[] = [];
  const { measure, automationPrior, durationPrior } = options;

  // The hot path of every frontier: written out rather than through eachTaskInput, so it allocates nothing per task.
  for (const { scored, employment } of covered) {
    const { occupation, scores, weights, tasks } = scored;
    const start = exposed;
    let weightSum = 0;
    let exposedSum = 0;
    let taskCount = 0;
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i]!;
      const value = measureValue(score, measure);
      if (value === null) continue;
      const weight = weights[i]!;
      weightSum += weight;
      exposedSum += weight * value;
      taskCount++;
      if (value === 0 || score.exposure === 'E0') continue;
      const given = scoredDuration(score.duration);
      if (given === null) counts.durationPriors++;
      if (usesAutomationPrior(score, automationPrior)) counts.automationPriors++;
      const log2Minutes = Math.log2((given ?? priorHours(tasks[i]!, occupation, durationPrior)) * 60);
      const share = automatedShare(score);
      const e2 = score.exposure === 'E2' ? 1 : 0;
      weightedValue[exposed] = weight * value;
      useLength[exposed] = intern('use', log2Minutes - 1, e2);
      automateLength[exposed] = intern('automate', share > 0 ? log2Minutes + Math.log2(share) : log2Minutes, e2);
      darkFactor[exposed] = automatedFactor(score, measure, automationPrior);
      exposed++;
    }
    counts.tasks += taskCount;
    if (weightSum > 0) {
      occupations.push({
        occupation,
        employment,
        wage: occupation.meanWage ?? occupation.medianWage ?? null,
        weightSum,
        exposedSum,
        taskCount,
        start,
        end: exposed,
      });
    }
  }
  return {
    occupations,
    weightedValue: weightedValue.slice(0, exposed),
    useLength: useLength.slice(0, exposed),
    automateLength: automateLength.slice(0, exposed),
    darkFactor: darkFactor.slice(0, exposed),
    lengths: { log2Minutes: Float64Array.from(lengthValues), e2: Uint8Array.from(lengthE2) },
    counts,
  };
}
