// The `score` command's core: settings → dataset → selection → keys → what the store lacks → plan → score
// → store, one transaction per finished request. Returns data; the command prints it.
import { randomUUID } from 'node:crypto';
import { datasetIdentity, resolveDataset } from '../data/resolve.js';
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { resolveScoring, type ScoreFlags } from './config.js';
import { scoreKeyer } from './key.js';
import { DEFAULT_MODEL_PATH, fileDefaultTarget, fileTargets, modelFromFile, readModelFile } from './offline/model.js';
import { occupationTexts } from './offline/score.js';
import type { OfflineTarget } from './offline/targets.js';
import { scoreOfflineChunks } from './offline/threads.js';
import { makePlan, type ScorePlan } from './plan.js';
import { costOf, priceFor } from './llm/prices.js';
import { RUBRIC_VERSION } from './rubric.js';
import type { BatchOutcome, ScoreEvent, ScoreItem } from './llm/run.js';
import { selectTasks, type SelectOptions, type SelectedTask } from './select.js';
import { offlineKeyer, offlineScorerFor } from './scorers.js';
import { openStore, type ScoreStore } from './store/store.js';
import { checkRoom, StoreWriteError } from './store/open.js';
import type { TaskScore } from './types.js';

export interface RunScoreOptions {
  flags: ScoreFlags;
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

export type RunStatus = 'dry-run' | 'complete' | 'interrupted' | 'budget' | 'failures';

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
}

export interface RunScoreHooks {
  onEvent?: (event: RunEvent) => void;
}

interface Scorer {
  name: string;
  provider: string;
  model: string;
  rubricVersion: string;
  keyOf: (task: SelectedTask) => string;
}

