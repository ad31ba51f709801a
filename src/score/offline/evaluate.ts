// Held-out figures for the offline scorer: agreement with GPT-4's and the human labels per task, and
// correlation of occupation beta. The same function checks the shipped model in the tests, so the
// published numbers can be recomputed from the model file and the label set.

import { aggregateOccupations } from '../../aggregate/occupations.js';
import { occupationFromCode } from '../../data/onet-files.js';
import type { Task, TaskType } from '../../data/types.js';
import { accuracy, cohensKappa, exposedOrNot, pearson, spearman } from '../agreement/statistics.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type Automation, type Exposure } from '../types.js';

export interface EvaluationRow {
  taskId: string;
  occupationCode: string;
  taskType: TaskType;
  gpt4: Exposure;
  human?: Exposure;
  gpt4Automation?: Automation;
  predicted: Exposure;
  predictedAutomation?: Automation;
}

export interface ExposureAgreement {
  accuracy: number;
  kappa: number;
  kappaBinary: number;
}

export interface OfflineMetrics {
  tasks: number;
  occupations: number;
  vsGpt4: ExposureAgreement;
  vsHuman?: ExposureAgreement;
  automationVsGpt4?: { accuracy: number; kappa: number; withinOneLevel: number };
  occupationBeta: { pearsonGpt4: number; spearmanGpt4: number; pearsonHuman?: number; spearmanHuman?: number };
  /** The same figures for GPT-4 against humans on these tasks: the ceiling a GPT-4 imitator is judged by. */
  gpt4VsHuman?: { kappa: number; kappaBinary: number; occupationBetaPearson: number };
}

function agreement(a: readonly Exposure[], b: readonly Exposure[]): ExposureAgreement {
  return {
    accuracy: accuracy(a, b),
    kappa: cohensKappa(a, b, EXPOSURE_LEVELS),
    kappaBinary: cohensKappa(a.map(exposedOrNot), b.map(exposedOrNot), ['exposed', 'not']),
  };
}

/**
 * Occupation beta of each labelling by the same aggregation the reports use (Core tasks weigh 2, others 1),
 * so the published correlation is about the figure users see.
 */
function betaCorrelation(rows: readonly EvaluationRow[], pick: (r: EvaluationRow) => Exposure, other: (r: EvaluationRow) => Exposure) {
  const codes = [...new Set(rows.map((r) => r.occupationCode))];
  const dataset = {
    occupations: codes.map((code) => occupationFromCode(code, code)),
    tasks: rows.map((r): Task => ({ id: r.taskId, occupationCode: r.occupationCode, text: '', type: r.taskType })),
  };
  const beta = (label: (r: EvaluationRow) => Exposure) =>
    aggregateOccupations({
      dataset,
      scores: rows.map((r) => ({ taskId: r.taskId, occupationCode: r.occupationCode, exposure: label(r), scorer: 'evaluation' })),
      taskWeights: 'core',
    }).map((o) => o.beta!);
  return { pearson: pearson(beta(pick), beta(other)), spearman: spearman(beta(pick), beta(other)) };
}

export function evaluatePredictions(rows: readonly EvaluationRow[]): OfflineMetrics {
  const predicted = rows.map((r) => r.predicted);
  const gpt4 = rows.map((r) => r.gpt4);
  const withHuman = rows.every((r) => r.human !== undefined);
  const withAutomation = rows.every((r) => r.gpt4Automation !== undefined && r.predictedAutomation !== undefined);
  const vsGpt4Beta = betaCorrelation(rows, (r) => r.predicted, (r) => r.gpt4);
  const metrics: OfflineMetrics = {
    tasks: rows.length,
    occupations: new Set(rows.map((r) => r.occupationCode)).size,
    vsGpt4: agreement(predicted, gpt4),
    occupationBeta: { pearsonGpt4: vsGpt4Beta.pearson, spearmanGpt4: vsGpt4Beta.spearman },
  };
  if (withHuman) {
    const human = rows.map((r) => r.human!);
    metrics.vsHuman = agreement(predicted, human);
    const vsHumanBeta = betaCorrelation(rows, (r) => r.predicted, (r) => r.human!);
    metrics.occupationBeta.pearsonHuman = vsHumanBeta.pearson;
    metrics.occupationBeta.spearmanHuman = vsHumanBeta.spearman;
    const gpt4Human = agreement(gpt4, human);
    metrics.gpt4VsHuman = {
      kappa: gpt4Human.kappa,
      kappaBinary: gpt4Human.kappaBinary,
      occupationBetaPearson: betaCorrelation(rows, (r) => r.gpt4, (r) => r.human!).pearson,
    };
  }
  if (withAutomation) {
    const a = rows.map((r) => r.predictedAutomation!);
    const b = rows.map((r) => r.gpt4Automation!);
    const level = (t: Automation) => AUTOMATION_LEVELS.indexOf(t);
    metrics.automationVsGpt4 = {
      accuracy: accuracy(a, b),
      kappa: cohensKappa(a, b, AUTOMATION_LEVELS),
      withinOneLevel: a.filter((t, i) => Math.abs(level(t) - level(b[i]!)) <= 1).length / a.length,
    };
  }
  return metrics;
}

/** Rounds every number in a metrics object to 4 decimals for storing and printing. */
export function roundMetrics<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v))) as T;
}
