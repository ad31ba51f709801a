// A scoring run SIGKILLed at several points resumes without losing or re-buying anything: every task ends
// up stored exactly once, and no task whose score was already stored is ever sent to the server again.
// Also: the API key appears nowhere the tool writes (stdout, stderr, the store and its WAL, any file).
import { spawn, type ChildProcess } from 'node:child_process';
import type Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';
import { ensureBuilt } from './global-setup.js';
import { readStoreFile, untilStored } from './helpers/store-reader.js';

const SECRET = 'sk-test-SECRET-kill-9d8e7f6a5b4c';
const TASKS = 40;

let server: FakeLlmServer;
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  server = await startFakeLlmServer({ apiKey: SECRET, latencyMs: 150 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-kill-'));
});
afterAll(async () => {
  await server?.close();
});

const storeFile = () => path.join(dir, 'scores.db');

const readStore = <T>(read: (db: Database.Database) => T): T | undefined => readStoreFile(storeFile(), read);

// Requests that stored scores (each run also stores the injection check's reference request, with none).
const committedRequests = () => readStore((db) => (db.prepare('SELECT COUNT(*) FROM requests WHERE task_count > 0').pluck().get() as number)) ?? 0;
const storedTasks = () =>
  new Set(readStore((db) => db.prepare('SELECT title, task_text FROM scores').all() as { title: string; task_text: string }[])?.map((r) => `${r.title}\u0000${r.task_text}`) ?? []);

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(): Run {
  const child = spawn(
    process.execPath,
    [BIN, 'score', '--base-url', server.baseURL, '--model', 'fake-model', '--dataset', 'sample', '--limit', String(TASKS), '--store', storeFile(), '--batch-size', '4', '--concurrency', '2'],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: dir, AI_FRONTIER_HOME: path.join(dir, 'home'), OPENAI_API_KEY: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('a run killed at any moment resumes and pays only for what is missing', () => {
  it('stores every task exactly once and never re-sends a stored task', async () => {
    const outputs: string[] = [];
    // Kill points: mid-way through the very first request, then after 3 and 7 committed requests.
    const killPoints: (() => boolean)[] = [() => server.requests.length >= 1, () => committedRequests() >= 3, () => committedRequests() >= 7];
    const phases: { storedBefore: Set<string>; firstRequest: number }[] = [];
    for (const point of killPoints) {
      phases.push({ storedBefore: storedTasks(), firstRequest: server.requests.length });
      const run = start();
      await untilStored(point, run);
      run.child.kill('SIGKILL');
      const result = await run.done;
      expect(result.signal).toBe('SIGKILL');
      outputs.push(result.stdout, result.stderr);
    }
    phases.push({ storedBefore: storedTasks(), firstRequest: server.requests.length });
    const last = await start().done;
    outputs.push(last.stdout, last.stderr);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/scored now/);

    // Every selected task stored exactly once.
    const rows = readStore((db) => db.prepare('SELECT task_id, occupation_code, COUNT(*) AS n FROM scores GROUP BY task_id, occupation_code').all() as { n: number }[])!;
    expect(rows).toHaveLength(TASKS);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // No request after a restart carried a task that was stored before that restart.
    const resent: string[] = [];
    phases.forEach((phase, i) => {
      const end = phases[i + 1]?.firstRequest ?? server.requests.length;
      for (const request of server.requests.slice(phase.firstRequest, end)) {
        for (const task of request.tasks) {
          if (phase.storedBefore.has(`${task.occupation}\u0000${task.task}`)) resent.push(task.task);
        }
      }
    });
    expect(resent).toEqual([]);
    console.info(`kill test: ${server.requests.length} chat requests for ${TASKS} tasks (${TASKS / 4} without kills), 3 SIGKILLs, 0 stored tasks re-sent`);
    // The later kills really did leave scores behind (the first one hit the first request in flight).
    expect(phases[2]!.storedBefore.size).toBeGreaterThanOrEqual(3 * 4);
    expect(phases[3]!.storedBefore.size).toBeGreaterThanOrEqual(7 * 4);
    expect(phases[3]!.storedBefore.size).toBeLessThan(TASKS);

    // A second full run finds everything stored and sends nothing.
    const before = server.requests.length;
    const again = await start().done;
    expect(again.code).toBe(0);
    expect(server.requests.length).toBe(before);
    outputs.push(again.stdout, again.stderr);

    // The key is nowhere: not in what the tool printed, not in any file it wrote (store, WAL, anything).
    for (const text of outputs) expect(text).not.toContain(SECRET);
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const file = path.join(folder, name);
        if (statSync(file).isDirectory()) walk(file);
        else files.push(file);
      }
    };
    walk(dir);
    expect(files.some((f) => f.endsWith('scores.db'))).toBe(true);
    for (const file of files) expect(readFileSync(file).includes(SECRET), file).toBe(false);
  });
});
