// Several scorers in one `score` run, through the built CLI against loopback OpenAI-compatible servers (the
// real openai SDK over real HTTP): two models on one endpoint, scorers on different endpoints from the config
// file, a dead endpoint among them, a rerun that sends nothing, a SIGKILL mid-run that resumes each scorer
// without paying twice, and scorers on one endpoint sharing its RPM limit (counted from the server's log).
import { spawn, type ChildProcess } from 'node:child_process';
import type Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, spawnCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer, type LoggedRequest } from './helpers/fake-llm-server.js';
import { ensureBuilt } from './global-setup.js';
import { readStoreFile, untilStored } from './helpers/store-reader.js';

const KEY = 'sk-test-many-5e6f7a8b9c';
const TASKS = 24;
let servers: FakeLlmServer[] = [];
let dir: string;

beforeAll(() => ensureBuilt());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-many-'));
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(options: Parameters<typeof startFakeLlmServer>[0]): Promise<FakeLlmServer> {
  const started = await startFakeLlmServer({ apiKey: KEY, ...options });
  servers.push(started);
  return started;
}

const storeFile = () => path.join(dir, 'scores.db');
const env = (extra: NodeJS.ProcessEnv = {}) => ({ OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(dir, 'home'), ...extra });
const chat = (s: FakeLlmServer, model?: string) => s.requests.filter((r) => r.status !== 400 && (model === undefined || r.model === model));

const readStore = <T>(read: (db: Database.Database) => T): T | undefined => readStoreFile(storeFile(), read);

const rowsPerScorer = () =>
  Object.fromEntries(readStore((db) => db.prepare('SELECT scorer, COUNT(*) AS n FROM scores GROUP BY scorer').all() as { scorer: string; n: number }[])?.map((r) => [r.scorer, r.n]) ?? []);

/** Tasks stored per scorer, as "title \0 text", the way requests carry them. */
const storedTasks = (): Map<string, Set<string>> => {
  const rows = readStore((db) => db.prepare('SELECT scorer, title, task_text FROM scores').all() as { scorer: string; title: string; task_text: string }[]) ?? [];
  const out = new Map<string, Set<string>>();
  for (const row of rows) out.set(row.scorer, (out.get(row.scorer) ?? new Set()).add(`${row.title}\u0000${row.task_text}`));
  return out;
};

