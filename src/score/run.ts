// The scoring run: tasks go out in batches under the limiter, replies are validated item by item, valid
// scores are handed to `onBatch` (the store commits them there) as each reply arrives, and items that came
// back missing or invalid are re-asked on their own a bounded number of times, then reported as failed.
//
// CONTRACT CHANGE (additive only, nothing removed or renamed):
// - ScoreRunOptions gains optional `maxReasks` (default 2), `maxRetryAfterMs` (default 60 s),
//   `abortGraceMs` (default 10 s) and `baseYear` (default this year; sets the horizon bounds).
// - ScoreRunSummary.usage and .dropped are spelled out below; it also gains `structuredOutput`, the mode
//   the run ended in ('json_object' after a fallback).
// - estimateTokens lives in src/score/tokens.ts (with estimateRequestTokens), not rubric.ts: rubric.ts would
//   otherwise import it in a cycle. src/score/batches.ts exports planBatches(), which the plan should use to
//   count requests (tasks that read like instructions go one to a request).
// - A fatal reply (401, 403, 404, a 400 other than missing schema support, out of credit) stops the run:
//   requests in flight finish and are delivered, then scoreTasks throws FailureError.
import { randomUUID } from 'node:crypto';
import { FailureError } from '../errors.js';
import { planBatches } from './batches.js';
import { createLimiter } from './limiter.js';
import { parseReply, type DroppedCounts } from './reply.js';
import { createChatClient, sendScoreRequest, type StructuredMode, type Usage } from './request.js';
import { horizonBounds, RUBRIC_VERSION, type PromptTask, type ReplyItem } from './rubric.js';
import { estimateRequestTokens } from './tokens.js';
import type { TaskScore } from './types.js';

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
export type ScoreEvent =
  | { type: 'request-start'; size: number; inFlight: number }
  | { type: 'batch-done'; outcome: BatchOutcome }
  | { type: 'rate-limited'; waitMs: number; concurrency: number }
  | { type: 'retry'; reason: string }
  | { type: 'concurrency'; value: number };
export interface ScoreRunOptions {
  items: ScoreItem[];
  settings: ProviderSettings;
  batchSize: number;
  limits: RateLimits;
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
}

interface Job {
  items: ScoreItem[];
  /** 1 for the first ask, 2 for the first re-ask, ... */
  ask: number;
  retries: number;
  rateLimited: number;
}

/** 429s are flow control, not faults, so they get a wider bound than other retries. */
const MAX_RATE_LIMITED = 10;

