// `ai-frontier datasets list|info|validate|fetch|cache`: what data the tool can see, and whether it is sound.
// The definitions only; loaders and checks load when a subcommand runs (datasets-actions.ts).
import type { Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import { registerFetch } from './fetch.js';

export function registerDatasets(program: Command, context: ContextFactory): void {
  const datasets = subcommand(program, 'datasets').description('list, inspect, validate, fetch and cache occupation and task datasets');
  const actions = () => import('./datasets-actions.js');

  subcommand(datasets, 'list')
    .description('bundled, downloaded and registered datasets with their counts')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier datasets list\n  $ ai-frontier datasets list --json')
    .action(async (_options, command: Command) => {
      await (await actions()).listAction(context(command));
    });

  subcommand(datasets, 'info')
    .description('occupations, tasks, Core share, major groups, employment covered and the join report')
    .argument('[dataset]', 'a dataset name (sample, onet-29.1) or a path to an O*NET folder or zip, or a task table', 'sample')
    .option('--oews <path|year>', 'join this BLS OEWS national file (xlsx or CSV), a fetched year, or none (default: the newest fetched)')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier datasets info sample
  $ ai-frontier datasets info ./db_29_1_text.zip --oews ./national_M2024_dl.xlsx
  $ ai-frontier datasets info onet-29.1 --oews 2024 --json`,
    )
    .action(async (spec: string, options: { oews?: string }, command: Command) => {
      await (await actions()).infoAction(context(command), spec, options);
    });

  subcommand(datasets, 'validate')
    .description('check a dataset file or folder and list every problem found (exit 0 when none, 1 otherwise)')
    .argument('<path>', 'an O*NET folder or zip, a task table (TSV/CSV) or a BLS OEWS file (xlsx/CSV)')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier datasets validate ./db_29_1_text\n  $ ai-frontier datasets validate ./labels.tsv')
    .action(async (file: string, _options, command: Command) => {
      await (await actions()).validateAction(context(command), file);
    });

  registerFetch(datasets, context);

  const cache = subcommand(datasets, 'cache').description('the parsed-dataset cache that makes a second run read one file instead of parsing');
  subcommand(cache, 'clear')
    .description('remove every parsed dataset, and the scores matched to them, from the cache (source files, downloads and the score store are not touched)')
    .addHelpText(
      'after',
      `
Parsed O*NET releases, task tables, OEWS files and their joins are kept in the user cache folder
(AI_FRONTIER_HOME overrides it) and rebuilt whenever a source file changes. Beside them, each scorer's scores
matched to a dataset's tasks, made again whenever a score in the store changes. --no-cache skips the cache.

Examples:
  $ ai-frontier datasets cache clear
  $ ai-frontier --no-cache frontier --dataset full_labelset.tsv --oews national_M2024_dl.xlsx`,
    )
    .action(async (_options, command: Command) => {
      await (await actions()).clearCacheAction(context(command));
    });
}
