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
import { DEFAULT_MODEL_PATH, modelFromFile, readModelFile } from '../score/offline/model.js';
import { occupationTexts, scoreOffline } from '../score/offline/score.js';
import { knownScorers, OFFLINE_SCORER, offlineKeyer } from '../score/scorers.js';
import type { ScoreIdentity, ScoreRunRecord, ScoreStore } from '../score/store.js';
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

type Store = Pick<ScoreStore, 'scorerNames' | 'scoreIdentities' | 'taskScoresByKeys' | 'runsOn'>;

export function chooseScorer(options: { dataset: Dataset; store?: Store; storePath: string; requested?: string }): ScorerChoice {
  const { dataset, store, requested } = options;
  const stored = (store?.scorerNames() ?? []).filter((name) => name !== OFFLINE_SCORER);
  const index = datasetIndex(dataset);
  // Which stored score each task takes, per scorer: matched on identities alone, the scores read only for the one shown.
  const keysByScorer = new Map<string, (string | undefined)[]>();
  const keysOf = (name: string) => {
    let keys = keysByScorer.get(name);
    if (!keys) keysByScorer.set(name, (keys = store ? matchKeys(index, store.scoreIdentities({ scorer: name })) : []));
    return keys;
  };
  const coverage = (name: string) => keysOf(name).filter((key) => key !== undefined).length;
  const scoresFor = (name: string): TaskScore[] => {
    const keys = keysOf(name);
    const rows = store ? store.taskScoresByKeys(keys.filter((key): key is string => key !== undefined)) : new Map<string, TaskScore>();
    return dataset.tasks.flatMap((task, i) => {
      const row = keys[i] === undefined ? undefined : rows.get(keys[i]!);
      return row ? [taskScoreOf(row, task)] : [];
    });
  };
  const alternatives = (chosen: string) => [
    ...stored.filter((name) => name !== chosen).map((name) => ({ scorer: name, covered: coverage(name) })).filter((a) => a.covered > 0),
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
    if (coverage(requested) === 0) {
      const others = alternatives(requested).map((a) => `${a.scorer} (${a.covered.toLocaleString('en-US')} tasks)`);
      throw new UsageError(
        `scorer "${requested}" has no scores for the tasks of ${dataset.name} (its scores were made for other task texts); ` +
          `scorers covering ${dataset.name}: ${others.join(', ')}`,
      );
    }
    const scores = scoresFor(requested);
    return { scorer: requested, reason: 'requested', scores, covered: scores.length, alternatives: alternatives(requested) };
  }

  for (const run of store?.runsOn(datasetIdentity(dataset)) ?? []) {
    if (run.scorer === OFFLINE_SCORER) return offline('last-run', run);
    if (!stored.includes(run.scorer) || coverage(run.scorer) === 0) continue;
    const scores = scoresFor(run.scorer);
    return { scorer: run.scorer, reason: 'last-run', scores, covered: scores.length, lastRun: run, alternatives: alternatives(run.scorer) };
  }

  let best: string | undefined;
  for (const name of [...stored].sort()) {
    if (coverage(name) > 0 && (best === undefined || coverage(name) > coverage(best))) best = name;
  }
  if (best === undefined) return offline('offline-default');
  const scores = scoresFor(best);
  return { scorer: best, reason: 'most-coverage', scores, covered: scores.length, alternatives: alternatives(best) };
}

/** Each task's identities, normalised once: its code and id with its text (for labels), and its title with its text. */
interface DatasetIndex {
  byTask: string[];
  texts: string[];
  byText: string[];
}

function datasetIndex(dataset: Pick<Dataset, 'occupations' | 'tasks'>): DatasetIndex {
  const titles = new Map(dataset.occupations.map((o) => [o.code, normalizeText(o.title)]));
  const texts = dataset.tasks.map((task) => normalizeText(task.text));
  return {
    byTask: dataset.tasks.map((task) => taskKey(task.occupationCode, task.id)),
    texts,
    byText: dataset.tasks.map((task, i) => `${titles.get(task.occupationCode) ?? ''}\u0000${texts[i]}`),
  };
}

/**
 * For each task of the dataset, the key of the stored score made for it, if any. A model's score is keyed
 * by occupation title and task text (src/score/key.ts), so it belongs to every task with that title and
 * text, whatever its id; the newest wins where a scorer scored the same text under several settings. An
 * imported label belongs to the task with its occupation code and task id, and only while the task's text
 * is the one that was labelled: O*NET releases reuse ids for reworded tasks.
 */
function matchKeys(index: DatasetIndex, rows: readonly ScoreIdentity[]): (string | undefined)[] {
  const byText = new Map<string, ScoreIdentity>();
  const byTask = new Map<string, ScoreIdentity[]>();
  for (const row of rows) {
    if (row.imported) {
      const key = taskKey(row.occupationCode, row.taskId);
      const list = byTask.get(key);
      if (list) list.push(row);
      else byTask.set(key, [row]);
      continue;
    }
    const key = `${normalizeText(row.title)}\u0000${normalizeText(row.text)}`;
    const seen = byText.get(key);
    if (!seen || newer(row, seen)) byText.set(key, row);
  }
  return index.byTask.map((task, i) => {
    const label = byTask.get(task)?.find((row) => !row.text || normalizeText(row.text) === index.texts[i]);
    return (label ?? byText.get(index.byText[i]!))?.key;
  });
}

/** The offline model's scores for every task: read from the store where `score` put them, computed otherwise. */
export function offlineScoresFor(dataset: Dataset, store?: Pick<ScoreStore, 'taskScoresByKeys'>): { scores: TaskScore[]; computedNow: number } {
  // The file keys the scores; it is unpacked for scoring only when the store lacks some of them.
  const file = readModelFile();
  const keyOf = offlineKeyer({ file }, dataset.tasks);
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const items = dataset.tasks.map((task) => ({ task, title: titles.get(task.occupationCode) ?? '' }));
  const keys = items.map(({ task, title }) => keyOf({ occupationCode: task.occupationCode, title, text: task.text }));
  const found = store ? store.taskScoresByKeys(keys) : new Map<string, TaskScore>();
  const missing = items.filter((_, i) => !found.has(keys[i]!));
  const computed = missing.length === 0 ? [] : scoreOffline(
    modelFromFile(file, DEFAULT_MODEL_PATH),
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

function newer(a: Pick<ScoreIdentity, 'createdAt' | 'key'>, b: Pick<ScoreIdentity, 'createdAt' | 'key'>): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.key > b.key);
}

/** The score's own fields only, under the task's ids: where a score was stored does not show in reports. */
function taskScoreOf(score: TaskScore, task: { id: string; occupationCode: string }): TaskScore {
  const out: TaskScore = { taskId: task.id, occupationCode: task.occupationCode, exposure: score.exposure, scorer: score.scorer };
  if (score.automation !== undefined) out.automation = score.automation;
  if (score.mode !== undefined) out.mode = score.mode;
  if (score.horizon !== undefined) out.horizon = score.horizon;
  if (score.duration !== undefined) out.duration = score.duration;
  if (score.confidence !== undefined) out.confidence = score.confidence;
  if (score.rationale !== undefined) out.rationale = score.rationale;
  if (score.model !== undefined) out.model = score.model;
  if (score.rubricVersion !== undefined) out.rubricVersion = score.rubricVersion;
  return out;
}
