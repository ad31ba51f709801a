// `check`: try a model on labelled tasks before paying for a full run. A stratified sample of a label set is
// scored by the ordinary `score` pipeline (same settings, same store: a rerun pays nothing), then judged
// against GPT-4's and the human annotators' labels, beside the offline model on the same tasks, with what the
// run cost and what a whole O*NET release would cost at that rate. Returns data; the command prints it.
import { taskKey, type Dataset } from '../../data/types.js';
import { UsageError } from '../../errors.js';
import type { ScoreFlags } from '../config.js';
import { loadOfflineModel, readModelFile } from '../offline/model.js';
import { occupationTexts, offlineTasksOf, scoreOffline } from '../offline/score.js';
import { heldOutTaskKeys } from '../offline/seen.js';
import type { ScorePlan } from '../plan.js';
import { runScore, type RunScoreHooks, type RunScoreResult } from '../score-run.js';
import { isOfflineScorer, OFFLINE_SCORER } from '../scorers.js';
import { openStore } from '../store/store.js';
import { requestUsage } from '../store/requests.js';
import type { LabelRow } from '../labels.js';
import type { TaskScore } from '../types.js';
import { BUNDLED_LABELS } from './bundled.js';
import { agreementFigures, type AgreementFigures } from './figures.js';
import { readCheckLabels } from './labels.js';
import { fullReleaseProjection, perThousand, rateOfRun, rateOfStored, type ObservedRate, type PerThousand, type Projection } from './rate.js';
import { majorGroupOf, stratifiedSample } from './sample.js';

export const DEFAULT_CHECK_SAMPLE = 200;

export interface RunCheckOptions {
  /** A label set with the GPTs-are-GPTs columns; the bundled excerpt when unset. */
  labels?: string;
  sample?: number;
  seed?: number;
  flags: ScoreFlags;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Plan only: what scoring the sample would send and cost; nothing is sent. */
  dryRun?: boolean;
}

/** A dry run's answer: the sample and the plan `score --dry-run` would print for it. */
export interface CheckPlan {
  dryRun: true;
  labels: CheckReport['labels'];
  sample: CheckReport['sample'];
  plan: ScorePlan;
}

/** Figures of one scorer against both label sets, on the tasks it may be judged on. */
export interface ScorerFigures {
  scorer: string;
  gpt4: AgreementFigures | null;
  human: AgreementFigures | null;
  /** For an offline scorer: figures on the tasks its model never saw in training; the rest are in `inSample`. */
  heldOut?: { model: string; tasks: number; of: number };
  /** For an offline scorer, when the sample holds tasks it trained on: every task, flattered by those. */
  inSample?: { tasks: number; gpt4: AgreementFigures | null; human: AgreementFigures | null };
}

export interface CheckReport {
  dryRun: false;
  labels: { file: string; bundled: boolean; tasks: number };
  sample: { tasks: number; seed: number; majorGroups: number; occupations: number; gpt4Labels: Record<string, number> };
  scorer: { name: string; offline: boolean; offlineReason?: 'no-provider' | 'requested' };
  checked: ScorerFigures;
  /** The offline model on the same tasks; null when the checked scorer is the offline model's default. */
  offline: ScorerFigures | null;
  /** GPT-4's labels against the human ones on the same tasks: how far the two references agree. */
  labelsAgree: AgreementFigures | null;
  run: {
    status: RunScoreResult['status'];
    scoredNow: number;
    alreadyStored: number;
    requests: number;
    plannedRequests: number;
    /** Retries of the request loop and re-asks of invalid or missing items (engine `retry` events). */
    retries: number;
    rateLimited: number;
    failures: RunScoreResult['failures'];
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    price: 'known' | 'free' | 'unknown';
    elapsedMs: number;
    storeFile: string;
  };
  rate: ObservedRate;
  perThousand: PerThousand | null;
  projection: Projection;
}

