// Finds one scorer's task scores for a dataset: "offline" (or "offline:human", "offline:gpt4", ...: a
// target of the offline model) runs the offline model on the spot (it is fast and needs nothing), any
// other name reads the store (model runs, imported label sets, stored offline runs such as "offline-v3:both").
import { taskKey, type Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { loadOfflineModel } from './offline/model.js';
import { occupationTexts, scoreOffline } from './offline/score.js';
import { isOfflineTarget, OFFLINE_TARGETS, type OfflineTarget } from './offline/targets.js';
import type { ScoreStore } from './store.js';
import type { TaskScore } from './types.js';

export const OFFLINE_SCORER = 'offline';

/** The offline target a scorer name asks for: null for the model's default ("offline"), undefined when the name is no offline scorer. */
export function offlineTargetOf(scorer: string): OfflineTarget | null | undefined {
  if (scorer === OFFLINE_SCORER) return null;
  const target = scorer.startsWith(`${OFFLINE_SCORER}:`) ? scorer.slice(OFFLINE_SCORER.length + 1) : undefined;
  if (target === undefined) return undefined;
  if (!isOfflineTarget(target)) throw new UsageError(`unknown offline target "${target}" in scorer "${scorer}" (expected ${OFFLINE_TARGETS.map((t) => `offline:${t}`).join(', ')})`);
  return target;
}

/** True for the offline scorer's names and for stored offline runs ("offline-v3:both"). */
export function isOfflineScorer(scorer: string): boolean {
  return offlineTargetOf(scorer) !== undefined || /^offline-v\d+:/.test(scorer);
}

export function offlineScores(dataset: Dataset, target?: OfflineTarget): TaskScore[] {
  const model = loadOfflineModel();
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  return scoreOffline(
    model,
    dataset.tasks.map((t) => ({ taskId: t.id, occupationCode: t.occupationCode, text: t.text, title: titles.get(t.occupationCode) ?? '', type: t.type })),
    { context: occupationTexts(dataset.tasks), ...(target ? { target } : {}) },
  );
}

/** The scores of `scorer`, or a UsageError listing the scorers there are. */
export function scoresOf(options: { scorer: string; dataset: Dataset; store?: ScoreStore; storePath: string }): TaskScore[] {
  const target = offlineTargetOf(options.scorer);
  if (target !== undefined) return offlineScores(options.dataset, target ?? undefined);
  const scores = options.store ? options.store.scoresFor({ scorer: options.scorer }) : [];
  if (scores.length === 0) {
    const known = options.store ? options.store.listScorers().map((s) => s.scorer) : [];
    const offline = [OFFLINE_SCORER, ...OFFLINE_TARGETS.map((t) => `${OFFLINE_SCORER}:${t}`)];
    throw new UsageError(`no scores from scorer "${options.scorer}" in ${options.storePath}; known scorers: ${[...offline, ...known].join(', ')}`);
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
  for (const { scorer } of store?.listScorers() ?? []) {
    const scores = store!.scoresFor({ scorer });
    const covered = coverage(scores);
    if (covered > 0 && (!best || covered > best.covered)) best = { scorer, scores, reason: 'most-coverage', covered };
  }
  return best ?? { scorer: OFFLINE_SCORER, scores: offlineScores(dataset), reason: 'offline-default', covered: dataset.tasks.length };
}
