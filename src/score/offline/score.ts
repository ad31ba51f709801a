// Scores tasks with the offline model: exposure and automation level from the two heads, then mode,
// horizon and a one-line rationale derived from them by the fixed rules below.

import type { Dataset, Task, TaskType } from '../../data/types.js';
import { UsageError } from '../../errors.js';
import { EXPOSURE_LEVELS, type Automation, type Exposure, type Mode, type TaskScore } from '../types.js';
import { contextsFor, contextVector } from './context.js';
import type { EncodedTask } from './encoder.js';
import type { SparseVector, TaskActivity } from './features.js';
import { headProbabilities, taskVector, weightSums, type Head, type OfflineModel } from './model.js';
import type { OfflineTarget } from './targets.js';

export interface OfflineTask {
  taskId: string;
  occupationCode: string;
  text: string;
  /** Occupation title: the model reads it as context beside the task text. */
  title: string;
  type?: TaskType;
  /** The task's O*NET Detailed Work Activities (Tasks to DWAs.txt with their DWA Reference titles), when the dataset has them. */
  activities?: readonly TaskActivity[];
}

/**
 * A dataset task's work activities with their titles, as OfflineTask.activities takes them; undefined when
 * the dataset links none to it (no Tasks to DWAs.txt, or no DWA Reference.txt to title them).
 */
