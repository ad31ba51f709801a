// What `frontier` does once parsed: the analysis, then the chart, the yearly table and examples of new work.
import { headline } from '../../analysis/headline.js';
import { loadAnalysis } from '../../analysis/load.js';
import type { FrontierSeries } from '../../frontier/types.js';
import { analysisRequest, type AnalysisFlags } from '../analysis-options.js';
import type { CommandContext } from '../context.js';
import { formatInteger, formatPercent, table } from '../format.js';
import type { Output } from '../output.js';

export interface FrontierFlags extends AnalysisFlags {
  chart: boolean;
}

export async function frontierAction(ctx: CommandContext, flags: FrontierFlags): Promise<void> {
  const loaded = await loadAnalysis(analysisRequest(flags, ctx));
  ctx.out.info(ctx.out.style.dim(loaded.scorerNote));
  const { analysis } = loaded;
  if (ctx.out.options.json) {
    ctx.out.json({ params: analysis.frontier.params, years: analysis.frontier.years, byGroup: analysis.frontier.byGroup, headline: headline(analysis), newWork: analysis.newWork });
    return;
  }
  if (flags.chart) {
    const { frontierChart } = await import('../charts.js');
    ctx.out.data(frontierChart(analysis.frontier, { color: ctx.out.options.color }));
  }
  printFrontierTable(ctx.out, analysis.frontier);
  const examples = analysis.newWork.slice(0, 5);
  if (examples.length) {
    ctx.out.data(`\n${ctx.out.style.bold('Examples of new work')} ${ctx.out.style.dim(`(${analysis.newWork.length} in all; export lists them)`)}`);
    for (const e of examples) ctx.out.data(`  - ${e.text} ${ctx.out.style.dim(`[${e.occupationCode ?? e.majorGroup ?? ''}, ${e.source}]`)}`);
  }
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
