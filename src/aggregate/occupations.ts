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

export function occupationScore(scored: ScoredOccupation): OccupationScore {
  const { occupation, scores, weights } = scored;
  // Running weighted sums (sum, weight) of each quantity over the tasks that carry it; plain locals, since this
  // runs for every task of every analysis.
  let alpha = 0;
  let beta = 0;
  let zeta = 0;
  let exposureWeight = 0;
  let automation = 0;
  let automationWeight = 0;
  let automate = 0;
  let augment = 0;
  let modeWeight = 0;
  let horizon = 0;
  let horizonWeight = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    const weight = weights[i]!;
    const measures = exposureMeasures(score.exposure);
    alpha += measures.alpha * weight;
    beta += measures.beta * weight;
    zeta += measures.zeta * weight;
    exposureWeight += weight;
    if (score.automation) {
      automation += automationShare(score.automation) * weight;
      automationWeight += weight;
    }
    if (score.mode) {
      automate += (score.mode === 'automate' ? 1 : 0) * weight;
      augment += (score.mode === 'augment' ? 1 : 0) * weight;
      modeWeight += weight;
    }
    if (score.horizon !== undefined && Number.isFinite(score.horizon)) {
      horizon += score.horizon * weight;
      horizonWeight += weight;
    }
  }
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
    alpha: meanOf(alpha, exposureWeight),
    beta: meanOf(beta, exposureWeight),
    zeta: meanOf(zeta, exposureWeight),
    automation: meanOf(automation, automationWeight),
    automateShare: meanOf(automate, modeWeight),
    augmentShare: meanOf(augment, modeWeight),
    meanHorizon: meanOf(horizon, horizonWeight),
    taskWeighting: scored.applied,
    notes,
  };
}

function meanOf(sum: number, weight: number): number | null {
  return weight > 0 ? sum / weight : null;
}
