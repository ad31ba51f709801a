// Joins the GPT-4 and human columns of a label set and measures a model on the held-out occupations.
// Used by the training command to write the figures and by the tests to recompute them from the file.

import { readLabelSet, type LabelRow } from '../labels.js';
import type { Automation, Exposure } from '../types.js';
import { evaluatePredictions, roundMetrics, type OfflineMetrics } from './evaluate.js';
import type { OfflineModel } from './model.js';
import { contextsFor, contextVector } from './context.js';
import { predictTask } from './score.js';

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

/** Figures on the given occupations only, rounded as stored in the model file. */
export function heldOutMetrics(model: OfflineModel, tasks: readonly LabelledTask[], occupations: readonly string[]): OfflineMetrics {
  const held = new Set(occupations);
  const heldTasks = tasks.filter((t) => held.has(t.occupationCode)).map((t) => ({ ...t, text: t.task }));
  // Contexts from the whole label set, as scoring a dataset takes them from the whole dataset.
  const contexts = contextsFor(heldTasks, model.vectorizer);
  const rows = heldTasks
    .map((t) => {
      const p = predictTask(model, t.task, t.title, contextVector(contexts.get(t.occupationCode), t.task, model.vectorizer));
      return {
        taskId: t.taskId,
        occupationCode: t.occupationCode,
        taskType: t.taskType,
        gpt4: t.exposure,
        human: t.human,
        gpt4Automation: t.automation,
        predicted: p.exposure,
        predictedAutomation: p.automation,
      };
    });
  return roundMetrics(evaluatePredictions(rows));
}
