// What `export` does once parsed: the output folder checked first, the analysis, then every file staged and
// renamed together.
import path from 'node:path';
import { loadAnalysis } from '../../analysis/load.js';
import { exportReports, parseFormats, prepareOutDir } from '../../report/export.js';
import { provenanceText } from '../analysis-messages.js';
import type { AnalysisFlags } from '../analysis-options.js';
import { analysisRequest } from '../analysis-request.js';
import type { CommandContext } from '../context.js';
import { formatInteger } from '../format.js';

export interface ExportFlags extends AnalysisFlags {
  format: string;
  out: string;
}

export async function exportAction(ctx: CommandContext, flags: ExportFlags): Promise<void> {
  const formats = parseFormats(flags.format);
  const outDir = path.resolve(ctx.cwd, flags.out);
  prepareOutDir(outDir);
  const { analysis } = await loadAnalysis(analysisRequest(flags, ctx));
  const result = await exportReports(analysis, { outDir, formats });
  if (ctx.out.options.json) {
    ctx.out.json({
      outDir,
      files: result.files,
      scorer: analysis.scorer.name,
      scorerChoice: analysis.scorer.choice,
      dataset: analysis.dataset.name,
      employment: analysis.employment,
      coverage: analysis.coverage,
    });
    return;
  }
  ctx.out.data(provenanceText(ctx.out, analysis));
  for (const file of result.files) ctx.out.data(`${path.relative(ctx.cwd, file.path) || file.path}  ${formatInteger(file.bytes)} bytes`);
  ctx.out.info(`wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${outDir}`);
}
