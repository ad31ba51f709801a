import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveScoring } from '../src/score/config.js';
import { runScore } from '../src/score/score-run.js';
import { openStore } from '../src/score/store/store.js';
import { runCli } from './helpers/cli.js';
import { startFakeBatchApi } from './helpers/fake-batch-api.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

const SECRET = 'sk-test-SECRET-4f1c9e7a2b';
let server: FakeLlmServer;
let dir: string;

beforeEach(async () => {
  server = await startFakeLlmServer({ apiKey: SECRET });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-score-'));
});
afterEach(async () => {
  await server.close();
});

const base = () => ['score', '--base-url', server.baseURL, '--model', 'fake-model', '--store', path.join(dir, 'scores.db'), '--batch-size', '5'];
const env = () => ({ OPENAI_API_KEY: SECRET, AI_FRONTIER_HOME: path.join(dir, 'home') });

describe('score against an OpenAI-compatible server', () => {
  it('plans, scores, stores, and a rerun sends nothing', async () => {
    const first = await runCli([...base(), '--limit', '12'], { env: env() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/tasks selected\s+12/);
    // 3 requests of tasks, and one asking the injection check's tasks alone for their reference answers.
    expect(first.stderr).toMatch(/requests to send\s+4/);
    expect(first.stdout).toMatch(/scored now\s+12/);
    const sent = server.requests.length;
    expect(sent).toBe(4);

    const again = await runCli([...base(), '--limit', '12'], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already stored\s+12/);
    expect(server.requests.length).toBe(sent);

    const store = openStore(path.join(dir, 'scores.db'));
    expect(store.listScorers()).toMatchObject([{ scorer: 'custom:fake-model', count: 12, requests: 4 }]);
    store.close();
  });

  it('--dry-run prints the plan and sends nothing; --json prints one object', async () => {
    const result = await runCli(['--json', ...base(), '--limit', '7', '--dry-run'], { env: env() });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: 'dry-run', scorer: 'custom:fake-model', plan: { tasksSelected: 7, toScore: 7, requests: 3 } });
    expect(json.plan.estInputTokens).toBeGreaterThan(0);
    expect(server.requests.length).toBe(0);
  });

  it('never writes the API key to stdout, stderr or the store', async () => {
    const result = await runCli([...base(), '--limit', '6'], { env: env() });
    const list = await runCli(['scores', 'list', '--store', path.join(dir, 'scores.db')], { env: env() });
    expect(result.stdout + result.stderr + list.stdout + list.stderr).not.toContain(SECRET);
    // The store with its WAL, and everything under AI_FRONTIER_HOME (the parsed-dataset cache among it).
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const name = path.join(file.parentPath, file.name);
      expect(readFileSync(name).includes(SECRET), name).toBe(false);
    }
  });
});

