// Held-out figures of any offline model file, or of a plain TF-IDF baseline trained on the same split:
//   node dist/score/offline/evaluate-cli.js --labels PATH --onet ONET-FOLDER --model models/offline-v4.json
//   node dist/score/offline/evaluate-cli.js --labels PATH --model old-offline-v2.json --unseen-only
//   node dist/score/offline/evaluate-cli.js --labels PATH --baseline
//   node dist/score/offline/evaluate-cli.js --labels PATH --onet ONET-FOLDER --model models/offline-v4.json --update
// `--update` writes the figures into the model file's `metrics` (its training time kept), for when the way
// they are measured changed after it was trained; the weights are not touched.
// `--unseen-only` drops held-out tasks whose statement a training occupation also has (for files such as
// offline-v2 that were trained before the hold-out was cleaned), so every model is judged on unseen text.
// `--onet` gives each task its O*NET work activities, for models that read them (the figures are then
// printed with and without them).

import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFigures } from './figures.js';
import { heldOutMetrics, readTrainingLabels, type LabelledTask } from './heldout.js';
import { loadOfflineModel, modelFromFile } from './model.js';
import { normalisedText } from './seen.js';
import { DEFAULT_CONFIG, trainOfflineModel, type TrainConfig } from './train.js';

/**
 * Word 1-2 grams alone (no character n-grams, title, lead word or occupation context), sklearn's default
 * L2 (C = 1, about 1/n per mean loss), both exposure heads: what a first attempt would use.
 */
export const BASELINE_CONFIG: TrainConfig = {
  ...DEFAULT_CONFIG,
  vocabulary: { minDf: { word: 1, char: Number.MAX_SAFE_INTEGER }, minTitleOccupations: Number.MAX_SAFE_INTEGER, blockWeights: { word: 1, char: 0, title: 0, context: 0, activity: 0 }, leadWord: false },
  l2: { human: 7e-5, gpt4: 7e-5, automation: 7e-5 },
  maxFeatures: Number.MAX_SAFE_INTEGER,
};

/**
 * How independent the held-out occupations are once work activities are read: DWAs are shared across
 * occupations, so a held-out task may carry a DWA some training task also carries.
 */
function sharedActivities(tasks: readonly LabelledTask[], held: ReadonlySet<string>): string {
  const trainingDwas = new Set(tasks.filter((t) => !held.has(t.occupationCode)).flatMap((t) => (t.activities ?? []).map((a) => a.id)));
  const heldTasks = tasks.filter((t) => held.has(t.occupationCode));
  const linked = heldTasks.filter((t) => t.activities);
  const sharing = linked.filter((t) => t.activities!.some((a) => trainingDwas.has(a.id)));
  const heldDwas = new Set(linked.flatMap((t) => t.activities!.map((a) => a.id)));
  const known = [...heldDwas].filter((id) => trainingDwas.has(id)).length;
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  return (
    `held-out tasks with work activities: ${linked.length} of ${heldTasks.length}; ${sharing.length} (${pct(sharing.length, linked.length)}) share a DWA ` +
    `with a task of a training occupation; ${known} of the ${heldDwas.size} DWAs of held-out tasks (${pct(known, heldDwas.size)}) also occur in training`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { labels: { type: 'string' }, onet: { type: 'string' }, model: { type: 'string' }, baseline: { type: 'boolean' }, 'unseen-only': { type: 'boolean' }, update: { type: 'boolean' } } });
  if (!values.labels || (!values.model && !values.baseline) || (values.update && (!values.model || values['unseen-only']))) {
    process.stderr.write('usage: evaluate-cli --labels full_labelset.tsv [--onet onet-folder] (--model FILE [--unseen-only | --update] | --baseline)\n');
    process.exitCode = 2;
    return;
  }
  const tasks = await readTrainingLabels(values.labels, values.onet ? { onet: values.onet } : {});
  const model = values.baseline
    ? modelFromFile(trainOfflineModel(tasks, { config: BASELINE_CONFIG, name: 'tfidf-baseline', rubricVersion: 'baseline', baseYear: 2025, log: (m) => process.stderr.write(`${m}\n`) }).file)
    : loadOfflineModel(values.model);
  const held = new Set(model.file.split.testOccupations);
  const trainingTexts = new Set(tasks.filter((t) => !held.has(t.occupationCode)).map((t) => normalisedText(t.task)));
  const figures = heldOutMetrics(model, tasks, model.file.split.testOccupations, {
    keep: values['unseen-only'] ? (t) => !trainingTexts.has(normalisedText(t.task)) : undefined,
  });
  if (values.update) {
    const { trainingSeconds } = model.file.metrics as { trainingSeconds?: number };
    const file = { ...model.file, metrics: { ...figures, ...(trainingSeconds !== undefined ? { trainingSeconds } : {}) } };
    writeFileSync(`${values.model}.tmp`, JSON.stringify(file));
    renameSync(`${values.model}.tmp`, values.model!);
  }
  if (values.onet) process.stdout.write(`${sharedActivities(tasks, held)}\n`);
  process.stdout.write(`${model.file.name}${values['unseen-only'] ? ', held-out statements no training occupation has' : ''}:\n${formatFigures(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