export function taskActivities(task: Pick<Task, 'dwaIds'>, workActivities: Dataset['workActivities']): TaskActivity[] | undefined {
  if (!task.dwaIds || !workActivities) return undefined;
  const shared = sharedActivities(workActivities);
  const out: TaskActivity[] = [];
  for (const id of task.dwaIds) {
    const activity = shared.get(id);
    if (activity) out.push(activity);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * One object per activity of a dataset, shared by every task that has it: a full O*NET release links some
 * 40,000 task-activity pairs to 2,000 activities, and a message to the scoring worker then carries each once.
 */
const activityObjects = new WeakMap<NonNullable<Dataset['workActivities']>, Map<string, TaskActivity>>();

function sharedActivities(workActivities: NonNullable<Dataset['workActivities']>): Map<string, TaskActivity> {
  let shared = activityObjects.get(workActivities);
  if (!shared) {
    shared = new Map(Object.entries(workActivities).map(([id, a]) => [id, { id, title: a.title }]));
    activityObjects.set(workActivities, shared);
  }
  return shared;
}

/**
 * A dataset task as the offline model reads it: its text, its occupation's title and, when the dataset links
 * them, its work activities. Scoring a dataset goes through this, so every command reads the same inputs.
 */
export function offlineTaskOf(task: Task, title: string, workActivities: Dataset['workActivities']): OfflineTask {
  const activities = taskActivities(task, workActivities);
  return { taskId: task.id, occupationCode: task.occupationCode, text: task.text, title, type: task.type, ...(activities ? { activities } : {}) };
}

/** The dataset's tasks as the offline model reads them (offlineTaskOf), each under its occupation's title. */
export function offlineTasksOf(dataset: Pick<Dataset, 'occupations' | 'workActivities'>, tasks: readonly Task[]): OfflineTask[] {
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  return tasks.map((t) => offlineTaskOf(t, titles.get(t.occupationCode) ?? '', dataset.workActivities));
}

export interface OfflinePrediction {
  exposure: Exposure;
  exposureProbabilities: number[];
  automation: Automation;
  automationProbabilities: number[];
  vector: EncodedTask;
  /** The target predicted for, and its weight on the human head. */
  target: OfflineTarget;
  humanWeight: number;
}

function argmax(p: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

/**
 * The target's weight on the human head (for a task read with work activities when `withActivities`),
 * or a UsageError naming the targets the model has.
 */
export function targetWeight(model: OfflineModel, target: OfflineTarget, withActivities = false): number {
  const weight = (withActivities ? model.activityTargets : model.targets)[target];
  if (weight === undefined) {
    throw new UsageError(`the offline model ${model.file.name} has no target "${target}"; it has ${Object.keys(model.targets).join(', ')}`);
  }
  return weight;
}

export interface PredictOptions {
  /** The task's occupation-context features (contextVector in context.ts); none when omitted. */
  context?: SparseVector;
  /** What to reproduce (targets.ts); the model's default when omitted. */
  target?: OfflineTarget;
}

export function predictTask(
  model: OfflineModel,
  task: { text: string; title: string; activities?: readonly TaskActivity[] | undefined },
  options: PredictOptions = {},
): OfflinePrediction {
  const target = options.target ?? model.defaultTarget;
  const vector = taskVector(model, task.text, task.title, options.context, task.activities);
  const { withActivities } = vector;
  const humanWeight = targetWeight(model, target, withActivities);
  const { human, gpt4 } = model.exposureHeads;
  const sums = weightSums(model, vector);
  const fromHuman = humanWeight > 0 ? headProbabilities(human!, sums, withActivities) : undefined;
  const fromGpt4 = humanWeight < 1 ? headProbabilities(gpt4!, sums, withActivities) : undefined;
  const exposureProbabilities = fromHuman && fromGpt4 ? fromHuman.map((p, k) => humanWeight * p + (1 - humanWeight) * fromGpt4[k]!) : (fromHuman ?? fromGpt4)!;
  const automationProbabilities = headProbabilities(model.automation, sums, withActivities);
  return {
    exposure: EXPOSURE_LEVELS[argmax(exposureProbabilities)]!,
    exposureProbabilities,
    automation: model.automation.labels[argmax(automationProbabilities)] as Automation,
    automationProbabilities,
    vector,
    target,
    humanWeight,
  };
}

/**
 * Mode: none for E0; automate when the task is directly exposed (E1) and the automation head puts more
 * than half its probability on T3 or T4 (the system does most of the task alone); augment otherwise.
 */
export function offlineMode(exposure: Exposure, automationProbabilities: readonly number[]): Mode {
  if (exposure === 'E0') return 'none';
  const mostlyAlone = (automationProbabilities[3] ?? 0) + (automationProbabilities[4] ?? 0) > 0.5;
  return exposure === 'E1' && mostlyAlone ? 'automate' : 'augment';
}

/**
 * Horizon: E1 (an LLM alone suffices) is practical 1 year after the base year, or 2 when the model is
 * unsure (confidence under 0.7); E2 needs software built on top, so 3 years, or 5 when unsure.
 * E0 has no horizon: nothing is exposed.
 */
export function offlineHorizon(exposure: Exposure, confidence: number, baseYear: number): number | undefined {
  if (exposure === 'E0') return undefined;
  const sure = confidence >= 0.7;
  return baseYear + (exposure === 'E1' ? (sure ? 1 : 2) : sure ? 3 : 5);
}

// Function words (articles, pronouns, prepositions, conjunctions, auxiliaries) explain nothing to a reader
// ("'it' weighs against"); they still count in the score, they are just never named. Single letters and
// bare numbers name nothing either (see `nameable`).
const UNNAMED = new Set(
  ('a about above after again against all also am among an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each either etc every few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just may me might more ' +
    'most must my myself no nor not now of off on once only or other others our ours ourselves out over own per same ' +
    'shall she should so some such than that the their theirs them themselves then there these they this those ' +
    'through thus to too under until up upon us very via was we were what when where whether which while who whom ' +
    'whose why will with within without would you your yours yourself yourselves').split(' '),
);

function nameable(word: string): boolean {
  return word.length > 1 && !UNNAMED.has(word) && !/^\d+$/.test(word);
}

export interface Credit {
  word: string;
  weight: number;
}

/** Ranking of credits: heaviest first, then by name, so rationales are deterministic. */
function before(a: Credit, b: Credit): boolean {
  return (b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)) < 0;
}

/**
 * Which words pushed the task toward the predicted class and which against it, ranked heaviest first.
 * A feature's pull is its value times its weight for that class minus its mean weight over classes
 * (softmax ignores the mean). Character n-grams and bigrams are credited to the words they came from,
 * shared equally among a feature's occurrences, so the names are real words. Common words are left out.
 */
export function explain(model: OfflineModel, vector: EncodedTask, predicted: number, target: OfflineTarget = model.defaultTarget): Credit[] {
  return credits(model, vector, predicted, targetWeight(model, target)).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/**
 * Each feature's pull on each exposure class under a target: its weight for the class less its mean weight
 * over classes (softmax ignores the mean), summed over the target's heads by their weights. One table per
 * target, made on first use, so a rationale costs one lookup per feature.
 */
function pullTable(model: OfflineModel, humanWeight: number): Float64Array {
  const cached = model.pulls.get(humanWeight);
  if (cached) return cached;
  const K = EXPOSURE_LEVELS.length;
  const features = model.vectorizer.space.vocab.length;
  const table = new Float64Array(features * K);
  const heads: [Head, number][] = [];
  if (humanWeight > 0) heads.push([model.exposureHeads.human!, humanWeight]);
  if (humanWeight < 1) heads.push([model.exposureHeads.gpt4!, 1 - humanWeight]);
  for (const [head, weight] of heads) {
    const { quantised, stride, offset, scale } = head;
    for (let f = 0; f < features; f++) {
      const base = f * stride + offset;
      let mean = 0;
      for (let k = 0; k < K; k++) mean += quantised[base + k]! * scale;
      for (let k = 0; k < K; k++) table[f * K + k]! += weight * (quantised[base + k]! * scale - mean / K);
    }
  }
  model.pulls.set(humanWeight, table);
  return table;
}

function credits(model: OfflineModel, vector: EncodedTask, predicted: number, humanWeight: number): Credit[] {
  const { indices, values, counts } = vector;
  const pulls = pullTable(model, humanWeight);
  const K = EXPOSURE_LEVELS.length;
  // Pull per occurrence of each of the task's features.
  const share = model.encoder.perFeature;
  // Only the task's own features (those with a term count); context features name no word of the task.
  for (let j = 0; j < counts.length; j++) share[indices[j]!] = (values[j]! * pulls[indices[j]! * K + predicted]!) / counts[j]!;
  // One credit per distinct word; a task has a few dozen words, so a linear search finds repeats.
  const slots: Credit[] = [];
  const owners: unknown[] = [];
  const named: boolean[] = [];
  const slot = (owner: unknown, name: string, word: string) => {
    let s = owners.indexOf(owner);
    if (s < 0) {
      s = slots.push({ word: name, weight: 0 }) - 1;
      owners.push(owner);
      named.push(nameable(word));
    }
    return slots[s]!;
  };
  const { words, bigrams, lead, title } = vector;
  for (let i = 0; i < words.length; i++) {
    const entry = words[i]!;
    const credit = slot(entry, entry.name, entry.word);
    for (let j = 0; j < entry.features.length; j++) credit.weight += share[entry.features[j]!]! * 1;
    // A bigram's pull is shared by its two words.
    if (bigrams[i]! >= 0) credit.weight += share[bigrams[i]!]! * 0.5;
    if (i > 0 && bigrams[i - 1]! >= 0) credit.weight += share[bigrams[i - 1]!]! * 0.5;
    if (i === 0 && lead >= 0) credit.weight += share[lead]! * 1;
  }
  for (let j = 0; j < title.words.length; j++) {
    const f = title.features[j]!;
    if (f >= 0) slot(title.names[j], title.names[j]!, title.words[j]!).weight += share[f]! * 1;
  }
  return slots.filter((_, s) => named[s]);
}

/** The two heaviest credits and the lightest, in one pass (the order `explain` sorts into). */
function extremes(credits: readonly Credit[]): { first?: Credit; second?: Credit; last?: Credit } {
  let first: Credit | undefined;
  let second: Credit | undefined;
  let last: Credit | undefined;
  for (const c of credits) {
    if (!first || before(c, first)) [second, first] = [first, c];
    else if (!second || before(c, second)) second = c;
    if (!last || before(last, c)) last = c;
  }
  return { first, second, last };
}

/** "E1 (87%): 'draft' and 'reports' weigh most; 'install' weighs against." */
function rationale(model: OfflineModel, p: OfflinePrediction, confidence: number): string {
  const { first, second, last } = extremes(credits(model, p.vector, EXPOSURE_LEVELS.indexOf(p.exposure), p.humanWeight));
  const top = [first, second].filter((r): r is Credit => r !== undefined && r.weight > 0).map((r) => r.word);
  const against = last && last.weight < 0 ? last.word : undefined;
  let text = `${p.exposure} (${Math.round(confidence * 100)}%)`;
  if (top.length > 0) text += `: ${top.join(' and ')} weigh${top.length === 1 ? 's' : ''} most`;
  if (against) text += `; ${against} weighs against`;
  return `${text}; automation ${p.automation}.`;
}

export interface ScoreOfflineOptions {
  /** Year horizons count from; defaults to the model's own base year so scores never drift with the calendar. */
  baseYear?: number;
  /**
   * Occupation code -> the texts of ALL its tasks in the dataset (the task's own included; it is left out
   * of its own context). Pass it when scoring part of a dataset, so that a task's score does not depend
   * on which tasks are scored with it; without it, the context comes from `tasks` themselves.
   */
  context?: ReadonlyMap<string, readonly string[]>;
  /** What to reproduce (targets.ts); the model's default target when omitted. */
  target?: OfflineTarget;
}

export { occupationTexts } from './context.js';

/** "offline" for the model's default target, "offline:human" and so on for the others. */
export function offlineScorerName(model: OfflineModel, target: OfflineTarget): string {
  return target === model.defaultTarget ? 'offline' : `offline:${target}`;
}

export function scoreOffline(model: OfflineModel, tasks: readonly OfflineTask[], options: ScoreOfflineOptions = {}): TaskScore[] {
  const baseYear = options.baseYear ?? model.file.baseYear;
  const contexts = contextsFor(tasks, model.vectorizer, options.context);
  const target = options.target ?? model.defaultTarget;
  // A target the model lacks is a usage error before any task is scored.
  targetWeight(model, target);
  const scorer = offlineScorerName(model, target);
  return tasks.map((task) => {
    const p = predictTask(model, task, { context: contextVector(contexts.get(task.occupationCode), task.text, model.vectorizer), target });
    const confidence = Math.round(Math.max(...p.exposureProbabilities) * 1000) / 1000;
    const horizon = offlineHorizon(p.exposure, confidence, baseYear);
    return {
      taskId: task.taskId,
      occupationCode: task.occupationCode,
      exposure: p.exposure,
      automation: p.automation,
      mode: offlineMode(p.exposure, p.automationProbabilities),
      ...(horizon !== undefined ? { horizon } : {}),
      confidence,
      rationale: rationale(model, p, confidence),
      scorer,
      model: model.file.name,
      rubricVersion: model.file.rubricVersion,
    };
  });
}
