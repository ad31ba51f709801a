// `ai-frontier export`: CSV, JSON and a standalone HTML report into reports/ (or --out), all files or none.
// The definition only; the analysis and the writers load when the command runs (export-action.ts).
import type { Command } from 'commander';
import { addDataOptions, addScenarioOptions, PRESET_HELP } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import type { ExportFlags } from './export-action.js';

export const DEFAULT_OUT_DIR = 'reports';

export function registerExport(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'export').description(
    'write tasks, occupations, groups, frontier and new-work CSVs, a JSON bundle and an HTML report',
  );
  addDataOptions(command);
  addScenarioOptions(command);
  command
    .option('--format <list>', 'comma-separated formats: csv, json, html', 'csv,json,html')
    .option('--out <dir>', 'folder to write into', DEFAULT_OUT_DIR)
    .addHelpText(
      'after',
      `
Files: tasks.csv, occupations.csv, groups.csv, frontier.csv, new-work.csv, report.json, report.html.
Every file is written to a temporary name first and renamed when all are written: a failed export
leaves no partial file.

New-work presets:
${PRESET_HELP}

Examples:
  $ ai-frontier export
  $ ai-frontier export --format html --out ./out
  $ ai-frontier export --dataset full_labelset.tsv --scorer gpt4 --oews national_M2024_dl.xlsx`,
    )
    .action(async (flags: ExportFlags, cmd: Command) => {
      const { exportAction } = await import('./export-action.js');
      await exportAction(context(cmd), flags);
    });
}
