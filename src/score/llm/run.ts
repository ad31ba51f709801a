// The scoring run: tasks go out in batches under the limiter, replies are validated item by item, valid
// scores are handed to `onBatch` (the store commits them there) as each reply arrives, and items that came
// back missing or invalid are re-asked on their own a bounded number of times, then reported as failed.
// The request loop itself (limiter, retries, JSON-mode fallback, abort) is runChatJobs in chat-jobs.ts,
// shared with `new-work`; this file says what a scoring request is and what its reply means.
//
// CONTRACT CHANGE (additive only, nothing removed or renamed):
// - ScoreRunOptions gains optional `maxReasks` (default 2: a task failing on its own is asked 3 times; a
//   whole reply that failed is asked again as reask.ts decides), `maxRetryAfterMs` (default 60 s),
//   `abortGraceMs` (default 10 s) and `baseYear` (default this year; sets the horizon bounds).
// - ScoreRunSummary.usage and .dropped are spelled out below; it also gains `structuredOutput`, the mode
//   the run ended in ('json_object' after a fallback).
// - estimateTokens lives in src/score/llm/tokens.ts (with estimateRequestTokens), not rubric.ts: rubric.ts would
//   otherwise import it in a cycle. src/score/llm/batches.ts exports planBatches(), which the plan should use to
//   count requests (tasks that read like instructions go one to a request).
// - A fatal reply (401, 403, 404, a 400 other than missing schema support, out of credit) stops the run:
//   requests in flight finish and are delivered, then scoreTasks throws FailureError. An error thrown by
//   `onBatch` (the store refused a write) stops it too, aborting the requests in flight.
// - Requests of two or more tasks carry the injection check's two tasks (canaries.ts), and a run that sends
//   such requests first asks the check tasks alone (one more request, delivered to `onBatch` with no
//   scores: it was paid for). ScoreRunOptions gains `defences` (both on by default) and the summary
//   `injectionCheck`.
import { randomUUID } from 'node:crypto';
import { planBatches } from './batches.js';
import { canaryItems, checkCanaries, isCanary, withCanaries, type CanaryReference } from './canaries.js';
import { createReaskPolicy } from './reask.js';
import { parseReply, type DroppedCounts } from './reply.js';
import { runChatJobs, type ChatEvent, type ReplyAttempt } from './chat-jobs.js';
import { scoreChatRequest, type StructuredMode, type Usage } from './request.js';
import { horizonBounds, RUBRIC_VERSION, type PromptTask, type ReplyItem } from '../rubric.js';
import { estimateRequestTokens } from './tokens.js';
import type { Limiter } from './limiter.js';
import type { TaskScore } from '../types.js';