export async function runScore(options: RunScoreOptions, hooks: RunScoreHooks = {}): Promise<RunScoreResult> {
  const emit = hooks.onEvent ?? (() => {});
  const started = Date.now();
  const resolved = resolveScoring(options.flags, options);
  const dataset = await resolveDataset(resolved.common.dataset, { env: options.env, cwd: options.cwd });
  const selected = selectTasks(dataset, options.selection);
  if (selected.length === 0) throw new UsageError(`no tasks selected from dataset ${dataset.name}; loosen --occupation / --major-group`);

  // A dry run only reads: it works on a read-only store and creates none.
  const store = openStore(resolved.common.store, { readonly: Boolean(options.dryRun) });
  try {
    if (resolved.kind === 'offline') {
      return await runOffline({ options, emit, dataset, selected, store, reason: resolved.reason, target: resolved.target, started });
    }
    // The model clients (and the openai SDK under them) load only for a model run, not for the offline model.
    const [{ discoverModel }, { scoreTasks }, { runBatchApi }] = await Promise.all([import('./llm/request.js'), import('./llm/run.js'), import('./llm/batch-api.js')]);
    const settings = { ...resolved.settings };
    if (!settings.model) settings.model = await discoverModel(settings, options.fetch);
    const keyOf = scoreKeyer({ rubricVersion: RUBRIC_VERSION, provider: settings.provider, baseURL: settings.baseURL, model: settings.model, temperature: settings.temperature });
    const scorer: Scorer = {
      name: `${settings.provider}:${settings.model}`,
      provider: settings.provider,
      model: settings.model,
      rubricVersion: RUBRIC_VERSION,
      keyOf: (task) => keyOf({ title: task.title, text: task.text }),
    };
    const price = priceFor({ provider: settings.provider, model: settings.model, local: resolved.local });
    const maxCost = resolved.common.maxCost;
    if (maxCost !== undefined && price.kind === 'unknown') {
      throw new UsageError(`--max-cost needs a known price, and ${settings.model} on ${settings.provider} has none in the price table; drop --max-cost or pick a listed model`);
    }
    const keys = selected.map(scorer.keyOf);
    const missing = new Set(store.missingKeys(keys));
    const { items, alreadyStored } = missingItems(selected, keys, (key) => !missing.has(key));
    const plan = makePlan({
      scorer: scorer.name,
      provider: settings.provider,
      model: settings.model,
      dataset: dataset.name,
      tasksSelected: selected.length,
      alreadyStored,
      missing: items,
      batchSize: resolved.common.batchSize,
      price,
      schemaInPrompt: settings.structuredOutput === 'json_object',
      batchApi: Boolean(options.batchApi),
    });
    emit({ type: 'plan', plan });
    const progress: Progress = { done: 0, total: items.length, failed: 0, requests: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: price.kind === 'unknown' ? null : 0, startedAt: Date.now(), updatedAt: Date.now() };
    const finish = (status: RunStatus, failures: RunScoreResult['failures'], scored: number, batchId?: string): RunScoreResult => {
      if (status !== 'dry-run' && options.record !== false) store.recordRun({ dataset: datasetIdentity(dataset), scorer: scorer.name, tasksSelected: selected.length });
      const left = store.missingKeys(keys).length;
      const scores = scoresInOrder(selected, keys, store.taskScoresByKeys(keys));
      return { status, scorer: scorer.name, dataset, storeFile: store.file, plan, scored, failures, progress, left, scores, elapsedMs: Date.now() - started, batchId };
    };
    if (options.dryRun) return finish('dry-run', [], 0);
    if (items.length === 0) return finish('complete', [], 0);
    checkRoom(store.file, items.length);

    const itemsByKey = new Map(items.map((item) => [item.key, item]));
    const meta = (outcome: Pick<BatchOutcome, 'usage'>, batchApi = false) => ({
      scorer: scorer.name,
      model: settings.model,
      provider: settings.provider,
      rubricVersion: RUBRIC_VERSION,
      costUsd: costOf(outcome.usage, price, { batchApi }),
      items: itemsByKey,
    });
    const failures: RunScoreResult['failures'] = [];
    let scored = 0;
    const record = (outcome: BatchOutcome, batchApi = false) => {
      const m = meta(outcome, batchApi);
      scored += store.saveOutcome(outcome, m);
      progress.done += outcome.scores.length;
      progress.failed += outcome.failed.length;
      progress.updatedAt = Date.now();
      // Live requests are counted as they are sent (retries and 429s included); a Batch API line once.
      if (batchApi) progress.requests += 1;
      progress.inputTokens += outcome.usage.inputTokens;
      progress.outputTokens += outcome.usage.outputTokens;
      progress.cachedInputTokens += outcome.usage.cachedInputTokens;
      if (progress.costUsd !== null && m.costUsd !== null) progress.costUsd += m.costUsd;
      for (const failure of outcome.failed) {
        const item = itemsByKey.get(failure.key);
        failures.push({ taskId: item?.taskId ?? failure.key, occupationCode: item?.occupationCode ?? '', reason: failure.reason });
      }
      emit({ type: 'progress', progress: { ...progress } });
    };

    if (options.batchApi) {
      const batch = await stoppedAtFailedWrite(progress, items.length, () => runBatchApi({
        items,
        settings,
        batchSize: resolved.common.batchSize,
        store,
        scorer: scorer.name,
        apiKeyEnv: resolved.apiKeyEnv,
        onOutcome: (outcome) => record(outcome, true),
        onStatus: (status) => emit({ type: 'batch', ...status }),
        signal: options.signal,
        fetch: options.fetch,
        // Tests poll fast; real batches take minutes to hours.
        pollMs: Number(options.env.AI_FRONTIER_BATCH_POLL_MS) || undefined,
      }));
      const status: RunStatus = batch.finished ? (failures.length ? 'failures' : 'complete') : 'interrupted';
      return finish(status, failures, scored, batch.batchId);
    }

    // Budget: stop sending once what is spent plus what is in flight plus one more request would pass it.
    const perRequest = plan.requests > 0 && plan.estCostUsd !== null ? plan.estCostUsd / plan.requests : 0;
    let inFlight = 0;
    let budgetHit = false;
    const shouldContinue = () => {
      if (maxCost === undefined || progress.costUsd === null) return true;
      const ok = progress.costUsd + (inFlight + 1) * perRequest <= maxCost;
      if (!ok) budgetHit = true;
      return ok;
    };
    const summary = await stoppedAtFailedWrite(progress, items.length, () => scoreTasks({
      items,
      settings,
      batchSize: resolved.common.batchSize,
      limits: { concurrency: resolved.common.concurrency, rpm: resolved.common.rpm, tpm: resolved.common.tpm },
      onBatch: (outcome) => {
        inFlight = Math.max(0, inFlight - 1);
        record(outcome);
      },
      onEvent: (event) => {
        if (event.type === 'request-start') {
          inFlight = event.inFlight;
          progress.requests += 1;
        }
        emit({ type: 'engine', event });
      },
      signal: options.signal,
      shouldContinue,
      fetch: options.fetch,
    }));
    const status: RunStatus = options.signal?.aborted
      ? 'interrupted'
      : budgetHit && summary.stoppedEarly
        ? 'budget'
        : failures.length
          ? 'failures'
          : 'complete';
    return finish(status, failures, scored);
  } finally {
    store.close();
  }
}

/** A store write that failed mid-run stopped the run: say so, with what was kept and what is left. */
async function stoppedAtFailedWrite<T>(progress: Progress, toScore: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    throw new StoreWriteError(
      error.file,
      error.reason,
      `scoring stopped at the first failed write (the ${progress.done} tasks stored before it are kept, ${toScore - progress.done} are left); ${error.remedy}`,
    );
  }
}

/** One item per distinct key the store lacks; selected tasks that share a key share one score. */
function missingItems(selected: SelectedTask[], keys: string[], isStored: (key: string) => boolean): { items: ScoreItem[]; alreadyStored: number } {
  const items: ScoreItem[] = [];
  const seen = new Set<string>();
  let alreadyStored = 0;
  selected.forEach((task, i) => {
    const key = keys[i]!;
    if (isStored(key)) {
      alreadyStored++;
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ key, taskId: task.taskId, occupationCode: task.occupationCode, title: task.title, text: task.text });
  });
  return { items, alreadyStored };
}

