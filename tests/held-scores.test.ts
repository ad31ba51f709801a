// score prints its headline from the offline scores its run holds (HeldScores in src/analysis/scorer-choice.ts)
// rather than reading them back from the store: the analysis must be the one frontier, export and view read.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisOf } from '../src/analysis/load.js';
import { scenarioFrom } from '../src/cli/analysis-request.js';
import { runScore } from '../src/score/score-run.js';
import { writeMiniOews, writeMiniOnet } from './helpers/mini-onet.js';

function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-held-'));
  const env = { AI_FRONTIER_HOME: path.join(dir, 'home'), SOURCE_DATE_EPOCH: '1767225600' };
  const oews = writeMiniOews(dir);
  const flags = { offline: true, dataset: writeMiniOnet(dir), oews, store: path.join(dir, 'scores.db') };
  const request = { oews, ...scenarioFrom({ preset: 'acemoglu-restrepo-1987-2016', measure: 'beta', taskWeights: 'core', weight: 'employment', timeModel: 'calibrated' }, new Date('2026-01-01')), env, cwd: dir };
  return { dir, env, flags, request };
}

describe('the scores a score run holds', () => {
  it('give the analysis read back from the store, on a first run (scores computed) and on a rerun (scores read)', async () => {
    const { dir, env, flags, request } = setUp();
    for (const pass of ['first run', 'rerun']) {
      const result = await runScore({ flags, selection: {}, env, cwd: dir });
      expect(result.status, pass).toBe('complete');
      expect(result.scored, pass).toBe(pass === 'first run' ? result.dataset.tasks.length : 0);
      const read = analysisOf(result.dataset, { ...request, store: result.storeFile });
      const held = analysisOf(result.dataset, { ...request, store: result.storeFile, held: { scorer: result.scorer, scores: result.scores } });
      expect(held.choice).toMatchObject({ scorer: result.scorer, reason: 'last-run', computedNow: 0 });
      expect(held.scores, pass).toEqual(read.scores);
      expect(held.analysis, pass).toEqual(read.analysis);
    }
  });

  it('are not taken for a run of part of the dataset, nor for another scorer than the one the rule picks', async () => {
    const { dir, env, flags, request } = setUp();
    const part = await runScore({ flags, selection: { limit: 3 }, env, cwd: dir });
    expect(part.scores).toHaveLength(3);
    const partly = analysisOf(part.dataset, { ...request, store: part.storeFile, held: { scorer: part.scorer, scores: part.scores } });
    // The other tasks come from the model, computed now, as frontier computes them.
    expect(partly.scores).toHaveLength(part.dataset.tasks.length);
    expect(partly.choice.computedNow).toBe(part.dataset.tasks.length - 3);

    const whole = await runScore({ flags, selection: {}, env, cwd: dir });
    const wrong = whole.scores.map((s) => ({ ...s, exposure: 'E0' as const }));
    const other = analysisOf(whole.dataset, { ...request, store: whole.storeFile, held: { scorer: 'offline-v0:both', scores: wrong } });
    expect(other.scores).toEqual(analysisOf(whole.dataset, { ...request, store: whole.storeFile }).scores);
  });
});
