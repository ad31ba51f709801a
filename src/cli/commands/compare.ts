// `ai-frontier compare A B`: how far two scorers agree, on tasks and on occupations. The definition only;
// the scorers and the dataset load when the command runs (compare-action.ts).
import { Option, type Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import type { CompareFlags } from './compare-action.js';

export function registerCompare(program: Command, context: ContextFactory): void {
  subcommand(program, 'compare')
    .description('agreement between two scorers: accuracy, confusion matrix, Cohen\'s kappa, occupation correlations')
    .argument('<a>', 'a scorer: offline, an imported label set, or a model run (see `scores list`)')
    .argument('<b>', 'the other scorer')
    .option('--dataset <name|path>', 'the tasks to compare on (task types weigh occupations)', 'sample')
    .option('--store <path>', 'score store file (default: the user data folder)')
    .addOption(new Option('--task-weights <how>', 'task weights for occupation figures').choices(['core', 'equal', 'importance']).default('core'))
    .option('--in-sample', 'with an offline scorer, also count the tasks it trained on (their figures flatter it)')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier scores import full_labelset.tsv --name gpt4
  $ ai-frontier scores import full_labelset.tsv --name human --column human_exposure_agg
  $ ai-frontier compare human gpt4 --dataset full_labelset.tsv
  $ ai-frontier compare offline gpt4 --dataset full_labelset.tsv --json
  $ ai-frontier compare offline:human human --dataset full_labelset.tsv

With an offline scorer (offline, offline:human, offline:gpt4), only tasks the offline model never saw in
training are compared: neither their occupation nor their statement was among its training data. --in-sample counts every task, and says so.`,
    )
    .action(async (a: string, b: string, flags: CompareFlags, command: Command) => {
      const { compareAction } = await import('./compare-action.js');
      await compareAction(context(command), a, b, flags);
    });
}
