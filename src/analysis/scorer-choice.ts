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
import { fileURLToPath } from 'node:url';
import { countText } from '../count-text.js';
import type { DatasetCache } from '../data/cache.js';
import type { Dataset } from '../data/types.js';
import { datasetIdentity } from '../data/resolve.js';
import { taskKey } from '../data/types.js';
import { UsageError } from '../errors.js';
import { normalizeText } from '../score/key.js';
import { DEFAULT_MODEL_PATH, fileDefaultTarget, modelFromFile, readModelFile } from '../score/offline/model.js';
import { occupationTexts, offlineTasksOf, scoreOffline } from '../score/offline/score.js';
import { isOfflineScorer, knownScorers, OFFLINE_SCORER, offlineKeyer, offlineScorerFor, offlineTargetOf } from '../score/scorers.js';
import type { OfflineTarget } from '../score/offline/targets.js';
import type { ScoreIdentity, ScoreRunRecord, ScoreStore } from '../score/store/store.js';
import { identifiedValuesToTaskScore } from '../score/store/schema.js';
import { derivedEntry, kept, keptScores, readWhole, storedOfflineEntry, writeWhole } from '../score/derived-cache.js';
import { scoreUnder, type TaskScore } from '../score/types.js';

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

type Store = Pick<ScoreStore, 'file' | 'scoresVersion' | 'scorerNames' | 'scorerRows' | 'taskScoresByKeys' | 'runsOn'>;

/** This module's own file: what it derives from the store is cached only while it is the same code. */
const CHOICE_CODE = fileURLToPath(import.meta.url);

/**
 * The offline scores a complete `score` run has just stored and still holds, for every task of the dataset in
 * dataset order. Reading them back is the same scores at a cost (a whole release's rerun read and keyed them
 * twice), so the rule takes them when it picks that scorer.
 */
export interface HeldScores {
  scorer: string;
  scores: readonly TaskScore[];
}

export function chooseScorer(options: {
  dataset: Dataset;
  store?: Store;
  storePath: string;
  requested?: string;
  held?: HeldScores;
  /** Where what is matched is kept for the next command on the same dataset and store (src/score/derived-cache.ts). */
  cache?: DatasetCache;
}): ScorerChoice {
  const { dataset, store, requested } = options;
  const derived = derivedValues(dataset, store, options.cache);
  const stored = (store?.scorerNames() ?? []).filter((name) => !isOfflineScorer(name));
  const index = datasetIndex(dataset);
  // Each scorer's rows are read once, in one pass; which row each task takes is matched on the rows' identities,
  // and only the shown scorer's rows become scores.
  const matched = new Map<string, { rows: unknown[][]; rowOfTask: (number | undefined)[] }>();
  const matchOf = (name: string) => {
    let match = matched.get(name);
    if (!match) {
      const { identities, rows } = store ? store.scorerRows({ scorer: name }) : { identities: [], rows: [] };
      matched.set(name, (match = { rows, rowOfTask: matchRows(index, identities) }));
    }
    return match;
  };
  // Every stored scorer's coverage is asked for (the alternatives list them), so it is kept as one table.
  let covered: Record<string, number> | undefined;
  const coverage = (name: string) => {
    covered ??= derived.value('scorer-coverage', [], () =>
      Object.fromEntries(stored.map((n) => [n, matchOf(n).rowOfTask.filter((row) => row !== undefined).length])),
    );
    return covered[name] ?? 0;
  };
  const scoresFor = (name: string): TaskScore[] =>
    derived.scores('scorer-scores', [name], () => {
      const { rows, rowOfTask } = matchOf(name);
      return dataset.tasks.flatMap((task, i) => (rowOfTask[i] === undefined ? [] : [identifiedValuesToTaskScore(rows[rowOfTask[i]!]!, task)]));
    });
  const alternatives = (chosen: string) => [
    ...stored.filter((name) => name !== chosen).map((name) => ({ scorer: name, covered: coverage(name) })).filter((a) => a.covered > 0),
    ...(chosen === OFFLINE_SCORER ? [] : [{ scorer: OFFLINE_SCORER, covered: dataset.tasks.length }]),
  ];
  // "offline" is the model's default target; "offline:human" and "offline:gpt4" are its others.
  const offline = (reason: ScorerReason, name: string, lastRun?: ScoreRunRecord): ScorerChoice => {
    const held = options.held?.scorer === name ? heldFor(dataset, options.held) : undefined;
    const { scorer, scores, computedNow } = held
      ? { scorer: name, scores: held, computedNow: 0 }
      : offlineScoresFor(dataset, store, offlineTargetOf(name) ?? undefined, options.cache);
    return { scorer, reason, scores, covered: scores.length, computedNow, lastRun, alternatives: alternatives(scorer) };
  };

  if (requested !== undefined && isOfflineScorer(requested)) return offline('requested', requested);
  if (requested) {
    if (!stored.includes(requested)) {
      throw new UsageError(`no scores from scorer "${requested}" in ${options.storePath}; known scorers: ${knownScorers(store).join(', ')}`);
    }
    if (coverage(requested) === 0) {
      const others = alternatives(requested).map((a) => `${a.scorer} (${countText(a.covered)} tasks)`);
      throw new UsageError(
        `scorer "${requested}" has no scores for the tasks of ${dataset.name} (its scores were made for other task texts); ` +
          `scorers covering ${dataset.name}: ${others.join(', ')}`,
      );
    }
    const scores = scoresFor(requested);
    return { scorer: requested, reason: 'requested', scores, covered: scores.length, alternatives: alternatives(requested) };
  }

  for (const run of store?.runsOn(datasetIdentity(dataset)) ?? []) {
    if (isOfflineScorer(run.scorer)) return offline('last-run', run.scorer, run);
    if (!stored.includes(run.scorer) || coverage(run.scorer) === 0) continue;
    const scores = scoresFor(run.scorer);
    return { scorer: run.scorer, reason: 'last-run', scores, covered: scores.length, lastRun: run, alternatives: alternatives(run.scorer) };
  }

  let best: string | undefined;
  for (const name of [...stored].sort()) {
    if (coverage(name) > 0 && (best === undefined || coverage(name) > coverage(best))) best = name;
  }
  if (best === undefined) return offline('offline-default', OFFLINE_SCORER);
  const scores = scoresFor(best);
  return { scorer: best, reason: 'most-coverage', scores, covered: scores.length, alternatives: alternatives(best) };
}

