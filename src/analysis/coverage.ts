// What the figures of one analysis cover, in tasks, occupations and workers, split so the parts add up to
// the dataset's whole (the workers `datasets info` reports): occupations with scored tasks, occupations whose
// tasks have no score, and occupations the dataset lists without any task.
import type { OccupationScore } from '../aggregate/types.js';

export interface CoveragePart {
  occupations: number;
  /** Workers joined to these occupations (0 without employment data). */
  workers: number;
}

export interface Coverage {
  tasks: number;
  scoredTasks: number;
  occupations: number;
  /** Occupations with at least one scored task: the ones every figure is computed from. */
  scored: CoveragePart;
  /** Occupations with tasks, none of them scored (a partial run, or a scorer made for other task texts). */
  notScored: CoveragePart;
  /** Occupations the dataset lists with no task statement (O*NET has 93 such in 29.1). */
  withoutTasks: CoveragePart;
  /** Scored occupations with no employment: in the task means, not in any worker figure. */
  scoredWithoutEmployment: number;
  /** All workers joined to the dataset's occupations: scored + notScored + withoutTasks. */
  workers: number;
  /** True when any task of the dataset has no score. */
  partial: boolean;
}

export function coverageOf(occupations: readonly OccupationScore[]): Coverage {
  const part = (): CoveragePart => ({ occupations: 0, workers: 0 });
  const scored = part();
  const notScored = part();
  const withoutTasks = part();
  let tasks = 0;
  let scoredTasks = 0;
  let scoredWithoutEmployment = 0;
  for (const occupation of occupations) {
    tasks += occupation.taskCount;
    scoredTasks += occupation.scoredTaskCount;
    const target = occupation.taskCount === 0 ? withoutTasks : occupation.scoredTaskCount === 0 ? notScored : scored;
    target.occupations++;
    target.workers += occupation.employment ?? 0;
    if (target === scored && !((occupation.employment ?? 0) > 0)) scoredWithoutEmployment++;
  }
  return {
    tasks,
    scoredTasks,
    occupations: occupations.length,
    scored,
    notScored,
    withoutTasks,
    scoredWithoutEmployment,
    workers: scored.workers + notScored.workers + withoutTasks.workers,
    partial: scoredTasks < tasks,
  };
}
