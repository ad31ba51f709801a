// `ai-frontier scores consensus A B C --name N`: a consensus of several scorers, stored as a scorer of its own.
// The definition only; the scorers, the dataset and the store load when the command runs (scores-consensus-action.ts).
import type { Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import { positiveInt } from '../option-parsers.js';
import type { ConsensusFlags } from './scores-consensus-action.js';

export function registerScoresConsensus(scores: Command, context: ContextFactory): void {
  subcommand(scores, 'consensus')
    .description('store the consensus of two or more scorers as a scorer named NAME (majority exposure, median automation)')
    .argument('<scorers...>', 'two or more scorers: offline, imported label sets, model runs (see `scores list`)')
    .requiredOption('--name <name>', 'the scorer name to store the consensus under (used with --scorer and compare)')
    .option('--dataset <name|path>', 'the tasks to build the consensus on', 'sample')
    .option('--min-scorers <k>', 'tasks scored by at least k of the scorers get a consensus (default: all of them)', positiveInt('--min-scorers'))
    .option('--replace', 'store under NAME even when a scorer that is not a consensus already has that name (its scores are deleted)')
    .option('--store <path>', 'score store file (default: the user data folder)')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier scores consensus human gpt4 offline --name panel --dataset full_labelset.tsv
  $ ai-frontier frontier --dataset full_labelset.tsv --scorer panel
  $ ai-frontier compare panel human gpt4 --dataset full_labelset.tsv
  $ ai-frontier scores consensus custom:model-a custom:model-b offline --name panel --min-scorers 2 --json

Per task: the majority exposure and mode, the median automation level, horizon and duration, the mean
confidence. Tie rule: a tie goes to the least of the tied values (exposure E0 < E2 < E1 by beta, mode
none < augment < automate, automation the lower of the two middle levels), so a consensus never claims more
exposure than a majority gave; a horizon between two years takes the later. Each tie is counted in the output
and named, with every scorer's vote, in the task's rationale (\`scores show TASK\`, export's tasks.csv).
Building it again under the same name replaces it. It does not become the dataset's default scorer: the
default stays the scorer \`score\` last ran; pass --scorer NAME to frontier, export or view.`,
    )
    .action(async (scorers: string[], flags: ConsensusFlags, command: Command) => {
      const { consensusAction } = await import('./scores-consensus-action.js');
      await consensusAction(context(command), scorers, flags);
    });
}