/**
 * One named scorer's scores for the dataset's tasks, matched as chooseScorer matches them (under the dataset's
 * own task ids, in dataset order), without reading any other scorer: for commands that take several scorers
 * (compare, scores consensus). Empty when the scorer has no score for these tasks; a name the store does not
 * hold is a UsageError listing the scorers there are.
 */
export function scorerScoresFor(options: { dataset: Dataset; store?: Pick<ScoreStore, 'file' | 'scoresVersion' | 'scorerNames' | 'scorerRows' | 'taskScoresByKeys'>; storePath: string; scorer: string }): TaskScore[] {
  const { dataset, store, scorer } = options;
  const target = offlineTargetOf(scorer);
  if (target !== undefined) return offlineScoresFor(dataset, store, target ?? undefined).scores;
  if (!store?.scorerNames().includes(scorer)) {
    throw new UsageError(`no scores from scorer "${scorer}" in ${options.storePath}; known scorers: ${knownScorers(store).join(', ')}`);
  }
  const { identities, rows } = store.scorerRows({ scorer });
  const rowOfTask = matchRows(datasetIndex(dataset), identities);
  return dataset.tasks.flatMap((task, i) => (rowOfTask[i] === undefined ? [] : [identifiedValuesToTaskScore(rows[rowOfTask[i]!]!, task)]));
}

/** Each task's identities: its code and id (for labels), its text, and its title with its text (for model scores). */
interface DatasetIndex {
  byTask: string[];
  texts: string[];
  /** Normalised title + text, made on first use: a store of imported labels alone never needs it. */
  byText: () => string[];
}

function datasetIndex(dataset: Pick<Dataset, 'occupations' | 'tasks'>): DatasetIndex {
  let byText: string[] | undefined;
  return {
    byTask: dataset.tasks.map((task) => taskKey(task.occupationCode, task.id)),
    texts: dataset.tasks.map((task) => task.text),
    byText: () => {
      if (!byText) {
        const titles = new Map(dataset.occupations.map((o) => [o.code, normalizeText(o.title)]));
        byText = dataset.tasks.map((task) => `${titles.get(task.occupationCode) ?? ''}\u0000${normalizeText(task.text)}`);
      }
      return byText;
    },
  };
}

/** Same text once normalised (src/score/key.ts), compared as written first: the usual case costs nothing. */
function sameText(a: string, b: string): boolean {
  return a === b || normalizeText(a) === normalizeText(b);
}

/**
 * For each task of the dataset, the index of the stored row made for it, if any. A model's score is keyed
 * by occupation title and task text (src/score/key.ts), so it belongs to every task with that title and
 * text, whatever its id; the newest wins where a scorer scored the same text under several settings. An
 * imported label belongs to the task with its occupation code and task id, and only while the task's text
 * is the one that was labelled: O*NET releases reuse ids for reworded tasks.
 */
function matchRows(index: DatasetIndex, rows: readonly ScoreIdentity[]): (number | undefined)[] {
  const byText = new Map<string, number>();
  const byTask = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.imported) {
      const key = taskKey(row.occupationCode, row.taskId);
      const list = byTask.get(key);
      if (list) list.push(i);
      else byTask.set(key, [i]);
      return;
    }
    const key = `${normalizeText(row.title)}\u0000${normalizeText(row.text)}`;
    const seen = byText.get(key);
    if (seen === undefined || newer(row, rows[seen]!)) byText.set(key, i);
  });
  const texts = byText.size ? index.byText() : [];
  return index.byTask.map((task, i) => {
    const label = byTask.get(task)?.find((row) => !rows[row]!.text || sameText(rows[row]!.text, index.texts[i]!));
    return label ?? (byText.size ? byText.get(texts[i]!) : undefined);
  });
}

