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

/**
 * Scores match tasks by occupation code and task ID together, so scores from another dataset whose IDs
 * happen to coincide never attach to the wrong occupation. A later score for the same task replaces an
 * earlier one (a rescored task).
 */
export function scoredOccupations(options: {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  taskWeights: TaskWeighting;
}): ScoredOccupation[] {
  const { dataset, scores } = options;
  // Nested maps rather than a joined "code + id" key: no string is built per lookup.
  const byOccupation = new Map<string, Map<string, TaskScore>>();
  for (const score of scores) {
    let byTask = byOccupation.get(score.occupationCode);
    if (!byTask) byOccupation.set(score.occupationCode, (byTask = new Map()));
    byTask.set(score.taskId, score);
  }

  const tasksByCode = new Map<string, Task[]>();
  for (const occupation of dataset.occupations) tasksByCode.set(occupation.code, []);
  for (const task of dataset.tasks) tasksByCode.get(task.occupationCode)?.push(task);

  return dataset.occupations.map((occupation) => {
    const all = tasksByCode.get(occupation.code) ?? [];
    const byTask = byOccupation.get(occupation.code);
    const tasks: Task[] = [];
    const taskScores: TaskScore[] = [];
    for (const task of all) {
      const score = byTask?.get(task.id);
      if (!score) continue;
      tasks.push(task);
      taskScores.push(score);
    }
    const weighting = taskWeights(tasks, options.taskWeights);
    return {
      occupation,
      taskCount: all.length,
      tasks,
      scores: taskScores,
      weights: weighting.weights,
      applied: weighting.applied,
      notes: weighting.notes,
    };
  });
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
