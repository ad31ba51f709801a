// What `score` does once parsed: runScore with progress on stderr, then the summary and the headline.
// Ctrl-C aborts cleanly: replies already on their way are stored, and the summary says how to resume.
import { ExitError } from '../../errors.js';
import { runScore, type RunScoreResult } from '../../score/score-run.js';
import type { ScoreFlags } from '../../score/config.js';
import { analyze } from '../../analysis/analyze.js';
import { headline, type Headline } from '../../analysis/headline.js';
import type { Analysis } from '../../analysis/types.js';
import { TOOL_VERSION } from '../../data/package-root.js';
import { scenarioFrom, type ScenarioFlags } from '../analysis-options.js';
import type { CommandContext } from '../context.js';
import { formatHeadline } from '../headline-messages.js';
import { createScoreProgress } from '../score-progress.js';
import { printOffline, printPlan, printSummary, resultJson } from './score-messages.js';

export interface ScoreOptions extends ScoreFlags, ScenarioFlags {
  view?: boolean;
  occupation?: string[];
  majorGroup?: string[];
  limit?: number;
  sample?: number;
  seed?: number;
  dryRun?: boolean;
  batchApi?: boolean;
  timeout?: number;
}

export async function scoreAction({ out, env, cwd }: CommandContext, options: ScoreOptions): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    out.warn('Stopping: waiting for replies already on their way (Ctrl-C again to quit now)...');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let result: RunScoreResult;
  try {
    result = await runScore(
      {
        flags: { ...options, timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined },
        selection: { occupations: options.occupation, majorGroups: options.majorGroup, limit: options.limit, sample: options.sample, seed: options.seed },
        dryRun: options.dryRun,
        batchApi: options.batchApi,
        env,
        cwd,
        signal: controller.signal,
      },
      {
        onEvent: (event) => {
          if (event.type === 'offline' && !out.options.json) printOffline(out, event.model, event.reason);
          if (event.type === 'plan' && !out.options.json) printPlan(out, event.plan);
          view.onEvent(event);
        },
      },
    );
  } finally {
    view.stop();
    process.off('SIGINT', onSigint);
  }
  const summary = result.status === 'dry-run' || result.scores.length === 0 ? undefined : analyzeRun(result, options);
  if (out.options.json) out.json({ ...resultJson(result), ...(summary ? { headline: summary.headline } : {}) });
  else if (result.status === 'dry-run') out.info('Dry run: nothing was sent.');
  else {
    printSummary(out, result);
    if (summary && !options.view) out.data(`\n${formatHeadline(out, summary.headline)}`);
  }
  if (options.view && summary && !out.options.json) {
    const { showView } = await import('./view-action.js');
    await showView({ out, env, cwd }, { analysis: summary.analysis });
  }
  if (result.status === 'interrupted') throw new ExitError(130);
  if (result.status === 'budget' || result.status === 'failures') throw new ExitError(1);
}

/** What the run's scores mean: the headline of the dataset analysed with them under the chosen scenario. */
function analyzeRun(result: RunScoreResult, flags: ScenarioFlags): { analysis: Analysis; headline: Headline } {
  const scenario = scenarioFrom(flags);
  const analysis = analyze({ dataset: result.dataset, scores: result.scores, scorer: result.scorer, ...scenario, toolVersion: TOOL_VERSION });
  return { analysis, headline: headline(analysis) };
}