describe('several models in one score run', () => {
  it('scores two models on one endpoint, keeps their scores apart, and a rerun sends nothing', async () => {
    const s = await server({ extraModels: ['model-b'] });
    const args = ['score', '--base-url', s.baseURL, '--model', 'fake-model', '--model', 'model-b', '--limit', String(TASKS), '--batch-size', '6', '--store', storeFile()];
    const dry = await spawnCli([...args, '--dry-run'], { env: env() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/total\s+48\s+0\s+48\s+10\s/);
    expect(s.requests).toHaveLength(0);
    const first = await spawnCli(args, { env: env() });
    expect(first.code, first.stderr).toBe(0);
    // The plan lists each scorer and the total before anything is sent.
    expect(first.stderr).toMatch(/Plan: sample with 2 scorers/);
    expect(first.stderr).toMatch(/custom:fake-model\s+24\s+0\s+24\s+5\s/);
    expect(first.stderr).toMatch(/custom:model-b\s+24\s+0\s+24\s+5\s/);
    expect(first.stderr).toMatch(/total\s+48\s+0\s+48\s+10\s/);
    // Progress lines name their scorer when stderr is not a terminal.
    expect(first.stderr).toMatch(/scoring custom:fake-model\s+24\/24 scored/);
    expect(first.stderr).toMatch(/scoring custom:model-b\s+24\/24 scored/);
    expect(first.stdout).toMatch(/custom:fake-model\s+complete\s+24\s+0\s+0\s+0\s+5/);
    expect(first.stdout).toMatch(/custom:model-b\s+complete\s+24\s+0\s+0\s+0\s+5/);
    expect(first.stdout).toContain('frontier, export and view now show custom:fake-model for sample');
    expect(first.stdout).toMatch(/Each scorer[^\n]*compare custom:fake-model custom:model-b/);
    expect(rowsPerScorer()).toEqual({ 'custom:fake-model': TASKS, 'custom:model-b': TASKS });
    expect(chat(s, 'fake-model')).toHaveLength(5);
    expect(chat(s, 'model-b')).toHaveLength(5);

    // The default really is what frontier shows.
    const frontier = await spawnCli(['frontier', '--store', storeFile()], { env: env() });
    expect(frontier.stdout).toMatch(/Scores: custom:fake-model \(fake-model\), the scorer `score` last ran on sample/);

    const before = s.requests.length;
    const again = await spawnCli([...args, '--json'], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(s.requests.length).toBe(before);
    const json = JSON.parse(again.stdout) as { status: string; defaultScorer: string; scorers: { scorer: string; scored: number; requests: number; plan: { alreadyStored: number } }[]; total: { scored: number; requests: number } };
    expect(json.status).toBe('complete');
    expect(json.defaultScorer).toBe('custom:fake-model');
    expect(json.scorers.map((x) => [x.scorer, x.scored, x.requests, x.plan.alreadyStored])).toEqual([
      ['custom:fake-model', 0, 0, TASKS],
      ['custom:model-b', 0, 0, TASKS],
    ]);
    expect(json.total).toMatchObject({ scored: 0, requests: 0 });
  });

  it('scores with the config file\'s scorers on two endpoints; a dead one fails on its own and the exit code says so', async () => {
    const a = await server({ extraModels: ['model-b'] });
    const b = await server({ model: 'other-model' });
    writeFileSync(
      path.join(dir, 'ai-frontier.config.json'),
      JSON.stringify({
        batchSize: 6,
        store: storeFile(),
        scorers: [
          { baseURL: a.baseURL, model: 'model-b', apiKeyEnv: 'KEY_A' },
          { baseURL: 'http://127.0.0.1:1/v1', model: 'nobody-home' },
          { baseURL: b.baseURL, model: 'other-model', apiKeyEnv: 'KEY_B' },
        ],
      }),
    );
    const result = await spawnCli(['score', '--limit', String(TASKS), '--json'], { cwd: dir, env: { AI_FRONTIER_HOME: path.join(dir, 'home'), KEY_A: KEY, KEY_B: KEY } });
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as { status: string; defaultScorer: string; scorers: { scorer: string; status: string; scored: number; left: number; error?: string }[] };
    expect(json.status).toBe('failed');
    expect(json.scorers.map((x) => [x.scorer, x.status, x.scored, x.left])).toEqual([
      ['custom:model-b', 'complete', TASKS, 0],
      ['custom:nobody-home', 'failed', 0, TASKS],
      ['custom:other-model', 'complete', TASKS, 0],
    ]);
    expect(json.scorers[1]!.error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1\/v1/);
    expect(json.defaultScorer).toBe('custom:model-b');
    expect(rowsPerScorer()).toEqual({ 'custom:model-b': TASKS, 'custom:other-model': TASKS });
    expect(chat(a, 'fake-model')).toHaveLength(0);
    expect(chat(b)).toHaveLength(5);
  });

  it('refuses what a run of several cannot do, before sending anything', async () => {
    const s = await server({ extraModels: ['model-b'] });
    const common = ['score', '--base-url', s.baseURL, '--model', 'fake-model', '--model', 'model-b', '--store', storeFile()];
    const batch = await runCli([...common, '--batch-api'], { env: env() });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/--batch-api scores with one model per run; run `ai-frontier score --batch-api` once for each model/);
    const twice = await runCli(['score', '--base-url', s.baseURL, '--model', 'model-b', '--model', 'model-b', '--store', storeFile()], { env: env() });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/custom:model-b is named twice/);
    writeFileSync(path.join(dir, 'ai-frontier.config.json'), JSON.stringify({ scorers: [{ model: 'a' }, { baseURL: s.baseURL, model: 'b', rpm: 0 }] }));
    const bad = await runCli(['score'], { env: env(), cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(path.join(dir, 'ai-frontier.config.json'));
    expect(bad.stderr).toMatch(/"scorers\[1\]\.rpm": expected a number of requests per minute above 0, got 0/);
    writeFileSync(path.join(dir, 'ai-frontier.config.json'), JSON.stringify({ scorers: [{ temperature: 1 }] }));
    const nameless = await runCli(['score'], { env: env(), cwd: dir });
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toMatch(/"scorers\[0\]": names no scorer; give it a "model", a "provider" or a "baseURL"/);
    expect(s.requests).toHaveLength(0);
  });

  it('--max-cost is one budget for all scorers: the run stops within it, and the plan says so', async () => {
    // OpenAI's preset at the loopback server, so the models have listed prices.
    const s = await server({ model: 'gpt-4.1-mini', extraModels: ['gpt-4.1-nano'] });
    const args = ['score', '--provider', 'openai', '--base-url', s.baseURL, '--model', 'gpt-4.1-mini', '--model', 'gpt-4.1-nano', '--limit', '60', '--batch-size', '5', '--concurrency', '1', '--store', storeFile()];
    const plan = JSON.parse((await spawnCli([...args, '--dry-run', '--json'], { env: env() })).stdout) as { scorers: { plan: { estCostUsd: number } }[] };
    const estimate = plan.scorers.reduce((sum, x) => sum + x.plan.estCostUsd, 0);
    const maxCost = estimate / 3;
    const result = await spawnCli([...args, '--max-cost', String(maxCost), '--json'], { env: env() });
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as { status: string; scorers: { status: string; left: number; costUsd: number }[]; total: { costUsd: number; left: number } };
    expect(json.status).toBe('budget');
    expect(json.total.costUsd).toBeGreaterThan(0);
    expect(json.total.costUsd).toBeLessThanOrEqual(maxCost);
    expect(json.total.left).toBeGreaterThan(0);
    // Both spent from the one budget, and both were stopped by it.
    expect(json.scorers.map((x) => x.status)).toEqual(['budget', 'budget']);
    expect(json.scorers.every((x) => x.costUsd > 0)).toBe(true);
    const text = await spawnCli([...args, '--max-cost', String(maxCost)], { env: env() });
    expect(text.stderr).toMatch(/--max-cost \$[\d.]+ applies to the total of all scorers/);
    expect(text.stderr).toMatch(/Stopped at the --max-cost budget of all scorers together/);
  });

  it('a SIGKILL mid-run resumes each scorer without paying twice: every task stored once per scorer, none re-sent', async () => {
    const s = await server({ extraModels: ['model-b'], latencyMs: 100 });
    const models = ['fake-model', 'model-b'];
    const start = (): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } => {
      const child = spawn(
        process.execPath,
        [BIN, 'score', '--base-url', s.baseURL, ...models.flatMap((m) => ['--model', m]), '--limit', String(TASKS), '--batch-size', '3', '--concurrency', '2', '--store', storeFile()],
        { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stdout!.resume();
      child.stderr!.on('data', (c) => (stderr += c));
      return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr }))) };
    };
    const stored = () => [...storedTasks().values()].reduce((n, set) => n + set.size, 0);
    const phases: { before: Map<string, Set<string>>; from: number }[] = [];
    // Kill once both scorers have stored something, and again further on.
    for (const point of [() => Object.keys(rowsPerScorer()).length === 2, () => stored() >= TASKS]) {
      phases.push({ before: storedTasks(), from: s.requests.length });
      const run = start();
      await untilStored(point, run);
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');
    }
    const killedAt = stored();
    expect(killedAt).toBeGreaterThanOrEqual(TASKS);
    expect(killedAt).toBeLessThan(TASKS * models.length);
    phases.push({ before: storedTasks(), from: s.requests.length });
    const last = await start().done;
    expect(last.code, last.stderr).toBe(0);

    // Every task stored exactly once for each scorer: totals are tasks x scorers.
    const rows = readStore((db) => db.prepare('SELECT scorer, task_id, occupation_code, COUNT(*) AS n FROM scores GROUP BY scorer, task_id, occupation_code').all() as { n: number }[])!;
    expect(rows).toHaveLength(TASKS * models.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rowsPerScorer()).toEqual({ 'custom:fake-model': TASKS, 'custom:model-b': TASKS });

    // No request after a restart carried, for its model, a task that model had stored before that restart.
    const resent: string[] = [];
    phases.forEach((phase, i) => {
      const end = phases[i + 1]?.from ?? s.requests.length;
      for (const request of s.requests.slice(phase.from, end)) {
        const had = phase.before.get(`custom:${request.model}`) ?? new Set();
        for (const task of request.tasks) if (had.has(`${task.occupation}\u0000${task.task}`)) resent.push(`${request.model}: ${task.task}`);
      }
    });
    expect(resent).toEqual([]);

    // And a rerun of the finished run sends nothing.
    const before = s.requests.length;
    const again = await start().done;
    expect(again.code, again.stderr).toBe(0);
    expect(s.requests.length).toBe(before);
  });
});

