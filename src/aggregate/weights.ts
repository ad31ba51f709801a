// Task weights inside one occupation. The GPTs-are-GPTs convention counts a Core task twice and a
// Supplemental or untyped task once; `importance` uses the O*NET Task Ratings IM mean (1..5).

import type { Task } from '../data/types.js';
import type { TaskWeighting } from './types.js';

export interface TaskWeights {
  /** One weight per task, in the order given. */
  weights: number[];
  /** The weighting actually applied: `importance` falls back to `core` for the whole occupation. */
  applied: TaskWeighting;
  notes: string[];
}

export function coreWeight(task: Pick<Task, 'type'>): number {
  return task.type === 'Core' ? 2 : 1;
}

/**
 * Weights for the (scored) tasks of one occupation. Importance weights apply only when every one of
 * those tasks has a rating: mixing the 1..5 importance scale with the 2/1 core weights inside one
 * mean would tilt it toward whichever scale is larger, so a gap sends the whole occupation to core weights.
 */
export function taskWeights(tasks: readonly Pick<Task, 'type' | 'importance'>[], weighting: TaskWeighting): TaskWeights {
  if (weighting === 'equal') return { weights: tasks.map(() => 1), applied: 'equal', notes: [] };
  if (weighting === 'importance') {
    const missing = tasks.filter((task) => !(typeof task.importance === 'number' && task.importance > 0)).length;
    if (missing === 0) return { weights: tasks.map((task) => task.importance!), applied: 'importance', notes: [] };
    const note =
      `${missing} of ${tasks.length} scored tasks have no importance rating (Task Ratings IM), ` +
      'so this occupation uses core weights (Core 2, other 1) instead';
    return { weights: tasks.map(coreWeight), applied: 'core', notes: [note] };
  }
  return { weights: tasks.map(coreWeight), applied: 'core', notes: [] };
}
