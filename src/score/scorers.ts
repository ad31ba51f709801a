// Finds one scorer's task scores: "offline" runs the offline model (it is fast and needs nothing), any
// other name reads the store (model runs, imported label sets). Which scorer a command uses, and how stored
// scores are matched to one dataset's tasks, is src/analysis/scorer-choice.ts.
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { contextDigest, scoreKeyer } from './key.js';
import { loadOfflineModel, type OfflineModel } from './offline/model.js';
import { occupationTexts, scoreOffline } from './offline/score.js';
import type { ScoreStore } from './store.js';
import type { TaskScore } from './types.js';

export const OFFLINE_SCORER = 'offline';

export function offlineScores(dataset: Dataset): TaskScore[] {
  const model = loadOfflineModel();
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  return scoreOffline(
    model,
    dataset.tasks.map((t) => ({ taskId: t.id, occupationCode: t.occupationCode, text: t.text, title: titles.get(t.occupationCode) ?? '', type: t.type })),
    { context: occupationTexts(dataset.tasks) },
  );
}

/**
 * The store key of a task's offline score. The model reads the task's whole occupation in the dataset, so
 * the key carries a digest of that task list: the same sentence in another dataset may score differently.
 */
export function offlineKeyer(model: Pick<OfflineModel, 'file'>, tasks: Dataset['tasks']): (task: { occupationCode: string; title: string; text: string }) => string {
  const digests = new Map([...occupationTexts(tasks)].map(([code, texts]) => [code, contextDigest(texts)]));
  const keyOf = scoreKeyer({ rubricVersion: model.file.rubricVersion, provider: 'offline', model: model.file.name, temperature: 0 });
  return (task) => keyOf({ title: task.title, text: task.text, context: digests.get(task.occupationCode) ?? '' });
}

/** Scorer names a person can pass to --scorer: the offline model and every scorer in the store, once each. */
export function knownScorers(store?: Pick<ScoreStore, 'scorerNames'>): string[] {
  return [...new Set([OFFLINE_SCORER, ...(store ? store.scorerNames() : [])])];
}

/** The scores of `scorer`, or a UsageError listing the scorers there are. */
export function scoresOf(options: { scorer: string; dataset: Dataset; store?: ScoreStore; storePath: string }): TaskScore[] {
  if (options.scorer === OFFLINE_SCORER) return offlineScores(options.dataset);
  const scores = options.store ? options.store.taskScoresFor({ scorer: options.scorer }) : [];
  if (scores.length === 0) {
    throw new UsageError(`no scores from scorer "${options.scorer}" in ${options.storePath}; known scorers: ${knownScorers(options.store).join(', ')}`);
  }
  return scores;
}
