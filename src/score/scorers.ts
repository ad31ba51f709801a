// Finds one scorer's task scores: "offline" (or "offline:human", "offline:gpt4": a target of the offline model)
// runs the offline model (it is fast and needs nothing), any other name reads the store (model runs, imported
// label sets). Which scorer a command uses, and how stored scores are matched to one dataset's tasks, is
// src/analysis/scorer-choice.ts.
import { taskKey, type Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { contextDigest, scoreKeyer } from './key.js';
import { fileDefaultTarget, fileTargets, loadOfflineModel, readModelFile, type ModelFile, type OfflineModel } from './offline/model.js';
import { occupationTexts, offlineTasksOf, scoreOffline } from './offline/score.js';
import { isOfflineTarget, OFFLINE_TARGETS, type OfflineTarget } from './offline/targets.js';
import type { ScoreStore } from './store/store.js';
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

/** True for the offline scorer's names: "offline" and "offline:<target>". */
export function isOfflineScorer(scorer: string): boolean {
  return scorer === OFFLINE_SCORER || scorer.startsWith(`${OFFLINE_SCORER}:`);
}

/** The scorer name of a target of the model: "offline" for its default, "offline:<target>" for the others. */
export function offlineScorerFor(file: ModelFile, target: OfflineTarget): string {
  return target === fileDefaultTarget(file) ? OFFLINE_SCORER : `${OFFLINE_SCORER}:${target}`;
}

export function offlineScores(dataset: Dataset, target?: OfflineTarget): TaskScore[] {
  const model = loadOfflineModel();
  return scoreOffline(model, offlineTasksOf(dataset, dataset.tasks), { context: occupationTexts(dataset.tasks), ...(target ? { target } : {}) });
}

/**
 * The store key of a task's offline score. The model reads the task's whole occupation in the dataset, so
 * the key carries a digest of that task list: the same sentence in another dataset may score differently.
 */
export function offlineKeyer(
  model: Pick<OfflineModel, 'file'>,
  dataset: Pick<Dataset, 'tasks' | 'workActivities'>,
  target: OfflineTarget = fileDefaultTarget(model.file),
): (task: { taskId: string; occupationCode: string; title: string; text: string }) => string {
  const digests = new Map([...occupationTexts(dataset.tasks)].map(([code, texts]) => [code, contextDigest(texts)]));
  const activities = activityKeys(model.file, dataset);
  // The model version and target ("offline-v4:both"): scores of another version or target never share a key.
  const keyOf = scoreKeyer({ rubricVersion: model.file.rubricVersion, provider: 'offline', model: `${model.file.name}:${target}`, temperature: 0 });
  return (task) => {
    const context = digests.get(task.occupationCode) ?? '';
    const linked = activities.size > 0 ? activities.get(taskKey(task.occupationCode, task.taskId)) : undefined;
    return keyOf({ title: task.title, text: task.text, context: linked ? `${context} ${linked}` : context });
  };
}

/**
 * Task key -> the part of its score key that says which work activities it was read with: the ids of those the
 * dataset links and titles, and a digest of the dataset's activity titles (a release that retitles a DWA makes new
 * keys). Empty for a model without the activity block (offline-v3 and before), whose keys stay as they were.
 */
function activityKeys(file: ModelFile, dataset: Pick<Dataset, 'tasks' | 'workActivities'>): Map<string, string> {
  const out = new Map<string, string>();
  const titled = dataset.workActivities;
  if (!((file.features.blockWeights.activity ?? 0) > 0) || !titled) return out;
  const titles = contextDigest(Object.entries(titled).map(([id, a]) => `${id} ${a.title}`));
  for (const task of dataset.tasks) {
    const ids = task.dwaIds?.filter((id) => titled[id] !== undefined);
    if (ids && ids.length > 0) out.set(taskKey(task.occupationCode, task.id), `${titles}:${ids.join(',')}`);
  }
  return out;
}

/** Scorer names a person can pass to --scorer: the offline model's targets and every scorer in the store, once each. */
export function knownScorers(store?: Pick<ScoreStore, 'scorerNames'>): string[] {
  const file = readModelFile();
  return [...new Set([...fileTargets(file).map((t) => offlineScorerFor(file, t)), ...(store ? store.scorerNames() : [])])];
}

/** The scores of `scorer`, or a UsageError listing the scorers there are. */
export function scoresOf(options: { scorer: string; dataset: Dataset; store?: ScoreStore; storePath: string }): TaskScore[] {
  const target = offlineTargetOf(options.scorer);
  if (target !== undefined) return offlineScores(options.dataset, target ?? undefined);
  const scores = options.store ? options.store.taskScoresFor({ scorer: options.scorer }) : [];
  if (scores.length === 0) {
    throw new UsageError(`no scores from scorer "${options.scorer}" in ${options.storePath}; known scorers: ${knownScorers(options.store).join(', ')}`);
  }
  return scores;
}
