// What is derived from a dataset and the score store (the scores matched to the dataset's tasks, the offline
// model's scores of a whole dataset) is kept beside the parsed datasets so the next command reads one file.
// It must never show what the store no longer holds: the store counts every change to a score (by this
// tool or any other writer), an entry holds only while that count is the same, and `score` keeps a whole
// dataset's scores only when its own writes account for every change since it read the store.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseScorer, offlineScoresFor } from '../src/analysis/scorer-choice.js';
import { cacheAt, type DatasetCache } from '../src/data/cache.js';
import { resolveDataset } from '../src/data/resolve.js';
import type { Dataset } from '../src/data/types.js';
import { packScores, unpackScores, type PackedScores } from '../src/score/derived-cache.js';
import { runScore } from '../src/score/score-run.js';
import type { TaskScore } from '../src/score/types.js';
import { openStore } from '../src/score/store/store.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-derived-'));
});

const home = () => path.join(dir, 'home');
const storeFile = () => path.join(dir, 'scores.db');
const parsedDir = () => path.join(home(), 'cache', 'parsed');
const env = () => ({ AI_FRONTIER_HOME: home(), SOURCE_DATE_EPOCH: '1767225600' });
const cache = (): DatasetCache => cacheAt(parsedDir(), { enabled: true });
const sample = (): Promise<Dataset> => resolveDataset('sample', { env: env(), cwd: REPO_ROOT, cache: cache() });
const entries = (kind: string) => readdirSync(parsedDir()).filter((name) => name.startsWith(`${kind}-`));

