// One scorer's part of a `score` run, in two steps so a run of several scorers can show every plan before
// anything is spent: prepare (the scorer's keys, what the store lacks, the plan) and execute (score what is
// missing, one transaction per finished request). Used by runScore (one scorer) and runScoreMany (several).
import { randomUUID } from 'node:crypto';
import { datasetCache } from '../data/cache.js';
import { datasetIdentity } from '../data/resolve.js';
import { taskKey, type Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import type { Budget } from './budget.js';
import type { ResolvedScoring } from './config.js';
import { scoreKeyer } from './key.js';
import type { Limiter } from './llm/limiter.js';
import { costOf, priceFor, type PriceLookup } from './llm/prices.js';
import type { BatchOutcome, ProviderSettings, ScoreItem } from './llm/run.js';
import { DEFAULT_MODEL_PATH, fileDefaultTarget, fileTargets, modelFromFile, readModelFile, type ModelFile } from './offline/model.js';
import { occupationTexts, taskActivities, type OfflineTask } from './offline/score.js';
import type { OfflineTarget } from './offline/targets.js';
import { scoreOfflineChunks } from './offline/threads.js';
import { readWhole, storedOfflineEntry, writeWhole, type StoredOfflineScores } from './derived-cache.js';
import { makePlan, type ScorePlan } from './plan.js';
import { RUBRIC_VERSION } from './rubric.js';
import type { Progress, RunEvent, RunScoreOptions, RunScoreResult, RunStatus } from './score-run.js';
import { offlineKeyer, offlineScorerFor } from './scorers.js';
import type { SelectedTask } from './select.js';
import { checkRoom, StoreWriteError } from './store/open.js';
import { asReadBack, type ScoreStore, type ScoresVersion } from './store/store.js';
import type { TaskScore } from './types.js';

/** What every scorer of one run shares: the options, the dataset, the selected tasks and the store. */
export interface RunInputs {
  options: RunScoreOptions;
  dataset: Dataset;
  selected: SelectedTask[];
  store: ScoreStore;
  started: number;
}

type ModelScoring = Extract<ResolvedScoring, { kind: 'model' }>;
type OfflineScoring = Extract<ResolvedScoring, { kind: 'offline' }>;

export interface PreparedModelScorer {
  kind: 'model';
  name: string;
  resolved: ModelScoring;
  /** The resolved settings with the model filled in (asked of the server when none was named). */
  settings: ProviderSettings;
  price: PriceLookup;
  keys: string[];
  items: ScoreItem[];
  plan: ScorePlan;
}

export interface PreparedOfflineScorer {
  kind: 'offline';
  name: string;
  resolved: OfflineScoring;
  model: { name: string; rubricVersion: string };
  /** The model file, read when a task needs scoring (a rerun with every score stored never reads it). */
  modelFile: () => ModelFile;
  target: OfflineTarget;
  keys: string[];
  items: ScoreItem[];
  /** What earlier runs stored, read once: it says what is missing, and is returned as it is. */
  stored: Map<string, TaskScore>;
  plan: ScorePlan;
  /** The store's scores version before anything was read (undefined: nothing is kept for this store). */
  version?: ScoresVersion;
  /**
   * The selected tasks' scores, in selection order, when every one came from what a complete run kept at this
   * very version (derived-cache.ts): nothing is keyed or read from the store then (`keys` and `stored` are empty).
   */
  whole?: TaskScore[];
}

export type PreparedScorer = PreparedModelScorer | PreparedOfflineScorer;

export interface ExecuteDeps {
  emit: (event: RunEvent) => void;
  budget: Budget;
  /** The endpoint's limiter, shared with the run's other scorers on it. */
  limiter?: Limiter;
  /** Record the run in the store as this dataset's latest (a run of several records them itself, in order). */
  recordRun: boolean;
  /** Report a failure that ends this scorer (a dead endpoint, a refused key) in its result instead of
   * throwing, so the run's other scorers go on. A failed store write is still thrown: it concerns them all. */
  isolateFailures: boolean;
}

/** The model clients (and the openai SDK under them) load only for a model run, not for the offline model. */
const llm = () => Promise.all([import('./llm/request.js'), import('./llm/run.js'), import('./llm/batch-api.js')]);

export async function prepareModelScorer(inputs: RunInputs, resolved: ModelScoring): Promise<PreparedModelScorer> {
  const { options, dataset, selected, store } = inputs;
  const settings = { ...resolved.settings };
  if (!settings.model) {
    const [{ discoverModel }] = await llm();
    settings.model = await discoverModel(settings, options.fetch);
  }
  const keyOf = scoreKeyer({ rubricVersion: RUBRIC_VERSION, provider: settings.provider, baseURL: settings.baseURL, model: settings.model, temperature: settings.temperature });
  const name = `${settings.provider}:${settings.model}`;
  const price = priceFor({ provider: settings.provider, model: settings.model, local: resolved.local });
  if (resolved.common.maxCost !== undefined && price.kind === 'unknown') {
    throw new UsageError(`--max-cost needs a known price, and ${settings.model} on ${settings.provider} has none in the price table; drop --max-cost or pick a listed model`);
  }
  const keys = selected.map((task) => keyOf({ title: task.title, text: task.text }));
  const missing = new Set(store.missingKeys(keys));
  const { items, alreadyStored } = missingItems(selected, keys, (key) => !missing.has(key));
  const plan = makePlan({
    scorer: name,
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
  return { kind: 'model', name, resolved, settings, price, keys, items, plan };
}

const newProgress = (total: number, costUsd: number | null): Progress => ({
  done: 0,
  total,
  failed: 0,
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  costUsd,
  startedAt: Date.now(),
  updatedAt: Date.now(),
});

export async function executeModelScorer(inputs: RunInputs, prepared: PreparedModelScorer, deps: ExecuteDeps): Promise<RunScoreResult> {
  const { options, dataset, selected, store } = inputs;
  const { name, settings, price, keys, items, plan, resolved } = prepared;
  const { emit } = deps;
  const progress = newProgress(items.length, price.kind === 'unknown' ? null : 0);
  const failures: RunScoreResult['failures'] = [];
  let scored = 0;
  const finish = (status: RunStatus, batchId?: string, error?: string): RunScoreResult => {
    if (status !== 'dry-run' && deps.recordRun) store.recordRun({ dataset: datasetIdentity(dataset), scorer: name, tasksSelected: selected.length });
    const left = store.missingKeys(keys).length;
    const scores = scoresInOrder(selected, keys, store.taskScoresByKeys(keys));
    return { status, scorer: name, dataset, storeFile: store.file, plan, scored, failures, progress, left, scores, elapsedMs: Date.now() - inputs.started, batchId, ...(error ? { error } : {}) };
  };
  if (options.dryRun) return finish('dry-run');
  if (items.length === 0) return finish('complete');
  checkRoom(store.file, items.length);

  const itemsByKey = new Map(items.map((item) => [item.key, item]));
  const record = (outcome: BatchOutcome, batchApi = false) => {
    const costUsd = costOf(outcome.usage, price, { batchApi });
    scored += store.saveOutcome(outcome, { scorer: name, model: settings.model, provider: settings.provider, rubricVersion: RUBRIC_VERSION, costUsd, items: itemsByKey });
    progress.done += outcome.scores.length;
    progress.failed += outcome.failed.length;
    progress.updatedAt = Date.now();
    // Live requests are counted as they are sent (retries and 429s included); a Batch API line once.
    if (batchApi) progress.requests += 1;
    progress.inputTokens += outcome.usage.inputTokens;
    progress.outputTokens += outcome.usage.outputTokens;
    progress.cachedInputTokens += outcome.usage.cachedInputTokens;
    if (progress.costUsd !== null && costUsd !== null) progress.costUsd += costUsd;
    for (const failure of outcome.failed) {
      const item = itemsByKey.get(failure.key);
      failures.push({ taskId: item?.taskId ?? failure.key, occupationCode: item?.occupationCode ?? '', reason: failure.reason });
    }
    emit({ type: 'progress', progress: { ...progress } });
  };

  const [, { scoreTasks }, { runBatchApi }] = await llm();
  try {
    if (options.batchApi) {
      const batch = await stoppedAtFailedWrite(progress, items.length, () => runBatchApi({
        items,
        settings,
        batchSize: resolved.common.batchSize,
        store,
        scorer: name,
        apiKeyEnv: resolved.apiKeyEnv,
        onOutcome: (outcome) => record(outcome, true),
        onStatus: (status) => emit({ type: 'batch', ...status }),
        signal: options.signal,
        fetch: options.fetch,
        // Tests poll fast; real batches take minutes to hours.
        pollMs: Number(options.env.AI_FRONTIER_BATCH_POLL_MS) || undefined,
      }));
      return finish(batch.finished ? (failures.length ? 'failures' : 'complete') : 'interrupted', batch.batchId);
    }

    // Budget: stop sending once what is spent plus what is in flight plus one more request would pass it.
    let inFlight = 0;
    const shouldContinue = deps.budget.join({
      spent: () => progress.costUsd,
      inFlight: () => inFlight,
      perRequest: plan.requests > 0 && plan.estCostUsd !== null ? plan.estCostUsd / plan.requests : 0,
    });
    const summary = await stoppedAtFailedWrite(progress, items.length, () => scoreTasks({
      items,
      settings,
      batchSize: resolved.common.batchSize,
      limits: { concurrency: resolved.common.concurrency, rpm: resolved.common.rpm, tpm: resolved.common.tpm },
      limiter: deps.limiter,
      onBatch: (outcome) => record(outcome),
      onEvent: (event) => {
        if (event.type === 'request-start') {
          inFlight += 1;
          progress.requests += 1;
        }
        if (event.type === 'request-end') inFlight = Math.max(0, inFlight - 1);
        emit({ type: 'engine', event });
      },
      signal: options.signal,
      shouldContinue,
      fetch: options.fetch,
    }));
    const status: RunStatus = options.signal?.aborted
      ? 'interrupted'
      : deps.budget.hit && summary.stoppedEarly
        ? 'budget'
        : failures.length
          ? 'failures'
          : 'complete';
    return finish(status);
  } catch (error) {
    if (!deps.isolateFailures || error instanceof StoreWriteError || !(error instanceof Error)) throw error;
    return finish('failed', undefined, error.message);
  }
}

/** Offline chunks are committed like requests, so a killed offline run also resumes where it stopped. */
const OFFLINE_CHUNK = 500;

export function prepareOfflineScorer(inputs: RunInputs, resolved: OfflineScoring): PreparedOfflineScorer {
  const { options, dataset, selected, store } = inputs;
  // Read first: what is read after it can only be newer, never older, than the version an entry is stamped with.
  const version = store.scoresVersion();
  const entry = storedOfflineEntry({ storeFile: store.file, version, dataset, target: resolved.target, modelPath: DEFAULT_MODEL_PATH });
  // A store with no score (a first run) has nothing kept: the model file is not hashed to look.
  const whole = entry && store.scorerNames().length > 0 ? readWhole(datasetCache(options.env), entry, dataset) : undefined;
  if (whole) return preparedFromWhole(inputs, resolved, whole, version);
  // The file names the model and keys its scores; it is unpacked for scoring only when a task needs a score.
  const modelFile = readModelFile();
  const target = resolved.target ?? fileDefaultTarget(modelFile);
  const targets = fileTargets(modelFile);
  if (!targets.includes(target)) throw new UsageError(`the offline model ${modelFile.name} has no target "${target}"; it has ${targets.join(', ')}`);
  // "offline" for the model's default target, "offline:human" and so on for the others; the key carries the
  // model version and target too, so scores of another version or target never mix with these.
  const name = offlineScorerFor(modelFile, target);
  // A task's context is its whole occupation in the dataset, so its score does not depend on the selection
  // or the chunks (see offlineKeyer).
  const keyOf = offlineKeyer({ file: modelFile }, dataset, target);
  const keys = selected.map(keyOf);
  const stored = store.taskScoresByKeys(keys);
  const { items, alreadyStored } = missingItems(selected, keys, (key) => stored.has(key));
  const model = { name: modelFile.name, rubricVersion: modelFile.rubricVersion };
  const plan = offlinePlan(dataset, selected, name, model.name, alreadyStored, items.length);
  return { kind: 'offline', name, resolved, model, modelFile: () => modelFile, target, keys, items, stored, plan, version };
}

/** A run whose every task the store held at this version, as a complete run of the whole dataset left them. */
function preparedFromWhole(inputs: RunInputs, resolved: OfflineScoring, whole: StoredOfflineScores, version: ScoresVersion | undefined): PreparedOfflineScorer {
  const { dataset, selected } = inputs;
  const indexOf = new Map(dataset.tasks.map((task, i) => [taskKey(task.occupationCode, task.id), i]));
  const scores = selected.map((task) => {
    const score = whole.scores[indexOf.get(taskKey(task.occupationCode, task.taskId))!]!;
    return score.taskId === task.taskId && score.occupationCode === task.occupationCode ? score : { ...score, taskId: task.taskId, occupationCode: task.occupationCode };
  });
  const plan = offlinePlan(dataset, selected, whole.scorer, whole.model.name, selected.length, 0);
  const modelFile = () => readModelFile();
  return { kind: 'offline', name: whole.scorer, resolved, model: whole.model, modelFile, target: whole.target, keys: [], items: [], stored: new Map(), plan, version, whole: scores };
}

function offlinePlan(dataset: Dataset, selected: SelectedTask[], scorer: string, model: string, alreadyStored: number, toScore: number): ScorePlan {
  const plan = makePlan({
    scorer,
    provider: 'offline',
    model,
    dataset: dataset.name,
    tasksSelected: selected.length,
    alreadyStored,
    missing: [],
    batchSize: OFFLINE_CHUNK,
    price: { kind: 'free' },
    schemaInPrompt: false,
    batchApi: false,
  });
  plan.toScore = toScore;
  return plan;
}

export async function executeOfflineScorer(inputs: RunInputs, prepared: PreparedOfflineScorer, deps: Pick<ExecuteDeps, 'emit' | 'recordRun'>): Promise<RunScoreResult> {
  const { options, dataset, selected, store } = inputs;
  const { name, model, target, keys, items, stored, plan } = prepared;
  const progress = newProgress(items.length, 0);
  let scored = 0;
  // The scores this run stored, kept so they need not be read back. A row another run stored first under
  // the same key holds the same score: the key covers every input of this model.
  const storedNow = new Map<string, TaskScore>();
  if (!options.dryRun && items.length > 0) {
    checkRoom(store.file, items.length);
    const itemsByKey = new Map(items.map((item) => [item.key, item]));
    // Each item with the work activities the dataset links to its task (none in a dataset without DWAs).
    const tasksByKey = new Map(dataset.tasks.map((t) => [taskKey(t.occupationCode, t.id), t]));
    const readable = items.map((item) => {
      const task = tasksByKey.get(taskKey(item.occupationCode, item.taskId));
      const activities = task ? taskActivities(task, dataset.workActivities) : undefined;
      return activities ? { ...item, activities } : item;
    });
    const chunks: (ScoreItem & OfflineTask)[][] = [];
    for (let i = 0; i < readable.length; i += OFFLINE_CHUNK) chunks.push(readable.slice(i, i + OFFLINE_CHUNK));
    await scoreOfflineChunks({
      model: modelFromFile(prepared.modelFile(), DEFAULT_MODEL_PATH),
      chunks,
      context: occupationTexts(dataset.tasks),
      target,
      signal: options.signal,
      env: options.env,
      onChunk: (chunk, scores) => {
        scored += store.saveOutcome(
          { requestId: `offline-${randomUUID()}`, scores: chunk.map((item, j) => ({ key: item.key, score: scores[j]! })), failed: [], usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 } },
          { scorer: name, model: model.name, provider: 'offline', rubricVersion: model.rubricVersion, costUsd: 0, items: itemsByKey },
        );
        chunk.forEach((item, j) => storedNow.set(item.key, scores[j]!));
        progress.done += chunk.length;
        progress.updatedAt = Date.now();
        deps.emit({ type: 'progress', progress: { ...progress } });
      },
    });
  }
  if (!options.dryRun && deps.recordRun) store.recordRun({ dataset: datasetIdentity(dataset), scorer: name, tasksSelected: selected.length });
  // Each chunk is committed whole, so what is left is the items of the chunks not reached.
  const left = items.length - storedNow.size;
  if (!options.dryRun && left === 0) keepWhole(inputs, prepared, storedNow, scored);
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
    scores: prepared.whole ?? scoresInOrder(selected, keys, new Map([...stored, ...storedNow])),
    elapsedMs: Date.now() - inputs.started,
  };
}

/**
 * After a complete run over the whole dataset, keeps every task's score for the next command, when the
 * store's version says no one else changed a score since this run read it: the version then counts exactly
 * this run's own rows, and the store holds every task's key (what was found and what was just stored).
 */
function keepWhole(inputs: RunInputs, prepared: PreparedOfflineScorer, storedNow: ReadonlyMap<string, TaskScore>, scored: number): void {
  const { dataset, selected, store, options } = inputs;
  const { version } = prepared;
  // Read from what a complete run kept, and nothing written since: it holds as it is.
  if (!version || prepared.whole || selected.length !== dataset.tasks.length) return;
  // Every change since the start is this run's own (the count), and none came after its last write (the token).
  const now = store.scoresVersion();
  const own = scored > 0 ? store.ownWriteVersion() : version;
  if (!now || !own || now.token !== own.token || now.changes !== own.changes || now.changes !== version.changes + scored) return;
  const entry = storedOfflineEntry({ storeFile: store.file, version: now, dataset, target: prepared.resolved.target, modelPath: DEFAULT_MODEL_PATH });
  if (!entry) return;
  // The selection is the whole dataset; usually in its own order, so the keys line up without a lookup.
  const inOrder = selected.every((task, i) => task.taskId === dataset.tasks[i]!.id && task.occupationCode === dataset.tasks[i]!.occupationCode);
  const keyOfTask = inOrder ? undefined : new Map(selected.map((task, i) => [taskKey(task.occupationCode, task.taskId), prepared.keys[i]!]));
  // This run's scores as the store gives them back, so a command reading the entry sees what it would read.
  const row = { scorer: prepared.name, model: prepared.model.name, rubricVersion: prepared.model.rubricVersion };
  const scores: TaskScore[] = [];
  for (let i = 0; i < dataset.tasks.length; i++) {
    const task = dataset.tasks[i]!;
    const key = keyOfTask ? keyOfTask.get(taskKey(task.occupationCode, task.id)) : prepared.keys[i];
    const own = key === undefined ? undefined : storedNow.get(key);
    const score = own ? asReadBack(own, row) : key === undefined ? undefined : prepared.stored.get(key);
    if (!score) return;
    scores.push(score);
  }
  writeWhole(datasetCache(options.env), entry, { scorer: prepared.name, model: prepared.model, target: prepared.target, scores });
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
