// Large runs through the OpenAI Batch API: one JSONL line per request (the same chat request the live path
// sends), uploaded, submitted, polled, and its output ingested into the store like live replies.
// Resumable: every submitted batch is recorded in the store before polling starts, a rerun of `score
// --batch-api` waits for the batches still open instead of submitting their tasks again, and
// `scores batch-status <id>` finishes any of them later.
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { connectionReason, isUnreachable } from '../../connection-errors.js';
import { FailureError } from '../../errors.js';
import { refusedMessage, unreachableMessage } from './endpoint.js';
import { planBatches } from './batches.js';
import { openaiClient } from './request.js';
import { parseReply } from './reply.js';
import { buildMessages, horizonBounds, replyJsonSchema, RUBRIC_VERSION, SCHEMA_NAME, type HorizonBounds } from '../rubric.js';
import { toTaskScore, type BatchOutcome, type ProviderSettings, type ScoreItem } from './run.js';
import type { ScoreStore, StoredBatch, StoredItem } from '../store/store.js';

const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchStatus {
  batchId: string;
  status: string;
  completed?: number;
  total?: number;
}

export interface RunBatchOptions {
  items: ScoreItem[];
  settings: ProviderSettings;
  batchSize: number;
  store: ScoreStore;
  scorer: string;
  onOutcome: (outcome: BatchOutcome) => void;
  onStatus?: (status: BatchStatus) => void;
  /** Variable the key came from, kept with the batch so `scores batch-status` can reconnect. */
  apiKeyEnv?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** First poll interval; doubles up to a minute. */
  pollMs?: number;
}

/** The chat request body for a group of items, as the live path sends it in json_schema mode. */
function requestBody(settings: ProviderSettings, items: StoredItem[], bounds: HorizonBounds) {
  const jsonMode = settings.structuredOutput === 'json_object';
  const tasks = items.map((item, i) => ({ id: `t${i + 1}`, occupation: item.title, task: item.text }));
  return {
    model: settings.model,
    temperature: settings.temperature,
    messages: buildMessages(tasks, { schemaInPrompt: jsonMode, bounds }),
    response_format: jsonMode
      ? { type: 'json_object' }
      : { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: replyJsonSchema(bounds, tasks.map((task) => task.id)) } },
  };
}

/** File and batch calls are few and idempotent to retry, so the SDK's own retries suit them. */
export function batchClient(settings: Pick<ProviderSettings, 'apiKey' | 'baseURL' | 'timeoutMs'>, fetchImpl?: typeof fetch): OpenAI {
  return openaiClient(settings, { maxRetries: 3, fetch: fetchImpl });
}

/** Settings worth keeping with a batch: everything except the key. */
function publicSettings(settings: ProviderSettings, bounds: HorizonBounds, apiKeyEnv: string | undefined): Record<string, unknown> {
  const { apiKey: _omit, ...rest } = settings;
  return { ...rest, bounds, apiKeyEnv, rubricVersion: RUBRIC_VERSION };
}

export async function runBatchApi(options: RunBatchOptions): Promise<{ batchId: string; finished: boolean }> {
  const { store, settings } = options;
  const client = batchClient(settings, options.fetch);
  // Tasks already in an open batch of this scorer are waited for, never submitted twice.
  const open = store.listBatches().filter((b) => b.scorer === options.scorer && !b.ingestedAt && !FINAL.has(b.status));
  const covered = new Set<string>();
  for (const batch of open) for (const items of store.batchRequests(batch.id).values()) for (const item of items) covered.add(item.key);
  const fresh = options.items.filter((item) => !covered.has(item.key));

  const pending = [...open];
  if (fresh.length > 0) pending.push(await submitBatch({ client, store, settings, scorer: options.scorer, items: fresh, batchSize: options.batchSize, apiKeyEnv: options.apiKeyEnv }));
  let finished = true;
  for (const batch of pending) {
    const done = await waitAndIngest({ client, store, batch, onOutcome: options.onOutcome, onStatus: options.onStatus, signal: options.signal, pollMs: options.pollMs });
    if (!done) finished = false;
  }
  return { batchId: pending.map((b) => b.id).join(','), finished };
}

