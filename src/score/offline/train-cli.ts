// Trains the offline scorer:
//   node dist/score/offline/train-cli.js --labels PATH --onet ONET-FOLDER --out PATH [--seed 42]
// `--onet` joins each labelled task with its O*NET work activities (by Task ID) for the activity block.
// Trains on the training occupations only and ships that model, so the held-out figures stored in
// the file (and published in the README) describe exactly the weights users get.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFigures } from './figures.js';
import { heldOutMetrics, readTrainingLabels } from './heldout.js';
import { modelFromFile } from './model.js';
import { DEFAULT_CONFIG, trainOfflineModel } from './train.js';

const RUBRIC_VERSION = 'gpts-are-gpts-2023';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string' },
      onet: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_CONFIG.seed) },
      name: { type: 'string', default: 'offline-v4' },
      'base-year': { type: 'string', default: '2025' },
    },
  });
  if (!values.labels || !values.out) {
    process.stderr.write('usage: train-cli --labels full_labelset.tsv --onet onet-29.1 --out models/offline-v4.json [--seed 42]\n');
    process.exitCode = 2;
    return;
  }
  const seed = Number(values.seed);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const tasks = await readTrainingLabels(values.labels, values.onet ? { onet: values.onet } : {});
  log(`read ${tasks.length} labelled tasks from ${values.labels}, ${tasks.filter((t) => t.activities).length} with work activities${values.onet ? ` from ${values.onet}` : ''}`);
  const result = trainOfflineModel(tasks, {
    config: { ...DEFAULT_CONFIG, seed },
    name: values.name!,
    rubricVersion: RUBRIC_VERSION,
    baseYear: Number(values['base-year']),
    log,
  });
  const model = modelFromFile(result.file);
  const figures = heldOutMetrics(model, tasks, result.testOccupations);
  result.file.metrics = { ...figures, trainingSeconds: Math.round(result.seconds) };
  const json = JSON.stringify(result.file);
  writeFileSync(values.out, json);
  process.stdout.write(
    `trained in ${result.seconds.toFixed(0)} s (seed ${seed}); held out:\n${formatFigures(figures)}\n` +
      `wrote ${values.out} (${(json.length / 1024 / 1024).toFixed(2)} MB, ${model.vectorizer.space.vocab.length} features)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
