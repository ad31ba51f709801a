// `ai-frontier frontier`: the yearly table of dark / white / grey and a static chart of it.
import type { Command } from 'commander';
import { headline } from '../../analysis/headline.js';
import { loadAnalysis } from '../../analysis/load.js';
import type { FrontierSeries } from '../../frontier/types.js';
import { addDataOptions, addScenarioOptions, analysisRequest, PRESET_HELP, type AnalysisFlags } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import { formatInteger, formatPercent, table } from '../format.js';
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
      const loaded = await loadAnalysis(analysisRequest(flags, ctx));
      ctx.out.info(ctx.out.style.dim(loaded.scorerNote));
      const { analysis } = loaded;
      if (ctx.out.options.json) {
        ctx.out.json({ params: analysis.frontier.params, years: analysis.frontier.years, byGroup: analysis.frontier.byGroup, headline: headline(analysis), newWork: analysis.newWork });
        return;
      }
      if (flags.chart) ctx.out.data(frontierChart(analysis.frontier, { color: ctx.out.options.color }));
      printFrontierTable(ctx.out, analysis.frontier);
      const examples = analysis.newWork.slice(0, 5);
      if (examples.length) {
        ctx.out.data(`\n${ctx.out.style.bold('Examples of new work')} ${ctx.out.style.dim(`(${analysis.newWork.length} in all; export lists them)`)}`);
        for (const e of examples) ctx.out.data(`  - ${e.text} ${ctx.out.style.dim(`[${e.occupationCode ?? e.majorGroup ?? ''}, ${e.source}]`)}`);
      }
    });
}

export function printFrontierTable(out: Output, frontier: FrontierSeries): void {
  const p = frontier.params;
  out.data(
    `${out.style.bold('Frontier')} ${p.baseYear}-${p.horizonYear}: measure ${p.measure}, adoption lag ${p.adoption.lag} y, ` +
      `speed ${p.adoption.speed}, ceiling ${p.adoption.ceiling}; new work ${p.newWork.preset ?? 'custom'} (rho ${round(p.newWork.rho)}, eta ${round(p.newWork.eta)}); ` +
      `${formatInteger(p.employment)} base-year workers`,
  );
  out.data(
    table(
      frontier.years.map((y) => [
        String(y.year),
        formatPercent(y.dark),
        formatPercent(y.white),
        formatPercent(y.grey),
        formatInteger(y.darkJobs),
        formatInteger(y.greyJobs),
        (y.netJobs < 0 ? '-' : '+') + formatInteger(Math.abs(y.netJobs)),
      ]),
      { header: ['year', 'dark', 'white', 'grey', 'jobs automated', 'new jobs', 'net'], align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'] },
    ),
  );
}

function round(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}
