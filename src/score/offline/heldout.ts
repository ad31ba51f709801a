// Joins the GPT-4 and human columns of a label set and measures a model on the held-out occupations,
// for each target it has: agreement with both label sets, occupation beta, and how well its confidence
// is calibrated. Used by the training command to write the figures and by the tests to recompute them
// from the file.

import { loadOnet } from '../../data/onet.js';
import { readLabelSet, type LabelRow } from '../labels.js';
import type { Automation, Exposure } from '../types.js';
import { evaluatePredictions, roundMetrics, type OfflineMetrics } from './evaluate.js';
import type { OfflineModel } from './model.js';
import { contextsFor, contextVector } from './context.js';
import type { TaskActivity } from './features.js';
import { predictTask, taskActivities } from './score.js';
import { OFFLINE_TARGETS, type OfflineTarget } from './targets.js';

/** A label-set row with both labels training and evaluation need: GPT-4's (with automation) and the humans'. */
export interface LabelledTask extends Omit<LabelRow, 'line' | 'automation'> {
  automation: Automation;
  human: Exposure;
  /** The task's work activities from an O*NET release, joined by Task ID; absent without one. */
  activities?: TaskActivity[];
}

/**
 * GPT-4 exposure and automation with the human label beside them, one row per task. With `onet` (an O*NET
 * text release) each task also gets the work activities the release links to its Task ID (the label set's
 * Task IDs are O*NET's): 18,451 of the 19,265 tasks have some in O*NET 29.1.
 */
export async function readTrainingLabels(file: string, options: { onet?: string } = {}): Promise<LabelledTask[]> {
  const gpt4 = await readLabelSet(file, { exposureColumn: 'gpt4_exposure', automationColumn: 'gpt4_automation' });
  const human = await readLabelSet(file, { exposureColumn: 'human_exposure_agg' });
  const activities = options.onet ? await activitiesByTask(options.onet) : undefined;
  return gpt4.scores.map((row, i) => {
    const task: LabelledTask = {
      taskId: row.taskId,
      occupationCode: row.occupationCode,
      title: row.title,
      task: row.task,
      taskType: row.taskType,
      exposure: row.exposure,
      automation: row.automation!,
      human: human.scores[i]!.exposure,
    };
    const linked = activities?.get(row.taskId);
    if (linked) task.activities = linked;
    return task;
  });
}

/** Task ID -> its work activities with their titles, from an O*NET release's Tasks to DWAs and DWA Reference. */
export async function activitiesByTask(onet: string): Promise<Map<string, TaskActivity[]>> {
  const dataset = await loadOnet(onet);
  const out = new Map<string, TaskActivity[]>();
  for (const task of dataset.tasks) {
    const linked = taskActivities(task, dataset.workActivities);
    if (linked) out.set(task.id, linked);
  }
  return out;
}

/** The same tasks as a dataset without work activities would give them. */
export function withoutActivities(tasks: readonly LabelledTask[]): LabelledTask[] {
  return tasks.map(({ activities: _dropped, ...rest }) => rest);
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

export type TargetFigures = Partial<Record<OfflineTarget, OfflineMetrics & { reliability: Reliability }>>;

export interface HeldOutFigures {
  /** The tasks as given: with their work activities when they carry them (a label set joined with O*NET). */
  targets: TargetFigures;
  /** The same tasks without work activities, as a dataset without DWAs gives them; for models that read activities. */
  withoutActivities?: { targets: TargetFigures };
}

/** True when the model was trained with the work-activity block. */
export function readsActivities(model: OfflineModel): boolean {
  return (model.vectorizer.space.blockWeights.activity ?? 0) > 0;
}

const EDGES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

/** Each row's `humanWeight` is the target's weight on the human head for that task (it differs with and without work activities). */
function reliability(rows: readonly { confidence: number; predicted: Exposure; human: Exposure; gpt4: Exposure; humanWeight: number }[]): Reliability {
  const bins: ReliabilityBin[] = [];
  let error = 0;
  for (let b = 0; b + 1 < EDGES.length; b++) {
    const inBin = rows.filter((r) => r.confidence >= EDGES[b]! && r.confidence < EDGES[b + 1]!);
    if (inBin.length === 0) continue;
    const share = (match: (r: (typeof rows)[number]) => boolean) => inBin.filter(match).length / inBin.length;
    const agreeHuman = share((r) => r.predicted === r.human);
    const agreeGpt4 = share((r) => r.predicted === r.gpt4);
    const meanConfidence = inBin.reduce((s, r) => s + r.confidence, 0) / inBin.length;
    const agreeTarget = inBin.reduce((sum, r) => sum + r.humanWeight * Number(r.predicted === r.human) + (1 - r.humanWeight) * Number(r.predicted === r.gpt4), 0) / inBin.length;
    bins.push({ from: EDGES[b]!, to: Math.min(EDGES[b + 1]!, 1), tasks: inBin.length, meanConfidence, agreeHuman, agreeGpt4, agreeTarget });
    error += (inBin.length / rows.length) * Math.abs(meanConfidence - agreeTarget);
  }
  return { bins, calibrationError: error };
}

/**
 * Figures on the given occupations only, for every target of the model, rounded as stored in the model file:
 * the tasks as given, and for a model that reads work activities, also without them (when some task has them).
 */
export function heldOutMetrics(
  model: OfflineModel,
  tasks: readonly LabelledTask[],
  occupations: readonly string[],
  options: { keep?: ((task: LabelledTask) => boolean) | undefined } = {},
): HeldOutFigures {
  const figures: HeldOutFigures = { targets: targetMetrics(model, tasks, occupations, options.keep) };
  if (readsActivities(model) && tasks.some((t) => t.activities)) {
    figures.withoutActivities = { targets: targetMetrics(model, withoutActivities(tasks), occupations, options.keep) };
  }
  return roundMetrics(figures);
}

function targetMetrics(model: OfflineModel, tasks: readonly LabelledTask[], occupations: readonly string[], keep: ((task: LabelledTask) => boolean) | undefined): TargetFigures {
  const held = new Set(occupations);
  const ofHeld = tasks.filter((t) => held.has(t.occupationCode)).map((t) => ({ ...t, text: t.task }));
  // Contexts from the whole occupations, as scoring a dataset takes them from the whole dataset, even
  // when `keep` measures only some of their tasks.
  const contexts = contextsFor(ofHeld, model.vectorizer);
  const heldTasks = keep ? ofHeld.filter(keep) : ofHeld;
  const targets: TargetFigures = {};
  for (const target of OFFLINE_TARGETS) {
    if (model.targets[target] === undefined) continue;
    const rows = heldTasks.map((t) => {
      const p = predictTask(model, { text: t.task, title: t.title, activities: t.activities }, { context: contextVector(contexts.get(t.occupationCode), t.task, model.vectorizer), target });
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
        humanWeight: p.humanWeight,
      };
    });
    targets[target] = { ...evaluatePredictions(rows), reliability: reliability(rows) };
  }
  return targets;
}
