// `ai-frontier export`: CSV, JSON and a standalone HTML report into reports/ (or --out), all files or none.
import path from 'node:path';
import type { Command } from 'commander';
import { loadAnalysis } from '../../analysis/load.js';
import { DEFAULT_OUT_DIR, exportReports, parseFormats, prepareOutDir } from '../../report/export.js';
import { addDataOptions, addScenarioOptions, analysisRequest, PRESET_HELP, type AnalysisFlags } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import { formatInteger } from '../format.js';

interface ExportFlags extends AnalysisFlags {
  format: string;
  out: string;
}

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
      const ctx = context(cmd);
      const formats = parseFormats(flags.format);
      const outDir = path.resolve(ctx.cwd, flags.out);
      prepareOutDir(outDir);
      const loaded = await loadAnalysis(analysisRequest(flags, ctx));
      ctx.out.info(ctx.out.style.dim(loaded.scorerNote));
      const result = await exportReports(loaded.analysis, { outDir, formats });
      if (ctx.out.options.json) {
        ctx.out.json({ outDir, files: result.files, scorer: loaded.analysis.scorer.name, dataset: loaded.analysis.dataset.name });
        return;
      }
      for (const file of result.files) ctx.out.data(`${path.relative(ctx.cwd, file.path) || file.path}  ${formatInteger(file.bytes)} bytes`);
      ctx.out.info(`wrote ${result.files.length} files to ${outDir}`);
    });
}
