// Scoring throughput against a rate-limited OpenAI-compatible server on loopback (500 RPM, 200k TPM,
// 300 ms per reply), beside a one-task-per-request sequential scorer in the same run. The server's buckets
// start empty, as in the middle of a long run, so nothing here can beat the steady ceiling with the
// minute's initial allowance: ceiling = min(RPM x batch, TPM / tokens per request x batch) tasks a minute.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreTasks, type ProviderSettings, type ScoreItem } from '../score/llm/run.js';
import { startFakeLlmServer, type FakeLlmServer } from '../testing/fake-llm-server.js';
import { DEFAULTS } from '../score/config.js';
import { RUBRIC_VERSION } from '../score/rubric.js';
import { openStore, type ScoreStore } from '../score/store/store.js';
import type { Figures } from './harness.js';

const LIMITS = { rpm: 500, tpm: 200_000, latencyMs: 300 };
// The default batch size (20, in src/score/config.ts) by this sweep: against 500 RPM / 200k TPM the run is
// token-bound, and the shared rubric prefix (about 1,500 tokens, long enough for OpenAI's prompt cache)
// dominates small batches: measured prompt + completion tokens per task were 1,585 / 382 / 232 / 157 / 120
// at sizes 1 / 5 / 10 / 20 / 40. Past 20 the saving shrinks while the costs of big batches grow: a reply
// with 40 full items is ~3,000 output tokens (tens of seconds per request on real models, near some servers'
// output caps), one malformed reply re-asks all of them, and long lists invite skipped or mislabelled ids.
const DEFAULT_BATCH_SIZE = DEFAULTS.batchSize;
const SWEEP_SIZES = [1, 5, 10, 20, 40];

const TITLES = ['Accountants and Auditors', 'Registered Nurses', 'Software Developers', 'Roofers', 'Paralegals and Legal Assistants', 'Customer Service Representatives', 'Electricians', 'Market Research Analysts'];
const VERBS = ['Prepare', 'Review', 'Inspect', 'Install', 'Negotiate', 'Analyze', 'Schedule', 'Repair', 'Document', 'Coordinate', 'Evaluate', 'Train'];
const OBJECTS = ['financial statements', 'patient care plans', 'software test results', 'roofing materials', 'legal briefs', 'customer complaints', 'wiring diagrams', 'survey data', 'supplier contracts', 'safety procedures'];
const CONTEXTS = ['to ensure compliance with regulations and company policy', 'using specialised software and reference manuals', 'in coordination with supervisors and other departments', 'to identify problems and recommend corrective actions', 'according to established schedules and quality standards'];

/** Task statements of O*NET's typical length (about 15 words). */
export function syntheticItems(count: number, prefix = 'bench'): ScoreItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    taskId: String(100_000 + i),
    occupationCode: `${11 + (i % 40)}-${1000 + (i % 997)}.00`,
    title: TITLES[i % TITLES.length]!,
    text: `${VERBS[i % VERBS.length]} ${OBJECTS[(i * 7) % OBJECTS.length]} ${CONTEXTS[(i * 3) % CONTEXTS.length]}, case ${i}.`,
  }));
}

interface Measured {
  tasks: number;
  requests: number;
  elapsedMs: number;
  tasksPerMinute: number;
  tokensPerRequest: number;
  tokensPerTask: number;
  promptTokensPerTask: number;
  cachedShare: number;
  ceilingPerMinute: number;
  ratio: number;
}

async function measure(options: { batchSize: number; concurrency?: number; items: ScoreItem[]; durationMs?: number; store?: ScoreStore }): Promise<Measured> {
  const server: FakeLlmServer = await startFakeLlmServer({ ...LIMITS, startEmpty: true });
  const settings: ProviderSettings = {
    provider: 'custom', baseURL: server.baseURL, apiKey: server.apiKey, model: server.model,
    temperature: 0, timeoutMs: 30_000, maxRetries: 2, structuredOutput: 'auto',
  };
  const byKey = new Map(options.items.map((item) => [item.key, item]));
  const controller = new AbortController();
  const timer = options.durationMs ? setTimeout(() => controller.abort(), options.durationMs) : undefined;
  let cached = 0;
  try {
    const summary = await scoreTasks({
      items: options.items,
      settings,
      batchSize: options.batchSize,
      limits: options.concurrency ? { concurrency: options.concurrency } : {},
      signal: controller.signal,
      onBatch: (outcome) => {
        cached += outcome.usage.cachedInputTokens;
        // As `score` does: the request and its scores in one SQLite transaction, inside the measured run.
        options.store?.saveOutcome(outcome, { scorer: `custom:${server.model}`, model: server.model, provider: 'custom', rubricVersion: RUBRIC_VERSION, costUsd: 0, items: byKey });
      },
    });
    const admitted = server.requests.filter((r) => r.status === 200);
    const tokens = admitted.reduce((sum, r) => sum + r.promptTokens + r.completionTokens, 0);
    const prompt = admitted.reduce((sum, r) => sum + r.promptTokens, 0);
    const tokensPerRequest = tokens / Math.max(1, admitted.length);
    const ceilingPerMinute = Math.min(LIMITS.rpm * options.batchSize, (LIMITS.tpm / tokensPerRequest) * options.batchSize);
    const tasksPerMinute = (summary.scored / summary.elapsedMs) * 60_000;
    return {
      tasks: summary.scored,
      requests: summary.requests,
      elapsedMs: summary.elapsedMs,
      tasksPerMinute,
      tokensPerRequest,
      tokensPerTask: tokens / Math.max(1, summary.scored),
      promptTokensPerTask: prompt / Math.max(1, summary.scored),
      cachedShare: cached / Math.max(1, prompt),
      ceilingPerMinute,
      ratio: tasksPerMinute / ceilingPerMinute,
    };
  } finally {
    clearTimeout(timer);
    await server.close();
  }
}

