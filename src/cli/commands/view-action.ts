// What `view` does once parsed (and `score --view` after a run): the ink app at a terminal, static charts
// and the top of the occupations table otherwise. Ink loads only when the app is shown.
import type { Analysis } from '../../analysis/types.js';
import { loadAnalysis } from '../../analysis/load.js';
import { reportBundle } from '../../report/json.js';
import { renderStaticView } from '../../ui/static-view.js';
import { recomputeFrom, type Recompute } from '../../ui/scenario.js';
import type { AnalysisFlags } from '../analysis-options.js';
import { analysisRequest } from '../analysis-request.js';
import type { CommandContext } from '../context.js';

export async function viewAction(ctx: CommandContext, flags: AnalysisFlags): Promise<void> {
  const loaded = await loadAnalysis(analysisRequest(flags, ctx));
  // --json: what the view shows, as data (the report bundle of export), never a screen.
  if (ctx.out.options.json) return ctx.out.json(reportBundle(loaded.analysis));
  await showView(ctx, { analysis: loaded.analysis });
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
