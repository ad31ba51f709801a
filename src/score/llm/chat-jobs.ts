// The request loop shared by every kind of model request (task scores, new-work proposals): batches go out
// under the adaptive limiter, faults and 429s are retried here and only here (bounded; the SDK's own retries
// are off, see request.ts), a server without schema support switches the run to JSON mode, and what a reply
// left unanswered is re-queued as the caller says. What a reply means is the caller's business (onReply).
import { FailureError } from '../../errors.js';
import { formatRefusedMessage, refusedMessage, unreachableMessage } from './endpoint.js';
import { createLimiter, type Limiter } from './limiter.js';
import { createChatClient, sendChat, type Attempt, type ChatRequest, type StructuredMode } from './request.js';
import type { ProviderSettings, RateLimits } from './run.js';

/** What the request loop reports, whatever the requests ask for. */
export type ChatEvent =
  | { type: 'request-start'; size: number; inFlight: number }
  /** Any end of a request (reply, fault, 429): how many are still in flight. */
  | { type: 'request-end'; inFlight: number }
  | { type: 'rate-limited'; waitMs: number; concurrency: number }
  | { type: 'retry'; reason: string }
  | { type: 'concurrency'; value: number };
/** A reply that arrived: the only attempt kind the request loop hands on to the caller. */
export type ReplyAttempt = Extract<Attempt, { kind: 'reply' }>;

/** The request loop, for any kind of request (scoring, new work): the one retry layer and the limiter. */
export interface ChatJobsOptions<I> {
  /** Items grouped one group per request, in sending order. */
  batches: I[][];
  settings: ProviderSettings;
  limits: RateLimits;
  /** A limiter shared with other runs on the same endpoint (several models in one `score`); `limits` then
   * went into making it, and it is not made here. */
  limiter?: Limiter;
  /** The request for these items; `mode` says whether the schema must go into the prompt. */
  build: (items: I[], mode: StructuredMode) => ChatRequest;
  /** Input plus expected output tokens of that request, for pacing against TPM. */
  estimate: (items: I[], mode: StructuredMode) => number;
  /** A reply arrived (the limiter has been told): validate, deliver, and return groups of items to ask again. */
  onReply: (job: { items: I[]; ask: number }, reply: ReplyAttempt) => Promise<I[][]>;
  /** Items given up on after retries or 429s. */
  onGiveUp: (items: I[], reason: string) => Promise<void>;
  onEvent?: (event: ChatEvent) => void;
  signal?: AbortSignal;
  shouldContinue?: () => boolean;
  fetch?: typeof fetch;
  maxRetryAfterMs?: number;
  abortGraceMs?: number;
  /** The mode an earlier run against this endpoint ended in: a server found without schema support is not
   * asked for a schema again (one refused request per run, not one per request in flight per phase). */
  startMode?: StructuredMode;
}

export interface ChatJobsSummary {
  requests: number;
  stoppedEarly: boolean;
  elapsedMs: number;
  structuredOutput: StructuredMode;
}

interface Job<I> {
  items: I[];
  /** 1 for the first ask, 2 for the first re-ask, ... */
  ask: number;
  retries: number;
  rateLimited: number;
}

/** 429s are flow control, not faults, so they get a wider bound than other retries. */
const MAX_RATE_LIMITED = 10;
/** Attempts in a row that reach no server (one of them a retry after a pause) before the endpoint is called
 * dead: a server that is not running would otherwise cost every request all its retries. */
const UNREACHABLE_IN_A_ROW = 3;

/** Sends every batch under the limiter, retrying faults and 429s (bounded), falling back to JSON mode when the
 * server lacks schema support, and re-queuing what `onReply` asks to have asked again. Throws FailureError on
 * a fatal reply, after the requests in flight have been delivered. */
