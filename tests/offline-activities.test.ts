// The offline model reads a task's O*NET work activities (DWAs) wherever it scores a dataset that links them:
// `score` stores what frontier/export/view/compare compute on the spot, the parsed-dataset cache gives the
// same scores as parsing, and a dataset without the links is scored from the task text alone.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheAt } from '../src/data/cache.js';
import { resolveDataset } from '../src/data/resolve.js';
import type { Dataset } from '../src/data/types.js';
import { readModelFile } from '../src/score/offline/model.js';
import { taskActivities } from '../src/score/offline/score.js';
import { offlineKeyer, scoresOf } from '../src/score/scorers.js';
import { openStore } from '../src/score/store/store.js';
import type { TaskScore } from '../src/score/types.js';
import { REPO_ROOT, runCli, tempHome } from './helpers/cli.js';

const RELEASE = path.join(REPO_ROOT, 'tests/fixtures/onet-small/with-title');

const byTask = (scores: readonly TaskScore[]) => new Map(scores.map((s) => [s.taskId, s]));
const offline = (dataset: Dataset) => byTask(scoresOf({ scorer: 'offline', dataset, storePath: 'unused' }));

describe('work activities in offline scoring', () => {
  it('scores a DWA-linked task with its activities, in `score` and on the spot, and the same through the parsed-dataset cache', async () => {
    const home = tempHome();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-cache-'));
    const load = (enabled: boolean) => resolveDataset(RELEASE, { env: { AI_FRONTIER_HOME: home }, cwd: REPO_ROOT, cache: cacheAt(dir, { enabled }) });
    const parsed = await load(false);
    const linked = parsed.tasks.filter((t) => taskActivities(t, parsed.workActivities)).map((t) => t.id);
    expect(linked).toEqual(['1001', '1003']);
    expect(taskActivities(parsed.tasks[0]!, parsed.workActivities)!.map((a) => a.title)).toEqual(['Write computer programs.', 'Test software for defects.']);

    // Built into the cache, then read from it: the links survive, and so do the scores.
    await load(true);
    const cached = await load(true);
    expect(cached.workActivities).toEqual(parsed.workActivities);
    expect(cached.tasks.map((t) => t.dwaIds)).toEqual(parsed.tasks.map((t) => t.dwaIds));
    const onTheSpot = offline(parsed);
    expect(offline(cached)).toEqual(onTheSpot);

    // Without the links the linked tasks score otherwise (the activities are read) and the others alike.
    const textOnly = offline({ ...parsed, workActivities: undefined });
    for (const [id, score] of onTheSpot) {
      if (linked.includes(id)) expect(textOnly.get(id)).not.toEqual(score);
      else expect(textOnly.get(id)).toEqual(score);
    }

    // The store key says which activities a task was read with, so a text-only score is never reused for it;
    // a model without the activity block (offline-v3) keys as it always did.
    const file = readModelFile();
    const keys = (dataset: Dataset, model = { file }) => {
      const keyOf = offlineKeyer(model, dataset);
      return new Map(dataset.tasks.map((t) => [t.id, keyOf({ taskId: t.id, occupationCode: t.occupationCode, title: 'T', text: t.text })]));
    };
    const withLinks = keys(parsed);
    const withoutLinks = keys({ ...parsed, workActivities: undefined });
    for (const [id, key] of withLinks) expect(withoutLinks.get(id) === key).toBe(!linked.includes(id));
    const textModel = { file: { ...file, features: { ...file.features, blockWeights: { ...file.features.blockWeights, activity: 0 } } } };
    expect(keys(parsed, textModel)).toEqual(keys({ ...parsed, workActivities: undefined }, textModel));

    // `score` stores exactly what the other commands compute on the spot.
    const result = await runCli(['--json', 'score', '--dataset', RELEASE], { env: { AI_FRONTIER_HOME: home } });
    expect(result.code, result.stderr).toBe(0);
    const store = openStore(JSON.parse(result.stdout).store);
    const stored = store.scoresFor({ scorer: 'offline' });
    store.close();
    expect(stored).toHaveLength(parsed.tasks.length);
    for (const s of stored) {
      const expected = onTheSpot.get(s.taskId)!;
      expect([s.exposure, s.automation, s.confidence, s.rationale]).toEqual([expected.exposure, expected.automation, expected.confidence, expected.rationale]);
    }
  });
});
