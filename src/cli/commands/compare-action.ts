// What `compare A B` does once parsed: both scorers' scores on one dataset, their agreement, printed.
import { existsSync } from 'node:fs';
import { resolveDataset } from '../../data/resolve.js';
import { compareScorers, type Comparison } from '../../score/agreement/compare.js';
import { resolveStorePath } from '../../score/config.js';
import { isOfflineScorer, scoresOf } from '../../score/scorers.js';
import { loadOfflineModel } from '../../score/offline/model.js';
import { heldOutTaskKeys, type OfflineSample } from '../../score/offline/seen.js';
import { taskKey } from '../../data/types.js';
import { openStore } from '../../score/store/store.js';
import type { TaskWeighting } from '../../aggregate/types.js';
import type { CommandContext } from '../context.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';

export interface CompareFlags {
  dataset: string;
  store?: string;
  taskWeights: TaskWeighting;
  inSample?: boolean;
}

export async function compareAction(ctx: CommandContext, a: string, b: string, flags: CompareFlags): Promise<void> {
  const dataset = await resolveDataset(flags.dataset, { env: ctx.env, cwd: ctx.cwd });
  const storePath = resolveStorePath(flags.store, { env: ctx.env, cwd: ctx.cwd });
  const store = existsSync(storePath) ? openStore(storePath, { readonly: true }) : undefined;
  // An offline scorer is judged on the tasks its model never saw, unless asked otherwise.
  const model = isOfflineScorer(a) || isOfflineScorer(b) ? loadOfflineModel() : undefined;
  const heldOut = model ? heldOutTaskKeys(model.file, dataset.tasks, taskKey) : undefined;
  const offlineSample: OfflineSample | undefined = heldOut && { ...heldOut.sample, scope: flags.inSample ? 'in-sample' : 'held-out' };
  let comparison: Comparison;
  try {
    comparison = compareScorers({
      dataset,
      a: { name: a, scores: scoresOf({ scorer: a, dataset, store, storePath }) },
      b: { name: b, scores: scoresOf({ scorer: b, dataset, store, storePath }) },
      taskWeights: flags.taskWeights,
      ...(heldOut && !flags.inSample ? { only: heldOut.keys } : {}),
    });
  } finally {
    store?.close();
  }
  if (ctx.out.options.json) ctx.out.json({ ...comparison, ...(offlineSample ? { offlineSample } : {}) });
  else printComparison(ctx.out, comparison, offlineSample);
}

function printComparison(out: Output, c: Comparison, sample: OfflineSample | undefined): void {
  const { bold, dim } = out.style;
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  out.data(`${bold(`${c.a} vs ${c.b}`)} on ${c.dataset}: ${formatInteger(c.tasks)} tasks scored by both ${dim(`(${c.onlyA} only by ${c.a}, ${c.onlyB} only by ${c.b})`)}`);
  if (sample?.scope === 'held-out') {
    out.data(
      `held out: only the ${formatInteger(sample.heldOutTasks)} tasks the offline model ${sample.model} never saw in training ` +
        dim(`(${formatInteger(sample.inSampleTasks)} tasks of occupations or statements it trained on left out; --in-sample counts them)`),
    );
  } else if (sample) {
    out.data(
      bold(`IN-SAMPLE: the offline model ${sample.model} trained on the occupations or statements of ${formatInteger(sample.inSampleTasks)} of these tasks; `) +
        `these figures flatter it (drop --in-sample for the ${formatInteger(sample.heldOutTasks)} held-out tasks)`,
    );
  }
  if (c.tasks === 0) {
    out.warn(
      sample?.scope === 'held-out'
        ? `no task of ${c.dataset} is both held out from the offline model's training and scored by both; --in-sample compares on every task, marked as in-sample`
        : `no task of ${c.dataset} is scored by both; pass the dataset they scored with --dataset`,
    );
    return;
  }
  out.data(
    table(
      [
        ['exposure accuracy', f(c.exposure.accuracy)],
        ["Cohen's kappa, E0/E1/E2", f(c.exposure.kappa)],
        ["Cohen's kappa, exposed vs not", f(c.exposure.kappaExposed)],
        ...(c.automation ? [['automation accuracy (T0..T4)', f(c.automation.accuracy)], ["automation Cohen's kappa", f(c.automation.kappa)]] : []),
      ],
      { align: ['left', 'right'] },
    ),
  );
  out.data(`\n${bold('confusion')} ${dim(`(rows ${c.a}, columns ${c.b})`)}`);
  out.data(
    table(
      c.exposure.labels.map((label, i) => [label, ...c.exposure.confusion[i]!.map((n) => formatInteger(n))]),
      { header: ['', ...c.exposure.labels], align: ['left', 'right', 'right', 'right'] },
    ),
  );
  out.data(`\n${bold('occupations')} ${dim(`(${formatInteger(c.occupations)}, task weights ${c.taskWeights})`)}`);
  out.data(
    table(
      (['alpha', 'beta', 'zeta'] as const).map((m) => [m, f(c.correlation[m].pearson), f(c.correlation[m].spearman)]),
      { header: ['measure', 'Pearson', 'Spearman'], align: ['left', 'right', 'right'] },
    ),
  );
}