export async function runChatJobs<I>(options: ChatJobsOptions<I>): Promise<ChatJobsSummary> {
  const started = performance.now();
  const { settings } = options;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const emit = (event: ChatEvent) => options.onEvent?.(event);
  const client = createChatClient(settings, options.fetch);
  const limiter = options.limiter ?? createLimiter({
    limits: options.limits,
    maxRetryAfterMs,
    onConcurrency: (value) => emit({ type: 'concurrency', value }),
  });
  let mode: StructuredMode = settings.structuredOutput === 'json_object' ? 'json_object' : (options.startMode ?? 'json_schema');
  const summary: ChatJobsSummary = { requests: 0, stoppedEarly: false, elapsedMs: 0, structuredOutput: mode };
  const endpoint = { provider: settings.provider, model: settings.model, baseURL: client.baseURL };
  let unreachableInARow = 0;

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
  const inFlightAborts = new Set<AbortController>();
  hardStop.signal.addEventListener('abort', () => {
    for (const abort of inFlightAborts) abort.abort();
  }, { once: true });
  let fatal: unknown;
  const fail = (error: unknown) => {
    fatal ??= error;
    stop.abort();
    wakeLoop();
  };
  // An error thrown while handling a reply (the store refused a write) will be thrown for the replies on
  // their way too: stop them now rather than wait and pay for more that will be lost.
  const failNow = (error: unknown) => {
    fail(error);
    hardStop.abort();
  };

  const queue: Job<I>[] = options.batches.map((items) => ({ items, ask: 1, retries: 0, rateLimited: 0 }));
  let active = 0;
  const timers = new Set<NodeJS.Timeout>();
  const changed = () => new Promise<void>((resolve) => (wakeLoop = resolve));
  const done = () => {
    active--;
    wakeLoop();
  };
  const requeueLater = (job: Job<I>, ms: number) => {
    active++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stop.signal.aborted) queue.unshift(job);
      done();
    }, ms);
    timers.add(timer);
  };

  const runJob = async (job: Job<I>, permit: NonNullable<Awaited<ReturnType<typeof limiter.acquire>>>) => {
    const requestMode = mode;
    emit({ type: 'request-start', size: job.items.length, inFlight: limiter.inFlight });
    summary.requests++;
    // A signal per request: the SDK leaves its listener on the signal it is given, so a shared one would
    // collect a listener per request for the whole run. The hard stop reaches them through one listener
    // on the set of requests in flight, not one each (11 in flight warned MaxListenersExceeded).
    const abort = new AbortController();
    inFlightAborts.add(abort);
    const request = options.build(job.items, requestMode);
    const attempt = await sendChat({ client, settings, mode: requestMode, request, signal: abort.signal }).finally(() => inFlightAborts.delete(abort));
    if (attempt.kind !== 'aborted') unreachableInARow = attempt.kind === 'retryable' && attempt.unreachable ? unreachableInARow + 1 : 0;
    switch (attempt.kind) {
      case 'aborted':
        limiter.failed(permit);
        return;
      case 'fatal':
        limiter.failed(permit);
        return fail(new FailureError(refusedMessage(endpoint, attempt)));
      case 'schema-unsupported':
        limiter.failed(permit);
        // JSON mode rejected too, or no fallback allowed: asking again cannot help.
        if (settings.structuredOutput !== 'auto' || requestMode === 'json_object') {
          return fail(new FailureError(formatRefusedMessage(endpoint, requestMode, settings.structuredOutput, attempt.reason)));
        }
        if (requestMode === 'json_schema' && mode === 'json_schema') {
          mode = 'json_object';
          summary.structuredOutput = mode;
          emit({ type: 'retry', reason: `the server does not accept a JSON schema (${attempt.reason}); using JSON mode with the schema in the prompt` });
        }
        queue.unshift(job);
        return;
      case 'rate-limited': {
        const waitMs = limiter.rateLimited(permit, { headers: attempt.headers });
        emit({ type: 'rate-limited', waitMs, concurrency: limiter.concurrency });
        if (++job.rateLimited > MAX_RATE_LIMITED) {
          return options.onGiveUp(job.items, `still rate-limited after ${MAX_RATE_LIMITED} waits: ${attempt.reason}`);
        }
        queue.unshift(job);
        return;
      }
      case 'retryable': {
        limiter.failed(permit);
        if (unreachableInARow >= UNREACHABLE_IN_A_ROW && job.retries > 0) {
          const message = unreachableMessage(endpoint, attempt.reason.replace(/^connection failed: /, ''), unreachableInARow);
          return fail(new FailureError(`${message} Nothing more was sent; what was answered before is stored.`));
        }
        if (++job.retries > settings.maxRetries) {
          return options.onGiveUp(job.items, `${attempt.reason} (after ${settings.maxRetries + 1} attempts)`);
        }
        emit({ type: 'retry', reason: attempt.reason });
        const backoff = 500 * 2 ** (job.retries - 1) * (0.75 + Math.random() / 2);
        return requeueLater(job, Math.min(maxRetryAfterMs, attempt.retryAfterMs ?? backoff));
      }
      case 'reply': {
        const { usage } = attempt;
        limiter.succeeded(permit, { headers: attempt.headers, actualTokens: usage.inputTokens + usage.outputTokens });
        const again = await options.onReply({ items: job.items, ask: job.ask }, attempt);
        queue.unshift(...again.filter((items) => items.length).map((items) => ({ items, ask: job.ask + 1, retries: 0, rateLimited: 0 })));
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
      const permit = await limiter.acquire({ tokens: options.estimate(job.items, mode), signal: stop.signal });
      if (!permit) break;
      // Re-asks may have been put at the head meanwhile; they go next, this job goes now as planned.
      queue.splice(queue.indexOf(job), 1);
      active++;
      runJob(job, permit)
        .catch(failNow)
        .finally(() => {
          emit({ type: 'request-end', inFlight: limiter.inFlight });
          done();
        });
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
  } finally {
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onUserAbort);
  }
  summary.elapsedMs = performance.now() - started;
  if (fatal) throw fatal;
  if (queue.length) summary.stoppedEarly = true;
  return summary;
}

