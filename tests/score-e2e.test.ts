// The main command as a new user meets it: `npx ai-frontier score` on a fresh home with no key and no
// network scores the bundled sample offline, says so, and ends with the ten-second headline.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/score/store/store.js';
import { REPO_ROOT, spawnCli, tempHome } from './helpers/cli.js';

describe('ai-frontier score with no key (built CLI)', () => {
  it('scores the sample offline, says how to use a model, and prints the headline', async () => {
    const home = tempHome();
    const env = { AI_FRONTIER_HOME: home };
    const first = await spawnCli(['score'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/scoring with the offline model offline-v4, target both \(both label sets: [^)]*\)\. To use a language model instead, set OPENAI_API_KEY or pass --provider/);
    expect(first.stdout).toMatch(/scored now\s+336/);
    expect(first.stdout).toMatch(/Scores: offline \(offline-v4\), the scorer `score` last ran on sample .*; 336 of 336 tasks/);
    expect(first.stdout).toMatch(/Workers exposed \(beta\): [\d.]+% of 44,558,760 workers .* at least 10% .* [\d.]+% with at least 50%/);
    const year = new Date().getFullYear();
    // year, dark, its band, white, grey
    for (const y of [year, year + 5, year + 10, year + 20]) expect(first.stdout).toMatch(new RegExp(`^${y}\\s+[\\d.]+%\\s+[\\d.]+%-[\\d.]+%\\s+[\\d.]+%\\s+[\\d.]+%`, 'm'));
    expect(first.stdout).toMatch(/Most exposed occupations/);
    expect(first.stdout).toMatch(/New work, for example/);

    const again = await spawnCli(['score'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/scored now\s+0/);
    expect(again.stdout).toMatch(/from the store\s+336/);
  });

  it('with --json prints one JSON document with the headline, and nothing else on stdout', async () => {
    const result = await spawnCli(['--json', 'score']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.scorer).toBe('offline');
    expect(parsed.headline.workersExposed.beta.atLeast10).toBeGreaterThan(0);
    expect(parsed.headline.milestones).toHaveLength(4);
  });
});

describe('offline score of a large dataset (built CLI)', () => {
  it('stores the same scores on one thread as on two, and prints the same headline', async () => {
    // Enough tasks (six chunks of 500) for the run to score on a worker thread beside the main one.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-threads-'));
    const verbs = ['Prepare', 'Review', 'Inspect', 'Schedule', 'Repair', 'Draft', 'Calibrate', 'Negotiate', 'Teach', 'Audit'];
    const subjects = ['accounts', 'wiring', 'customer records', 'lesson plans', 'machines', 'contracts'];
    const codes = ['13-2011.00', '47-2111.00', '43-4051.00', '25-2021.00', '49-9041.00', '23-1011.00'];
    const rows = Array.from({ length: 3000 }, (_, i) => `${codes[i % 6]}\t${5000 + i}\t${verbs[i % 10]} the ${subjects[(i * 7) % 6]} for case ${i}.\t${i % 4 ? 'Core' : 'Supplemental'}\tOccupation ${codes[i % 6]}`);
    const table = path.join(dir, 'tasks.tsv');
    writeFileSync(table, ['O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle', ...rows].join('\n'));

    const stored = async (threads: string) => {
      const home = tempHome();
      // The module log shows whether the worker thread ran.
      const log = path.join(home, 'modules.txt');
      const hook = `--import=${path.join(REPO_ROOT, 'tests', 'helpers', 'module-log.mjs')}`;
      const env = { AI_FRONTIER_HOME: home, AI_FRONTIER_OFFLINE_THREADS: threads, NODE_OPTIONS: hook, AI_FRONTIER_MODULE_LOG: log };
      const run = await spawnCli(['--json', 'score', '--dataset', table], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(log, 'utf8').includes('/score/offline/worker.js'), `worker with ${threads} thread(s)`).toBe(threads === '2');
      const store = openStore(path.join(home, 'data', 'scores.db'));
      const rowsStored = store.db.prepare('SELECT key, task_id, exposure, automation, mode, horizon, confidence, rationale FROM scores ORDER BY key').raw().all();
      const requests = store.listScorers()[0]!.requests;
      store.close();
      // Apart from when each run ended (the store's record of the run, which the headline names).
      const { elapsedMs: _elapsed, store: _store, ...result } = JSON.parse(run.stdout, (key, value: unknown) => (key === 'lastRunAt' ? undefined : value));
      return { rows: rowsStored, requests, result };
    };
    const one = await stored('1');
    const two = await stored('2');
    expect(one.rows).toHaveLength(3000);
    expect(one.requests).toBe(6);
    expect(two.requests).toBe(6);
    expect(two.rows).toEqual(one.rows);
    expect(two.result).toEqual(one.result);
  });
});