export interface ScoreItem {
  key: string;
  taskId: string;
  occupationCode: string;
  title: string;
  text: string;
}
export interface ProviderSettings {
  /** 'openai' | 'groq' | 'openrouter' | 'ollama' | 'vllm' | 'lmstudio' | 'custom' */
  provider: string;
  baseURL?: string;
  apiKey: string;
  model: string;
  temperature: number;
  timeoutMs: number;
  /** Retries of one request after a timeout, a broken connection or a 5xx. */
  maxRetries: number;
  structuredOutput: 'json_schema' | 'json_object' | 'auto';
}
export interface RateLimits {
  concurrency?: number;
  rpm?: number;
  tpm?: number;
}
export interface BatchOutcome {
  /** Our own id for the request (uuid). */
  requestId: string;
  /** Only validated scores. */
  scores: { key: string; score: TaskScore }[];
  /** Items given up on after re-asks or retries. */
  failed: { key: string; reason: string }[];
  usage: Usage;
  dropped: DroppedCounts;
}
export type { ChatEvent } from './chat-jobs.js';
export type ScoreEvent = ChatEvent | { type: 'batch-done'; outcome: BatchOutcome };
export interface ScoreRunOptions {
  items: ScoreItem[];
  settings: ProviderSettings;
  batchSize: number;
  limits: RateLimits;
  /** The endpoint's limiter when other scorers share it (limiter.ts, endpointLimiters). */
  limiter?: Limiter;
  /** Called once per finished request, before that request's re-asks are sent; calls never overlap. */
  onBatch: (outcome: BatchOutcome) => void | Promise<void>;
  onEvent?: (event: ScoreEvent) => void;
  /** Ctrl-C: stop sending; replies in flight are still delivered, until `abortGraceMs` runs out. */
  signal?: AbortSignal;
  /** Budget check (max-cost) before each new request. */
  shouldContinue?: () => boolean;
  fetch?: typeof fetch;
  maxReasks?: number;
  maxRetryAfterMs?: number;
  abortGraceMs?: number;
  baseYear?: number;
  /** The defences against instructions inside task text, both on by default; switched off only to measure
   * what each is worth (src/bench/injection.ts). See batches.ts and canaries.ts. */
  defences?: { isolateInstructionLike?: boolean; checkTasks?: boolean };
}
export interface InjectionCheckSummary {
  /** Requests that asked the check tasks alone for their reference answers (one per run, more on faults). */
  referenceRequests: number;
  /** Replies whose check tasks moved: their scores were dropped and their tasks asked again in halves. */
  swayedReplies: number;
  /** Tasks asked again because their reply was swayed (a task counts once per swayed reply it was in). */
  tasksAskedAgain: number;
}
export interface ScoreRunSummary {
  requests: number;
  scored: number;
  failed: number;
  usage: Usage;
  dropped: DroppedCounts;
  stoppedEarly: boolean;
  elapsedMs: number;
  structuredOutput: StructuredMode;
  injectionCheck: InjectionCheckSummary;
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
const NO_DROPS: DroppedCounts = { unknownIds: 0, duplicateIds: 0, invalidItems: 0 };

/** Scores tasks: the rubric's requests through runChatJobs, each reply validated item by item. */
export async function scoreTasks(options: ScoreRunOptions): Promise<ScoreRunSummary> {
  const unique = [...new Map(options.items.map((item) => [item.key, item])).values()];
  const reasks = createReaskPolicy({ tasks: unique.length, ownFailures: (options.maxReasks ?? 2) + 1 });
  /** Per task, how many replies scored its neighbours but not it. */
  const ownFailures = new Map<string, number>();
  const bounds = horizonBounds(options.baseYear);
  const emit = (event: ScoreEvent) => options.onEvent?.(event);
  const totals = {
    scored: 0,
    failed: 0,
    usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
    dropped: { unknownIds: 0, duplicateIds: 0, invalidItems: 0 },
  };
  const promptTasks = (items: ScoreItem[]): PromptTask[] =>
    items.map((item, i) => ({ id: `t${i + 1}`, occupation: item.title, task: item.text }));
  const checking = options.defences?.checkTasks ?? true;
  const checked = (groups: ScoreItem[][]) => (checking ? groups.map(withCanaries) : groups);
  const injection: InjectionCheckSummary = { referenceRequests: 0, swayedReplies: 0, tasksAskedAgain: 0 };
  let reference: CanaryReference | undefined;

  let chain: Promise<void> = Promise.resolve();
  const deliver = async (outcome: BatchOutcome) => {
    const call = chain.then(() => options.onBatch(outcome));
    chain = call.catch(() => {});
    await call;
    totals.scored += outcome.scores.length;
    totals.failed += outcome.failed.length;
    for (const k of ['inputTokens', 'outputTokens', 'cachedInputTokens'] as const) totals.usage[k] += outcome.usage[k];
    for (const k of ['unknownIds', 'duplicateIds', 'invalidItems'] as const) totals.dropped[k] += outcome.dropped[k];
    emit({ type: 'batch-done', outcome });
  };

  const onReply = async (job: { items: ScoreItem[]; ask: number }, attempt: ReplyAttempt): Promise<ScoreItem[][]> => {
    const ids = job.items.map((_, i) => `t${i + 1}`);
    const parsed = attempt.refusal
      ? parseReply({ content: null, sentIds: [], bounds })
      : parseReply({ content: attempt.content, sentIds: ids, bounds });
    const outcome: BatchOutcome = { requestId: randomUUID(), scores: [], failed: [], usage: attempt.usage, dropped: parsed.dropped };
    const tasks = job.items.filter((item) => !isCanary(item));
    const acceptedByKey = new Map(job.items.flatMap((item, i) => (parsed.accepted.has(ids[i]!) ? [[item.key, parsed.accepted.get(ids[i]!)!] as const] : [])));
    const verdict = checkCanaries(job.items, acceptedByKey, reference);
    if (verdict === 'swayed') {
      // Paid for, but none of its scores can be trusted. Its tasks go again in two halves, each with check
      // tasks of its own: the half without the culprit comes back clean, the other is halved again, until
      // the culprit is alone with nothing to sway. About 2 log2(n) requests rather than n, and a false alarm
      // (a check task rated otherwise in company) costs two.
      await deliver({ ...outcome, dropped: NO_DROPS });
      injection.swayedReplies++;
      injection.tasksAskedAgain += tasks.length;
      emit({ type: 'retry', reason: `a reply rated the check tasks unlike they are rated alone: asking its ${tasks.length} tasks again in two halves` });
      const half = Math.ceil(tasks.length / 2);
      return checked(tasks.length > 1 ? [tasks.slice(0, half), tasks.slice(half)] : [tasks]);
    }
    const again: ScoreItem[] = [];
    reasks.observe(tasks.length, tasks.filter((item) => acceptedByKey.has(item.key)).length);
    // An unreadable or cut-off reply failed as a whole (the server's fault), as did one whose check tasks are
    // missing (its scores cannot be verified); a readable one that left a task out or scored it invalidly
    // failed that task on its own.
    const wholeReplyFailed = !parsed.readable || attempt.truncated || verdict === 'unverified';
    job.items.forEach((item, i) => {
      if (isCanary(item)) return;
      const id = ids[i]!;
      const accepted = verdict === 'clean' ? parsed.accepted.get(id) : undefined;
      if (accepted) return void outcome.scores.push({ key: item.key, score: toTaskScore(item, accepted, { name: `${options.settings.provider}:${options.settings.model}`, model: options.settings.model }) });
      const reason = attempt.refusal
        ? `the model refused: ${attempt.refusal}`
        : verdict === 'unverified'
          ? 'the reply left out a check task, so its scores could not be checked for injected instructions'
          : (parsed.missing.get(id) ?? 'missing from the reply');
      const own = (ownFailures.get(item.key) ?? 0) + (wholeReplyFailed ? 0 : 1);
      ownFailures.set(item.key, own);
      if (reasks.allows({ ask: job.ask, ownFailures: own })) again.push(item);
      else outcome.failed.push({ key: item.key, reason: `${reason} (asked ${job.ask} times)` });
    });
    await deliver(outcome);
    if (!again.length) return [];
    if (again.length < tasks.length || !attempt.truncated) {
      emit({ type: 'retry', reason: `re-asking ${again.length} task(s) the reply did not score validly` });
    }
    // A reply cut off at the output limit will be cut off again: halve the batch instead.
    return checked(attempt.truncated && again.length > 1 ? [again.slice(0, again.length / 2), again.slice(again.length / 2)] : [again]);
  };

  const jobOptions = {
    settings: options.settings,
    limits: options.limits,
    limiter: options.limiter,
    build: (items: ScoreItem[], mode: StructuredMode) => scoreChatRequest(promptTasks(items), { mode, bounds }),
    estimate: (items: ScoreItem[], mode: StructuredMode) => {
      const size = estimateRequestTokens(promptTasks(items), { schemaInPrompt: mode === 'json_object' });
      return size.input + size.output;
    },
    signal: options.signal,
    shouldContinue: options.shouldContinue,
    fetch: options.fetch,
    maxRetryAfterMs: options.maxRetryAfterMs,
    abortGraceMs: options.abortGraceMs,
  };

  /** The check tasks asked alone: their answers are what a reply's check tasks are held to. */
  let referenceMode: StructuredMode | undefined;
  const askReference = async (): Promise<number> => {
    const run = await runChatJobs<ScoreItem>({
      ...jobOptions,
      batches: [canaryItems()],
      onReply: async (job, attempt) => {
        const ids = job.items.map((_, i) => `t${i + 1}`);
        const parsed = parseReply({ content: attempt.refusal ? null : attempt.content, sentIds: ids, bounds });
        // Paid for like any request, though it scores none of the run's tasks.
        await deliver({ requestId: randomUUID(), scores: [], failed: [], usage: attempt.usage, dropped: NO_DROPS });
        if (parsed.accepted.size === job.items.length) {
          reference = new Map(job.items.map((item, i) => [item.key, parsed.accepted.get(ids[i]!)!]));
          return [];
        }
        return job.ask < 3 ? [job.items] : [];
      },
      onGiveUp: async () => {},
      onEvent: emit,
    });
    if (!reference && !run.stoppedEarly) emit({ type: 'retry', reason: 'the check tasks got no valid answer alone: replies are not checked for injected instructions in this run' });
    injection.referenceRequests = run.requests;
    referenceMode = run.structuredOutput;
    return run.requests;
  };

  try {
    const batches = planBatches({ items: unique, batchSize: options.batchSize, isolateInstructionLike: options.defences?.isolateInstructionLike });
    const referenceRequests = checking && batches.some((batch) => batch.length > 1) && !options.signal?.aborted ? await askReference() : 0;
    const run = await runChatJobs<ScoreItem>({
      ...jobOptions,
      batches: checked(batches),
      startMode: referenceMode,
      onReply,
      onGiveUp: (items, reason) =>
        deliver({
          requestId: randomUUID(),
          scores: [],
          failed: items.filter((item) => !isCanary(item)).map((item) => ({ key: item.key, reason })),
          usage: NO_USAGE,
          dropped: NO_DROPS,
        }),
      onEvent: emit,
    });
    await chain;
    return {
      requests: run.requests + referenceRequests,
      scored: totals.scored,
      failed: totals.failed,
      usage: totals.usage,
      dropped: totals.dropped,
      stoppedEarly: run.stoppedEarly,
      elapsedMs: run.elapsedMs,
      structuredOutput: run.structuredOutput,
      injectionCheck: injection,
    };
  } catch (error) {
    await chain;
    throw error;
  }
}

/** A validated reply item as the TaskScore stored for `item`; the Batch API path uses it too. */
export function toTaskScore(item: Pick<ScoreItem, 'taskId' | 'occupationCode'>, reply: ReplyItem, scorer: { name: string; model: string }): TaskScore {
  return {
    taskId: item.taskId,
    occupationCode: item.occupationCode,
    exposure: reply.exposure,
    automation: reply.automation,
    mode: reply.mode,
    horizon: reply.horizon,
    duration: reply.duration_hours,
    confidence: reply.confidence,
    rationale: reply.rationale,
    scorer: scorer.name,
    model: scorer.model,
    rubricVersion: RUBRIC_VERSION,
  };
}
