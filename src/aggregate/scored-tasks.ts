// Pairs each occupation's tasks with their scores and weights: the common first step of aggregation
// and of the frontier, done once in linear time over tasks and scores.

import type { Dataset, Occupation, Task } from '../data/types.js';
import type { TaskScore } from '../score/types.js';
import { taskWeights } from './weights.js';
import type { TaskWeighting } from './types.js';

export interface ScoredOccupation {
  occupation: Occupation;
  /** All of the occupation's tasks in the dataset, scored or not. */
  taskCount: number;
  /** Scored tasks only, with their score and weight at the same index. */
  tasks: Task[];
  scores: TaskScore[];
  weights: number[];
  applied: TaskWeighting;
  notes: string[];
}

/** Each dataset task's score, at the task's index in `dataset.tasks`, and the scores that matched a task. */
export interface TaskPairing {
  scoreOfTask: (TaskScore | undefined)[];
  /** The scores paired with a task, one per task, in the order the tasks were first scored. */
  matched: TaskScore[];
}

/**
 * Scores match tasks by occupation code and task ID together, so scores from another dataset whose IDs
 * happen to coincide never attach to the wrong occupation. `first`: the first score given for a task holds
 * (callers that matched scores to tasks already); `last`: a later score replaces an earlier one (a rescored task).
 */
export function pairScores(tasks: readonly Task[], scores: readonly TaskScore[], keep: 'first' | 'last'): TaskPairing {
  // Nested maps rather than a joined "code + id" key: no string is built per lookup.
  const byOccupation = new Map<string, Map<string, number>>();
  // A task listed twice (same occupation and ID) takes the score of its first listing.
  let repeats: [number, number][] | null = null;
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    let byId = byOccupation.get(task.occupationCode);
    if (!byId) byOccupation.set(task.occupationCode, (byId = new Map()));
    const first = byId.get(task.id);
    if (first === undefined) byId.set(task.id, i);
    else (repeats ??= []).push([i, first]);
  }
  const scoreOfTask = new Array<TaskScore | undefined>(tasks.length).fill(undefined);
  const matchedAt = new Int32Array(tasks.length);
  const matched: TaskScore[] = [];
  for (let s = 0; s < scores.length; s++) {
    const score = scores[s]!;
    const index = byOccupation.get(score.occupationCode)?.get(score.taskId);
    if (index === undefined) continue;
    if (scoreOfTask[index] === undefined) {
      matchedAt[index] = matched.length;
      matched.push(score);
    } else if (keep === 'first') continue;
    else matched[matchedAt[index]!] = score;
    scoreOfTask[index] = score;
  }
  if (repeats) for (const [i, first] of repeats) scoreOfTask[i] = scoreOfTask[first];
  return { scoreOfTask, matched };
}

/** Each occupation of the dataset with its scored tasks, their scores and weights, from a pairing. */
export function scoredOccupationsOf(
  dataset: Pick<Dataset, 'occupations' | 'tasks'>,
  scoreOfTask: readonly (TaskScore | undefined)[],
  weighting: TaskWeighting,
): ScoredOccupation[] {
  const { occupations, tasks } = dataset;
  // Each task's occupation as an index (the last listing of a code, as a Map keeps it), so the per-task work
  // is one lookup; -1 for a code the dataset does not list.
  const indexOf = new Map<string, number>();
  for (let o = 0; o < occupations.length; o++) indexOf.set(occupations[o]!.code, o);
  const occupationOfTask = new Int32Array(tasks.length);
  const taskCounts = new Int32Array(occupations.length);
  const scoredCounts = new Int32Array(occupations.length);
  for (let i = 0; i < tasks.length; i++) {
    const o = indexOf.get(tasks[i]!.occupationCode) ?? -1;
    occupationOfTask[i] = o;
    if (o < 0) continue;
    taskCounts[o]!++;
    if (scoreOfTask[i] !== undefined) scoredCounts[o]!++;
  }
  const scoredTasks = Array.from(scoredCounts, (n) => new Array<Task>(n));
  const scores = Array.from(scoredCounts, (n) => new Array<TaskScore>(n));
  const filled = new Int32Array(occupations.length);
  for (let i = 0; i < tasks.length; i++) {
    const o = occupationOfTask[i]!;
    const score = scoreOfTask[i];
    if (o < 0 || score === undefined) continue;
    scoredTasks[o]![filled[o]!] = tasks[i]!;
    scores[o]![filled[o]!++] = score;
  }
  return occupations.map((occupation) => {
    // An occupation listed twice shares its tasks with its other listing, the one its code indexes.
    const o = indexOf.get(occupation.code)!;
    const weights = taskWeights(scoredTasks[o]!, weighting);
    return {
      occupation,
      taskCount: taskCounts[o]!,
      tasks: scoredTasks[o]!,
      scores: scores[o]!,
      weights: weights.weights,
      applied: weights.applied,
      notes: weights.notes,
    };
  });
}

/** Each occupation of the dataset with its scored tasks; a later score for the same task replaces an earlier one. */
export function scoredOccupations(options: {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  taskWeights: TaskWeighting;
}): ScoredOccupation[] {
  const { scoreOfTask } = pairScores(options.dataset.tasks, options.scores, 'last');
  return scoredOccupationsOf(options.dataset, scoreOfTask, options.taskWeights);
}

/** Weighted mean of the values that are present; null when none is. */
export function weightedMean(values: readonly (number | null | undefined)[], weights: readonly number[]): number | null {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    const weight = weights[i]!;
    sum += value * weight;
    total += weight;
  }
  return total > 0 ? sum / total : null;
}
