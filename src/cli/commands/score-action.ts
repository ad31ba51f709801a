// What `score` does once parsed: runScore with progress on stderr, then the summary and the headline.
// Ctrl-C aborts cleanly: replies already on their way are stored, and the summary says how to resume.
import { ExitError, UsageError } from '../../errors.js';
import { runScore, type RunScoreResult } from '../../score/score-run.js';
import type { ScoreFlags } from '../../score/config.js';
import { analysisOf } from '../../analysis/load.js';
import { headline, type Headline } from '../../analysis/headline.js';
import type { Analysis } from '../../analysis/types.js';
import { withEmployment } from '../../data/resolve.js';
import { isProviderName } from '../../score/llm/providers.js';
import { offlineTargetOf } from '../../score/scorers.js';
import { scenarioFrom, type ScenarioFlags } from '../analysis-request.js';
import { provenanceText } from '../analysis-messages.js';
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
  scorer?: string;
  oews?: string;
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
  const flags = scorerFlags(options);
  const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let result: RunScoreResult;
  try {
    result = await runScore(
      {
        flags: { ...flags, timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined },
        selection: { occupations: options.occupation, majorGroups: options.majorGroup, limit: options.limit, sample: options.sample, seed: options.seed },
        dryRun: options.dryRun,
        batchApi: options.batchApi,
        env,
        cwd,
        signal: controller.signal,
      },
      {
        onEvent: (event) => {
          if (event.type === 'offline' && !out.options.json) printOffline(out, event);
          if (event.type === 'plan' && !out.options.json) printPlan(out, event.plan, { asData: options.dryRun });
          view.onEvent(event);
        },
      },
    );
  } finally {
    view.stop();
    process.off('SIGINT', onSigint);
  }
  const summary = result.status === 'dry-run' || result.scores.length === 0 ? undefined : await analyzeRun(result, options, { env, cwd });
  if (out.options.json) out.json({ ...resultJson(result), ...(summary ? { headline: summary.headline } : {}) });
  else if (result.status === 'dry-run') out.info('Dry run: nothing was sent.');
  else {
    printSummary(out, result);
    if (summary && !options.view) out.data(`\n${provenanceText(out, summary.analysis)}\n\n${formatHeadline(out, summary.headline)}`);
  }
  if (options.view && summary && !out.options.json) {
    const { showView } = await import('./view-action.js');
    await showView({ out, env, cwd }, { analysis: summary.analysis });
  }
  if (result.status === 'interrupted') throw new ExitError(130);
  if (result.status === 'budget' || result.status === 'failures') throw new ExitError(1);
}

/**
 * What the run's scores mean: the dataset's headline exactly as frontier, export and view show it from now on.
 * The run is recorded in the store, so the shared scorer rule picks its scorer, with every score it has
 * stored for the dataset (earlier runs included), not only this run's selection.
 */
async function analyzeRun(
  result: RunScoreResult,
  options: ScoreOptions,
  ctx: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<{ analysis: Analysis; headline: Headline }> {
  const dataset = await withEmployment(result.dataset, { ...ctx, oews: options.oews });
  const { analysis } = analysisOf(dataset, { oews: options.oews, store: result.storeFile, ...scenarioFrom(options), ...ctx });
  return { analysis, headline: headline(analysis) };
}

/**
 * `--scorer` names the scorer to run, as other commands name the scorer to show: "offline" (or
 * "offline:<target>"), or
 * "provider:model" as `scores list` prints it (custom:model needs --base-url or OPENAI_BASE_URL).
 */
export function scorerFlags(options: ScoreOptions): ScoreOptions {
  const name = options.scorer;
  if (name === undefined) return options;
  const target = offlineTargetOf(name);
  if (target !== undefined) {
    if (options.provider || options.baseUrl || options.model) throw new UsageError(`--scorer ${name} runs the offline model; drop --provider, --base-url and --model`);
    if (target && options.offlineTarget !== undefined && options.offlineTarget !== target) {
      throw new UsageError(`--scorer ${name} and --offline-target ${options.offlineTarget} disagree; give one of them`);
    }
    return { ...options, offline: true, ...(target ? { offlineTarget: target } : {}) };
  }
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) {
    throw new UsageError(
      `--scorer ${name}: score runs "offline" or a model named provider:model (e.g. openai:gpt-4.1-mini); ` +
        `to show stored or imported scores such as "${name}", use \`ai-frontier frontier --scorer ${name}\``,
    );
  }
  const provider = name.slice(0, colon);
  const model = name.slice(colon + 1);
  if (options.model !== undefined && options.model !== model) throw new UsageError(`--scorer ${name} and --model ${options.model} disagree; give one of them`);
  if (provider === 'custom') {
    if (options.provider) throw new UsageError(`--scorer ${name} names a custom endpoint; drop --provider ${options.provider} and give --base-url`);
    return { ...options, model };
  }
  if (!isProviderName(provider)) throw new UsageError(`--scorer ${name}: unknown provider "${provider}" (expected a provider preset or custom)`);
  if (options.provider !== undefined && options.provider !== provider) throw new UsageError(`--scorer ${name} and --provider ${options.provider} disagree; give one of them`);
  return { ...options, provider: options.baseUrl ? options.provider : provider, model };
}
