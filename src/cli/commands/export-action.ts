// What `export` does once parsed: the analysis, then every file staged and renamed together.
import path from 'node:path';
import { loadAnalysis } from '../../analysis/load.js';
import { exportReports, parseFormats } from '../../report/export.js';
import { analysisRequest, type AnalysisFlags } from '../analysis-options.js';
import type { CommandContext } from '../context.js';
import { formatInteger } from '../format.js';

export interface ExportFlags extends AnalysisFlags {
  format: string;
  out: string;
}

export async function exportAction(ctx: CommandContext, flags: ExportFlags): Promise<void> {
  const formats = parseFormats(flags.format);
  const loaded = await loadAnalysis(analysisRequest(flags, ctx));
  ctx.out.info(ctx.out.style.dim(loaded.scorerNote));
  const outDir = path.resolve(ctx.cwd, flags.out);
  const result = await exportReports(loaded.analysis, { outDir, formats });
  if (ctx.out.options.json) {
    ctx.out.json({ outDir, files: result.files, scorer: loaded.analysis.scorer.name, dataset: loaded.analysis.dataset.name });
    return;
  }
  for (const file of result.files) ctx.out.data(`${path.relative(ctx.cwd, file.path) || file.path}  ${formatInteger(file.bytes)} bytes`);
  ctx.out.info(`wrote ${result.files.length} files to ${outDir}`);
}
