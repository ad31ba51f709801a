// Figures on the inner validation split for a few settings, to tune the offline scorer without looking
// at the held-out occupations:
//   node dist/score/offline/tune-cli.js --labels PATH --onet ../shared/data/onet-29.1 --activity 0,0.5,1 [--copies yes|no]
//     [--max-features 30000] [--l2 2e-5] [--context 0.75]
// Each setting fits the inner model once (about half a training run) and is measured with the validation
// tasks' work activities and without them.

import { parseArgs } from 'node:util';
import { evaluatePredictions, roundMetrics } from './evaluate.js';
import { readTrainingLabels } from './heldout.js';
import { OFFLINE_TARGETS } from './targets.js';
import { DEFAULT_CONFIG, innerValidation, type ModeValidation } from './train.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string' },
      onet: { type: 'string' },
      activity: { type: 'string', default: String(DEFAULT_CONFIG.vocabulary.blockWeights.activity) },
      copies: { type: 'string', default: DEFAULT_CONFIG.activityCopies ? 'yes' : 'no' },
      context: { type: 'string', default: String(DEFAULT_CONFIG.vocabulary.blockWeights.context) },
      'max-features': { type: 'string', default: String(DEFAULT_CONFIG.maxFeatures) },
      l2: { type: 'string', default: String(DEFAULT_CONFIG.l2.gpt4) },
    },
  });
  if (!values.labels) {
    process.stderr.write('usage: tune-cli --labels full_labelset.tsv [--onet onet-folder] [--activity 0,0.5,1] [--copies yes|no] [--context 0.75] [--max-features 30000] [--l2 2e-5]\n');
    process.exitCode = 2;
    return;
  }
  const tasks = await readTrainingLabels(values.labels, values.onet ? { onet: values.onet } : {});
  const log = (m: string) => process.stderr.write(`${m}\n`);
  for (const weight of values.activity!.split(',').map(Number)) {
    const started = performance.now();
    const vocabulary = { ...DEFAULT_CONFIG.vocabulary, blockWeights: { ...DEFAULT_CONFIG.vocabulary.blockWeights, activity: weight, context: Number(values.context) } };
    const l2 = Number(values.l2);
    const config = { ...DEFAULT_CONFIG, vocabulary, activityCopies: values.copies === 'yes', maxFeatures: Number(values['max-features']), l2: { human: l2, gpt4: l2, automation: l2 } };
    const validation = innerValidation(tasks, { config, log });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    for (const [mode, v] of Object.entries(validation) as [string, ModeValidation][]) {
      for (const target of OFFLINE_TARGETS) {
        const m = roundMetrics(
          evaluatePredictions(
            v.predictions.map((p) => {
              const t = tasks[p.task]!;
              return { taskId: t.taskId, occupationCode: t.occupationCode, taskType: t.taskType, gpt4: t.exposure, human: t.human, gpt4Automation: t.automation, predicted: p.exposure[target], predictedAutomation: p.automation };
            }),
          ),
        );
        process.stdout.write(
          `activity ${weight}${values.copies === 'yes' ? ' (copies)' : ''}, read ${mode}, target ${target} (human weight ${v.targets[target]}; ${seconds} s, ${m.tasks} tasks of ${m.occupations} occupations): ` +
            `vs GPT-4 acc ${m.vsGpt4.accuracy} kappa ${m.vsGpt4.kappa} binary ${m.vsGpt4.kappaBinary}; ` +
            `vs human acc ${m.vsHuman?.accuracy} kappa ${m.vsHuman?.kappa} binary ${m.vsHuman?.kappaBinary}; ` +
            `automation kappa ${m.automationVsGpt4?.kappa}; beta r/rho vs GPT-4 ${m.occupationBeta.pearsonGpt4}/${m.occupationBeta.spearmanGpt4} ` +
            `vs human ${m.occupationBeta.pearsonHuman}/${m.occupationBeta.spearmanHuman}\n`,
        );
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
