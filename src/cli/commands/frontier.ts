// `ai-frontier frontier`: the yearly table of dark / white / grey and a static chart of it.
import type { Command } from 'commander';
import { headline, newWorkHighlights } from '../../analysis/headline.js';
import { loadAnalysis } from '../../analysis/load.js';
import { newWorkStatement } from '../../analysis/statements.js';
import { frontierNotesText, provenanceText } from '../analysis-messages.js';
import type { FrontierSeries } from '../../frontier/types.js';
import { addDataOptions, addScenarioOptions, analysisRequest, PRESET_HELP, type AnalysisFlags } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import { formatInteger, formatPercent, formatSigned, table } from '../format.js';
import type { Output } from '../output.js';
import { frontierChart } from '../charts.js';

export function registerFrontier(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'frontier').description(
    'the frontier year by year: dark (automated work), white (existing human work), grey (new work)',
  );
  addDataOptions(command);
  addScenarioOptions(command);
  command
    .option('--no-chart', 'print the table only')
    .addHelpText(
      'after',
      `
New-work presets:
${PRESET_HELP}

Examples:
  $ ai-frontier frontier
  $ ai-frontier frontier --preset autor-new-titles --horizon-year 2050
  $ ai-frontier frontier --measure automation --adoption-lag 8 --json`,
    )
    .action(async (flags: AnalysisFlags & { chart: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const { analysis } = await loadAnalysis(analysisRequest(flags, ctx));
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

export function printFrontierTable(out: Output, frontier: FrontierSeries): void {
  const p = frontier.params;
  const jobs = p.weightedBy !== 'occupations';
  const whose =
    p.weightedBy === 'occupations'
      ? `${formatInteger(p.occupationCount)} occupations counted once each (no employment: jobs not counted)`
      : p.weightedBy === 'wages'
        ? `shares of the wage bill of ${formatInteger(p.occupationCount)} occupations with ${formatInteger(p.employment)} base-year workers`
        : `${formatInteger(p.employment)} base-year workers in ${formatInteger(p.occupationCount)} occupations`;
  out.data(
    `${out.style.bold('Frontier')} ${p.baseYear}-${p.horizonYear}: measure ${p.measure}, adoption lag ${p.adoption.lag} y, ` +
      `speed ${p.adoption.speed}, ceiling ${p.adoption.ceiling}; new work ${p.newWork.preset ?? 'custom'} (rho ${round(p.newWork.rho)}, eta ${round(p.newWork.eta)}); ${whose}`,
  );
  const header = ['year', 'dark', 'white', 'grey', ...(jobs ? ['jobs automated', 'new jobs', 'net'] : [])];
  out.data(
    table(
      frontier.years.map((y) => [
        String(y.year),
        formatPercent(y.dark),
        formatPercent(y.white),
        formatPercent(y.grey),
        ...(jobs ? [formatInteger(y.darkJobs), formatInteger(y.greyJobs), formatSigned(y.netJobs)] : []),
      ]),
      { header, align: header.map((_, i) => (i === 0 ? 'left' : 'right')) },
    ),
  );
}

function round(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}
