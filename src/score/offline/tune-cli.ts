// Figures on the inner validation split for a few settings, to tune the offline scorer without looking
// at the held-out occupations: `node dist/score/offline/tune-cli.js --labels PATH --context 0,0.3,0.5 --lead yes`.
// Each setting fits the inner model once (about half a training run).

import { parseArgs } from 'node:util';
import { evaluatePredictions, roundMetrics } from './evaluate.js';
import { readTrainingLabels } from './heldout.js';
import { OFFLINE_TARGETS } from './targets.js';
import { DEFAULT_CONFIG, innerValidation } from './train.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { labels: { type: 'string' }, context: { type: 'string', default: String(DEFAULT_CONFIG.vocabulary.blockWeights.context) }, lead: { type: 'string', default: DEFAULT_CONFIG.vocabulary.leadWord ? 'yes' : 'no' } } });
  if (!values.labels) {
    process.stderr.write('usage: tune-cli --labels full_labelset.tsv [--context 0,0.3,0.5] [--lead yes|no]\n');
    process.exitCode = 2;
    return;
  }
  const tasks = await readTrainingLabels(values.labels);
  for (const weight of values.context!.split(',').map(Number)) {
    const started = performance.now();
    const vocabulary = { ...DEFAULT_CONFIG.vocabulary, leadWord: values.lead === 'yes', blockWeights: { ...DEFAULT_CONFIG.vocabulary.blockWeights, context: weight } };
    const { predictions, targets } = innerValidation(tasks, { config: { ...DEFAULT_CONFIG, vocabulary } });
    for (const target of OFFLINE_TARGETS) {
      const m = roundMetrics(
        evaluatePredictions(
          predictions.map((p) => {
            const t = tasks[p.task]!;
            return { taskId: t.taskId, occupationCode: t.occupationCode, taskType: t.taskType, gpt4: t.exposure, human: t.human, gpt4Automation: t.automation, predicted: p.exposure[target], predictedAutomation: p.automation };
          }),
        ),
      );
      process.stdout.write(
        `context ${weight}${values.lead === 'yes' ? ' + lead word' : ''}, target ${target} (human weight ${targets[target]}; ${((performance.now() - started) / 1000).toFixed(0)} s, ${m.tasks} tasks of ${m.occupations} occupations): ` +
          `vs GPT-4 acc ${m.vsGpt4.accuracy} kappa ${m.vsGpt4.kappa} binary ${m.vsGpt4.kappaBinary}; ` +
          `vs human acc ${m.vsHuman?.accuracy} kappa ${m.vsHuman?.kappa} binary ${m.vsHuman?.kappaBinary}; ` +
          `automation kappa ${m.automationVsGpt4?.kappa}; beta r/rho vs GPT-4 ${m.occupationBeta.pearsonGpt4}/${m.occupationBeta.spearmanGpt4} ` +
          `vs human ${m.occupationBeta.pearsonHuman}/${m.occupationBeta.spearmanHuman}\n`,
      );
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
