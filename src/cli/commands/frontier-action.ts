// What `frontier` does once parsed: the analysis, then the backtest, one occupation's explanation, or the
// chart, the yearly table, the frontier's notes and examples of new work.
import { headline, newWorkHighlights } from '../../analysis/headline.js';
import { loadAnalysis } from '../../analysis/load.js';
import { newWorkStatement } from '../../analysis/statements.js';
import { countText } from '../../count-text.js';
import { UsageError } from '../../errors.js';
import { explainOccupation, frontierBacktest, loadCalibrationFile } from '../../frontier/index.js';
import { frontierNotesText, provenanceText } from '../analysis-messages.js';
import type { AnalysisFlags } from '../analysis-options.js';
import { analysisRequest } from '../analysis-request.js';
import type { CommandContext } from '../context.js';
import { printBacktest, printExplanation, printFrontierTable } from '../frontier-messages.js';
import { BACKTEST_AS_OF } from './frontier.js';

export interface FrontierFlags extends AnalysisFlags {
  chart: boolean;
  backtest?: boolean;
  explain?: string;
}

export async function frontierAction(ctx: CommandContext, flags: FrontierFlags): Promise<void> {
  if (flags.backtest && flags.explain) throw new UsageError('give --backtest or --explain, not both');
  const request = analysisRequest(flags.backtest ? { ...flags, asOf: undefined } : flags, ctx);
  const { analysis, dataset, scores } = await loadAnalysis(request);
  if (flags.backtest) {
    const result = frontierBacktest({ ...request.frontier, dataset, scores, taskWeights: request.taskWeights, weight: request.weight, asOf: flags.asOf ?? BACKTEST_AS_OF });
    if (ctx.out.options.json) ctx.out.json(result);
    else {
      ctx.out.data(provenanceText(ctx.out, analysis));
      printBacktest(ctx.out, result);
    }
    return;
  }
  if (flags.explain) {
    const explained = explainOccupation({
      code: flags.explain,
      series: analysis.frontier,
      facts: loadCalibrationFile(),
      inputs: { dataset, scores, measure: analysis.frontier.params.measure, taskWeights: analysis.params.taskWeights },
    });
    if (ctx.out.options.json) ctx.out.json(explained);
    else {
      ctx.out.data(provenanceText(ctx.out, analysis));
      printExplanation(ctx.out, explained);
    }
    return;
  }
  if (ctx.out.options.json) {
    ctx.out.json({
      params: analysis.frontier.params,
      years: analysis.frontier.years,
      byGroup: analysis.frontier.byGroup,
      headline: headline(analysis),
      newWork: analysis.newWork,
    });
    return;
  }
  ctx.out.data(provenanceText(ctx.out, analysis));
  if (flags.chart) {
    const { frontierChart } = await import('../charts.js');
    ctx.out.data(`\n${frontierChart(analysis.frontier, { color: ctx.out.options.color })}`);
  } else ctx.out.data('');
  printFrontierTable(ctx.out, analysis.frontier);
  const notes = frontierNotesText(ctx.out, analysis);
  if (notes) ctx.out.data(notes);
  const examples = newWorkHighlights(analysis, 5);
  ctx.out.data(`\n${ctx.out.style.bold(newWorkStatement(analysis))}`);
  for (const e of examples) ctx.out.data(`  - ${e.text} ${ctx.out.style.dim(`[${e.occupationCode ?? e.majorGroup ?? ''}${e.year ? `, ${e.year}` : ''}]`)}`);
  if (analysis.newWork.length > examples.length) ctx.out.data(ctx.out.style.dim(`  (all ${countText(analysis.newWork.length)} are in new-work.csv: \`ai-frontier export\`)`));
}
