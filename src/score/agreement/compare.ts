// Agreement between two scorers on the tasks both scored: task-level accuracy, confusion matrix and
// Cohen's kappa (three-way and exposed vs not), and occupation-level correlation of alpha, beta, zeta.
import { aggregateOccupations } from '../../aggregate/occupations.js';
import { EXPOSURE_MEASURES, type ExposureMeasure, type TaskWeighting } from '../../aggregate/types.js';
import { taskKey, type Dataset } from '../../data/types.js';
import { accuracy, cohensKappa, confusionMatrix, exposedOrNot, pearson, spearman } from './statistics.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type Automation, type TaskScore } from '../types.js';

export interface Correlation {
  pearson: number;
  spearman: number;
}

export interface Comparison {
  a: string;
  b: string;
  dataset: string;
  /** Tasks of the dataset scored by both. */
  tasks: number;
  onlyA: number;
  onlyB: number;
  exposure: {
    accuracy: number;
    kappa: number;
    kappaExposed: number;
    labels: readonly string[];
    /** Rows are A's label, columns B's. */
    confusion: number[][];
  };
  /** Over tasks where both give an automation level; null when either has none. */
  automation: { tasks: number; accuracy: number; kappa: number } | null;
  /** Occupations with at least one task scored by both; task weights as chosen. */
  occupations: number;
  taskWeights: TaskWeighting;
  correlation: Record<ExposureMeasure, Correlation>;
}

export function compareScorers(options: {
  dataset: Dataset;
  a: { name: string; scores: readonly TaskScore[] };
  b: { name: string; scores: readonly TaskScore[] };
  taskWeights?: TaskWeighting;
  /** Compare on these tasks of the dataset only (task keys), e.g. those an offline model did not train on. */
  only?: ReadonlySet<string>;
}): Comparison {
  const taskWeights = options.taskWeights ?? 'core';
  const only = options.only;
  const inDataset = new Set(options.dataset.tasks.map((t) => taskKey(t.occupationCode, t.id)).filter((k) => !only || only.has(k)));
  const byKey = (scores: readonly TaskScore[]) => new Map(scores.filter((s) => inDataset.has(taskKey(s.occupationCode, s.taskId))).map((s) => [taskKey(s.occupationCode, s.taskId), s]));
  const a = byKey(options.a.scores);
  const b = byKey(options.b.scores);
  const both = [...a.keys()].filter((k) => b.has(k)).sort();
  const pairs = both.map((k) => [a.get(k)!, b.get(k)!] as const);

  const ea = pairs.map(([x]) => x.exposure);
  const eb = pairs.map(([, y]) => y.exposure);
  const withAutomation = pairs.filter(([x, y]) => x.automation && y.automation);
  const ta = withAutomation.map(([x]) => x.automation as Automation);
  const tb = withAutomation.map(([, y]) => y.automation as Automation);

  // Occupation figures over the shared tasks only, so neither side gains from tasks the other lacks.
  const shared = new Set(both);
  const sharedOnly = (m: Map<string, TaskScore>) => [...m].filter(([k]) => shared.has(k)).map(([, s]) => s);
  const occA = aggregateOccupations({ dataset: options.dataset, scores: sharedOnly(a), taskWeights });
  const occB = new Map(aggregateOccupations({ dataset: options.dataset, scores: sharedOnly(b), taskWeights }).map((o) => [o.code, o]));
  const occupations = occA.filter((o) => o.beta !== null && occB.get(o.code)?.beta != null);
  const correlation = Object.fromEntries(
    EXPOSURE_MEASURES.map((m) => {
      const x = occupations.map((o) => o[m]!);
      const y = occupations.map((o) => occB.get(o.code)![m]!);
      return [m, { pearson: pearson(x, y), spearman: spearman(x, y) }];
    }),
  ) as Record<ExposureMeasure, Correlation>;

  return {
    a: options.a.name,
    b: options.b.name,
    dataset: options.dataset.name,
    tasks: pairs.length,
    onlyA: a.size - pairs.length,
    onlyB: b.size - pairs.length,
    exposure: {
      accuracy: accuracy(ea, eb),
      kappa: cohensKappa(ea, eb, EXPOSURE_LEVELS),
      kappaExposed: cohensKappa(ea.map(exposedOrNot), eb.map(exposedOrNot), ['exposed', 'not']),
      labels: EXPOSURE_LEVELS,
      confusion: confusionMatrix(ea, eb, EXPOSURE_LEVELS),
    },
    automation: withAutomation.length
      ? { tasks: withAutomation.length, accuracy: accuracy(ta, tb), kappa: cohensKappa(ta, tb, AUTOMATION_LEVELS) }
      : null,
    occupations: occupations.length,
    taskWeights,
    correlation,
  };
}