/** The most requests that arrived in any window of `ms` (windows starting at each arrival). */
function busiestWindow(requests: readonly LoggedRequest[], ms: number): number {
  const times = requests.map((r) => r.at).sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! < times[i]! - ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('rate limits per endpoint', () => {
  // A hand-set --rpm allows a burst of a tenth of the minute, then the steady rate. Each model needs 21
  // requests here (20 of 4 tasks, one for the injection check's reference answers).
  const bound = (rpm: number, ms: number) => rpm / 10 + (rpm / 60_000) * ms;
  // Requests granted together may arrive a little apart, or one granted earlier a little later.
  const SLACK = 3;

  it('scorers on one endpoint share its RPM: no window holds more than one limit allows', async () => {
    const s = await server({ extraModels: ['model-b'] });
    const rpm = 240;
    const result = await spawnCli(
      ['score', '--base-url', s.baseURL, '--model', 'fake-model', '--model', 'model-b', '--limit', '80', '--batch-size', '4', '--rpm', String(rpm), '--store', storeFile()],
      { env: env() },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(chat(s, 'fake-model')).toHaveLength(21);
    expect(chat(s, 'model-b')).toHaveLength(21);
    // Each model's 21 requests fit in a burst of 24: two limiters would let all 42 through at once. One shared
    // limiter lets 24 through, then 4 a second: at most 32 (+ slack) in any 2 seconds.
    const busiest = busiestWindow(s.requests, 2000);
    console.info(`shared --rpm ${rpm}: busiest 2 s held ${busiest} of ${s.requests.length} requests (one limit allows ${bound(rpm, 2000)})`);
    expect(busiest).toBeLessThanOrEqual(bound(rpm, 2000) + SLACK);
  });

  it('scorers on different endpoints each run under their own limit, side by side', async () => {
    const a = await server({});
    const b = await server({ model: 'other-model' });
    const rpm = 120;
    writeFileSync(
      path.join(dir, 'ai-frontier.config.json'),
      JSON.stringify({ batchSize: 4, store: storeFile(), scorers: [{ baseURL: a.baseURL, model: 'fake-model', rpm }, { baseURL: b.baseURL, model: 'other-model', rpm }] }),
    );
    const result = await spawnCli(['score', '--limit', '80'], { cwd: dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(chat(a)).toHaveLength(21);
    expect(chat(b)).toHaveLength(21);
    // Each endpoint paced by its own --rpm 120 (a burst of 12, then 2 a second)...
    for (const s of [a, b]) expect(busiestWindow(s.requests, 2000)).toBeLessThanOrEqual(bound(rpm, 2000) + SLACK);
    // ...and side by side: each endpoint's first request came before the other's last.
    const span = (s: FakeLlmServer) => [Math.min(...s.requests.map((r) => r.at)), Math.max(...s.requests.map((r) => r.at))] as const;
    expect(span(b)[0]).toBeLessThan(span(a)[1]);
    expect(span(a)[0]).toBeLessThan(span(b)[1]);
  });
});
