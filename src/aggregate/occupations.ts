// Task scores to occupation scores: weighted means of the GPTs-are-GPTs measures, the automation
// level, the automate / augment split and the horizon.

import type { Dataset } from '../data/types.js';
import { automationShare, exposureMeasures, type TaskScore } from '../score/types.js';
import { scoredOccupations, type ScoredOccupation } from './scored-tasks.js';
import type { ExposureMeasure, OccupationScore, TaskWeighting } from './types.js';

export const EXPOSURE_THRESHOLDS = [0.1, 0.5] as const;

// Weighted means land a hair under a round threshold (0.1 as 0.09999999999999999); a tolerance far
// below any real difference keeps "at least 10%" true for an occupation at exactly 10%.
const THRESHOLD_TOLERANCE = 1e-9;

/** The paper's headline form: an occupation "has at least X of its tasks exposed" when its measure >= X. */
export function exposedAtLeast(score: Pick<OccupationScore, ExposureMeasure>, measure: ExposureMeasure, threshold: number): boolean {
  const value = score[measure];
  return value !== null && value >= threshold - THRESHOLD_TOLERANCE;
}

export function aggregateOccupations(options: {
  dataset: Pick<Dataset, 'occupations' | 'tasks'>;
  scores: readonly TaskScore[];
  taskWeights: TaskWeighting;
}): OccupationScore[] {
  return scoredOccupations(options).map(occupationScore);
}

/** Running weighted sum of one quantity over the tasks that carry it. */
interface Mean {
  sum: number;
  weight: number;
}

function mean(): Mean {
  return { sum: 0, weight: 0 };
}

function add(target: Mean, value: number | undefined, weight: number): void {
  if (value === undefined || !Number.isFinite(value)) return;
  target.sum += value * weight;
  target.weight += weight;
}

function valueOf(target: Mean): number | null {
  return target.weight > 0 ? target.sum / target.weight : null;
}

export function occupationScore(scored: ScoredOccupation): OccupationScore {
  const { occupation, scores, weights } = scored;
  const alpha = mean();
  const beta = mean();
  const zeta = mean();
  const automation = mean();
  const automate = mean();
  const augment = mean();
  const horizon = mean();
  scores.forEach((score, i) => {
    const weight = weights[i]!;
    const measures = exposureMeasures(score.exposure);
    add(alpha, measures.alpha, weight);
    add(beta, measures.beta, weight);
    add(zeta, measures.zeta, weight);
    if (score.automation) add(automation, automationShare(score.automation), weight);
    if (score.mode) {
      add(automate, score.mode === 'automate' ? 1 : 0, weight);
      add(augment, score.mode === 'augment' ? 1 : 0, weight);
    }
    add(horizon, score.horizon, weight);
  });
  const notes = [...scored.notes];
  if (scores.length === 0 && scored.taskCount > 0) notes.push(`none of its ${scored.taskCount} tasks is scored`);
  else if (scored.taskCount === 0) notes.push('the dataset lists no tasks for it');
  else if (scores.length < scored.taskCount) {
    notes.push(`${scored.taskCount - scores.length} of ${scored.taskCount} tasks are not scored and are left out of the means`);
  }
  return {
    code: occupation.code,
    soc: occupation.soc,
    majorGroup: occupation.majorGroup,
    title: occupation.title,
    employment: occupation.employment ?? null,
    medianWage: occupation.medianWage ?? null,
    meanWage: occupation.meanWage ?? null,
    taskCount: scored.taskCount,
    scoredTaskCount: scores.length,
    alpha: valueOf(alpha),
    beta: valueOf(beta),
    zeta: valueOf(zeta),
    automation: valueOf(automation),
    automateShare: valueOf(automate),
    augmentShare: valueOf(augment),
    meanHorizon: valueOf(horizon),
    taskWeighting: scored.applied,
    notes,
  };
}
