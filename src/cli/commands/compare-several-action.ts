// `compare A B C ...`: three or more scorers on one dataset: the pairwise kappa matrix and Krippendorff's alpha.
// Each scorer's scores are matched to the dataset's tasks as every results command matches them.
import { scorerScoresFor } from '../../analysis/scorer-choice.js';
import type { BootstrapOptions } from '../../score/agreement/bootstrap.js';
import { agreementOfScorers, type SeveralAgreement } from '../../score/agreement/several.js';
import type { CommandContext } from '../context.js';
import { compareInputs, noTaskInCommon, printOfflineSample, type CompareFlags } from './compare-action.js';
import { printSeveral } from './compare-several-messages.js';

export async function compareSeveralAction(ctx: CommandContext, scorers: string[], flags: CompareFlags, bootstrap: BootstrapOptions): Promise<void> {
  const { dataset, store, storePath, heldOut } = await compareInputs(ctx, scorers, flags);
  let agreement: SeveralAgreement;
  try {
    agreement = agreementOfScorers({
      dataset,
      scorers: scorers.map((name) => ({ name, scores: scorerScoresFor({ dataset, store, storePath, scorer: name }) })),
      bootstrap,
      ...(heldOut && !flags.inSample ? { only: heldOut.keys } : {}),
    });
  } finally {
    store?.close();
  }
  const offlineSample = heldOut?.sample;
  if (ctx.out.options.json) return ctx.out.json({ ...agreement, ...(offlineSample ? { offlineSample } : {}) });
  printSeveral(ctx.out, agreement, () => printOfflineSample(ctx.out, offlineSample));
  if (agreement.tasksByTwo === 0) ctx.out.warn(noTaskInCommon(agreement.dataset, offlineSample, 'at least two of them'));
}
