// What `compare A B [C ...]` does once parsed: the scorers' scores on one dataset, their agreement, printed.
// Two scorers get the pair report (accuracy, confusion, occupation correlations; --alpha adds Krippendorff's
// alpha); three or more get the several-scorer report (compare-several-action.ts).
import { existsSync } from 'node:fs';
import { resolveDataset } from '../../data/resolve.js';
import { compareScorers, type Comparison } from '../../score/agreement/compare.js';
import { resolveStorePath } from '../../score/config.js';
import { isOfflineScorer, scoresOf } from '../../score/scorers.js';
import { loadOfflineModel } from '../../score/offline/model.js';
import { heldOutTaskKeys, type OfflineSample } from '../../score/offline/seen.js';
import { taskKey, type Dataset } from '../../data/types.js';
import { openStore, type ScoreStore } from '../../score/store/store.js';
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../../score/agreement/bootstrap.js';
import { agreementOfScorers } from '../../score/agreement/several.js';
import type { TaskWeighting } from '../../aggregate/types.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';
import { printAlpha, printSeveral } from './compare-several-messages.js';

export interface CompareFlags {
  dataset: string;
  store?: string;
  taskWeights: TaskWeighting;
  inSample?: boolean;
  alpha?: boolean;
  resamples?: number;
  level?: number;
  seed?: number;
}

/** What every comparison reads: the dataset, the store if there is one, and the held-out tasks when a scorer is offline. */
export interface CompareInputs {
  dataset: Dataset;
  store: ScoreStore | undefined;
  storePath: string;
  /** Set when a scorer is offline: the held-out task keys (applied unless --in-sample) and how to describe them. */
  heldOut?: { keys: ReadonlySet<string>; sample: OfflineSample };
}

export async function compareInputs(ctx: CommandContext, scorers: readonly string[], flags: CompareFlags): Promise<CompareInputs> {
  const dataset = await resolveDataset(flags.dataset, { env: ctx.env, cwd: ctx.cwd });
  const storePath = resolveStorePath(flags.store, { env: ctx.env, cwd: ctx.cwd });
  const store = existsSync(storePath) ? openStore(storePath, { readonly: true }) : undefined;
  // An offline scorer is judged on the tasks its model never saw, unless asked otherwise.
  const model = scorers.some(isOfflineScorer) ? loadOfflineModel() : undefined;
  const heldOut = model ? heldOutTaskKeys(model.file, dataset.tasks, taskKey) : undefined;
  return {
    dataset,
    store,
    storePath,
    ...(heldOut ? { heldOut: { keys: heldOut.keys, sample: { ...heldOut.sample, scope: flags.inSample ? 'in-sample' : 'held-out' } } } : {}),
  };
}

export async function compareAction(ctx: CommandContext, scorers: string[], flags: CompareFlags): Promise<void> {
  if (scorers.length < 2) throw new UsageError(`compare needs at least two scorers, got ${scorers.length}: \`ai-frontier compare A B [C ...]\` (see \`scores list\`)`);
  const repeated = scorers.find((name, i) => scorers.indexOf(name) !== i);
  if (repeated) throw new UsageError(`scorer "${repeated}" is named twice; name each scorer once`);
  // The defaults live with the statistics; the command's definition names them in its help without loading them.
  const bootstrap: BootstrapOptions = {
    resamples: flags.resamples ?? DEFAULT_BOOTSTRAP.resamples,
    level: flags.level ?? DEFAULT_BOOTSTRAP.level,
    seed: flags.seed ?? DEFAULT_BOOTSTRAP.seed,
  };
  if (scorers.length > 2) {
    const { compareSeveralAction } = await import('./compare-several-action.js');
    return compareSeveralAction(ctx, scorers, flags, bootstrap);
  }
  const [a, b] = scorers as [string, string];
  const { dataset, store, storePath, heldOut } = await compareInputs(ctx, scorers, flags);
  const offlineSample = heldOut?.sample;
  const only = heldOut && !flags.inSample ? heldOut.keys : undefined;
  let comparison: Comparison;
  let alpha: ReturnType<typeof agreementOfScorers> | undefined;
  try {
    const scoresA = scoresOf({ scorer: a, dataset, store, storePath });
    const scoresB = scoresOf({ scorer: b, dataset, store, storePath });
    comparison = compareScorers({
      dataset,
      a: { name: a, scores: scoresA },
      b: { name: b, scores: scoresB },
      taskWeights: flags.taskWeights,
      ...(only ? { only } : {}),
    });
    if (flags.alpha) alpha = agreementOfScorers({ dataset, scorers: [{ name: a, scores: scoresA }, { name: b, scores: scoresB }], bootstrap, ...(only ? { only } : {}) });
  } finally {
    store?.close();
  }
  const krippendorff = alpha && { ...alpha.alpha, bootstrap: alpha.bootstrap };
  if (ctx.out.options.json) ctx.out.json({ ...comparison, ...(offlineSample ? { offlineSample } : {}), ...(krippendorff ? { krippendorff } : {}) });
  else {
    printComparison(ctx.out, comparison, offlineSample);
    if (alpha && comparison.tasks > 0) printAlpha(ctx.out, alpha);
  }
}

/** The lines that say which tasks an offline scorer is judged on. */
export function printOfflineSample(out: Output, sample: OfflineSample | undefined): void {
  const { bold, dim } = out.style;
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
}

/** Said when no task is left to compare. */
export function noTaskInCommon(dataset: string, sample: OfflineSample | undefined, both: string): string {
  return sample?.scope === 'held-out'
    ? `no task of ${dataset} is both held out from the offline model's training and scored by ${both}; --in-sample compares on every task, marked as in-sample`
    : `no task of ${dataset} is scored by ${both}; pass the dataset they scored with --dataset`;
}

function printComparison(out: Output, c: Comparison, sample: OfflineSample | undefined): void {
  const { bold, dim } = out.style;
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  out.data(`${bold(`${c.a} vs ${c.b}`)} on ${c.dataset}: ${formatInteger(c.tasks)} tasks scored by both ${dim(`(${c.onlyA} only by ${c.a}, ${c.onlyB} only by ${c.b})`)}`);
  printOfflineSample(out, sample);
  if (c.tasks === 0) {
    out.warn(noTaskInCommon(c.dataset, sample, 'both'));
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
