// When may the next request go? Three things decide, and this file owns all three:
// - concurrency, adapted AIMD style: +1 after a success that found every slot busy, halved on a 429;
// - pacing by token buckets: limits given by hand (--rpm, --tpm), and the provider's own limits as learned
//   from x-ratelimit-* headers, mirrored so we send as fast as the server refills and no faster;
// - a pause that every request respects after a 429, for as long as retry-after says (bounded).
// The retry loop itself lives in request.ts; the SDK's retries are off (see there for why).
import { normalizeBaseURL } from '../key.js';
import type { RateLimits } from './run.js';

export interface Permit {
  id: number;
  sentAt: number;
  /** Tokens charged to the buckets (the estimate, corrected by what replies have reported). */
  tokens: number;
  /** The raw estimate it was granted for, to learn the correction from the reply's usage. */
  estimate: number;
  /** Whether every concurrency slot was busy when it was granted: a success then earns one more slot. */
  saturated: boolean;
}

interface Bucket {
  name: string;
  unit: 'requests' | 'tokens';
  ratePerMs: number;
  capacity: number;
  level: number;
  updatedAt: number;
}

export interface LimiterOptions {
  limits: RateLimits;
  /** Upper bound on any wait a server asks for. */
  maxRetryAfterMs: number;
  onConcurrency?: (value: number) => void;
  now?: () => number;
}

const DEFAULT_MAX_CONCURRENCY = 64;
const START_CONCURRENCY = 4;
const WINDOW_MS = 60_000;

/** Durations as OpenAI writes them in x-ratelimit-reset-*: "1s", "6m0s", "20ms", "1h2m3.5s"; or bare seconds. */
export function parseDuration(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return parseFloat(value) * 1000;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = '';
  for (const part of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += parseFloat(part[1]!) * units[part[2]!]!;
    matched += part[0];
  }
  return matched.length === value.length && matched.length > 0 ? total : undefined;
}

