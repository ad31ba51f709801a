import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { scoreKey } from '../src/score/key.js';
import { openStore, type StoredItem } from '../src/score/store/store.js';
import { SCHEMA } from '../src/score/store/schema.js';
import type { TaskScore } from '../src/score/types.js';
import { selectTasks } from '../src/score/select.js';
import { costOf, priceFor } from '../src/score/llm/prices.js';
import type { Dataset } from '../src/data/types.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-store-'));

function item(n: number): StoredItem {
  return { key: `k${n}`, taskId: String(n), occupationCode: '15-1252.00', title: 'Software Developers', text: `Task ${n}` };
}

function score(n: number): TaskScore {
  return { taskId: String(n), occupationCode: '15-1252.00', exposure: 'E1', automation: 'T2', mode: 'augment', horizon: 2027, confidence: 0.8, rationale: `why ${n}`, scorer: 'x' };
}

function outcome(requestId: string, ns: number[]) {
  return {
    requestId,
    scores: ns.map((n) => ({ key: `k${n}`, score: score(n) })),
    failed: [],
    usage: { inputTokens: 1000, outputTokens: 200, cachedInputTokens: 500 },
  };
}

const meta = (items: StoredItem[], scorer = 'openai:gpt-4.1-mini') => ({
  scorer,
  model: 'gpt-4.1-mini',
  provider: 'openai',
  rubricVersion: 'r1',
  costUsd: 0.001,
  items: new Map(items.map((i) => [i.key, i])),
});

describe('score key', () => {
  const base = { rubricVersion: 'r1', provider: 'openai', baseURL: 'https://api.openai.com/v1', model: 'm', temperature: 0, title: 'T', text: 'Do x.' };
  it('changes with anything that changes the answer and ignores trailing slashes and whitespace', () => {
    const k = scoreKey(base);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(scoreKey({ ...base, model: 'n' })).not.toBe(k);
    expect(scoreKey({ ...base, temperature: 0.5 })).not.toBe(k);
    expect(scoreKey({ ...base, rubricVersion: 'r2' })).not.toBe(k);
    expect(scoreKey({ ...base, title: 'U' })).not.toBe(k);
    expect(scoreKey({ ...base, text: 'Do y.' })).not.toBe(k);
    expect(scoreKey({ ...base, baseURL: 'https://API.openai.com/v1/' })).toBe(k);
    expect(scoreKey({ ...base, text: ' Do   x. ' })).toBe(k);
  });
});

/** A store as schema 1 made it: every table of today's schema but the run records, no duration column. */
async function schemaOneStore(): Promise<string> {
  const { default: Database } = await import('better-sqlite3');
  const file = path.join(tmp(), 'v1.db');
  const old = new Database(file);
  const schemaOne = SCHEMA.replace(/^\s*duration REAL,\n/m, '').replace(/CREATE TABLE IF NOT EXISTS score_runs \([^;]*\);/, '');
  expect(schemaOne).not.toMatch(/duration|score_runs/);
  old.exec(schemaOne);
  old.exec(`INSERT INTO meta VALUES ('schema_version', '1');
    INSERT INTO scores VALUES ('k0', 'x', '0', '15-1252.00', 'T', 'Task 0', 'E1', 'T2', 'augment', 2027, 0.8, 'old', 'm', 'openai', 'r1', NULL, '2025-01-01');`);
  old.close();
  return file;
}

