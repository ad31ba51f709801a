// `ai-frontier datasets list|info|validate|fetch`: what data the tool can see, and whether it is sound.
import type { Command } from 'commander';
import { listDatasets } from '../../data/catalog.js';
import { resolveDataset } from '../../data/resolve.js';
import { summarizeDataset } from '../../data/summary.js';
import { validateSource } from '../../data/validate.js';
import { ExitError } from '../../errors.js';
import { subcommand, type ContextFactory } from '../context.js';
import { registerFetch } from './fetch.js';
import { printCatalog, printSummary, printProblems } from './datasets-messages.js';

export function registerDatasets(program: Command, context: ContextFactory): void {
  const datasets = subcommand(program, 'datasets').description('list, inspect, validate and fetch occupation and task datasets');

  subcommand(datasets, 'list')
    .description('bundled, downloaded and registered datasets with their counts')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier datasets list\n  $ ai-frontier datasets list --json')
    .action(async (_options, command: Command) => {
      const ctx = context(command);
      const entries = await listDatasets({ env: ctx.env, cwd: ctx.cwd });
      if (ctx.out.options.json) ctx.out.json(entries);
      else printCatalog(ctx.out, entries);
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
      const ctx = context(command);
      const dataset = await resolveDataset(spec, { env: ctx.env, cwd: ctx.cwd, oews: options.oews });
      const summary = summarizeDataset(dataset);
      if (ctx.out.options.json) ctx.out.json(summary);
      else printSummary(ctx.out, summary, { oewsGiven: options.oews !== undefined && options.oews !== 'none' });
    });

  subcommand(datasets, 'validate')
    .description('check a dataset file or folder and list every problem found (exit 0 when none, 1 otherwise)')
    .argument('<path>', 'an O*NET folder or zip, a task table (TSV/CSV) or a BLS OEWS file (xlsx/CSV)')
    .addHelpText('after', '\nExamples:\n  $ ai-frontier datasets validate ./db_29_1_text\n  $ ai-frontier datasets validate ./labels.tsv')
    .action(async (file: string, _options, command: Command) => {
      const ctx = context(command);
      const report = await validateSource(file, { env: ctx.env, cwd: ctx.cwd });
      if (ctx.out.options.json) ctx.out.json(report);
      else printProblems(ctx.out, report);
      if (report.problems.some((p) => p.severity === 'error')) throw new ExitError(1);
    });

  registerFetch(datasets, context);
}