async function submitBatch(args: { client: OpenAI; store: ScoreStore; settings: ProviderSettings; scorer: string; items: ScoreItem[]; batchSize: number; apiKeyEnv?: string }): Promise<StoredBatch> {
  const bounds = horizonBounds();
  const groups = planBatches({ items: args.items, batchSize: args.batchSize });
  const requests = groups.map((items) => ({ customId: randomUUID(), items: items.map(({ key, taskId, occupationCode, title, text }) => ({ key, taskId, occupationCode, title, text })) }));
  const lines = requests.map((r) => JSON.stringify({ custom_id: r.customId, method: 'POST', url: '/v1/chat/completions', body: requestBody(args.settings, r.items, bounds) }));
  // The JSONL stays beside the store: it is what was paid for, and holds task text only, never the key.
  const folder = path.join(path.dirname(args.store.file), 'batches');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${requests.length}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  let uploaded: Awaited<ReturnType<OpenAI['files']['create']>>;
  let created: Awaited<ReturnType<OpenAI['batches']['create']>>;
  try {
    uploaded = await args.client.files.create({ file: createReadStream(file), purpose: 'batch' });
    created = await args.client.batches.create({ input_file_id: uploaded.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
  } catch (error) {
    // Nothing was submitted, so nothing was paid for: the file of requests has no use.
    rmSync(file, { force: true });
    throw submitProblem(error, args.client.baseURL, args.settings);
  }
  const now = new Date().toISOString();
  const batch: StoredBatch = {
    id: created.id,
    scorer: args.scorer,
    model: args.settings.model,
    provider: args.settings.provider,
    settings: publicSettings(args.settings, bounds, args.apiKeyEnv),
    status: created.status,
    inputFileId: uploaded.id,
    requestCount: requests.length,
    createdAt: now,
    updatedAt: now,
  };
  args.store.saveBatch(batch, requests);
  return batch;
}

/** Why a batch could not be submitted, in words: most often a server with no Batch API at all. */
function submitProblem(error: unknown, baseURL: string, settings: ProviderSettings): unknown {
  const endpoint = { provider: settings.provider, model: settings.model, baseURL };
  // A server may echo what it was sent; the key never goes into a message.
  const said = (text: string) => (settings.apiKey ? text.split(settings.apiKey).join('***') : text);
  if (error instanceof APIError && (error.status === 404 || error.status === 405 || error.status === 501)) {
    return new FailureError(
      `${baseURL} has no Batch API (uploading the requests answered HTTP ${error.status}: ${said(error.message)}). ` +
        "The Batch API is OpenAI's; drop --batch-api to score this endpoint request by request.",
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    return new FailureError(refusedMessage(endpoint, { status: error.status, code: error.code ?? undefined, reason: said(`HTTP ${error.status}: ${error.message}`) }));
  }
  if (error instanceof APIConnectionError && isUnreachable(error)) return new FailureError(unreachableMessage(endpoint, connectionReason(error), 1));
  return error;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Polls one batch until it ends, then ingests its output. Returns false when stopped before the end. */
export async function waitAndIngest(args: {
  client: OpenAI;
  store: ScoreStore;
  batch: StoredBatch;
  onOutcome: (outcome: BatchOutcome) => void;
  onStatus?: (status: BatchStatus) => void;
  signal?: AbortSignal;
  pollMs?: number;
  /** Check once instead of waiting (`scores batch-status`). */
  once?: boolean;
}): Promise<boolean> {
  let delay = args.pollMs ?? 5000;
  for (;;) {
    if (args.signal?.aborted) return false;
    const remote = await args.client.batches.retrieve(args.batch.id);
    const counts = remote.request_counts;
    args.onStatus?.({ batchId: remote.id, status: remote.status, completed: counts?.completed, total: counts?.total });
    args.store.updateBatch(remote.id, { status: remote.status, outputFileId: remote.output_file_id ?? undefined, errorFileId: remote.error_file_id ?? undefined });
    if (FINAL.has(remote.status)) {
      if (remote.output_file_id) {
        const text = await (await args.client.files.content(remote.output_file_id)).text();
        ingestOutput({ text, batch: args.batch, store: args.store, onOutcome: args.onOutcome });
      }
      args.store.updateBatch(remote.id, { status: remote.status, ingestedAt: new Date().toISOString() });
      return true;
    }
    if (args.once) return false;
    await sleep(delay, args.signal);
    delay = Math.min(delay * 2, 60_000);
  }
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: { choices?: { message?: { content?: string | null } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } } } | null;
  error?: { message?: string } | null;
}

/** Every output line is validated exactly as a live reply is; nothing invalid is stored. */
export function ingestOutput(args: { text: string; batch: StoredBatch; store: ScoreStore; onOutcome: (outcome: BatchOutcome) => void }): void {
  const requests = args.store.batchRequests(args.batch.id);
  const bounds = (args.batch.settings.bounds as HorizonBounds | undefined) ?? horizonBounds();
  for (const raw of args.text.split('\n')) {
    if (!raw.trim()) continue;
    let line: OutputLine;
    try {
      line = JSON.parse(raw) as OutputLine;
    } catch {
      continue;
    }
    const items = line.custom_id ? requests.get(line.custom_id) : undefined;
    if (!items) continue;
    const ids = items.map((_, i) => `t${i + 1}`);
    const body = line.response?.status_code === 200 ? line.response.body : undefined;
    const parsed = parseReply({ content: body?.choices?.[0]?.message?.content ?? null, sentIds: ids, bounds });
    const scores: BatchOutcome['scores'] = [];
    const failed: BatchOutcome['failed'] = [];
    items.forEach((item, i) => {
      const reply = parsed.accepted.get(ids[i]!);
      if (!reply) {
        failed.push({ key: item.key, reason: line.error?.message ?? parsed.missing.get(ids[i]!) ?? 'no reply' });
        return;
      }
      scores.push({ key: item.key, score: toTaskScore(item, reply, { name: args.batch.scorer, model: args.batch.model }) });
    });
    const usage = body?.usage;
    args.onOutcome({
      requestId: line.custom_id!,
      scores,
      failed,
      usage: { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0, cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0 },
      dropped: parsed.dropped,
    });
  }
}