/** `retry-after-ms`, else `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0 && /^\s*[\d.]+\s*$/.test(raw)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function headerNumber(headers: Headers | undefined, name: string): number | undefined {
  const value = parseFloat(headers?.get(name) ?? '');
  return Number.isFinite(value) ? value : undefined;
}

export function createLimiter(options: LimiterOptions) {
  const now = options.now ?? (() => performance.now());
  const maxConcurrency = Math.max(1, options.limits.concurrency ?? DEFAULT_MAX_CONCURRENCY);
  let concurrency = options.limits.concurrency ?? Math.min(START_CONCURRENCY, maxConcurrency);
  let inFlight = 0;
  let nextId = 1;
  let pauseUntil = 0;
  let lastDecreaseAt = -Infinity;
  let consecutive429 = 0;
  /** actual / estimated tokens, learned from replies' usage. */
  let tokenFactor = 1;
  const buckets: Bucket[] = [];
  /** Charged requests, newest last: what the server has admitted that a header sent earlier cannot know. */
  const sent: { id: number; sentAt: number; tokens: number }[] = [];
  const wakers = new Set<() => void>();

  // Limits set by hand allow a short burst (a tenth of the minute), then the steady rate.
  const hand = (name: string, unit: Bucket['unit'], perMinute: number | undefined) => {
    if (!perMinute || perMinute <= 0) return;
    const capacity = Math.max(1, perMinute / 10);
    buckets.push({ name, unit, ratePerMs: perMinute / WINDOW_MS, capacity, level: capacity, updatedAt: now() });
  };
  hand('--rpm', 'requests', options.limits.rpm);
  hand('--tpm', 'tokens', options.limits.tpm);

  const wake = () => {
    for (const w of [...wakers]) w();
  };

  const refill = (bucket: Bucket, at: number) => {
    bucket.level = Math.min(bucket.capacity, bucket.level + (at - bucket.updatedAt) * bucket.ratePerMs);
    bucket.updatedAt = at;
  };

  const cost = (bucket: Bucket, tokens: number) => (bucket.unit === 'requests' ? 1 : tokens);

  /** Milliseconds until a request of `tokens` may go; Infinity while every slot is busy. */
  const waitFor = (tokens: number): number => {
    if (inFlight >= Math.floor(concurrency)) return Infinity;
    const at = now();
    let wait = Math.max(0, pauseUntil - at);
    for (const bucket of buckets) {
      refill(bucket, at);
      // A request larger than the whole bucket may go once it is full; the debt is then repaid by waiting.
      const need = Math.min(cost(bucket, tokens), bucket.capacity);
      if (bucket.level < need) wait = Math.max(wait, (need - bucket.level) / bucket.ratePerMs);
    }
    return wait;
  };

  /** Mirror the server's bucket from a header: what it had left when it admitted `permit`, plus what it
   * has refilled since, minus what we have sent since. */
  const learn = (permit: Permit, headers: Headers | undefined) => {
    const at = now();
    for (const unit of ['requests', 'tokens'] as const) {
      const limit = headerNumber(headers, `x-ratelimit-limit-${unit}`);
      const remaining = headerNumber(headers, `x-ratelimit-remaining-${unit}`);
      if (limit === undefined || limit <= 0 || remaining === undefined) continue;
      let bucket = buckets.find((b) => b.name === `server ${unit}`);
      if (!bucket) {
        bucket = { name: `server ${unit}`, unit, ratePerMs: limit / WINDOW_MS, capacity: limit, level: 0, updatedAt: at };
        buckets.push(bucket);
      }
      bucket.ratePerMs = limit / WINDOW_MS;
      bucket.capacity = limit;
      const since = sent.filter((s) => s.sentAt > permit.sentAt && s.id !== permit.id);
      const spent = since.reduce((sum, s) => sum + (unit === 'requests' ? 1 : s.tokens), 0);
      bucket.level = Math.min(limit, remaining + (at - permit.sentAt) * bucket.ratePerMs - spent);
      bucket.updatedAt = at;
    }
  };

  const release = (permit: Permit) => {
    inFlight--;
    while (sent.length && sent[0]!.sentAt < now() - 2 * WINDOW_MS) sent.shift();
    wake();
  };

  return {
    get concurrency() {
      return Math.floor(concurrency);
    },
    get inFlight() {
      return inFlight;
    },
    /** Scale a raw estimate by what replies have taught us. */
    expectedTokens(estimate: number): number {
      return Math.ceil(estimate * tokenFactor);
    },

    /** Resolves when a request of `tokens` (raw estimate) may go, or null if `signal` aborts first. */
    async acquire(request: { tokens: number; signal?: AbortSignal }): Promise<Permit | null> {
      const tokens = Math.ceil(request.tokens * tokenFactor);
      let waitedForSlot = false;
      for (;;) {
        if (request.signal?.aborted) return null;
        const wait = waitFor(tokens);
        if (wait <= 0) break;
        if (wait === Infinity) waitedForSlot = true;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wakers.delete(done);
            request.signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, Math.min(wait, 1000));
          wakers.add(done);
          request.signal?.addEventListener('abort', done, { once: true });
        });
      }
      const at = now();
      for (const bucket of buckets) bucket.level -= cost(bucket, tokens);
      inFlight++;
      const permit: Permit = { id: nextId++, sentAt: at, tokens, estimate: request.tokens, saturated: waitedForSlot || inFlight >= Math.floor(concurrency) };
      sent.push({ id: permit.id, sentAt: at, tokens });
      return permit;
    },

    succeeded(permit: Permit, result: { headers?: Headers; actualTokens?: number }): void {
      consecutive429 = 0;
      if (result.actualTokens && result.actualTokens > 0) {
        const entry = sent.find((s) => s.id === permit.id);
        if (entry) entry.tokens = result.actualTokens;
        tokenFactor = 0.8 * tokenFactor + 0.2 * (result.actualTokens / Math.max(1, permit.estimate));
        tokenFactor = Math.min(4, Math.max(0.25, tokenFactor));
      }
      learn(permit, result.headers);
      if (permit.saturated && concurrency < maxConcurrency) {
        concurrency = Math.min(maxConcurrency, concurrency + 1);
        options.onConcurrency?.(Math.floor(concurrency));
      }
      release(permit);
    },

    /** A 429: the server did not charge this request. Returns how long every request now waits. */
    rateLimited(permit: Permit, result: { headers?: Headers }): number {
      const index = sent.findIndex((s) => s.id === permit.id);
      if (index >= 0) sent.splice(index, 1);
      consecutive429++;
      learn(permit, result.headers);
      const asked = parseRetryAfter(result.headers) ?? resetWait(result.headers);
      const backoff = Math.min(1000 * 2 ** (consecutive429 - 1), options.maxRetryAfterMs) * (0.75 + Math.random() / 2);
      const wait = Math.min(options.maxRetryAfterMs, asked ?? backoff);
      pauseUntil = Math.max(pauseUntil, now() + wait);
      // Halve once per burst of 429s: those from requests sent before the last halving say nothing new.
      if (permit.sentAt >= lastDecreaseAt && concurrency > 1) {
        concurrency = Math.max(1, Math.floor(concurrency / 2));
        lastDecreaseAt = now();
        options.onConcurrency?.(Math.floor(concurrency));
      }
      release(permit);
      return wait;
    },

    /** Any other end: a transport error or server fault. The request may have been charged; keep it so. */
    failed(permit: Permit): void {
      release(permit);
    },

    /** Hold every new request for `ms` (a 5xx with retry-after). */
    pause(ms: number): void {
      pauseUntil = Math.max(pauseUntil, now() + Math.min(ms, options.maxRetryAfterMs));
    },
  };

  /** Without retry-after, the reset time of whichever limit the server says is used up. */
  function resetWait(headers: Headers | undefined): number | undefined {
    let wait: number | undefined;
    for (const unit of ['requests', 'tokens']) {
      if (headerNumber(headers, `x-ratelimit-remaining-${unit}`) !== 0) continue;
      const reset = parseDuration(headers?.get(`x-ratelimit-reset-${unit}`));
      if (reset !== undefined) wait = Math.max(wait ?? 0, reset);
    }
    return wait;
  }
}

