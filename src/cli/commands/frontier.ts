// `ai-frontier frontier`: the yearly table of dark / white / grey and a static chart of it.
import type { Command } from 'commander';
import { headline, newWorkHighlights } from '../../analysis/headline.js';
import { loadAnalysis } from '../../analysis/load.js';
import { newWorkStatement } from '../../analysis/statements.js';
import { frontierNotesText, provenanceText } from '../analysis-messages.js';
import { explainOccupation, frontierBacktest, loadCalibrationFile } from '../../frontier/index.js';
import { addDataOptions, addScenarioOptions, analysisRequest, CAPABILITY_HELP, PRESET_HELP, type AnalysisFlags } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import { frontierChart } from '../charts.js';
import { printBacktest, printExplanation, printFrontierTable } from '../frontier-messages.js';
import { UsageError } from '../../errors.js';

interface FrontierFlags extends AnalysisFlags {
  chart: boolean;
  backtest?: boolean;
  explain?: string;
}

/** The as-of date a backtest uses when none is given: before the 2025 models, whose faster growth it tests. */
const BACKTEST_AS_OF = '2024-12';

export function registerFrontier(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'frontier').description(
    'the frontier year by year: dark (automated work), white (existing human work), grey (new work)',
  );
  addDataOptions(command);
  addScenarioOptions(command);
  command
    .option('--no-chart', 'print the table only')
    .option('--backtest', `refit the time axis with the facts known before --as-of (default ${BACKTEST_AS_OF}) and print predicted against observed for every later fact`)
    .option('--explain <code>', 'the chain behind one occupation\'s figures: each task\'s duration, when it comes into use and is automated, every parameter with its source')
    .addHelpText(
      'after',
      `${CAPABILITY_HELP}

New-work presets:
${PRESET_HELP}

Examples:
  $ ai-frontier frontier
  $ ai-frontier frontier --from 2023                        the path so far, then the frontier
  $ ai-frontier frontier --capability trend-2019 --horizon-year 2050
  $ ai-frontier frontier --explain 15-1252.00               why Software Developers' figures are what they are
  $ ai-frontier frontier --backtest --as-of 2024-12         fitted on what was known then, against what came after
  $ ai-frontier frontier --time-model legacy --adoption-lag 8 --json`,
    )
    .action(async (flags: FrontierFlags, cmd: Command) => {
      const ctx = context(cmd);
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
      if (flags.chart) ctx.out.data(`\n${frontierChart(analysis.frontier, { color: ctx.out.options.color })}`);
      else ctx.out.data('');
      printFrontierTable(ctx.out, analysis.frontier);
      const notes = frontierNotesText(ctx.out, analysis);
      if (notes) ctx.out.data(notes);
      const examples = newWorkHighlights(analysis, 5);
      ctx.out.data(`\n${ctx.out.style.bold(newWorkStatement(analysis))}`);
      for (const e of examples) ctx.out.data(`  - ${e.text} ${ctx.out.style.dim(`[${e.occupationCode ?? e.majorGroup ?? ''}${e.year ? `, ${e.year}` : ''}]`)}`);
      if (analysis.newWork.length > examples.length) ctx.out.data(ctx.out.style.dim(`  (all ${analysis.newWork.length.toLocaleString('en-US')} are in new-work.csv: \`ai-frontier export\`)`));
    });
}
