// Finds one scorer's task scores for a dataset: "offline" runs the offline model on the spot (it is
// fast and needs nothing), any other name reads the store (model runs, imported label sets).
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { loadOfflineModel } from './offline/model.js';
import { scoreOffline } from './offline/score.js';
import type { ScoreStore } from './store.js';
import type { TaskScore } from './types.js';

export const OFFLINE_SCORER = 'offline';

export function offlineScores(dataset: Dataset): TaskScore[] {
  const model = loadOfflineModel();
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  return scoreOffline(
    model,
    dataset.tasks.map((t) => ({ taskId: t.id, occupationCode: t.occupationCode, text: t.text, title: titles.get(t.occupationCode) ?? '', type: t.type })),
  );
}

/** The scores of `scorer`, or a UsageError listing the scorers there are. */
export function scoresOf(options: { scorer: string; dataset: Dataset; store?: ScoreStore; storePath: string }): TaskScore[] {
  if (options.scorer === OFFLINE_SCORER) return offlineScores(options.dataset);
  const scores = options.store ? options.store.scoresFor({ scorer: options.scorer }) : [];
  if (scores.length === 0) {
    const known = options.store ? options.store.listScorers().map((s) => s.scorer) : [];
    throw new UsageError(`no scores from scorer "${options.scorer}" in ${options.storePath}; known scorers: ${[OFFLINE_SCORER, ...known].join(', ')}`);
  }
  return scores;
}