export async function scoreTasks(options: ScoreRunOptions): Promise<ScoreRunSummary> {
  const started = performance.now();
  const { settings } = options;
  const maxReasks = options.maxReasks ?? 2;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const bounds = horizonBounds(options.baseYear);
  const emit = (event: ScoreEvent) => options.onEvent?.(event);
  const client = createChatClient(settings, options.fetch);
  const limiter = createLimiter({
    limits: options.limits,
    maxRetryAfterMs,
    onConcurrency: (value) => emit({ type: 'concurrency', value }),
  });
  let mode: StructuredMode = settings.structuredOutput === 'json_object' ? 'json_object' : 'json_schema';
  const summary: ScoreRunSummary = {
    requests: 0,
    scored: 0,
    failed: 0,
    usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
    dropped: { unknownIds: 0, duplicateIds: 0, invalidItems: 0 },
    stoppedEarly: false,
    elapsedMs: 0,
    structuredOutput: mode,
  };

  let wakeLoop: () => void = () => {};
  // stop: no new requests (Ctrl-C, budget, fatal error). hardStop: abort requests in flight too.
  const stop = new AbortController();
  const hardStop = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onUserAbort = () => {
    summary.stoppedEarly = true;
    stop.abort();
    wakeLoop();
    graceTimer = setTimeout(() => hardStop.abort(), options.abortGraceMs ?? 10_000);
  };
  if (options.signal?.aborted) onUserAbort();
  else options.signal?.addEventListener('abort', onUserAbort, { once: true });
  let fatal: unknown;
  const fail = (error: unknown) => {
    fatal ??= error;
    stop.abort();
    wakeLoop();
  };

  const unique = [...new Map(options.items.map((item) => [item.key, item])).values()];
  const queue: Job[] = planBatches({ items: unique, batchSize: options.batchSize }).map((items) => ({
    items,
    ask: 1,
    retries: 0,
    rateLimited: 0,
  }));
  let active = 0;
  const timers = new Set<NodeJS.Timeout>();
  const changed = () => new Promise<void>((resolve) => (wakeLoop = resolve));
  const done = () => {
    active--;
    wakeLoop();
  };

  let chain: Promise<void> = Promise.resolve();
  const deliver = async (outcome: BatchOutcome) => {
    const call = chain.then(() => options.onBatch(outcome));
    chain = call.catch(() => {});
    await call;
    summary.scored += outcome.scores.length;
    summary.failed += outcome.failed.length;
    for (const k of ['inputTokens', 'outputTokens', 'cachedInputTokens'] as const) summary.usage[k] += outcome.usage[k];
    for (const k of ['unknownIds', 'duplicateIds', 'invalidItems'] as const) summary.dropped[k] += outcome.dropped[k];
    emit({ type: 'batch-done', outcome });
  };
  const giveUp = (job: Job, reason: string) =>
    deliver({
      requestId: randomUUID(),
      scores: [],
      failed: job.items.map((item) => ({ key: item.key, reason })),
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
      dropped: { unknownIds: 0, duplicateIds: 0, invalidItems: 0 },
    });
  const requeueLater = (job: Job, ms: number) => {
    active++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stop.signal.aborted) queue.unshift(job);
      done();
    }, ms);
    timers.add(timer);
  };

  const runJob = async (job: Job, permit: NonNullable<Awaited<ReturnType<typeof limiter.acquire>>>) => {
    const tasks: PromptTask[] = job.items.map((item, i) => ({ id: `t${i + 1}`, occupation: item.title, task: item.text }));
    const requestMode = mode;
    emit({ type: 'request-start', size: tasks.length, inFlight: limiter.inFlight });
    summary.requests++;
    // A signal per request: the SDK leaves its listener on the signal it is given, so a shared one would
    // collect a listener per request for the whole run.
    const abort = new AbortController();
    const forward = () => abort.abort();
    hardStop.signal.addEventListener('abort', forward, { once: true });
    const attempt = await sendScoreRequest({ client, settings, mode: requestMode, tasks, bounds, signal: abort.signal }).finally(() =>
      hardStop.signal.removeEventListener('abort', forward),
    );
    switch (attempt.kind) {
      case 'aborted':
        limiter.failed(permit);
        return;
      case 'fatal':
        limiter.failed(permit);
        return fail(new FailureError(`${settings.provider} (${settings.model}) refused the request: ${attempt.reason}`));
      case 'schema-unsupported':
        limiter.failed(permit);
        // JSON mode rejected too, or no fallback allowed: asking again cannot help.
        if (settings.structuredOutput !== 'auto' || requestMode === 'json_object') {
          return fail(new FailureError(`the server does not accept the ${requestMode} response format: ${attempt.reason}`));
        }
        if (requestMode === 'json_schema' && mode === 'json_schema') {
          mode = 'json_object';
          summary.structuredOutput = mode;
          emit({ type: 'retry', reason: 'the server does not accept a JSON schema; using JSON mode with the schema in the prompt' });
        }
        queue.unshift(job);
        return;
      case 'rate-limited': {
        const waitMs = limiter.rateLimited(permit, { headers: attempt.headers });
        emit({ type: 'rate-limited', waitMs, concurrency: limiter.concurrency });
        if (++job.rateLimited > MAX_RATE_LIMITED) return giveUp(job, `still rate-limited after ${MAX_RATE_LIMITED} waits: ${attempt.reason}`);
        queue.unshift(job);
        return;
      }
      case 'retryable': {
        limiter.failed(permit);
        if (++job.retries > settings.maxRetries) {
          return giveUp(job, `${attempt.reason} (after ${settings.maxRetries + 1} attempts)`);
        }
        emit({ type: 'retry', reason: attempt.reason });
        const backoff = 500 * 2 ** (job.retries - 1) * (0.75 + Math.random() / 2);
        return requeueLater(job, Math.min(maxRetryAfterMs, attempt.retryAfterMs ?? backoff));
      }
      case 'reply': {
        const { usage } = attempt;
        limiter.succeeded(permit, { headers: attempt.headers, actualTokens: usage.inputTokens + usage.outputTokens });
        const ids = tasks.map((t) => t.id);
        const parsed = attempt.refusal
          ? parseReply({ content: null, sentIds: [], bounds })
          : parseReply({ content: attempt.content, sentIds: ids, bounds });
        const outcome: BatchOutcome = { requestId: randomUUID(), scores: [], failed: [], usage, dropped: parsed.dropped };
        const again: ScoreItem[] = [];
        job.items.forEach((item, i) => {
          const id = ids[i]!;
          const accepted = parsed.accepted.get(id);
          if (accepted) return void outcome.scores.push({ key: item.key, score: toTaskScore(item, accepted, settings) });
          const reason = attempt.refusal ? `the model refused: ${attempt.refusal}` : (parsed.missing.get(id) ?? 'missing from the reply');
          if (job.ask <= maxReasks) again.push(item);
          else outcome.failed.push({ key: item.key, reason: `${reason} (asked ${job.ask} times)` });
        });
        await deliver(outcome);
        if (!again.length) return;
        if (again.length < job.items.length || !attempt.truncated) {
          emit({ type: 'retry', reason: `re-asking ${again.length} task(s) the reply did not score validly` });
        }
        // A reply cut off at the output limit will be cut off again: halve the batch instead.
        const halves = attempt.truncated && again.length > 1 ? [again.slice(0, again.length / 2), again.slice(again.length / 2)] : [again];
        queue.unshift(...halves.map((items) => ({ items, ask: job.ask + 1, retries: 0, rateLimited: 0 })));
      }
    }
  };

  try {
    for (;;) {
      if (stop.signal.aborted) break;
      if (!queue.length) {
        if (active === 0) break;
        await changed();
        continue;
      }
      if (options.shouldContinue && !options.shouldContinue()) {
        summary.stoppedEarly = true;
        break;
      }
      const job = queue[0]!;
      const size = estimateRequestTokens(
        job.items.map((item, i) => ({ id: `t${i + 1}`, occupation: item.title, task: item.text })),
        { schemaInPrompt: mode === 'json_object' },
      );
      const permit = await limiter.acquire({ tokens: size.input + size.output, signal: stop.signal });
      if (!permit) break;
      // Re-asks may have been put at the head meanwhile; they go next, this job goes now as planned.
      queue.splice(queue.indexOf(job), 1);
      active++;
      runJob(job, permit)
        .catch(fail)
        .finally(done);
    }
    // Wait for requests in flight; retries waiting on a timer are dropped once the run is stopping.
    while (active > 0) {
      if (stop.signal.aborted) {
        for (const timer of timers) clearTimeout(timer);
        active -= timers.size;
        timers.clear();
      }
      if (active > 0) await changed();
    }
    await chain;
  } finally {
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onUserAbort);
  }
  summary.elapsedMs = performance.now() - started;
  if (fatal) throw fatal;
  if (queue.length) summary.stoppedEarly = true;
  return summary;
}

function toTaskScore(item: ScoreItem, reply: ReplyItem, settings: ProviderSettings): TaskScore {
  return {
    taskId: item.taskId,
    occupationCode: item.occupationCode,
    exposure: reply.exposure,
    automation: reply.automation,
    mode: reply.mode,
    horizon: reply.horizon,
    confidence: reply.confidence,
    rationale: reply.rationale,
    scorer: `${settings.provider}:${settings.model}`,
    model: settings.model,
    rubricVersion: RUBRIC_VERSION,
  };
}