describe('score store schema upgrade', () => {
  it('reads a store made before durations existed, opened read-only (so not upgraded), through every read', async () => {
    const store = openStore(await schemaOneStore(), { readonly: true });
    const expected = { taskId: '0', occupationCode: '15-1252.00', exposure: 'E1', automation: 'T2', mode: 'augment', horizon: 2027, confidence: 0.8, rationale: 'old', model: 'm', rubricVersion: 'r1', scorer: 'x' };
    expect(store.taskScoresFor({ scorer: 'x' })).toEqual([expected]);
    expect(store.taskScoresByKeys(['k0'])).toEqual(new Map([['k0', expected]]));
    const stored = { ...expected, key: 'k0', title: 'T', text: 'Task 0', provider: 'openai', createdAt: '2025-01-01' };
    expect(store.scoresFor({ scorer: 'x' })).toEqual([stored]);
    expect(store.scoresByKeys(['k0']).get('k0')).toEqual(stored);
    expect(store.scoresForTask('0')).toEqual([stored]);
    store.close();
  });

  it('opens a store made before durations existed, adds the column, keeps its scores, and stores durations after', async () => {
    const file = await schemaOneStore();
    const store = openStore(file);
    store.saveOutcome(outcome('req-1', [1]), meta([item(1)]));
    store.saveOutcome({ ...outcome('req-2', [2]), scores: [{ key: 'k2', score: { ...score(2), duration: 3.5 } }] }, meta([item(2)]));
    const byKey = new Map(store.scoresFor({ scorer: 'openai:gpt-4.1-mini' }).map((s) => [s.key, s]));
    expect(byKey.get('k2')!.duration).toBe(3.5);
    expect(byKey.get('k1')).not.toHaveProperty('duration');
    expect(store.scoresFor({ scorer: 'x' })[0]).toMatchObject({ rationale: 'old', rubricVersion: 'r1' });
    expect(store.scoresFor({ scorer: 'x' })[0]).not.toHaveProperty('duration');
    store.close();
    const reader = openStore(file, { readonly: true });
    expect(reader.taskScoresByKeys(['k2']).get('k2')!.duration).toBe(3.5);
    expect(reader.taskScoresFor({ scorer: 'openai:gpt-4.1-mini' }).map((s) => s.duration)).toEqual([undefined, 3.5]);
    reader.close();
  });
});

describe('score store', () => {
  it('stores a request and its scores together, and reports what is missing', () => {
    const store = openStore(path.join(tmp(), 'nested', 'scores.db'));
    const items = [1, 2, 3].map(item);
    expect(store.missingKeys(['k1', 'k2', 'k3', 'k1'])).toEqual(['k1', 'k2', 'k3']);
    expect(store.saveOutcome(outcome('req-1', [1, 2]), meta(items))).toBe(2);
    expect(store.missingKeys(['k1', 'k2', 'k3'])).toEqual(['k3']);
    const stored = store.scoresByKeys(['k1', 'k2']).get('k1')!;
    expect(stored).toMatchObject({ taskId: '1', exposure: 'E1', automation: 'T2', title: 'Software Developers', text: 'Task 1', scorer: 'openai:gpt-4.1-mini', rubricVersion: 'r1', requestId: 'req-1' });
    // Saving the same key again never makes a second row.
    expect(store.saveOutcome(outcome('req-2', [2, 3]), meta(items))).toBe(1);
    expect(store.scoresFor({ scorer: 'openai:gpt-4.1-mini' })).toHaveLength(3);
    const [summary] = store.listScorers();
    expect(summary).toMatchObject({ scorer: 'openai:gpt-4.1-mini', count: 3, requests: 2, inputTokens: 2000, outputTokens: 400, cachedInputTokens: 1000, models: ['gpt-4.1-mini'] });
    expect(summary!.costUsd).toBeCloseTo(0.002);
    store.close();
  });

  it('uses WAL and survives reopening', () => {
    const file = path.join(tmp(), 'scores.db');
    const store = openStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.saveOutcome(outcome('r', [1]), meta([item(1)]));
    store.close();
    const again = openStore(file);
    expect(again.missingKeys(['k1', 'k9'])).toEqual(['k9']);
    again.close();
  });

  it('clears one scorer or all, and finds every score of a task', () => {
    const store = openStore(path.join(tmp(), 'scores.db'));
    store.saveOutcome(outcome('a', [1, 2]), meta([item(1), item(2)]));
    store.importScores('gpt4', [{ ...score(1), scorer: 'ignored', exposure: 'E2', text: 'Task 1', title: 'Software Developers' }]);
    expect(store.scoresForTask('1').map((s) => s.scorer)).toEqual(['gpt4', 'openai:gpt-4.1-mini']);
    expect(store.listScorers().map((s) => [s.scorer, s.count])).toEqual([['gpt4', 1], ['openai:gpt-4.1-mini', 2]]);
    // Importing again replaces rather than duplicates.
    store.importScores('gpt4', [{ ...score(1), exposure: 'E0' }]);
    expect(store.scoresFor({ scorer: 'gpt4' }).map((s) => s.exposure)).toEqual(['E0']);
    expect(store.clear({ scorer: 'gpt4' })).toEqual({ scores: 1, requests: 0 });
    expect(store.clear()).toEqual({ scores: 2, requests: 1 });
    expect(store.listScorers()).toEqual([]);
    store.close();
  });

  it('refuses a file that is not a store with an InputError naming it', () => {
    const file = path.join(tmp(), 'not-a-db.db');
    writeFileSync(file, 'this is not sqlite at all, just text that is long enough to have a header page'.repeat(20));
    expect(() => openStore(file)).toThrow(InputError);
    expect(() => openStore(file)).toThrow(/not-a-db\.db/);
    expect(readFileSync(file, 'utf8')).toContain('this is not sqlite');
  });
});

