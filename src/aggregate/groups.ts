// Occupation scores to SOC major groups and to the whole workforce, weighted by employment or by
// wage bill (employment x mean wage), with the paper's headline shares of workers in occupations
// at least 10% / 50% exposed.

import { countText } from '../count-text.js';
import { majorGroupLabel, majorGroupName } from './major-groups.js';
import { exposedAtLeast } from './occupations.js';
import { weightedMean } from './scored-tasks.js';
import {
  EXPOSURE_MEASURES,
  type ExposedShares,
  type ExposureMeasure,
  type ExposureSummary,
  type GroupScore,
  type OccupationScore,
  type OccupationWeighting,
  type WorkforceScore,
} from './types.js';

export interface GroupOptions {
  weight: OccupationWeighting;
}

/**
 * An occupation's weight: its employment, or its wage bill. The wage bill uses the mean wage, since
 * employment x mean wage is the total paid; the median stands in where BLS gives no mean.
 */
export function occupationWeight(occupation: OccupationScore, weighting: OccupationWeighting): number | null {
  const employment = occupation.employment;
  if (employment === null || !(employment > 0)) return null;
  if (weighting === 'employment') return employment;
  const wage = occupation.meanWage ?? occupation.medianWage;
  return wage !== null && wage > 0 ? employment * wage : null;
}

/** Whether any occupation can be weighted; when none can, every summary counts occupations equally. */
function hasWeights(occupations: readonly OccupationScore[], weighting: OccupationWeighting): boolean {
  return occupations.some((occupation) => occupationWeight(occupation, weighting) !== null);
}

function summarise(
  occupations: readonly OccupationScore[],
  weighting: OccupationWeighting,
  equalFallback: boolean,
): ExposureSummary {
  const covered: OccupationScore[] = [];
  const weights: number[] = [];
  let employment = 0;
  let employmentCovered = 0;
  for (const occupation of occupations) {
    employment += occupation.employment ?? 0;
    if (occupation.scoredTaskCount === 0) continue;
    const weight = equalFallback ? 1 : occupationWeight(occupation, weighting);
    if (weight === null) continue;
    covered.push(occupation);
    weights.push(weight);
    employmentCovered += occupation.employment ?? 0;
  }
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const exposed = {} as Record<ExposureMeasure, ExposedShares | null>;
  for (const measure of EXPOSURE_MEASURES) {
    exposed[measure] = totalWeight > 0 ? exposedShares(covered, weights, measure, totalWeight) : null;
  }
  const notes: string[] = [];
  if (equalFallback) {
    notes.push(`no occupation has ${weighting === 'wages' ? 'employment and wages' : 'employment'}, so each occupation counts once`);
  }
  const scored = occupations.filter((occupation) => occupation.scoredTaskCount > 0).length;
  if (!equalFallback && scored > covered.length) {
    const what = weighting === 'wages' ? 'employment and wages' : 'employment';
    const left = scored - covered.length;
    notes.push(`${countText(left)} scored occupation${left === 1 ? ' has' : 's have'} no ${what} and ${left === 1 ? 'is' : 'are'} left out`);
  }
  const values = (pick: (occupation: OccupationScore) => number | null) => weightedMean(covered.map(pick), weights);
  return {
    weightedBy: equalFallback ? 'occupations' : weighting,
    occupationCount: occupations.length,
    coveredOccupationCount: covered.length,
    employment,
    employmentCovered,
    alpha: values((o) => o.alpha),
    beta: values((o) => o.beta),
    zeta: values((o) => o.zeta),
    automation: values((o) => o.automation),
    automateShare: values((o) => o.automateShare),
    augmentShare: values((o) => o.augmentShare),
    meanHorizon: values((o) => o.meanHorizon),
    exposed,
    notes,
  };
}

function exposedShares(
  covered: readonly OccupationScore[],
  weights: readonly number[],
  measure: ExposureMeasure,
  totalWeight: number,
): ExposedShares {
  let atLeast10 = 0;
  let atLeast50 = 0;
  covered.forEach((occupation, i) => {
    if (exposedAtLeast(occupation, measure, 0.1)) atLeast10 += weights[i]!;
    if (exposedAtLeast(occupation, measure, 0.5)) atLeast50 += weights[i]!;
  });
  return { atLeast10: atLeast10 / totalWeight, atLeast50: atLeast50 / totalWeight };
}

/** One row per SOC major group present in the occupations, in SOC order. */
export function aggregateGroups(occupations: readonly OccupationScore[], options: GroupOptions): GroupScore[] {
  const equalFallback = !hasWeights(occupations, options.weight);
  const byGroup = new Map<string, OccupationScore[]>();
  for (const occupation of occupations) {
    const members = byGroup.get(occupation.majorGroup);
    if (members) members.push(occupation);
    else byGroup.set(occupation.majorGroup, [occupation]);
  }
  return [...byGroup.keys()].sort().map((code) => ({
    majorGroup: code,
    name: majorGroupName(code),
    label: majorGroupLabel(code),
    ...summarise(byGroup.get(code)!, options.weight, equalFallback),
  }));
}

export function aggregateWorkforce(occupations: readonly OccupationScore[], options: GroupOptions): WorkforceScore {
  return summarise(occupations, options.weight, !hasWeights(occupations, options.weight));
}
