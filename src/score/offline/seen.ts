// What the offline model learnt from, read from its model file: the training occupations and a digest
// of each training task's normalised text. A task is held out when neither its occupation nor its text
// was seen in training; figures over any other task are in-sample. `compare` (and any command that
// reports agreement) uses this to measure the offline scorer on held-out tasks only.

import { createHash } from 'node:crypto';
import { tokenize } from './features.js';
import type { ModelFile } from './model.js';

/** Lower case, words only: "Prepare reports." and "prepare  reports" are one statement. */
export function normalisedText(text: string): string {
  return tokenize(text).join(' ');
}

/** 40 bits of SHA-256 of the normalised text: small in the file, and a false match among some 15,000
 * training texts is about one in 70 million per task looked up. */
export function textDigest(text: string): string {
  return createHash('sha256').update(normalisedText(text)).digest('hex').slice(0, 10);
}

export interface TrainingSample {
  occupations: ReadonlySet<string>;
  texts: ReadonlySet<string>;
}

/** The training sample a model file records; undefined for files that record only the held-out occupations (offline-v2). */
export function trainingSample(file: ModelFile): TrainingSample | undefined {
  const { trainingOccupations, trainingTexts } = file.split;
  if (!trainingOccupations || !trainingTexts) return undefined;
  return { occupations: new Set(trainingOccupations), texts: new Set(trainingTexts) };
}

/** True when the model saw neither the task's occupation nor its statement (under any occupation) in training. */
export function isHeldOutTask(sample: TrainingSample, task: { occupationCode: string; text: string }): boolean {
  return !sample.occupations.has(task.occupationCode) && !sample.texts.has(textDigest(task.text));
}

/** Where an offline model's agreement figures come from: tasks it never saw, or (asked for) all of them. */
export interface OfflineSample {
  model: string;
  scope: 'held-out' | 'in-sample';
  /** Dataset tasks the model saw neither by occupation nor by statement. */
  heldOutTasks: number;
  /** Dataset tasks whose occupation or statement it trained on. */
  inSampleTasks: number;
}

/** The dataset's tasks the model never saw, as task keys, with the counts `compare` reports. */
export function heldOutTaskKeys(
  file: ModelFile,
  tasks: readonly { id: string; occupationCode: string; text: string }[],
  key: (occupationCode: string, id: string) => string,
): { keys: Set<string>; sample: Omit<OfflineSample, 'scope'> } {
  const seen = trainingSample(file);
  // A file that does not record its training sample (offline-v2) only knows its held-out occupations.
  const heldOutCodes = new Set(file.split.testOccupations);
  const isHeld = (t: { occupationCode: string; text: string }) => (seen ? isHeldOutTask(seen, t) : heldOutCodes.has(t.occupationCode));
  const keys = new Set(tasks.filter(isHeld).map((t) => key(t.occupationCode, t.id)));
  return { keys, sample: { model: file.name, heldOutTasks: keys.size, inSampleTasks: tasks.length - keys.size } };
}