export async function benchScoring(): Promise<Figures> {
  const figures: Figures = {};
  const log = (text: string) => process.stderr.write(`  scoring: ${text}\n`);

  // Batch size sweep: short runs, enough to compare tokens per task and throughput at each size.
  for (const batchSize of SWEEP_SIZES) {
    const m = await measure({ batchSize, items: syntheticItems(4000, `sweep${batchSize}`), durationMs: 6000 });
    log(`batch ${batchSize}: ${m.tasksPerMinute.toFixed(0)} tasks/min, ceiling ${m.ceilingPerMinute.toFixed(0)}, ${m.promptTokensPerTask.toFixed(0)} prompt tokens/task`);
    figures[`sweep batch ${batchSize}: tasks per minute (6 s run)`] = { value: m.tasksPerMinute, unit: 'tasks/min', note: `ceiling ${m.ceilingPerMinute.toFixed(0)}` };
    figures[`sweep batch ${batchSize}: tokens per task (prompt + completion)`] = { value: m.tokensPerTask, unit: 'tokens' };
  }

  // The default batch size, for about 30 s at the ceiling measured in a short probe.
  const probe = await measure({ batchSize: DEFAULT_BATCH_SIZE, items: syntheticItems(400, 'probe'), durationMs: 3000 });
  const count = Math.round((probe.ceilingPerMinute * 30) / 60 / DEFAULT_BATCH_SIZE) * DEFAULT_BATCH_SIZE;
  const items = syntheticItems(count, 'main');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-bench-'));
  const store = openStore(path.join(dir, 'scores.db'));
  const main = await measure({ batchSize: DEFAULT_BATCH_SIZE, items, store });
  log(`batch ${DEFAULT_BATCH_SIZE}: ${main.tasks} tasks in ${(main.elapsedMs / 1000).toFixed(1)} s, ratio ${main.ratio.toFixed(3)}`);
  const limits = `${LIMITS.rpm} RPM, ${LIMITS.tpm / 1000}k TPM, ${LIMITS.latencyMs} ms latency`;
  figures[`batched (size ${DEFAULT_BATCH_SIZE}): tasks per minute`] = { value: main.tasksPerMinute, unit: 'tasks/min', note: `${main.tasks} tasks, ${limits}` };
  figures[`batched (size ${DEFAULT_BATCH_SIZE}): ceiling`] = { value: main.ceilingPerMinute, unit: 'tasks/min', note: `min(RPM x ${DEFAULT_BATCH_SIZE}, TPM / ${main.tokensPerRequest.toFixed(0)} tokens per request x ${DEFAULT_BATCH_SIZE})` };
  figures[`batched (size ${DEFAULT_BATCH_SIZE}): ratio to ceiling`] = { value: main.ratio, unit: 'ratio', note: 'target >= 0.95' };
  figures[`batched (size ${DEFAULT_BATCH_SIZE}): prompt tokens per task`] = { value: main.promptTokensPerTask, unit: 'tokens', note: `${(main.cachedShare * 100).toFixed(0)}% of them a cacheable shared prefix` };

  const seq = await measure({ batchSize: 1, concurrency: 1, items: syntheticItems(2000, 'seq'), durationMs: 10_000 });
  log(`sequential: ${seq.tasksPerMinute.toFixed(0)} tasks/min`);
  figures['sequential (1 task per request): tasks per minute'] = { value: seq.tasksPerMinute, unit: 'tasks/min', note: `${seq.tasks} tasks in 10 s` };
  figures['sequential (1 task per request): ceiling'] = { value: seq.ceilingPerMinute, unit: 'tasks/min' };
  figures['sequential (1 task per request): ratio to ceiling'] = { value: seq.ratio, unit: 'ratio' };
  figures['sequential (1 task per request): prompt tokens per task'] = { value: seq.promptTokensPerTask, unit: 'tokens' };
  figures['batched vs sequential: speed-up'] = { value: main.tasksPerMinute / seq.tasksPerMinute, unit: 'x' };

  // A full rerun sends only what the SQLite store lacks, as `score` asks it.
  const missing = new Set(store.missingKeys(items.map((item) => item.key)));
  const rerun = await measure({ batchSize: DEFAULT_BATCH_SIZE, items: items.filter((item) => missing.has(item.key)) });
  figures['full rerun: requests sent'] = { value: rerun.requests, unit: 'requests', note: `target 0; ${items.length} tasks in the SQLite store` };
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