async function ok(args: string[]) {
  const result = await runCli(args, { env: env(), cwd: dir });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

function labelsFor(dataset: Dataset, count: number, exposure: 'E0' | 'E1' | 'E2' = 'E1') {
  return dataset.tasks.slice(0, count).map((task) => ({ taskId: task.id, occupationCode: task.occupationCode, text: task.text, exposure, scorer: 'labels' }));
}

describe('the store version', () => {
  it('counts every score inserted, updated or deleted, by this tool or any other writer, each change with a new token', async () => {
    const dataset = await sample();
    const store = openStore(storeFile());
    const start = store.scoresVersion()!;
    expect(start).toEqual({ token: expect.stringMatching(/^[0-9a-f]{16}$/), changes: 0 });
    store.importScores('labels', labelsFor(dataset, 3));
    const imported = store.scoresVersion()!;
    expect(imported.changes).toBe(3);
    expect(imported.token).not.toBe(start.token);
    // As the sqlite3 shell or an older version of the tool would change them.
    store.db.prepare(`UPDATE scores SET exposure = 'E0' WHERE task_id = ?`).run(dataset.tasks[0]!.id);
    store.db.prepare(`DELETE FROM scores WHERE task_id IN (?, ?)`).run(dataset.tasks[1]!.id, dataset.tasks[2]!.id);
    const edited = store.scoresVersion()!;
    expect(edited.changes).toBe(6);
    // Recording a run changes no score.
    store.recordRun({ dataset: 'sample', scorer: 'labels', tasksSelected: 3 });
    expect(store.scoresVersion()).toEqual(edited);
    store.close();

    const reader = openStore(storeFile(), { readonly: true });
    expect(reader.scoresVersion()).toEqual(edited);
    reader.close();
    const other = openStore(path.join(dir, 'other.db'));
    expect(other.scoresVersion()!.token).not.toBe(start.token);
    other.close();
  });

  it('the same count reached again another way (a backup restored, then changed) is another version', async () => {
    const dataset = await sample();
    const store = openStore(storeFile());
    store.importScores('labels', labelsFor(dataset, 2));
    store.close();
    copyFileSync(storeFile(), path.join(dir, 'backup.db'));
    const later = openStore(storeFile());
    later.importScores('labels', labelsFor(dataset, 4).slice(2));
    const before = later.scoresVersion()!;
    later.close();
    copyFileSync(path.join(dir, 'backup.db'), storeFile());
    const restored = openStore(storeFile());
    restored.importScores('labels', labelsFor(dataset, 4, 'E2').slice(2));
    const after = restored.scoresVersion()!;
    restored.close();
    expect(after.changes).toBe(before.changes);
    expect(after.token).not.toBe(before.token);
  });

  it('a store no writer of this version has opened has none (nothing is cached for it) until one opens it', async () => {
    const dataset = await sample();
    const store = openStore(storeFile());
    store.importScores('labels', labelsFor(dataset, 2));
    // What a store made before the version existed looks like.
    store.db.exec(`DELETE FROM meta WHERE key = 'scores_version';
      DROP TRIGGER scores_version_on_insert; DROP TRIGGER scores_version_on_update; DROP TRIGGER scores_version_on_delete;`);
    store.close();

    const reader = openStore(storeFile(), { readonly: true });
    expect(reader.scoresVersion()).toBeUndefined();
    const c = cache();
    const choice = chooseScorer({ dataset, store: reader, storePath: storeFile(), requested: 'labels', cache: c });
    reader.close();
    expect(choice.covered).toBe(2);
    expect(c.outcomes).toEqual([]);

    const writer = openStore(storeFile());
    expect(writer.scoresVersion()!.changes).toBe(0);
    writer.importScores('labels', labelsFor(dataset, 3));
    expect(writer.scoresVersion()!.changes).toBe(3);
    writer.close();
  });
});

describe('packed score lists', () => {
  it('unpack to the very scores packed: every field, absent ones left out, shared values and per-score ones', () => {
    const scores: TaskScore[] = [
      { taskId: '1', occupationCode: '11-1011.00', exposure: 'E1', scorer: 'x', automation: 'T2', mode: 'augment', horizon: 2030, duration: 1.5, confidence: 0.7, rationale: 'one', model: 'm', rubricVersion: 'r' },
      { taskId: '2', occupationCode: '11-1011.00', exposure: 'E0', scorer: 'x', model: 'm', rubricVersion: 'r' },
      { taskId: '3', occupationCode: '13-2011.00', exposure: 'E2', scorer: 'x', confidence: 0, rationale: '', model: 'm', rubricVersion: 'r' },
    ];
    const packed = packScores(scores);
    expect(packed.fields.scorer).toEqual({ all: 'x' });
    expect(packed.fields.exposure).toEqual({ each: ['E1', 'E0', 'E2'] });
    const back = unpackScores(JSON.parse(JSON.stringify(packed)) as PackedScores)!;
    expect(back).toEqual(scores);
    expect(back.map((score) => Object.keys(score))).toEqual(scores.map((score) => Object.keys(score)));
    expect(unpackScores(packScores([]))).toEqual([]);
  });

  it('refuse what is not a packed list of that many scores', () => {
    expect(unpackScores(undefined)).toBeUndefined();
    expect(unpackScores({ count: 2, fields: { taskId: { each: ['1'] } } })).toBeUndefined();
    expect(unpackScores({ count: 1.5, fields: {} })).toBeUndefined();
    expect(unpackScores({ count: 1, fields: null } as unknown as PackedScores)).toBeUndefined();
  });
});

describe('scores matched to a dataset', () => {
  it('are read back by the next command exactly as matched, and matched again after any change to a score', async () => {
    const dataset = await sample();
    expect(dataset.parsedDigest).toMatch(/^[0-9a-f]{64}$/);
    const store = openStore(storeFile());
    store.importScores('labels', labelsFor(dataset, 50));
    const choose = (c?: DatasetCache) => chooseScorer({ dataset, store, storePath: storeFile(), cache: c });

    const uncached = choose();
    expect(uncached.scorer).toBe('labels');
    const first = cache();
    expect(choose(first)).toEqual(uncached);
    expect(first.outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(['scorer-coverage built', 'scorer-scores built']);
    const second = cache();
    expect(choose(second)).toEqual(uncached);
    expect(second.outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(['scorer-coverage hit', 'scorer-scores hit']);

    // Another writer changes one label: the next command matches again and shows the change.
    store.db.prepare(`UPDATE scores SET exposure = 'E2' WHERE task_id = ?`).run(dataset.tasks[0]!.id);
    const third = cache();
    const changed = choose(third);
    expect(third.outcomes.map((o) => o.outcome)).toEqual(['built', 'built']);
    expect(changed).toEqual(choose());
    expect(changed.scores[0]!.exposure).toBe('E2');
    expect(uncached.scores[0]!.exposure).toBe('E1');

    // A second scorer appears: the coverage table is made again and lists it.
    store.importScores('more', labelsFor(dataset, 10).map((row) => ({ ...row, scorer: 'more' })));
    const fourth = cache();
    expect(choose(fourth).alternatives).toContainEqual({ scorer: 'more', covered: 10 });
    store.close();
  });
});

describe("the offline model's scores of a whole dataset", () => {
  it('score keeps them; the next score, frontier and export read them and print what the store gives', async () => {
    const first = JSON.parse((await ok(['score', '--json', '--store', storeFile()])).stdout) as { headline: unknown; scored: number };
    expect(first.scored).toBe(336);
    expect(entries('offline-scores')).toHaveLength(1);

    const dataset = await sample();
    const store = openStore(storeFile(), { readonly: true });
    const c = cache();
    const kept = offlineScoresFor(dataset, store, undefined, c);
    expect(c.outcomes.at(-1)).toEqual({ kind: 'offline-scores', outcome: 'hit' });
    expect(kept).toEqual(offlineScoresFor(dataset, store));
    store.close();

    const again = JSON.parse((await ok(['score', '--json', '--store', storeFile()])).stdout) as { headline: unknown; scored: number };
    expect(again.scored).toBe(0);
    // The same figures; only when the scorer last ran has moved on.
    const runAt = (h: unknown) => (h as { scorerChoice: { lastRunAt: string } }).scorerChoice.lastRunAt;
    expect(runAt(again.headline) > runAt(first.headline)).toBe(true);
    expect({ ...(again.headline as object), scorerChoice: null }).toEqual({ ...(first.headline as object), scorerChoice: null });
    const warm = await ok(['frontier', '--json', '--store', storeFile()]);
    const none = await ok(['frontier', '--json', '--store', storeFile(), '--no-cache']);
    expect(warm.stdout).toBe(none.stdout);
  });

  it('a score deleted by another writer is noticed: computed again, and the next complete run keeps them again', async () => {
    await ok(['score', '--store', storeFile()]);
    const dataset = await sample();
    const writer = openStore(storeFile());
    const gone = dataset.tasks[5]!;
    expect(writer.db.prepare(`DELETE FROM scores WHERE task_id = ? AND occupation_code = ?`).run(gone.id, gone.occupationCode).changes).toBe(1);
    writer.close();

    const store = openStore(storeFile(), { readonly: true });
    const c = cache();
    const after = offlineScoresFor(dataset, store, undefined, c);
    expect(c.outcomes).toEqual([]);
    expect(after.computedNow).toBe(1);
    expect(after).toEqual(offlineScoresFor(dataset, store));
    store.close();

    const rerun = JSON.parse((await ok(['score', '--json', '--store', storeFile()])).stdout) as { scored: number };
    expect(rerun.scored).toBe(1);
    const reader = openStore(storeFile(), { readonly: true });
    const next = cache();
    expect(offlineScoresFor(dataset, reader, undefined, next)).toEqual({ ...after, computedNow: 0 });
    expect(next.outcomes).toEqual([{ kind: 'offline-scores', outcome: 'hit' }]);
    reader.close();
  });

  it('are not kept by a run during which another writer changed the store; the next command keeps them', async () => {
    const dataset = await sample();
    const options = { flags: { dataset: 'sample', store: storeFile() }, selection: {}, env: env(), cwd: REPO_ROOT };
    const result = await runScore(options, {
      onEvent: (event) => {
        // Between reading the store and writing to it, as a second process would.
        if (event.type !== 'plan') return;
        const other = openStore(storeFile());
        other.importScores('labels', labelsFor(dataset, 1));
        other.close();
      },
    });
    expect(result.status).toBe('complete');
    expect(result.scored).toBe(336);
    expect(entries('offline-scores')).toEqual([]);

    const store = openStore(storeFile(), { readonly: true });
    const c = cache();
    const read = offlineScoresFor(dataset, store, undefined, c);
    expect(read.computedNow).toBe(0);
    expect(entries('offline-scores')).toHaveLength(1);
    const again = cache();
    expect(offlineScoresFor(dataset, store, undefined, again)).toEqual(read);
    expect(again.outcomes).toEqual([{ kind: 'offline-scores', outcome: 'hit' }]);
    store.close();
  });
});
