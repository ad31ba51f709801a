// Several scorers in one `score` run (`--model a --model b`, `--scorer x --scorer y`, or the config file's
// "scorers" list). They share the task selection, the dataset and the store; each keeps its own score keys, so
// nothing mixes. Scorers on one endpoint (base URL and key) share its limiter; scorers on different endpoints
// run side by side, each under its own. --max-cost is one budget over all of them. A scorer that fails (a dead
// endpoint, a refused key) ends on its own with what it stored kept, and the others go on.
import { datasetIdentity } from '../data/resolve.js';
import { UsageError } from '../errors.js';
import { createBudget } from './budget.js';
import type { ResolvedScoring } from './config.js';
import type { Limiter } from './llm/limiter.js';
import type { ScorePlan } from './plan.js';
import { openRunInputs, type RunEvent, type RunScoreOptions, type RunScoreResult, type RunStatus } from './score-run.js';
import { executeModelScorer, executeOfflineScorer, prepareModelScorer, prepareOfflineScorer, type PreparedScorer, type RunInputs } from './scorer-runs.js';
import { StoreWriteError } from './store/open.js';

export interface RunManyOptions extends Omit<RunScoreOptions, 'resolved'> {
  /** The run's scorers, in the order named (resolveScorers in config.ts). */
  scorers: ResolvedScoring[];
}

export type ManyRunEvent =
  /** Every scorer's plan, before anything is sent; maxCost is the budget of all of them together. */
  | { type: 'plans'; plans: ScorePlan[]; maxCost?: number }
  | { type: 'scorer'; scorer: string; event: RunEvent };

export interface RunManyResult {
  status: RunStatus;
  /** One result per scorer, in the order named. */
  results: RunScoreResult[];
  /** The scorer frontier, export and view now show for the dataset by default (none after a dry run). */
  defaultScorer?: string;
  maxCost?: number;
  storeFile: string;
  elapsedMs: number;
}

/** Longest wait a server may ask of the run's limiters (as for one scorer: chat-jobs.ts). */
const MAX_RETRY_AFTER_MS = 60_000;

export async function runScoreMany(options: RunManyOptions, hooks: { onEvent?: (event: ManyRunEvent) => void } = {}): Promise<RunManyResult> {
  const emit = hooks.onEvent ?? (() => {});
  if (options.scorers.length < 2) throw new Error('runScoreMany needs two or more scorers; runScore runs one');
  if (options.batchApi) {
    // Each Batch API job is one model's, tracked and resumed by scorer; several at once are not tested here.
    throw new UsageError('--batch-api scores with one model per run; run `ai-frontier score --batch-api` once for each model (each batch is resumed on its own)');
  }
  const nameless = options.scorers.find((s) => s.kind === 'model' && !s.settings.model);
  if (nameless?.kind === 'model') {
    throw new UsageError(`the scorer at ${nameless.settings.baseURL} names no model; a run of several scorers does not ask servers which model they serve, so give each one a model`);
  }
  const { common } = options.scorers[0]!;
  const inputs = await openRunInputs(options, common);
  // A store that refuses a write stops every scorer: they would all fail at their next write.
  const storeFailed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, storeFailed.signal]) : storeFailed.signal;
  const shared = { ...inputs, options: { ...options, signal } };
  try {
    const prepared: PreparedScorer[] = [];
    for (const resolved of options.scorers) {
      prepared.push(resolved.kind === 'offline' ? prepareOfflineScorer(shared, resolved) : await prepareModelScorer(shared, resolved));
    }
    const names = prepared.map((p) => p.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) {
      throw new UsageError(`${twice} is named twice in this run (scores are stored under provider:model); name each scorer once, or give scorers on different servers different models`);
    }
    emit({ type: 'plans', plans: prepared.map((p) => p.plan), maxCost: common.maxCost });

    const limiters = await endpointLimitersFor(prepared, Boolean(options.batchApi), (indexes, value) => {
      for (const i of indexes) emit({ type: 'scorer', scorer: names[i]!, event: { type: 'engine', event: { type: 'concurrency', value } } });
    });
    const budget = createBudget(common.maxCost);
    const settled = await Promise.allSettled(
      prepared.map(async (scorer, i) => {
        const deps = { emit: (event: RunEvent) => emit({ type: 'scorer', scorer: scorer.name, event }), budget, limiter: limiters[i], recordRun: false, isolateFailures: true };
        try {
          return scorer.kind === 'offline' ? await executeOfflineScorer(shared, scorer, deps) : await executeModelScorer(shared, scorer, deps);
        } catch (error) {
          if (error instanceof StoreWriteError) storeFailed.abort();
          throw error;
        }
      }),
    );
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (rejected) throw rejected.reason;
    const results = settled.map((s) => (s as PromiseFulfilledResult<RunScoreResult>).value);
    const defaultScorer = options.dryRun ? undefined : recordRuns(shared, results);
    return { status: overallStatus(results, Boolean(options.signal?.aborted)), results, defaultScorer, maxCost: common.maxCost, storeFile: inputs.store.file, elapsedMs: Date.now() - inputs.started };
  } finally {
    inputs.store.close();
  }
}

/** One limiter per endpoint for the live model scorers; none for the offline model or the Batch API. */
async function endpointLimitersFor(
  prepared: PreparedScorer[],
  batchApi: boolean,
  onConcurrency: (indexes: number[], value: number) => void,
): Promise<(Limiter | undefined)[]> {
  const live = prepared.flatMap((p, i) => (p.kind === 'model' && !batchApi ? [{ p, i }] : []));
  if (live.length === 0) return [];
  const { endpointLimiters } = await import('./llm/limiter.js');
  const limiters = endpointLimiters(
    live.map(({ p }) => {
      const { settings, resolved } = p as Extract<PreparedScorer, { kind: 'model' }>;
      return { baseURL: settings.baseURL, apiKey: settings.apiKey, limits: { concurrency: resolved.common.concurrency, rpm: resolved.common.rpm, tpm: resolved.common.tpm } };
    }),
    { maxRetryAfterMs: MAX_RETRY_AFTER_MS, onConcurrency: (indexes, value) => onConcurrency(indexes.map((j) => live[j]!.i), value) },
  );
  const byScorer: (Limiter | undefined)[] = [];
  live.forEach(({ i }, j) => (byScorer[i] = limiters[j]));
  return byScorer;
}

/**
 * Records each scorer's run on the dataset, the default last: the first scorer named that has scores for the
 * selected tasks (the first named when none has). The last recorded run is what frontier, export and view
 * show (src/analysis/scorer-choice.ts), so that one is the dataset's default from now on.
 */
function recordRuns(inputs: RunInputs, results: RunScoreResult[]): string | undefined {
  const ran = results.filter((r) => r.status !== 'failed' || r.scores.length > 0);
  if (ran.length === 0) return undefined;
  const chosen = ran.find((r) => r.scores.length > 0) ?? ran[0]!;
  const order = [...ran.filter((r) => r !== chosen), chosen];
  const at = Date.now();
  order.forEach((result, i) => {
    inputs.store.recordRun({ dataset: datasetIdentity(inputs.dataset), scorer: result.scorer, tasksSelected: inputs.selected.length, finishedAt: new Date(at + i).toISOString() });
  });
  return chosen.scorer;
}

function overallStatus(results: RunScoreResult[], interrupted: boolean): RunStatus {
  if (interrupted) return 'interrupted';
  for (const status of ['failed', 'budget', 'failures', 'interrupted'] as const) if (results.some((r) => r.status === status)) return status;
  return results.every((r) => r.status === 'dry-run') ? 'dry-run' : 'complete';
}
