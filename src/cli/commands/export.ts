// `ai-frontier export`: CSV, JSON and a standalone HTML report into reports/ (or --out), all files or none.
// The definition only; the analysis and the writers load when the command runs (export-action.ts).
import type { Command } from 'commander';
import { addDataOptions, addPresetHelp, addScenarioOptions } from '../analysis-options.js';
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
    .action(async (flags: ExportFlags, cmd: Command) => {
      const { exportAction } = await import('./export-action.js');
      await exportAction(context(cmd), flags);
    });
  addPresetHelp(
    command,
    (presets) => `
Files (columns in reports/README.md):
  tasks.csv            one row per task: its text, type, ratings and its score (exposure, automation, mode,
                       horizon, confidence, rationale, scorer)
  occupations.csv      one row per occupation: employment, wages, tasks scored, alpha/beta/zeta, automation,
                       the frontier's exposed share and dark/grey in the horizon year, notes
  groups.csv           one row per SOC major group, a row for occupations without task data, and the total
  frontier.csv         the workforce year by year: dark, white, grey shares and jobs, and the band
  frontier-detail.csv  the same per major group and per occupation, one row per year (long form), with the
                       exposed, feasible and in-use shares and the band
  new-work.csv         every example of new work with its source
  report.json          everything above at full precision, with the scorer, data and parameters
  report.html          a standalone report: headline, frontier chart, rings, occupations, groups, method
In the CSVs, people and jobs are whole numbers and shares (0..1) are rounded to 4 decimal places
(0.01 percentage point); report.json keeps full precision. Every file is written to a temporary name
first and renamed when all are written: a failed export leaves no partial file. With SOURCE_DATE_EPOCH
set (seconds since 1970), reports carry that time instead of now, so two exports can be compared byte for byte.

New-work presets:
${presets}

Examples:
  $ ai-frontier export
  $ ai-frontier export --format html --out ./out
  $ ai-frontier export --dataset full_labelset.tsv --scorer gpt4 --oews national_M2024_dl.xlsx`,
  );
}
