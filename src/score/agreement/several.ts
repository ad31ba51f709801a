// Agreement among two or more scorers on one dataset's tasks: Cohen's kappa for every pair (on the tasks
// both scored), and Krippendorff's alpha over all of them (nominal for exposure, ordinal for automation),
// which counts every task at least two scorers rated, so a scorer that skipped some tasks still counts.
import { taskKey, type Dataset } from '../../data/types.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type TaskScore } from '../types.js';
import { bootstrapInterval, DEFAULT_BOOTSTRAP, type BootstrapOptions } from './bootstrap.js';
import { alphaFromCoincidences, unitCoincidences, unitCounts, type AlphaMetric } from './krippendorff.js';
import { accuracy, cohensKappa, exposedOrNot } from './statistics.js';

export interface PairAgreement {
  a: string;
  b: string;
  /** Tasks both scored. */
  tasks: number;
  exposure: { accuracy: number; kappa: number; kappaExposed: number };
  /** Over tasks where both give an automation level; null when there is none. */
  automation: { tasks: number; accuracy: number; kappa: number } | null;
}

export interface AlphaEstimate {
  metric: AlphaMetric;
  /** NaN when undefined (no task rated by two scorers, or every rating the same). */
  alpha: number;
  /** Bootstrap percentile interval, resampling tasks. */
  low: number;
  high: number;
  /** Tasks with at least two ratings (the units alpha counts). */
  tasks: number;
  /** Ratings on those tasks. */
  values: number;
  /** Resamples with no defined alpha, left out of the interval. */
  undefinedResamples: number;
}

export interface SeveralAgreement {
  scorers: string[];
  dataset: string;
  /** Dataset tasks (after `only`) that each scorer rated. */
  tasksByScorer: Record<string, number>;
  /** Tasks rated by at least two of the scorers, and by all of them. */
  tasksByTwo: number;
  tasksByAll: number;
  pairs: PairAgreement[];
  /** Exposure kappa (E0/E1/E2) as a matrix in `scorers` order; 1 on the diagonal. */
  kappaMatrix: number[][];
  alpha: { exposure: AlphaEstimate; automation: AlphaEstimate | null };
  bootstrap: BootstrapOptions & { unit: 'task'; method: 'percentile' };
}

export function agreementOfScorers(options: {
  dataset: Dataset;
  scorers: readonly { name: string; scores: readonly TaskScore[] }[];
  /** Only these tasks of the dataset (task keys), e.g. those an offline model did not train on. */
  only?: ReadonlySet<string>;
  bootstrap?: BootstrapOptions;
}): SeveralAgreement {
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const keys = options.dataset.tasks.map((t) => taskKey(t.occupationCode, t.id)).filter((k) => !options.only || options.only.has(k));
  const names = options.scorers.map((s) => s.name);
  // One row per task, one column per scorer: the score, or undefined where that scorer gave none.
  const byScorer = options.scorers.map((s) => new Map(s.scores.map((score) => [taskKey(score.occupationCode, score.taskId), score])));
  const rows = keys.map((k) => byScorer.map((m) => m.get(k))).filter((row) => row.some((s) => s !== undefined));

  const pairs: PairAgreement[] = [];
  const kappaMatrix = names.map((_, i) => names.map((__, j) => (i === j ? 1 : NaN)));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const both = rows.flatMap((row) => {
        const [x, y] = [row[i], row[j]];
        return x && y ? [[x, y] as const] : [];
      });
      const pair = pairAgreement(names[i]!, names[j]!, both);
      pairs.push(pair);
      kappaMatrix[i]![j] = kappaMatrix[j]![i] = pair.exposure.kappa;
    }
  }

  const exposureUnits = rows.map((row) => row.map((s) => (s ? EXPOSURE_LEVELS.indexOf(s.exposure) : undefined)));
  const automationUnits = rows.map((row) => row.map((s) => (s?.automation ? AUTOMATION_LEVELS.indexOf(s.automation) : undefined)));
  const automation = alphaWithInterval(automationUnits, AUTOMATION_LEVELS.length, 'ordinal', bootstrap);
  return {
    scorers: names,
    dataset: options.dataset.name,
    tasksByScorer: Object.fromEntries(names.map((name, i) => [name, rows.filter((row) => row[i]).length])),
    tasksByTwo: rows.filter((row) => row.filter(Boolean).length >= 2).length,
    tasksByAll: rows.filter((row) => row.every(Boolean)).length,
    pairs,
    kappaMatrix,
    alpha: {
      exposure: alphaWithInterval(exposureUnits, EXPOSURE_LEVELS.length, 'nominal', bootstrap),
      automation: automation.tasks > 0 ? automation : null,
    },
    bootstrap: { ...bootstrap, unit: 'task', method: 'percentile' },
  };
}