export async function runCheck(options: RunCheckOptions, hooks: RunScoreHooks = {}): Promise<CheckReport | CheckPlan> {
  const file = options.labels ?? BUNDLED_LABELS;
  const size = options.sample ?? DEFAULT_CHECK_SAMPLE;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(size) || size < 1) throw new UsageError(`--sample ${size}: expected a whole number of tasks of at least 1`);
  // The labels first: a wrong file is refused before anything is loaded or sent.
  const labels = await readCheckLabels(file);
  if (size > labels.rows.length) {
    throw new UsageError(`--sample ${size}: ${file} has only ${labels.rows.length} labelled tasks; ask for at most ${labels.rows.length}`);
  }
  const sampled = stratifiedSample(labels.rows, { size, seed, stratum: (row) => `${majorGroupOf(row.occupationCode)} ${row.exposure}` });
  const keys = new Set(sampled.map((row) => taskKey(row.occupationCode, row.taskId)));

  let retries = 0;
  let rateLimited = 0;
  let offlineReason: 'no-provider' | 'requested' | undefined;
  const result = await runScore(
    {
      flags: { ...options.flags, dataset: file },
      selection: { tasks: keys },
      record: false,
      dryRun: options.dryRun,
      env: options.env,
      cwd: options.cwd,
      signal: options.signal,
      fetch: options.fetch,
    },
    {
      onEvent: (event) => {
        if (event.type === 'offline') offlineReason = event.reason;
        if (event.type === 'engine' && event.event.type === 'retry') retries += 1;
        if (event.type === 'engine' && event.event.type === 'rate-limited') rateLimited += 1;
        hooks.onEvent?.(event);
      },
    },
  );
  const gpt4Labels = Object.fromEntries(['E0', 'E1', 'E2'].map((e) => [e, sampled.filter((row) => row.exposure === e).length]));
  const about = {
    labels: { file, bundled: file === BUNDLED_LABELS, tasks: labels.rows.length },
    sample: {
      tasks: sampled.length,
      seed,
      majorGroups: new Set(sampled.map((row) => majorGroupOf(row.occupationCode))).size,
      occupations: new Set(sampled.map((row) => row.occupationCode)).size,
      gpt4Labels,
    },
  };
  if (result.status === 'dry-run') return { dryRun: true, ...about, plan: result.plan };
  const dataset = result.dataset;
  const offline = isOfflineScorer(result.scorer);

  const modelFile = readModelFile();
  const sampleTasks = dataset.tasks.filter((t) => keys.has(taskKey(t.occupationCode, t.id)));
  const heldOut = heldOutTaskKeys(modelFile, sampleTasks, taskKey);
  const figuresOf = (scorer: string, scores: readonly TaskScore[], judgedOffline: boolean): ScorerFigures => {
    const on = (only: ReadonlySet<string>) => ({
      gpt4: figuresOrNull({ dataset, scores, reference: labels.gpt4, only, seed }),
      human: figuresOrNull({ dataset, scores, reference: labels.human, only, seed }),
    });
    if (!judgedOffline) return { scorer, ...on(keys) };
    const inSampleTasks = keys.size - heldOut.keys.size;
    return {
      scorer,
      ...on(heldOut.keys),
      heldOut: { model: modelFile.name, tasks: heldOut.keys.size, of: keys.size },
      ...(inSampleTasks > 0 ? { inSample: { tasks: keys.size, ...on(keys) } } : {}),
    };
  };

  const checked = figuresOf(result.scorer, result.scores, offline);
  const reference = result.scorer === OFFLINE_SCORER ? null : figuresOf(OFFLINE_SCORER, offlineReference(dataset, keys), true);
  const rate = offline ? rateOfRun(result.progress, 'offline') : result.progress.done > 0 ? rateOfRun(result.progress, 'this run') : storedRate(result, sampled);
  const per = perThousand(rate);
  return {
    dryRun: false,
    ...about,
    scorer: { name: result.scorer, offline, ...(offlineReason ? { offlineReason } : {}) },
    checked,
    offline: reference,
    labelsAgree: figuresOrNull({ dataset, scores: labels.gpt4, reference: labels.human, only: keys, seed }),
    run: {
      status: result.status,
      scoredNow: result.scored,
      alreadyStored: result.plan.alreadyStored,
      requests: result.progress.requests,
      plannedRequests: result.plan.toScore > 0 ? result.plan.requests : 0,
      retries,
      rateLimited,
      failures: result.failures,
      inputTokens: result.progress.inputTokens,
      outputTokens: result.progress.outputTokens,
      costUsd: result.progress.costUsd,
      price: offline ? 'free' : result.plan.price,
      elapsedMs: result.elapsedMs,
      storeFile: result.storeFile,
    },
    rate,
    perThousand: per,
    projection: fullReleaseProjection(per),
  };
}

function figuresOrNull(options: Parameters<typeof agreementFigures>[0]): AgreementFigures | null {
  const figures = agreementFigures(options);
  return figures.tasks > 0 ? figures : null;
}

/** The offline model's default target on the sampled tasks, each read beside its whole occupation in the set. */
function offlineReference(dataset: Dataset, keys: ReadonlySet<string>): TaskScore[] {
  const model = loadOfflineModel();
  const tasks = offlineTasksOf(dataset, dataset.tasks.filter((t) => keys.has(taskKey(t.occupationCode, t.id))));
  return scoreOffline(model, tasks, { context: occupationTexts(dataset.tasks) });
}

/** Nothing was sent: the rate the sample's scores were paid at, from the requests that stored them. */
function storedRate(result: RunScoreResult, sampled: readonly LabelRow[]): ObservedRate {
  const store = openStore(result.storeFile, { readonly: true });
  try {
    const ids = new Set<string>();
    for (const row of sampled) {
      for (const score of store.scoresForTask(row.taskId, row.occupationCode)) {
        if (score.scorer === result.scorer && score.text === row.task && score.requestId) ids.add(score.requestId);
      }
    }
    return rateOfStored(requestUsage(store.db, [...ids]), result.plan.price);
  } finally {
    store.close();
  }
}