/**
 * The offline model's scores for every task, for one target (default: the model's own): read from the store
 * where `score` put them, computed otherwise. `scorer` is the target's scorer name ("offline" for the default).
 */
export function offlineScoresFor(
  dataset: Dataset,
  store?: Pick<ScoreStore, 'file' | 'scoresVersion' | 'taskScoresByKeys'>,
  requestedTarget?: OfflineTarget,
  cache?: DatasetCache,
): { scorer: string; scores: TaskScore[]; computedNow: number } {
  // Read first (see ScoreStore.scoresVersion); the entry is what `score` or an earlier command kept.
  const version = store?.scoresVersion();
  const entry = store && cache ? storedOfflineEntry({ storeFile: store.file, version, dataset, target: requestedTarget, modelPath: DEFAULT_MODEL_PATH }) : undefined;
  const whole = entry ? readWhole(cache!, entry, dataset) : undefined;
  if (whole) return { scorer: whole.scorer, scores: dataset.tasks.map((task, i) => taskScoreOf(whole.scores[i]!, task)), computedNow: 0 };
  // The file keys the scores; it is unpacked for scoring only when the store lacks some of them.
  const file = readModelFile();
  const target = requestedTarget ?? fileDefaultTarget(file);
  const keyOf = offlineKeyer({ file }, dataset, target);
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const keys = dataset.tasks.map((task) => keyOf({ taskId: task.id, occupationCode: task.occupationCode, title: titles.get(task.occupationCode) ?? '', text: task.text }));
  const found = store ? store.taskScoresByKeys(keys) : new Map<string, TaskScore>();
  const missing = dataset.tasks.filter((_, i) => !found.has(keys[i]!));
  const scorer = offlineScorerFor(file, target);
  if (missing.length === 0 && entry) {
    const model = { name: file.name, rubricVersion: file.rubricVersion };
    writeWhole(cache!, entry, { scorer, model, target, scores: keys.map((key) => found.get(key)!) });
  }
  // Each missing task as the model reads it: with the work activities the dataset links, when it links any.
  const computed = missing.length === 0 ? [] : scoreOffline(modelFromFile(file, DEFAULT_MODEL_PATH), offlineTasksOf(dataset, missing), { context: occupationTexts(dataset.tasks), target });
  let next = 0;
  const scores = dataset.tasks.map((task, i) => {
    const row = found.get(keys[i]!);
    return taskScoreOf(row ?? computed[next++]!, task);
  });
  return { scorer, scores, computedNow: missing.length };
}

/**
 * A value derived from the store's scores for this dataset: from the cache while the store and this code are
 * as they were when it was kept, else made now (and kept). Made every time without a cache or a store version.
 */
function derivedValues(dataset: Dataset, store: Store | undefined, cache: DatasetCache | undefined) {
  // Read first (see ScoreStore.scoresVersion).
  const version = store && cache ? store.scoresVersion() : undefined;
  const entryOf = (kind: string, key: string[]) => (store && cache ? derivedEntry(kind, { storeFile: store.file, version, dataset, key, code: [CHOICE_CODE] }) : undefined);
  return {
    value<T>(kind: string, key: string[], make: () => T): T {
      return cache ? kept(cache, entryOf(kind, key), make) : make();
    },
    scores(kind: string, key: string[], make: () => TaskScore[]): TaskScore[] {
      return cache ? keptScores(cache, entryOf(kind, key), make) : make();
    },
  };
}

/** Held scores with the fields the store gives back, or undefined unless they are one per task in dataset order. */
function heldFor(dataset: Pick<Dataset, 'tasks'>, held: HeldScores): TaskScore[] | undefined {
  if (held.scores.length !== dataset.tasks.length) return undefined;
  const out: TaskScore[] = [];
  for (let i = 0; i < held.scores.length; i++) {
    const task = dataset.tasks[i]!;
    const score = held.scores[i]!;
    if (score.taskId !== task.id || score.occupationCode !== task.occupationCode) return undefined;
    out.push(taskScoreOf(score, task));
  }
  return out;
}

function newer(a: Pick<ScoreIdentity, 'createdAt' | 'key'>, b: Pick<ScoreIdentity, 'createdAt' | 'key'>): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.key > b.key);
}

/** The score's own fields only, under the task's ids: where a score was stored does not show in reports. */
function taskScoreOf(score: TaskScore, task: { id: string; occupationCode: string }): TaskScore {
  return scoreUnder({ taskId: task.id, occupationCode: task.occupationCode }, score);
}
