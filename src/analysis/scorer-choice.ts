// Which scorer's scores a command shows for a dataset, and which stored scores belong to that dataset's tasks.
//
// One rule for every command that shows results (score, frontier, export, view, new-work), so the same
// dataset and store give the same figures whichever command prints them:
//   1. the scorer named with --scorer;
//   2. else the scorer `score` last ran on this dataset (the store records each run) that has scores for it;
//   3. else the stored scorer covering most of the dataset's tasks, ties broken by name;
//   4. else the offline model.
// Nothing here depends on other datasets in the store: runs are recorded per dataset, and a score counts
// for a task only when it was made for that task (below).
import type { Dataset } from '../data/types.js';
import { datasetIdentity } from '../data/resolve.js';
import { taskKey } from '../data/types.js';
import { UsageError } from '../errors.js';
import { normalizeText } from '../score/key.js';
import { loadOfflineModel } from '../score/offline/model.js';
import { occupationTexts, scoreOffline } from '../score/offline/score.js';
import { knownScorers, OFFLINE_SCORER, offlineKeyer } from '../score/scorers.js';
import type { ScoreRunRecord, ScoreStore, StoredScore } from '../score/store.js';
import type { TaskScore } from '../score/types.js';

export type ScorerReason = 'requested' | 'last-run' | 'most-coverage' | 'offline-default';

export interface ScorerChoice {
  scorer: string;
  reason: ScorerReason;
  /** One score per covered task of the dataset, under the dataset's own task ids, in dataset order. */
  scores: TaskScore[];
  /** Dataset tasks with a score from this scorer. */
  covered: number;
  /** The run that made this scorer the default ('last-run'). */
  lastRun?: ScoreRunRecord;
  /** Offline model: scores computed now because the store had none for those tasks (same model, same result). */
  computedNow?: number;
  /** The other scorers a person could pass to --scorer, with the dataset tasks each covers. */
  alternatives: { scorer: string; covered: number }[];
}

type Store = Pick<ScoreStore, 'listScorers' | 'scoresFor' | 'scoresByKeys' | 'runsOn'>;

export function chooseScorer(options: { dataset: Dataset; store?: Store; storePath: string; requested?: string }): ScorerChoice {
  const { dataset, store, requested } = options;
  const stored = (store?.listScorers() ?? []).map((s) => s.scorer).filter((name) => name !== OFFLINE_SCORER);
  const matched = new Map<string, TaskScore[]>();
  const scoresFor = (name: string): TaskScore[] => {
    let scores = matched.get(name);
    if (!scores) matched.set(name, (scores = matchStoredScores(dataset, store ? store.scoresFor({ scorer: name }) : [])));
    return scores;
  };
  const alternatives = (chosen: string) => [
    ...stored.filter((name) => name !== chosen).map((name) => ({ scorer: name, covered: scoresFor(name).length })).filter((a) => a.covered > 0),
    ...(chosen === OFFLINE_SCORER ? [] : [{ scorer: OFFLINE_SCORER, covered: dataset.tasks.length }]),
  ];
  const offline = (reason: ScorerReason, lastRun?: ScoreRunRecord): ScorerChoice => {
    const { scores, computedNow } = offlineScoresFor(dataset, store);
    return { scorer: OFFLINE_SCORER, reason, scores, covered: scores.length, computedNow, lastRun, alternatives: alternatives(OFFLINE_SCORER) };
  };

  if (requested === OFFLINE_SCORER) return offline('requested');
  if (requested) {
    if (!stored.includes(requested)) {
      throw new UsageError(`no scores from scorer "${requested}" in ${options.storePath}; known scorers: ${knownScorers(store).join(', ')}`);
    }
    const scores = scoresFor(requested);
    if (scores.length === 0) {
      const others = alternatives(requested).map((a) => `${a.scorer} (${a.covered.toLocaleString('en-US')} tasks)`);
      throw new UsageError(
        `scorer "${requested}" has no scores for the tasks of ${dataset.name} (its scores were made for other task texts); ` +
          `scorers covering ${dataset.name}: ${others.join(', ')}`,
      );
    }
    return { scorer: requested, reason: 'requested', scores, covered: scores.length, alternatives: alternatives(requested) };
  }

  for (const run of store?.runsOn(datasetIdentity(dataset)) ?? []) {
    if (run.scorer === OFFLINE_SCORER) return offline('last-run', run);
    if (!stored.includes(run.scorer)) continue;
    const scores = scoresFor(run.scorer);
    if (scores.length > 0) return { scorer: run.scorer, reason: 'last-run', scores, covered: scores.length, lastRun: run, alternatives: alternatives(run.scorer) };
  }

  let best: { scorer: string; scores: TaskScore[] } | undefined;
  for (const name of [...stored].sort()) {
    const scores = scoresFor(name);
    if (scores.length > 0 && (!best || scores.length > best.scores.length)) best = { scorer: name, scores };
  }
  if (best) return { ...best, reason: 'most-coverage', covered: best.scores.length, alternatives: alternatives(best.scorer) };
  return offline('offline-default');
}

