// `ai-frontier scores import FILE --name NAME`: published labels become a scorer like any model run.
// The definition only; the label reader and the store load when the command runs (scores-import-action.ts).
import type { Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import type { ImportFlags } from './scores-import-action.js';

export function registerScoresImport(scores: Command, context: ContextFactory): void {
  subcommand(scores, 'import')
    .description('import published task labels (GPTs-are-GPTs form) as a scorer named NAME')
    .argument('<file>', 'a TSV with O*NET-SOC Code, Task ID, Task, Task Type, Title and a label column')
    .requiredOption('--name <name>', 'the scorer name to give the labels (used with --scorer and compare)')
    .option('--column <column>', 'the column with E0/E1/E2 labels', 'gpt4_exposure')
    .option('--automation-column <column>', 'a column with T0..T4 automation levels (e.g. gpt4_automation)')
    .option('--duration-column <column>', 'a column with hours per instance of each task (the frontier uses its prior where empty)')
    .option('--store <path>', 'score store file (default: the user data folder)')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier scores import full_labelset.tsv --name gpt4 --automation-column gpt4_automation
  $ ai-frontier scores import full_labelset.tsv --name human --column human_exposure_agg
  $ ai-frontier export --dataset full_labelset.tsv --scorer gpt4`,
    )
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      const { importAction } = await import('./scores-import-action.js');
      await importAction(context(command), file, flags);
    });
}
