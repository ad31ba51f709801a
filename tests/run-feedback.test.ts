// What a run says and counts while things go wrong: a line per long wait when stderr is piped, no
// MaxListenersExceededWarning at high concurrency, `requests` counting every HTTP request sent, and a
// re-ask budget that follows how the run is going instead of a fixed 3 asks.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutput } from '../src/cli/output.js';
import { createWaitNotices } from '../src/cli/wait-notices.js';
import { scoreTasks, type ScoreItem } from '../src/score/llm/run.js';
import { runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer, type Fault } from './helpers/fake-llm-server.js';

const KEY = 'sk-feedback-test-key';
let server: FakeLlmServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const items = (count: number): ScoreItem[] =>
  Array.from({ length: count }, (_, i) => ({ key: `k${i}`, taskId: String(i), occupationCode: '13-2011.00', title: 'Accountants and Auditors', text: `Reconcile ledger number ${i} with the bank statement.` }));

async function score(count: number, options: { faults?: Fault[]; batchSize?: number; concurrency?: number; latencyMs?: number } = {}) {
  server = await startFakeLlmServer({ apiKey: KEY, latencyMs: options.latencyMs });
  server.faults.push(...(options.faults ?? []));
  return scoreTasks({
    items: items(count),
    settings: { provider: 'custom', baseURL: server.baseURL, apiKey: KEY, model: server.model, temperature: 0, timeoutMs: 5000, maxRetries: 2, structuredOutput: 'auto' },
    batchSize: options.batchSize ?? 10,
    limits: { concurrency: options.concurrency ?? 1 },
    // Faults are scripted request by request; the injection check's reference request would take the first.
    defences: { checkTasks: false },
    onBatch: () => {},
  });
}

describe('waiting, said when piped', () => {
  it('a silence gets a line after 10 s, 30 s and then every minute; a long rate-limit pause and a retry get one each', () => {
    vi.useFakeTimers();
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk) => (text += chunk));
    const out = createOutput({ json: false, color: false, quiet: false }, { stdout: new PassThrough(), stderr, env: {} });
    const notices = createWaitNotices(out);
    notices.start();
    vi.advanceTimersByTime(9_000);
    expect(text).toBe('');
    vi.advanceTimersByTime(2_000);
    expect(text).toBe('still waiting: no reply for 10s\n');
    vi.advanceTimersByTime(20_000);
    vi.advanceTimersByTime(60_000);
    expect(text.trim().split('\n')).toEqual(['still waiting: no reply for 10s', 'still waiting: no reply for 30s', 'still waiting: no reply for 1m00s']);
    vi.advanceTimersByTime(60_000);
    expect(text.trim().split('\n').at(-1)).toBe('still waiting: no reply for 2m00s');
    notices.reply();
    text = '';
    notices.engine({ type: 'rate-limited', waitMs: 1_000, concurrency: 2 });
    notices.engine({ type: 'rate-limited', waitMs: 12_000, concurrency: 2 });
    notices.engine({ type: 'retry', reason: 'no reply within 20000 ms' });
    expect(text).toBe('rate limited by the server: waiting 12s before sending again (concurrency 2)\nretrying: no reply within 20000 ms\n');
    notices.stop();
  });

  it('a piped score run prints the server\'s rate-limit pause as it starts', async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    server.faults.push({ kind: '429', retryAfter: '3' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-feedback-'));
    const result = await runCli(['score', '--base-url', server.baseURL, '--model', 'fake-model', '--store', path.join(dir, 's.db'), '--limit', '5', '--concurrency', '1'], { env: { OPENAI_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('rate limited by the server: waiting 3s before sending again (concurrency 1)');
  });
});

describe('counting and listeners', () => {
  it('the summary counts every HTTP request sent, retries and 429s included', async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    server.faults.push('500', { kind: '429', retryAfterMs: '10' }, '500', 'malformed-json');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-feedback-'));
    const result = await runCli(['--json', 'score', '--base-url', server.baseURL, '--model', 'fake-model', '--store', path.join(dir, 's.db'), '--limit', '40', '--concurrency', '1'], { env: { OPENAI_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    // The check tasks' reference, 2 batches, two 500s and a 429 retried, one malformed reply re-asked.
    expect(server.requests.length).toBe(7);
    expect(server.requests.filter((r) => r.status === 200).length).toBe(4);
    expect(JSON.parse(result.stdout).requests).toBe(server.requests.length);
  });

  it('16 requests in flight add no listener warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const summary = await score(64, { batchSize: 2, concurrency: 16, latencyMs: 50 });
      expect(summary.scored).toBe(64);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });
});

describe('the re-ask budget follows the run', () => {
  it('a run going well asks a batch again past 3 asks while the server sends malformed replies, and scores every task', async () => {
    const summary = await score(60, { faults: ['none', 'malformed-json', 'malformed-json', 'malformed-json', 'malformed-json'] });
    expect(summary).toMatchObject({ scored: 60, failed: 0 });
    // The second batch took 5 asks; a fixed 3 would have given its 10 tasks up.
    expect(server!.requests).toHaveLength(10);
  });

  it('a run going badly stops paying: a server that never recovers is asked 3 times per batch, no more', async () => {
    const summary = await score(20, { faults: Array.from({ length: 40 }, () => 'malformed-json' as const) });
    expect(summary).toMatchObject({ scored: 0, failed: 20 });
    expect(server!.requests).toHaveLength(6);
  });

  it('a task the model keeps scoring invalidly while scoring its neighbours is given up after 3 asks', async () => {
    // invalid-item spoils the first item of each reply: the task alone, asked again alone.
    const summary = await score(5, { faults: ['invalid-item', 'invalid-item', 'invalid-item', 'invalid-item'] });
    expect(summary).toMatchObject({ scored: 4, failed: 1 });
    expect(server!.requests).toHaveLength(3);
  });
});
