// Scores tasks with the offline model: exposure and automation level from the two heads, then mode,
// horizon and a one-line rationale derived from them by the fixed rules below.

import type { TaskType } from '../../data/types.js';
import type { Automation, Exposure, Mode, TaskScore } from '../types.js';
import { headProbabilities, taskVector, type Head, type OfflineModel, type TaskVector } from './model.js';

export interface OfflineTask {
  taskId: string;
  occupationCode: string;
  text: string;
  /** Occupation title: the model reads it as context beside the task text. */
  title: string;
  type?: TaskType;
}

export interface OfflinePrediction {
  exposure: Exposure;
  exposureProbabilities: number[];
  automation: Automation;
  automationProbabilities: number[];
  vector: TaskVector;
}

function argmax(p: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

export function predictTask(model: OfflineModel, text: string, title: string): OfflinePrediction {
  const vector = taskVector(model, text, title);
  const exposureProbabilities = headProbabilities(model.exposure, vector);
  const automationProbabilities = headProbabilities(model.automation, vector);
  return {
    exposure: model.exposure.labels[argmax(exposureProbabilities)] as Exposure,
    exposureProbabilities,
    automation: model.automation.labels[argmax(automationProbabilities)] as Automation,
    automationProbabilities,
    vector,
  };
}

/**
 * Mode: none for E0; automate when the task is directly exposed (E1) and the automation head puts more
 * than half its probability on T3 or T4 (the system does most of the task alone); augment otherwise.
 */
export function offlineMode(exposure: Exposure, automationProbabilities: readonly number[]): Mode {
  if (exposure === 'E0') return 'none';
  const mostlyAlone = (automationProbabilities[3] ?? 0) + (automationProbabilities[4] ?? 0) > 0.5;
  return exposure === 'E1' && mostlyAlone ? 'automate' : 'augment';
}

/**
 * Horizon: E1 (an LLM alone suffices) is practical 1 year after the base year, or 2 when the model is
 * unsure (confidence under 0.7); E2 needs software built on top, so 3 years, or 5 when unsure.
 * E0 has no horizon: nothing is exposed.
 */
export function offlineHorizon(exposure: Exposure, confidence: number, baseYear: number): number | undefined {
  if (exposure === 'E0') return undefined;
  const sure = confidence >= 0.7;
  return baseYear + (exposure === 'E1' ? (sure ? 1 : 2) : sure ? 3 : 5);
}

// Words too common to explain anything; they still count in the score, they are just never named.
const UNNAMED = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'other', 's', 'such', 'that', 'the', 'to', 'with']);

/**
 * Which words pushed the task toward the predicted class and which against it. A feature's pull is its
 * value times its weight for that class minus its mean weight over classes (softmax ignores the mean).
 * Character n-grams and bigrams are credited to the words they came from, so the names are real words.
 */
export function explain(head: Head, vector: TaskVector, predicted: number): { word: string; weight: number }[] {
  const K = head.labels.length;
  const pull = new Map<number, number>();
  vector.indices.forEach((f, j) => {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += head.weights[f * K + k]!;
    pull.set(f, vector.values[j]! * (head.weights[f * K + predicted]! - mean / K));
  });
  const occurrences = new Map<number, number>();
  const count = (f: number | undefined) => f !== undefined && occurrences.set(f, (occurrences.get(f) ?? 0) + 1);
  vector.wordFeatures.forEach((list) => list.forEach(count));
  vector.bigramFeatures.forEach(count);
  vector.titleFeatures.forEach(count);
  const credit = new Map<string, number>();
  const give = (name: string, f: number | undefined, share: number) => {
    if (f === undefined) return;
    credit.set(name, (credit.get(name) ?? 0) + (pull.get(f)! / occurrences.get(f)!) * share);
  };
  vector.words.forEach((w, i) => {
    for (const f of vector.wordFeatures[i]!) give(`'${w}'`, f, 1);
    // A bigram's pull is shared by its two words.
    give(`'${w}'`, vector.bigramFeatures[i], 0.5);
    if (i > 0) give(`'${w}'`, vector.bigramFeatures[i - 1], 0.5);
  });
  vector.titleWords.forEach((w, j) => give(`title '${w}'`, vector.titleFeatures[j], 1));
  return [...credit]
    .filter(([name]) => !UNNAMED.has(name.replace(/^title /, '').slice(1, -1)))
    .map(([word, weight]) => ({ word, weight }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** "E1 (87%): 'draft' and 'reports' weigh most; 'install' weighs against." */
function rationale(model: OfflineModel, p: OfflinePrediction, confidence: number): string {
  const ranked = explain(model.exposure, p.vector, model.exposure.labels.indexOf(p.exposure));
  const top = ranked.filter((r) => r.weight > 0).slice(0, 2).map((r) => r.word);
  const against = ranked.length > 0 && ranked[ranked.length - 1]!.weight < 0 ? ranked[ranked.length - 1]!.word : undefined;
  let text = `${p.exposure} (${Math.round(confidence * 100)}%)`;
  if (top.length > 0) text += `: ${top.join(' and ')} weigh${top.length === 1 ? 's' : ''} most`;
  if (against) text += `; ${against} weighs against`;
  return `${text}; automation ${p.automation}.`;
}

export interface ScoreOfflineOptions {
  /** Year horizons count from; defaults to the model's own base year so scores never drift with the calendar. */
  baseYear?: number;
}

export function scoreOffline(model: OfflineModel, tasks: readonly OfflineTask[], options: ScoreOfflineOptions = {}): TaskScore[] {
  const baseYear = options.baseYear ?? model.file.baseYear;
  return tasks.map((task) => {
    const p = predictTask(model, task.text, task.title);
    const confidence = Math.round(Math.max(...p.exposureProbabilities) * 1000) / 1000;
    const horizon = offlineHorizon(p.exposure, confidence, baseYear);
    return {
      taskId: task.taskId,
      occupationCode: task.occupationCode,
      exposure: p.exposure,
      automation: p.automation,
      mode: offlineMode(p.exposure, p.automationProbabilities),
      ...(horizon !== undefined ? { horizon } : {}),
      confidence,
      rationale: rationale(model, p, confidence),
      scorer: 'offline',
      model: model.file.name,
      rubricVersion: model.file.rubricVersion,
    };
  });
}