/**
 * Stored scores under the dataset's own ids: a score found by key may have been made for an identical task
 * elsewhere (the key covers the title and text, up to whitespace).
 */
function scoresInOrder(selected: SelectedTask[], keys: string[], byKey: ReadonlyMap<string, TaskScore>): TaskScore[] {
  const out: TaskScore[] = [];
  selected.forEach((task, i) => {
    const score = byKey.get(keys[i]!);
    if (!score) return;
    const own = score.taskId === task.taskId && score.occupationCode === task.occupationCode;
    out.push(own ? score : { ...score, taskId: task.taskId, occupationCode: task.occupationCode });
  });
  return out;
}

/** Offline chunks are committed like requests, so a killed offline run also resumes where it stopped. */
const OFFLINE_CHUNK = 500;

async function runOffline(args: {
  options: RunScoreOptions;
  emit: (event: RunEvent) => void;
  dataset: Dataset;
  selected: SelectedTask[];
  store: ScoreStore;
  reason: 'no-provider' | 'requested';
  target: OfflineTarget | undefined;
  started: number;
}): Promise<RunScoreResult> {
  const { options, emit, dataset, selected, store } = args;
  // The file names the model and keys its scores; it is unpacked for scoring only when a task needs a score.
  const modelFile = readModelFile();
  const target = args.target ?? fileDefaultTarget(modelFile);
  const targets = fileTargets(modelFile);
  if (!targets.includes(target)) throw new UsageError(`the offline model ${modelFile.name} has no target "${target}"; it has ${targets.join(', ')}`);
  // "offline" for the model's default target, "offline:human" and so on for the others; the key carries the
  // model version and target too, so scores of another version or target never mix with these.
  const name = offlineScorerFor(modelFile, target);
  emit({ type: 'offline', reason: args.reason, model: modelFile.name, target });
  // A task's context is its whole occupation in the dataset, so its score does not depend on the selection
  // or the chunks (see offlineKeyer).
  const context = occupationTexts(dataset.tasks);
  const scorer: Scorer = {
    name,
    provider: 'offline',
    model: modelFile.name,
    rubricVersion: modelFile.rubricVersion,
    keyOf: offlineKeyer({ file: modelFile }, dataset.tasks, target),
  };
  const keys = selected.map(scorer.keyOf);
  // What earlier runs stored, read once: it says what is missing, and is returned as it is.
  const stored = store.taskScoresByKeys(keys);
  const { items, alreadyStored } = missingItems(selected, keys, (key) => stored.has(key));
  const plan = makePlan({
    scorer: name,
    provider: 'offline',
    model: modelFile.name,
    dataset: dataset.name,
    tasksSelected: selected.length,
    alreadyStored,
    missing: [],
    batchSize: OFFLINE_CHUNK,
    price: { kind: 'free' },
    schemaInPrompt: false,
    batchApi: false,
  });
  plan.toScore = items.length;
  emit({ type: 'plan', plan });
  const progress: Progress = { done: 0, total: items.length, failed: 0, requests: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0, startedAt: Date.now(), updatedAt: Date.now() };
  let scored = 0;
  // The scores this run stored, kept so they need not be read back. A row another run stored first under
  // the same key holds the same score: the key covers every input of this model.
  const storedNow = new Map<string, TaskScore>();
  if (!options.dryRun && items.length > 0) {
    checkRoom(store.file, items.length);
    const itemsByKey = new Map(items.map((item) => [item.key, item]));
    const chunks: ScoreItem[][] = [];
    for (let i = 0; i < items.length; i += OFFLINE_CHUNK) chunks.push(items.slice(i, i + OFFLINE_CHUNK));
    await scoreOfflineChunks({
      model: modelFromFile(modelFile, DEFAULT_MODEL_PATH),
      chunks,
      context,
      target,
      signal: options.signal,
      env: options.env,
      onChunk: (chunk, scores) => {
        scored += store.saveOutcome(
          { requestId: `offline-${randomUUID()}`, scores: chunk.map((item, j) => ({ key: item.key, score: scores[j]! })), failed: [], usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 } },
          { scorer: name, model: modelFile.name, provider: 'offline', rubricVersion: modelFile.rubricVersion, costUsd: 0, items: itemsByKey },
        );
        chunk.forEach((item, j) => storedNow.set(item.key, scores[j]!));
        progress.done += chunk.length;
        progress.updatedAt = Date.now();
        emit({ type: 'progress', progress: { ...progress } });
      },
    });
  }
  if (!options.dryRun && options.record !== false) store.recordRun({ dataset: datasetIdentity(dataset), scorer: name, tasksSelected: selected.length });
  // Each chunk is committed whole, so what is left is the items of the chunks not reached.
  const left = items.length - storedNow.size;
  return {
    status: options.dryRun ? 'dry-run' : left > 0 ? 'interrupted' : 'complete',
    scorer: name,
    dataset,
    storeFile: store.file,
    plan,
    scored,
    failures: [],
    progress,
    left,
    scores: scoresInOrder(selected, keys, new Map([...stored, ...storedNow])),
    elapsedMs: Date.now() - args.started,
  };
}
