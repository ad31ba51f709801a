// One scorer against one set of labels on a check's tasks: compareScorers' figures (accuracy, kappa, confusion,
// occupation beta), with a bootstrap interval for kappa and a verdict in plain words, so a kappa of 0.03 on
// 200 tasks reads as "no better than chance" rather than as a small positive number.
import { taskKey, type Dataset } from '../../data/types.js';
import { compareScorers } from '../agreement/compare.js';
import { bootstrapInterval } from '../agreement/bootstrap.js';
import { kappaOfConfusion } from '../agreement/statistics.js';
import { EXPOSURE_LEVELS, type Exposure, type TaskScore } from '../types.js';

export type Verdict = 'no better than chance' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

export interface AgreementFigures {
  tasks: number;
  accuracy: number;
  kappa: number;
  /** 95% percentile bootstrap interval over tasks. */
  kappaInterval: [number, number];
  kappaExposed: number;
  verdict: Verdict;
  /** Rows the scorer's label, columns the reference's, in EXPOSURE_LEVELS order. */
  confusion: number[][];
  /** Pearson's r of occupation beta (Core tasks weigh 2), over occupations with a task in the comparison. */
  betaPearson: number;
  occupations: number;
  /** Median tasks per such occupation: with one or two, occupation beta is close to a single task's. */
  tasksPerOccupation: number;
  automation: { tasks: number; accuracy: number; kappa: number } | null;
}

export const BOOTSTRAP_ROUNDS = 1000;

export function agreementFigures(options: {
  dataset: Dataset;
  scores: readonly TaskScore[];
  reference: readonly TaskScore[];
  /** The tasks compared (task keys). */
  only: ReadonlySet<string>;
  seed: number;
}): AgreementFigures {
  const comparison = compareScorers({
    dataset: options.dataset,
    a: { name: 'scorer', scores: options.scores },
    b: { name: 'reference', scores: options.reference },
    only: options.only,
  });
  const [a, b] = pairedExposures(options.scores, options.reference, options.only);
  const kappaInterval = bootstrapKappa(a, b, options.seed);
  const perOccupation = new Map<string, number>();
  for (const score of options.scores) {
    if (options.only.has(taskKey(score.occupationCode, score.taskId))) perOccupation.set(score.occupationCode, (perOccupation.get(score.occupationCode) ?? 0) + 1);
  }
  return {
    tasks: comparison.tasks,
    accuracy: comparison.exposure.accuracy,
    kappa: comparison.exposure.kappa,
    kappaInterval,
    kappaExposed: comparison.exposure.kappaExposed,
    verdict: verdictOf(comparison.exposure.kappa, kappaInterval),
    confusion: comparison.exposure.confusion,
    betaPearson: comparison.correlation.beta.pearson,
    occupations: comparison.occupations,
    tasksPerOccupation: median([...perOccupation.values()]),
    automation: comparison.automation,
  };
}

/** The two labelings of the tasks both scored, aligned, in task-key order. */
function pairedExposures(scores: readonly TaskScore[], reference: readonly TaskScore[], only: ReadonlySet<string>): [Exposure[], Exposure[]] {
  const ref = new Map(reference.map((s) => [taskKey(s.occupationCode, s.taskId), s.exposure]));
  const pairs = scores
    .map((s) => [taskKey(s.occupationCode, s.taskId), s.exposure, ref.get(taskKey(s.occupationCode, s.taskId))] as const)
    .filter(([key, , r]) => only.has(key) && r !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return [pairs.map(([, e]) => e), pairs.map(([, , r]) => r!)];
}

/** Percentile interval of kappa over tasks resampled with replacement, seeded so a rerun prints the same. */
export function bootstrapKappa(a: readonly Exposure[], b: readonly Exposure[], seed: number, rounds = BOOTSTRAP_ROUNDS): [number, number] {
  const n = a.length;
  if (n === 0) return [NaN, NaN];
  const row = a.map((e) => EXPOSURE_LEVELS.indexOf(e));
  const col = b.map((e) => EXPOSURE_LEVELS.indexOf(e));
  const interval = bootstrapInterval({
    resamples: rounds,
    level: 0.95,
    seed: seed >>> 0,
    units: n,
    statistic: (weights) => {
      const m = EXPOSURE_LEVELS.map(() => EXPOSURE_LEVELS.map(() => 0));
      for (let u = 0; u < n; u++) m[row[u]!]![col[u]!]! += weights[u]!;
      return kappaOfConfusion(m);
    },
  });
  return [interval.low, interval.high];
}

/**
 * Landis and Koch's (1977) words for kappa, but "no better than chance" whenever the interval reaches 0:
 * a kappa that chance alone could have given is not slight agreement.
 */
export function verdictOf(kappa: number, interval: readonly [number, number]): Verdict {
  if (!Number.isFinite(kappa) || !(interval[0] > 0)) return 'no better than chance';
  if (kappa < 0.2) return 'slight';
  if (kappa < 0.4) return 'fair';
  if (kappa < 0.6) return 'moderate';
  if (kappa < 0.8) return 'substantial';
  return 'almost perfect';
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
