// `ai-frontier view`: the interactive terminal app over one analysis; without a terminal (a pipe, CI)
// the static charts and the top of the occupations table instead. Ink loads only when it is needed.
import type { Command } from 'commander';
import type { Analysis } from '../../analysis/types.js';
import { loadAnalysis } from '../../analysis/load.js';
import { reportBundle } from '../../report/json.js';
import { renderStaticView } from '../../ui/static-view.js';
import { recomputeFrom, type Recompute } from '../../ui/scenario.js';
import { addDataOptions, addScenarioOptions, analysisRequest, type AnalysisFlags } from '../analysis-options.js';
import type { CommandContext, ContextFactory } from '../context.js';
import { subcommand } from '../context.js';

const EXAMPLES = `
Keys: ←/→ year, r rings, Tab occupations, / filter, s sort, g group, Enter open, p preset, m measure, q quit.

Examples:
  $ ai-frontier view                                   the bundled sample, stored or offline scores
  $ ai-frontier view --dataset onet-29.1 --oews 2024 --scorer openai:gpt-4.1-mini
  $ ai-frontier view --preset autor-new-titles --measure automation
  $ ai-frontier view | less                            static charts and table (no terminal)
  $ ai-frontier view --json                            the same figures as JSON (the report bundle of export)`;

export function registerView(program: Command, context: ContextFactory): void {
  const view = subcommand(program, 'view').description('explore the frontier and the occupations interactively (static charts without a terminal)');
  addDataOptions(view);
  addScenarioOptions(view);
  view.addHelpText('after', EXAMPLES).action(async (flags: AnalysisFlags, command: Command) => {
    const ctx = context(command);
    const loaded = await loadAnalysis(analysisRequest(flags, ctx));
    // --json: what the view shows, as data (the report bundle of export), never a screen.
    if (ctx.out.options.json) return ctx.out.json(reportBundle(loaded.analysis));
    await showView(ctx, { analysis: loaded.analysis });
  });
}

/** True when the view can take the keyboard and redraw the screen. */
export function canRunInteractive(env: NodeJS.ProcessEnv): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY) && !env.CI;
}

/** Opens the view on an analysis (also for `score --view`): interactive at a terminal, static text otherwise. */
export async function showView(ctx: CommandContext, options: { analysis: Analysis; recompute?: Recompute }): Promise<void> {
  const recompute = options.recompute ?? recomputeFrom(options.analysis);
  if (!canRunInteractive(ctx.env)) {
    ctx.out.data(renderStaticView(options.analysis, { width: process.stdout.columns || 100, color: ctx.out.options.color }));
    return;
  }
  // React's development build checks every render; the app is fast enough for 50 ms key presses only without it.
  process.env.NODE_ENV ??= 'production';
  const { runInteractive } = await import('../../ui/run.js');
  await runInteractive({ analysis: options.analysis, recompute, color: ctx.out.options.color });
}