function pairAgreement(a: string, b: string, both: readonly (readonly [TaskScore, TaskScore])[]): PairAgreement {
  const ea = both.map(([x]) => x.exposure);
  const eb = both.map(([, y]) => y.exposure);
  const withAutomation = both.filter(([x, y]) => x.automation && y.automation);
  const ta = withAutomation.map(([x]) => x.automation!);
  const tb = withAutomation.map(([, y]) => y.automation!);
  return {
    a,
    b,
    tasks: both.length,
    exposure: {
      accuracy: accuracy(ea, eb),
      kappa: cohensKappa(ea, eb, EXPOSURE_LEVELS),
      kappaExposed: cohensKappa(ea.map(exposedOrNot), eb.map(exposedOrNot), ['exposed', 'not']),
    },
    automation: withAutomation.length ? { tasks: withAutomation.length, accuracy: accuracy(ta, tb), kappa: cohensKappa(ta, tb, AUTOMATION_LEVELS) } : null,
  };
}

/**
 * Alpha and its bootstrap interval, resampling the pairable units. Units with the same values contribute
 * the same to the coincidence matrix, so each resample only counts how often each kind of unit was drawn:
 * a resample of 19,000 tasks costs one pass over them, not a rebuilt matrix.
 */
export function alphaWithInterval(
  units: readonly (readonly (number | undefined)[])[],
  categories: number,
  metric: AlphaMetric,
  bootstrap: BootstrapOptions,
): AlphaEstimate {
  const patterns = new Map<string, number>();
  const contributions: Float64Array[] = [];
  const patternOf: number[] = [];
  for (const unit of units) {
    const counts = unitCounts(unit, categories);
    if (counts.reduce((x, y) => x + y, 0) < 2) continue;
    const id = counts.join(',');
    let index = patterns.get(id);
    if (index === undefined) {
      patterns.set(id, (index = contributions.length));
      contributions.push(unitCoincidences(counts));
    }
    patternOf.push(index);
  }
  const k2 = categories * categories;
  const matrix = new Float64Array(k2);
  const alphaOf = (countOf: (pattern: number) => number) => {
    matrix.fill(0);
    contributions.forEach((add, p) => {
      const times = countOf(p);
      if (times) for (let i = 0; i < k2; i++) matrix[i]! += add[i]! * times;
    });
    return alphaFromCoincidences(matrix, categories, metric);
  };
  const whole = new Array<number>(contributions.length).fill(0);
  for (const p of patternOf) whole[p]!++;
  const point = alphaOf((p) => whole[p]!);
  const drawn = new Array<number>(contributions.length);
  const interval = bootstrapInterval({
    ...bootstrap,
    units: patternOf.length,
    statistic: (weights) => {
      drawn.fill(0);
      for (let u = 0; u < weights.length; u++) drawn[patternOf[u]!]! += weights[u]!;
      return alphaOf((p) => drawn[p]!).alpha;
    },
  });
  return { metric, alpha: point.alpha, low: interval.low, high: interval.high, tasks: patternOf.length, values: point.values, undefinedResamples: interval.undefinedResamples };
}
