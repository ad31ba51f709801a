// `ai-frontier compare A B [C ...]`: how far scorers agree, on tasks and on occupations. The definition only;
// the scorers and the dataset load when the command runs (compare-action.ts).
import { Option, type Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import { nonNegativeInt, numberBetween, positiveInt } from '../option-parsers.js';
import type { CompareFlags } from './compare-action.js';

export function registerCompare(program: Command, context: ContextFactory): void {
  subcommand(program, 'compare')
    .description(
      "agreement between scorers: two get accuracy, confusion matrix, Cohen's kappa and occupation correlations; " +
        "three or more get the pairwise kappa matrix and Krippendorff's alpha with bootstrap intervals",
    )
    .argument('<scorers...>', 'two or more scorers: offline, an imported label set, a model run or a consensus (see `scores list`)')
    .option('--dataset <name|path>', 'the tasks to compare on (task types weigh occupations)', 'sample')
    .option('--store <path>', 'score store file (default: the user data folder)')
    .addOption(new Option('--task-weights <how>', 'task weights for occupation figures').choices(['core', 'equal', 'importance']).default('core'))
    .option('--in-sample', 'with an offline scorer, also count the tasks it trained on (their figures flatter it)')
    .option('--alpha', "with two scorers, add Krippendorff's alpha and its interval to the pair report (always shown for three or more)")
    .option('--resamples <n>', "bootstrap resamples of tasks for alpha's interval (default: 1000)", positiveInt('--resamples'))
    .option('--level <p>', "confidence level of alpha's interval (default: 0.95)", numberBetween(0.5, 0.999))
    .option('--seed <n>', 'seed of the bootstrap draws: the same seed gives the same interval (default: 1)', nonNegativeInt('--seed'))
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier scores import full_labelset.tsv --name gpt4
  $ ai-frontier scores import full_labelset.tsv --name human --column human_exposure_agg
  $ ai-frontier compare human gpt4 --dataset full_labelset.tsv
  $ ai-frontier compare human gpt4 --dataset full_labelset.tsv --alpha
  $ ai-frontier compare human gpt4 offline --dataset full_labelset.tsv
  $ ai-frontier compare human gpt4 offline --dataset full_labelset.tsv --resamples 2000 --level 0.9 --json
  $ ai-frontier compare offline gpt4 --dataset full_labelset.tsv --json
  $ ai-frontier compare offline:human human --dataset full_labelset.tsv

With an offline scorer (offline, offline:human, offline:gpt4), only tasks the offline model never saw in
training are compared: neither their occupation nor their statement was among its training data. --in-sample counts every task, and says so.

Krippendorff's alpha counts every task at least two of the scorers rated (a scorer that skipped tasks still
counts where it did rate): nominal for exposure, ordinal for automation levels. Its interval is a bootstrap
percentile interval: tasks are drawn with replacement --resamples times with a fixed --seed, so the same
command gives the same interval; it shows how far alpha moves with the sample of tasks, not with the scorers.`,
    )
    .action(async (scorers: string[], flags: CompareFlags, command: Command) => {
      const { compareAction } = await import('./compare-action.js');
      await compareAction(context(command), scorers, flags);
    });
}
