// What `score` does once parsed: runScore with progress on stderr, then the summary and the headline.
// Ctrl-C aborts cleanly: replies already on their way are stored, and the summary says how to resume.
import { ExitError, UsageError } from '../../errors.js';
import { runScore, type RunScoreResult } from '../../score/score-run.js';
import type { SelectOptions } from '../../score/select.js';
import { resolveScorers, type ScoreFlags } from '../../score/config.js';
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

export interface ScoreOptions extends Omit<ScoreFlags, 'model'>, ScenarioFlags {
  /** Repeatable: several models on one endpoint score in one run. */
  model?: string[];
  /** Repeatable: "offline", "offline:<target>" or provider:model; several score in one run. */
  scorer?: string[];
  view?: boolean;
  occupation?: string[];
  majorGroup?: string[];
  limit?: number;
  sample?: number;
  seed?: number;
  dryRun?: boolean;
  batchApi?: boolean;
  timeout?: number;
  oews?: string;
}

/** Ctrl-C stops sending (replies on their way are stored); a second Ctrl-C quits at once. */
export function stopOnCtrlC(out: CommandContext['out']): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    out.warn('Stopping: waiting for replies already on their way (Ctrl-C again to quit now)...');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

export async function scoreAction({ out, env, cwd }: CommandContext, options: ScoreOptions): Promise<void> {
  const { flags, variants } = commandLineScorers(options);
  const timeoutMs = options.timeout !== undefined ? options.timeout * 1000 : undefined;
  const withTimeout = (f: ScoreFlags): ScoreFlags => ({ ...f, timeoutMs });
  const scorers = resolveScorers(withTimeout(flags), { env, cwd, variants: variants?.map(withTimeout) });
  if (scorers.length > 1) {
    if (options.view) throw new UsageError('--view opens one scorer\'s results; after a run of several, run `ai-frontier view --scorer NAME`');
    const { scoreManyAction } = await import('./score-many-action.js');
    return scoreManyAction({ out, env, cwd }, options, { flags: withTimeout(flags), scorers });
  }
  const ctrlC = stopOnCtrlC(out);
  const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let result: RunScoreResult;
  try {
    result = await runScore(
      {
        flags: withTimeout(flags),
        resolved: scorers[0],
        ...runRequest(options, { env, cwd }, ctrlC.signal),
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
    ctrlC.dispose();
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

/** What the flags ask of a run of one scorer or of several, besides the scorers: the tasks, a dry run, the Batch API. */
export function runRequest(options: ScoreOptions, ctx: { env: NodeJS.ProcessEnv; cwd: string }, signal: AbortSignal) {
  const selection: SelectOptions = { occupations: options.occupation, majorGroups: options.majorGroup, limit: options.limit, sample: options.sample, seed: options.seed };
  return { selection, dryRun: options.dryRun, batchApi: options.batchApi, env: ctx.env, cwd: ctx.cwd, signal };
}

/**
 * What the run's scores mean: the dataset's headline exactly as frontier, export and view show it from now on.
 * The run is recorded in the store, so the shared scorer rule picks its scorer, with every score it has
 * stored for the dataset (earlier runs included), not only this run's selection.
 */
export async function analyzeRun(
  result: Pick<RunScoreResult, 'dataset' | 'storeFile' | 'status' | 'scorer' | 'scores'>,
  options: ScoreOptions,
  ctx: { env: NodeJS.ProcessEnv; cwd: string },
  /** One scorer's figures rather than the dataset's default (a run of several shows each). */
  scorer?: string,
): Promise<{ analysis: Analysis; headline: Headline }> {
  const dataset = await withEmployment(result.dataset, { ...ctx, oews: options.oews });
  // A complete run holds what it stored; the rule uses it only if it picks this scorer for every task.
  const held = result.status === 'complete' ? { scorer: result.scorer, scores: result.scores } : undefined;
  // The run opened and checked the store moments ago.
  const { analysis } = analysisOf(dataset, { oews: options.oews, store: result.storeFile, held, storeChecked: true, ...scenarioFrom(options), ...ctx, ...(scorer ? { scorer } : {}) });
  return { analysis, headline: headline(analysis) };
}

/**
 * The scorers the command line names: one set of flags for a run of one, or `variants`, the flags as they
 * apply to each scorer of a run of several (`--model a --model b`: one endpoint, several models;
 * `--scorer x --scorer y`: each a scorer of its own). Neither: the settings (and the config file's
 * "scorers" list) decide.
 */
export function commandLineScorers(options: ScoreOptions): { flags: ScoreFlags; variants?: ScoreFlags[] } {
  const { model: models = [], scorer: names = [], ...rest } = options;
  const base: ScoreFlags = { ...rest, model: models.length === 1 ? models[0] : undefined };
  if (names.length > 1 && models.length > 0) throw new UsageError('--scorer provider:model names each scorer\'s model; drop --model, or give the models with --model alone');
  if (names.length > 1) return { flags: base, variants: names.map((name) => scorerFlags(base, name)) };
  if (names.length === 1) return { flags: scorerFlags(base, names[0]!) };
  if (models.length > 1) return { flags: base, variants: models.map((model) => ({ ...base, model })) };
  return { flags: base };
}

/**
 * `--scorer` names the scorer to run, as other commands name the scorer to show: "offline" (or
 * "offline:<target>"), or
 * "provider:model" as `scores list` prints it (custom:model needs --base-url or OPENAI_BASE_URL).
 */
export function scorerFlags(options: ScoreFlags, name: string): ScoreFlags {
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