describe('scores', () => {
  it('lists, shows and clears, refusing to clear without --yes off a terminal', async () => {
    await runCli([...base(), '--limit', '5'], { env: env() });
    const storeArgs = ['--store', path.join(dir, 'scores.db')];
    const list = await runCli(['scores', 'list', ...storeArgs], { env: env() });
    expect(list.stdout).toMatch(/custom:fake-model\s+5\s+fake-model/);
    const store = openStore(path.join(dir, 'scores.db'));
    const taskId = store.scoresFor({ scorer: 'custom:fake-model' })[0]!.taskId;
    store.close();
    const show = await runCli(['scores', 'show', taskId, ...storeArgs], { env: env() });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('custom:fake-model');
    const refused = await runCli(['scores', 'clear', ...storeArgs], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const cleared = await runCli(['scores', 'clear', '--yes', ...storeArgs], { env: env() });
    expect(cleared.code).toBe(0);
    expect(cleared.stderr).toMatch(/Deleted 5 scores/);
  });
});

describe('budget and interruption', () => {
  it('--max-cost stops at the budget and says how much is left', async () => {
    const priced = await startFakeLlmServer({ apiKey: SECRET, model: 'gpt-4.1-mini' });
    try {
      const args = ['score', '--provider', 'openai', '--base-url', priced.baseURL, '--store', path.join(dir, 'scores.db'), '--batch-size', '5', '--concurrency', '1', '--limit', '40'];
      const dry = JSON.parse((await runCli(['--json', ...args, '--dry-run'], { env: env() })).stdout);
      const perRequest = dry.plan.estCostUsd / dry.plan.requests;
      const result = await runCli([...args, '--max-cost', String(perRequest * 3.5)], { env: env() });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--max-cost budget/);
      const left = Number(/(\d+) tasks left/.exec(result.stderr)?.[1]);
      expect(left).toBeGreaterThan(0);
      expect(priced.requests.length).toBeLessThan(8);
      // Every request but the injection check's reference carried 5 tasks.
      expect(left).toBe(40 - (priced.requests.length - 1) * 5);
    } finally {
      await priced.close();
    }
  });

  it('refuses --max-cost for a model without a known price', async () => {
    const result = await runCli([...base(), '--limit', '5', '--max-cost', '1'], { env: { ...env() } });
    // A local server is free, so a budget is fine there; an unknown remote model is not.
    expect(result.code).toBe(0);
    const remote = await runCli(['score', '--base-url', 'https://llm.example.com/v1', '--model', 'mystery', '--store', path.join(dir, 'x.db'), '--max-cost', '1', '--dry-run'], { env: env() });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/none in the price table/);
  });

  it('an aborted run keeps what arrived and reports what is left', async () => {
    const slow = await startFakeLlmServer({ apiKey: SECRET, latencyMs: 100 });
    try {
      const controller = new AbortController();
      let batches = 0;
      const result = await runScore(
        {
          flags: { baseUrl: slow.baseURL, model: 'fake-model', store: path.join(dir, 'scores.db'), batchSize: 2, concurrency: 1 },
          selection: { limit: 20 },
          env: env(),
          cwd: dir,
          signal: controller.signal,
        },
        { onEvent: (e) => e.type === 'progress' && ++batches === 2 && controller.abort() },
      );
      expect(result.status).toBe('interrupted');
      expect(result.scored).toBeGreaterThanOrEqual(4);
      expect(result.left).toBe(20 - result.scored);
      const resumed = await runScore({ flags: { baseUrl: slow.baseURL, model: 'fake-model', store: path.join(dir, 'scores.db'), batchSize: 2 }, selection: { limit: 20 }, env: env(), cwd: dir });
      expect(resumed.status).toBe('complete');
      expect(resumed.plan.alreadyStored).toBe(result.scored);
      expect(resumed.scores).toHaveLength(20);
    } finally {
      await slow.close();
    }
  });
});

describe('settings', () => {
  it('flags win over environment, environment over the config file, and the file never holds a key', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-config-'));
    writeFileSync(path.join(cwd, 'ai-frontier.config.json'), JSON.stringify({ provider: 'groq', model: 'llama-3.1-8b-instant', batchSize: 7, temperature: 0.2 }));
    const home = { AI_FRONTIER_HOME: path.join(cwd, 'home') };
    const fromFile = resolveScoring({}, { env: { ...home, GROQ_API_KEY: 'g' }, cwd });
    expect(fromFile).toMatchObject({ kind: 'model', settings: { provider: 'groq', model: 'llama-3.1-8b-instant', temperature: 0.2, baseURL: 'https://api.groq.com/openai/v1' }, common: { batchSize: 7 } });
    const fromEnv = resolveScoring({}, { env: { ...home, GROQ_API_KEY: 'g', OPENAI_BASE_URL: 'http://localhost:8000/v1', AI_FRONTIER_MODEL: 'm' }, cwd });
    expect(fromEnv).toMatchObject({ kind: 'model', local: true, settings: { provider: 'vllm', model: 'm', baseURL: 'http://localhost:8000/v1' } });
    const fromFlags = resolveScoring({ provider: 'ollama', model: 'qwen', batchSize: 3 }, { env: { ...home, OPENAI_BASE_URL: 'http://x/v1' }, cwd });
    expect(fromFlags).toMatchObject({ kind: 'model', local: true, settings: { provider: 'ollama', model: 'qwen', baseURL: 'http://localhost:11434/v1' }, common: { batchSize: 3 } });
    expect(() => resolveScoring({}, { env: home, cwd })).toThrow(/GROQ_API_KEY is not set/);

    writeFileSync(path.join(cwd, 'ai-frontier.config.json'), JSON.stringify({ apiKey: 'sk-nope' }));
    expect(() => resolveScoring({}, { env: home, cwd })).toThrow(/apiKeyEnv/);
    writeFileSync(path.join(cwd, 'ai-frontier.config.json'), JSON.stringify({ batchsize: 3 }));
    expect(() => resolveScoring({}, { env: home, cwd })).toThrow(/ai-frontier\.config\.json.*allowed keys/);
  });

  it('with no key and no base URL chooses the offline scorer; OPENAI_API_KEY alone means OpenAI', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-config-'));
    const home = { AI_FRONTIER_HOME: path.join(cwd, 'home') };
    expect(resolveScoring({}, { env: home, cwd })).toMatchObject({ kind: 'offline', reason: 'no-provider' });
    expect(resolveScoring({}, { env: { ...home, OPENAI_API_KEY: 'k' }, cwd })).toMatchObject({ kind: 'model', settings: { provider: 'openai', model: 'gpt-4.1-mini' } });
    expect(() => resolveScoring({ model: 'gpt-4o' }, { env: home, cwd })).toThrow(/needs an endpoint/);
  });
});

