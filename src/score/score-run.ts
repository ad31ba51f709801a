// The `score` command's core for one scorer: settings → dataset → selection → keys → what the store lacks →
// plan → score → store, one transaction per finished request. Returns data; the command prints it. The steps
// of one scorer are scorer-runs.ts; several scorers in one run are score-many.ts.
import { resolveDataset } from '../data/resolve.js';
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { createBudget } from './budget.js';
import { resolveScoring, type CommonSettings, type ResolvedScoring, type ScoreFlags } from './config.js';
import type { ScorePlan } from './plan.js';
import type { ScoreEvent } from './llm/run.js';
import type { OfflineTarget } from './offline/targets.js';
import { executeModelScorer, executeOfflineScorer, prepareModelScorer, prepareOfflineScorer, type RunInputs } from './scorer-runs.js';
import { selectTasks, type SelectOptions } from './select.js';
import { openStore } from './store/store.js';
import type { TaskScore } from './types.js';

export interface RunScoreOptions {
  flags: ScoreFlags;
  /** The scorer, already resolved from the flags (resolveScorers); resolved from `flags` when absent. */
  resolved?: ResolvedScoring;
  selection: SelectOptions;
  dryRun?: boolean;
  batchApi?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C: no new requests; answers already on their way are still stored. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** false: do not record this run as the dataset's scorer (`check` scores a sample to judge a model, which
   * must not change the scorer frontier, export and view show for the dataset). Recorded by default. */
  record?: boolean;
}

export interface Progress {
  done: number;
  total: number;
  failed: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number | null;
  startedAt: number;
  /** When done or failed last changed: the ETA counts down from here between finished requests. */
  updatedAt: number;
}

export type RunEvent =
  | { type: 'offline'; reason: 'no-provider' | 'requested'; model: string; target: OfflineTarget }
  | { type: 'plan'; plan: ScorePlan }
  | { type: 'progress'; progress: Progress }
  | { type: 'engine'; event: ScoreEvent }
  | { type: 'batch'; status: string; batchId: string; completed?: number; total?: number };

/** failures: some tasks got no valid score; failed: the scorer stopped (a dead endpoint, a refused key) while
 * the run's other scorers went on (a run of several; a run of one throws instead). */
export type RunStatus = 'dry-run' | 'complete' | 'interrupted' | 'budget' | 'failures' | 'failed';

export interface RunScoreResult {
  status: RunStatus;
  /** The scorer name the scores are stored under, for aggregation and the frontier headline. */
  scorer: string;
  dataset: Dataset;
  storeFile: string;
  plan: ScorePlan;
  /** Newly stored in this run. */
  scored: number;
  failures: { taskId: string; occupationCode: string; reason: string }[];
  progress: Progress;
  /** Selected tasks still without a score (0 when complete). */
  left: number;
  /** Scores of the selected tasks, in selection order, under the dataset's own task ids. */
  scores: TaskScore[];
  elapsedMs: number;
  batchId?: string;
  /** What stopped a scorer that 'failed'. */
  error?: string;
}

export interface RunScoreHooks {
  onEvent?: (event: RunEvent) => void;
}

export async function runScore(options: RunScoreOptions, hooks: RunScoreHooks = {}): Promise<RunScoreResult> {
  const emit = hooks.onEvent ?? (() => {});
  const resolved = options.resolved ?? resolveScoring(options.flags, options);
  const inputs = await openRunInputs(options, resolved.common);
  try {
    const deps = { emit, budget: createBudget(resolved.common.maxCost), recordRun: options.record !== false, isolateFailures: false };
    if (resolved.kind === 'offline') {
      const prepared = prepareOfflineScorer(inputs, resolved);
      emit({ type: 'offline', reason: resolved.reason, model: prepared.model.name, target: prepared.target });
      emit({ type: 'plan', plan: prepared.plan });
      return await executeOfflineScorer(inputs, prepared, deps);
    }
    const prepared = await prepareModelScorer(inputs, resolved);
    emit({ type: 'plan', plan: prepared.plan });
    return await executeModelScorer(inputs, prepared, deps);
  } finally {
    inputs.store.close();
  }
}

/** The dataset, the selected tasks and the store: what every scorer of a run shares. */
export async function openRunInputs(options: RunScoreOptions, common: CommonSettings): Promise<RunInputs> {
  const started = Date.now();
  const dataset = await resolveDataset(common.dataset, { env: options.env, cwd: options.cwd });
  const selected = selectTasks(dataset, options.selection);
  if (selected.length === 0) throw new UsageError(`no tasks selected from dataset ${dataset.name}; loosen --occupation / --major-group`);
  // A dry run only reads: it works on a read-only store and creates none.
  const store = openStore(common.store, { readonly: Boolean(options.dryRun) });
  return { options, dataset, selected, store, started };
}