export type Limiter = ReturnType<typeof createLimiter>;

/** What a scorer of a multi-model run brings to its endpoint's limiter. */
export interface EndpointClaim {
  baseURL?: string;
  /** Only compared in memory, never kept or shown: two keys on one URL are two accounts with two budgets. */
  apiKey: string;
  limits: RateLimits;
}

/**
 * One limiter per endpoint (base URL and key), in the order of `claims`: scorers on one endpoint share its
 * RPM / TPM budget, its concurrency and its pauses after a 429, since the server counts them together;
 * different endpoints each get their own and run side by side. Limits given for one endpoint by several
 * scorers take the strictest of each (the smallest RPM, TPM and concurrency).
 */
export function endpointLimiters(
  claims: readonly EndpointClaim[],
  options: Omit<LimiterOptions, 'limits' | 'onConcurrency'> & { onConcurrency?: (claimIndexes: number[], value: number) => void },
): Limiter[] {
  const groups = new Map<string, number[]>();
  claims.forEach((claim, i) => {
    const id = `${normalizeBaseURL(claim.baseURL) ?? ''}\u0000${claim.apiKey}`;
    groups.set(id, [...(groups.get(id) ?? []), i]);
  });
  const limiters: Limiter[] = [];
  for (const indexes of groups.values()) {
    const strictest = (pick: (limits: RateLimits) => number | undefined) => {
      const given = indexes.map((i) => pick(claims[i]!.limits)).filter((v): v is number => v !== undefined && v > 0);
      return given.length ? Math.min(...given) : undefined;
    };
    const limiter = createLimiter({
      ...options,
      limits: { concurrency: strictest((l) => l.concurrency), rpm: strictest((l) => l.rpm), tpm: strictest((l) => l.tpm) },
      onConcurrency: (value) => options.onConcurrency?.(indexes, value),
    });
    for (const i of indexes) limiters[i] = limiter;
  }
  return limiters;
}
