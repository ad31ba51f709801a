// `ai-frontier scores import|consensus|list|show|clear|repair|batch-status`: what the score store holds, and its Batch API jobs.
// The definitions only; the store and the Batch API client load when a subcommand runs (scores-actions.ts).
import type { Command } from 'commander';
import type { ContextFactory } from '../context.js';
import { subcommand } from '../context.js';
import { registerScoresImport } from './scores-import.js';
import { registerScoresConsensus } from './scores-consensus.js';
import type { StoreFlag } from './scores-actions.js';

export function registerScores(program: Command, context: ContextFactory): void {
  const scores = subcommand(program, 'scores').description('import labels, build a consensus, list, show and clear stored scores; follow Batch API jobs');
  const actions = () => import('./scores-actions.js');

  registerScoresImport(scores, context);
  registerScoresConsensus(scores, context);

  subcommand(scores, 'list')
    .description('scorers in the store with their counts, models, tokens and cost')
    .option('--store <path>', 'score store file')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier scores list\n  $ ai-frontier scores list --json')
    .action(async (flags: StoreFlag, command: Command) => {
      await (await actions()).listAction(context(command), flags);
    });

  subcommand(scores, 'show')
    .description('every stored score of one task, across scorers, with rationales')
    .argument('<taskId>', 'O*NET Task ID')
    .option('--occupation <code>', 'only the task under this O*NET-SOC code')
    .option('--store <path>', 'score store file')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier scores show 900101          a task of the bundled sample\n  $ ai-frontier scores show 8823 --json    a task of O*NET or the GPTs-are-GPTs label set')
    .action(async (taskId: string, flags: StoreFlag & { occupation?: string }, command: Command) => {
      await (await actions()).showAction(context(command), taskId, flags);
    });

  subcommand(scores, 'clear')
    .description('delete stored scores: one scorer with --scorer, or all')
    .option('--scorer <name>', 'only this scorer (see `scores list`)')
    .option('--yes', 'do not ask; required when not at a terminal')
    .option('--store <path>', 'score store file')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier scores clear --scorer offline --yes\n  $ ai-frontier scores clear --yes')
    .action(async (flags: StoreFlag & { scorer?: string; yes?: boolean }, command: Command) => {
      await (await actions()).clearAction(context(command), flags);
    });

  subcommand(scores, 'repair')
    .description('copy every readable row of a damaged store into a new one, keeping the damaged file beside it')
    .option('--store <path>', 'score store file')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier scores repair\n  $ ai-frontier scores repair --store ./scores.db')
    .action(async (flags: StoreFlag, command: Command) => {
      (await actions()).repairAction(context(command), flags);
    });

  subcommand(scores, 'batch-status')
    .description('OpenAI Batch API jobs in the store; with an id, check it and ingest its results when done')
    .argument('[batchId]', 'a batch id from `score --batch-api`')
    .option('--wait', 'keep polling until the batch ends')
    .option('--store <path>', 'score store file')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier scores batch-status\n  $ ai-frontier scores batch-status batch_abc123 --wait')
    .action(async (batchId: string | undefined, flags: StoreFlag & { wait?: boolean }, command: Command) => {
      await (await actions()).batchStatusAction(context(command), batchId, flags);
    });
}