/**
 * The stored scores of one scorer that were made for this dataset's tasks, under the dataset's task ids.
 * A model's score is keyed by occupation title and task text (src/score/key.ts), so it belongs to every
 * task with that title and text, whatever its id; the newest wins where a scorer scored the same text under
 * several settings. An imported label belongs to the task with its occupation code and task id, and only
 * while the task's text is the one that was labelled: O*NET releases reuse ids for reworded tasks.
 */
export function matchStoredScores(dataset: Pick<Dataset, 'occupations' | 'tasks'>, rows: readonly StoredScore[]): TaskScore[] {
  const byText = new Map<string, StoredScore>();
  const byTask = new Map<string, StoredScore[]>();
  for (const row of rows) {
    if (isImported(row)) {
      const key = taskKey(row.occupationCode, row.taskId);
      const list = byTask.get(key);
      if (list) list.push(row);
      else byTask.set(key, [row]);
      continue;
    }
    const key = textKey(row.title, row.text);
    const seen = byText.get(key);
    if (!seen || newer(row, seen)) byText.set(key, row);
  }
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const out: TaskScore[] = [];
  for (const task of dataset.tasks) {
    const text = normalizeText(task.text);
    const label = byTask.get(taskKey(task.occupationCode, task.id))?.find((row) => !row.text || normalizeText(row.text) === text);
    const row = label ?? byText.get(textKey(titles.get(task.occupationCode) ?? '', task.text));
    if (row) out.push(taskScoreOf(row, task));
  }
  return out;
}

/** The offline model's scores for every task: read from the store where `score` put them, computed otherwise. */
export function offlineScoresFor(dataset: Dataset, store?: Pick<ScoreStore, 'scoresByKeys'>): { scores: TaskScore[]; computedNow: number } {
  const model = loadOfflineModel();
  const keyOf = offlineKeyer(model, dataset.tasks);
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const items = dataset.tasks.map((task) => ({ task, title: titles.get(task.occupationCode) ?? '' }));
  const keys = items.map(({ task, title }) => keyOf({ occupationCode: task.occupationCode, title, text: task.text }));
  const found = store ? store.scoresByKeys(keys) : new Map<string, StoredScore>();
  const missing = items.filter((_, i) => !found.has(keys[i]!));
  const computed = scoreOffline(
    model,
    missing.map(({ task, title }) => ({ taskId: task.id, occupationCode: task.occupationCode, text: task.text, title })),
    { context: occupationTexts(dataset.tasks) },
  );
  let next = 0;
  const scores = items.map(({ task }, i) => {
    const row = found.get(keys[i]!);
    return taskScoreOf(row ?? computed[next++]!, task);
  });
  return { scores, computedNow: missing.length };
}

function isImported(row: StoredScore): boolean {
  return row.provider === 'import' || row.key.startsWith('import:');
}

function textKey(title: string, text: string): string {
  return `${normalizeText(title)}\u0000${normalizeText(text)}`;
}

function newer(a: StoredScore, b: StoredScore): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.key > b.key);
}

/** The score's own fields only, under the task's ids: where a score was stored does not show in reports. */
function taskScoreOf(score: TaskScore, task: { id: string; occupationCode: string }): TaskScore {
  const out: TaskScore = { taskId: task.id, occupationCode: task.occupationCode, exposure: score.exposure, scorer: score.scorer };
  if (score.automation !== undefined) out.automation = score.automation;
  if (score.mode !== undefined) out.mode = score.mode;
  if (score.horizon !== undefined) out.horizon = score.horizon;
  if (score.confidence !== undefined) out.confidence = score.confidence;
  if (score.rationale !== undefined) out.rationale = score.rationale;
  if (score.model !== undefined) out.model = score.model;
  if (score.rubricVersion !== undefined) out.rubricVersion = score.rubricVersion;
  return out;
}
