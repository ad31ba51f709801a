// Finds one scorer's task scores for a dataset: "offline" runs the offline model on the spot (it is
// fast and needs nothing), any other name reads the store (model runs, imported label sets).
import { taskKey, type Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { loadOfflineModel } from './offline/model.js';
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

/** The scores of `scorer`, or a UsageError listing the scorers there are. */
export function scoresOf(options: { scorer: string; dataset: Dataset; store?: ScoreStore; storePath: string }): TaskScore[] {
  if (options.scorer === OFFLINE_SCORER) return offlineScores(options.dataset);
  const scores = options.store ? options.store.taskScoresFor({ scorer: options.scorer }) : [];
  if (scores.length === 0) {
    const known = options.store ? options.store.listScorers().map((s) => s.scorer) : [];
    throw new UsageError(`no scores from scorer "${options.scorer}" in ${options.storePath}; known scorers: ${[OFFLINE_SCORER, ...known].join(', ')}`);
  }
  return scores;
}

export interface ScorerChoice {
  scorer: string;
  scores: TaskScore[];
  /** Why this scorer: asked for by name, the stored scorer covering most of the dataset, or the offline default. */
  reason: 'requested' | 'most-coverage' | 'offline-default';
  /** Dataset tasks the chosen scorer covers. */
  covered: number;
}

/**
 * The scorer a command uses when the person names none: the stored scorer that covers most of the
 * dataset's tasks, else the offline model. A named scorer is used as it is (see `scoresOf`).
 */
export function chooseScorer(options: { dataset: Dataset; store?: ScoreStore; storePath: string; requested?: string }): ScorerChoice {
  const { dataset, store, requested } = options;
  const tasks = new Set(dataset.tasks.map((t) => taskKey(t.occupationCode, t.id)));
  const coverage = (scores: readonly TaskScore[]) => new Set(scores.map((s) => taskKey(s.occupationCode, s.taskId)).filter((k) => tasks.has(k))).size;
  if (requested) {
    const scores = scoresOf({ scorer: requested, dataset, store, storePath: options.storePath });
    return { scorer: requested, scores, reason: 'requested', covered: coverage(scores) };
  }
  let best: ScorerChoice | undefined;
  for (const scorer of store?.scorerNames() ?? []) {
    const scores = store!.taskScoresFor({ scorer });
    const covered = coverage(scores);
    if (covered > 0 && (!best || covered > best.covered)) best = { scorer, scores, reason: 'most-coverage', covered };
  }
  return best ?? { scorer: OFFLINE_SCORER, scores: offlineScores(dataset), reason: 'offline-default', covered: dataset.tasks.length };
}