describe('task selection', () => {
  const dataset: Dataset = {
    name: 'tiny',
    kind: 'onet',
    source: 'x',
    occupations: [
      { code: '15-1252.00', soc: '15-1252', majorGroup: '15', title: 'Software Developers' },
      { code: '29-1141.00', soc: '29-1141', majorGroup: '29', title: 'Registered Nurses' },
    ],
    tasks: Array.from({ length: 20 }, (_, i) => ({ id: String(100 + i), occupationCode: i < 10 ? '15-1252.00' : '29-1141.00', text: `task ${i}`, type: 'Core' as const })),
    emergingTasks: [],
    files: [],
  };
  it('filters by occupation, SOC code and major group', () => {
    expect(selectTasks(dataset, { occupations: ['15-1252'] })).toHaveLength(10);
    expect(selectTasks(dataset, { majorGroups: ['29'] }).every((t) => t.title === 'Registered Nurses')).toBe(true);
    expect(() => selectTasks(dataset, { occupations: ['11-1011.00'] })).toThrow(/no such occupation/);
    expect(() => selectTasks(dataset, { majorGroups: ['1'] })).toThrow(/two-digit/);
  });
  it('samples deterministically with a seed and keeps dataset order', () => {
    const a = selectTasks(dataset, { sample: 5, seed: 7 }).map((t) => t.taskId);
    expect(selectTasks(dataset, { sample: 5, seed: 7 }).map((t) => t.taskId)).toEqual(a);
    expect(selectTasks(dataset, { sample: 5, seed: 8 }).map((t) => t.taskId)).not.toEqual(a);
    expect([...a].sort()).toEqual(a);
    expect(selectTasks(dataset, { sample: 5, seed: 7, limit: 2 }).map((t) => t.taskId)).toEqual(a.slice(0, 2));
  });
});

describe('prices', () => {
  it('prices known models, charges local servers nothing and does not guess the rest', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 0 };
    expect(costOf(usage, priceFor({ provider: 'openai', model: 'gpt-4.1-mini', local: false }))).toBeCloseTo(2.0);
    expect(costOf(usage, priceFor({ provider: 'openai', model: 'gpt-4.1-mini', local: false }), { batchApi: true })).toBeCloseTo(1.0);
    expect(costOf(usage, priceFor({ provider: 'openrouter', model: 'openai/gpt-4o-mini', local: false }))).toBeCloseTo(0.75);
    expect(costOf(usage, priceFor({ provider: 'ollama', model: 'llama3.1:8b', local: true }))).toBe(0);
    expect(costOf(usage, priceFor({ provider: 'custom', model: 'mystery', local: false }))).toBeNull();
  });
});