describe('--batch-api', () => {
  it('submits one batch, polls, ingests, and resumes an open batch instead of paying again', async () => {
    const api = await startFakeBatchApi({ chatBaseURL: server.baseURL, apiKey: SECRET });
    try {
      const flags = { baseUrl: api.baseURL, model: 'fake-model', store: path.join(dir, 'scores.db'), batchSize: 5 };
      const batchEnv = { ...env(), AI_FRONTIER_BATCH_POLL_MS: '20' };
      // Stopped while the batch is still open: nothing stored yet, the batch is remembered.
      const controller = new AbortController();
      const stopped = await runScore(
        { flags, selection: { limit: 12 }, batchApi: true, env: batchEnv, cwd: dir, signal: controller.signal },
        { onEvent: (e) => e.type === 'batch' && controller.abort() },
      );
      expect(stopped.status).toBe('interrupted');
      expect(stopped.left).toBe(12);
      expect(stopped.plan.batchApi).toBe(true);

      const resumed = await runScore({ flags, selection: { limit: 12 }, batchApi: true, env: batchEnv, cwd: dir });
      expect(resumed.status).toBe('complete');
      expect(resumed.scored).toBe(12);
      expect(api.batches).toHaveLength(1);
      expect(server.requests.filter((r) => r.status === 200)).toHaveLength(3);

      const status = await runCli(['scores', 'batch-status', '--store', flags.store], { env: env() });
      expect(status.stdout).toMatch(new RegExp(`${api.batches[0]!.id}\\s+custom:fake-model\\s+completed\\s+3`));
      const { readFileSync, readdirSync } = await import('node:fs');
      const jsonl = readdirSync(path.join(dir, 'batches'));
      expect(jsonl).toHaveLength(1);
      expect(readFileSync(path.join(dir, 'batches', jsonl[0]!), 'utf8')).not.toContain(SECRET);
    } finally {
      await api.close();
    }
  });
});

describe('offline score', () => {
  it('returns the scores it stored exactly as a rerun reads them back, and a stopped run says what is left', async () => {
    // More tasks than one offline chunk (500), so a run can stop between chunks.
    const verbs = ['Prepare', 'Review', 'Inspect', 'Schedule', 'Repair', 'Draft', 'Calibrate', 'Negotiate'];
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const code = ['13-2011.00', '47-2111.00', '43-4051.00'][i % 3]!;
      return `${code}\t${1000 + i}\t${verbs[i % verbs.length]} item ${i} of the monthly ${['accounts', 'wiring', 'customer records'][i % 3]}.\tCore\tOccupation ${code}`;
    });
    const table = path.join(dir, 'tasks.tsv');
    writeFileSync(table, ['O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle', ...rows].join('\n'));
    const options = { flags: { offline: true, dataset: table, store: path.join(dir, 'scores.db') }, selection: {}, env: { AI_FRONTIER_HOME: path.join(dir, 'home') }, cwd: dir };
    const first = await runScore(options);
    expect(first.status).toBe('complete');
    expect(first.scored).toBe(1200);
    expect(first.left).toBe(0);
    const rerun = await runScore(options);
    expect(rerun.scored).toBe(0);
    expect(rerun.plan.alreadyStored).toBe(1200);
    expect(rerun.scores).toEqual(first.scores);

    const partial = { ...options, flags: { ...options.flags, store: path.join(dir, 'partial.db') } };
    const controller = new AbortController();
    const stopped = await runScore({ ...partial, signal: controller.signal }, { onEvent: (e) => e.type === 'progress' && controller.abort() });
    expect(stopped.status).toBe('interrupted');
    expect(stopped.scored).toBe(500);
    expect(stopped.left).toBe(700);
    const stoppedTasks = new Set(stopped.scores.map((s) => s.taskId));
    expect(stopped.scores).toEqual(first.scores.filter((s) => stoppedTasks.has(s.taskId)));
    const store = openStore(path.join(dir, 'partial.db'));
    expect(store.listScorers()).toMatchObject([{ scorer: 'offline', count: 500 }]);
    store.close();
  });
});
