// Joins the GPT-4 and human columns of a label set and measures a model on the held-out occupations,
// for each target it has: agreement with both label sets, occupation beta, and how well its confidence
// is calibrated. Used by the training command to write the figures and by the tests to recompute them
// from the file.

import { readLabelSet, type LabelRow } from '../labels.js';
import type { Automation, Exposure } from '../types.js';
import { evaluatePredictions, roundMetrics, type OfflineMetrics } from './evaluate.js';
import type { OfflineModel } from './model.js';
import { contextsFor, contextVector } from './context.js';
import { predictTask } from './score.js';
import { OFFLINE_TARGETS, type OfflineTarget } from './targets.js';

/** A label-set row with both labels training and evaluation need: GPT-4's (with automation) and the humans'. */
export interface LabelledTask extends Omit<LabelRow, 'line' | 'automation'> {
  automation: Automation;
  human: Exposure;
}

/** GPT-4 exposure and automation with the human label beside them, one row per task. */
export async function readTrainingLabels(file: string): Promise<LabelledTask[]> {
  const gpt4 = await readLabelSet(file, { exposureColumn: 'gpt4_exposure', automationColumn: 'gpt4_automation' });
  const human = await readLabelSet(file, { exposureColumn: 'human_exposure_agg' });
  return gpt4.scores.map((row, i) => ({
    taskId: row.taskId,
    occupationCode: row.occupationCode,
    title: row.title,
    task: row.task,
    taskType: row.taskType,
    exposure: row.exposure,
    automation: row.automation!,
    human: human.scores[i]!.exposure,
  }));
}

/** Held-out tasks whose confidence fell in [from, to), and how often the prediction matched each label set. */
export interface ReliabilityBin {
  from: number;
  to: number;
  tasks: number;
  meanConfidence: number;
  agreeHuman: number;
  agreeGpt4: number;
  /** Agreement with the target's own labels: a human label with the target's human weight, GPT-4's otherwise. */
  agreeTarget: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error against the target's own labels: the task-weighted mean |confidence - agreement|. */
  calibrationError: number;
}

export interface HeldOutFigures {
  targets: Partial<Record<OfflineTarget, OfflineMetrics & { reliability: Reliability }>>;
}

const EDGES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

function reliability(rows: readonly { confidence: number; predicted: Exposure; human: Exposure; gpt4: Exposure }[], humanWeight: number): Reliability {
  const bins: ReliabilityBin[] = [];
  let error = 0;
  for (let b = 0; b + 1 < EDGES.length; b++) {
    const inBin = rows.filter((r) => r.confidence >= EDGES[b]! && r.confidence < EDGES[b + 1]!);
    if (inBin.length === 0) continue;
    const share = (match: (r: (typeof rows)[number]) => boolean) => inBin.filter(match).length / inBin.length;
    const agreeHuman = share((r) => r.predicted === r.human);
    const agreeGpt4 = share((r) => r.predicted === r.gpt4);
    const meanConfidence = inBin.reduce((s, r) => s + r.confidence, 0) / inBin.length;
    const agreeTarget = humanWeight * agreeHuman + (1 - humanWeight) * agreeGpt4;
    bins.push({ from: EDGES[b]!, to: Math.min(EDGES[b + 1]!, 1), tasks: inBin.length, meanConfidence, agreeHuman, agreeGpt4, agreeTarget });
    error += (inBin.length / rows.length) * Math.abs(meanConfidence - agreeTarget);
  }
  return { bins, calibrationError: error };
}

/** Figures on the given occupations only, for every target of the model, rounded as stored in the model file. */
export function heldOutMetrics(
  model: OfflineModel,
  tasks: readonly LabelledTask[],
  occupations: readonly string[],
  options: { keep?: ((task: LabelledTask) => boolean) | undefined } = {},
): HeldOutFigures {
  const held = new Set(occupations);
  const ofHeld = tasks.filter((t) => held.has(t.occupationCode)).map((t) => ({ ...t, text: t.task }));
  // Contexts from the whole occupations, as scoring a dataset takes them from the whole dataset, even
  // when `keep` measures only some of their tasks.
  const contexts = contextsFor(ofHeld, model.vectorizer);
  const heldTasks = options.keep ? ofHeld.filter(options.keep) : ofHeld;
  const targets: HeldOutFigures['targets'] = {};
  for (const target of OFFLINE_TARGETS) {
    const humanWeight = model.targets[target];
    if (humanWeight === undefined) continue;
    const rows = heldTasks.map((t) => {
      const p = predictTask(model, t.task, t.title, contextVector(contexts.get(t.occupationCode), t.task, model.vectorizer), target);
      return {
        taskId: t.taskId,
        occupationCode: t.occupationCode,
        taskType: t.taskType,
        gpt4: t.exposure,
        human: t.human,
        gpt4Automation: t.automation,
        predicted: p.exposure,
        predictedAutomation: p.automation,
        // As scoreOffline reports it.
        confidence: Math.round(Math.max(...p.exposureProbabilities) * 1000) / 1000,
      };
    });
    targets[target] = { ...evaluatePredictions(rows), reliability: reliability(rows, humanWeight) };
  }
  return roundMetrics({ targets });
}
