// The store's tables and the mapping from a scores row to a StoredScore. See store.ts for why this layout
// is safe against a killed process.
import type { StoredScore } from './store.js';
import type { TaskScore } from '../types.js';

/**
 * The scores table's version, `<token>:<changes>`: the triggers below count every score row inserted, updated or
 * deleted, by this tool or any other writer (an older version, the sqlite3 shell), and give each change a new
 * random token, so the same count reached again another way (a backup restored, then scored again) is still
 * another version. A cache of what was derived from the scores (src/score/derived-cache.ts) holds while the
 * version is the same, and a run that counts its own writes and reads the version inside its last one can
 * tell whether anyone else wrote meanwhile. Made when a store is first opened for writing by a version of the
 * tool that has it; a store without it has nothing derived from it cached.
 */
export const SCORES_VERSION_KEY = 'scores_version';
const TOKEN = `lower(hex(randomblob(8)))`;
const COUNT_CHANGE = `UPDATE meta SET value = ${TOKEN} || ':' || (CAST(substr(value, instr(value, ':') + 1) AS INTEGER) + 1) WHERE key = '${SCORES_VERSION_KEY}';`;
export const CREATE_SCORES_VERSION = `INSERT OR IGNORE INTO meta (key, value) VALUES ('${SCORES_VERSION_KEY}', ${TOKEN} || ':0')`;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scores (
  key TEXT PRIMARY KEY,
  scorer TEXT NOT NULL,
  task_id TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  title TEXT NOT NULL,
  task_text TEXT NOT NULL,
  exposure TEXT NOT NULL,
  automation TEXT,
  mode TEXT,
  horizon INTEGER,
  duration REAL,
  confidence REAL,
  rationale TEXT,
  model TEXT,
  provider TEXT,
  rubric_version TEXT,
  request_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scores_scorer ON scores (scorer);
CREATE INDEX IF NOT EXISTS scores_task ON scores (task_id);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  scorer TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cost_usd REAL,
  task_count INTEGER NOT NULL,
  failed_count INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS requests_scorer ON requests (scorer);
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY,
  scorer TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  status TEXT NOT NULL,
  input_file_id TEXT,
  output_file_id TEXT,
  error_file_id TEXT,
  request_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ingested_at TEXT
);
CREATE TABLE IF NOT EXISTS batch_requests (
  batch_id TEXT NOT NULL,
  custom_id TEXT NOT NULL,
  items_json TEXT NOT NULL,
  PRIMARY KEY (batch_id, custom_id)
);
CREATE TABLE IF NOT EXISTS new_work (
  key TEXT NOT NULL,
  position INTEGER NOT NULL,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  title TEXT,
  year INTEGER NOT NULL,
  draws_from TEXT NOT NULL,
  rationale TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  prompt_version TEXT NOT NULL,
  request_id TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (key, position)
);
CREATE INDEX IF NOT EXISTS new_work_subject ON new_work (subject);
CREATE TABLE IF NOT EXISTS score_runs (
  dataset TEXT NOT NULL,
  scorer TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  tasks_selected INTEGER NOT NULL,
  PRIMARY KEY (dataset, scorer)
);
CREATE TRIGGER IF NOT EXISTS scores_version_on_insert AFTER INSERT ON scores BEGIN ${COUNT_CHANGE} END;
CREATE TRIGGER IF NOT EXISTS scores_version_on_update AFTER UPDATE ON scores BEGIN ${COUNT_CHANGE} END;
CREATE TRIGGER IF NOT EXISTS scores_version_on_delete AFTER DELETE ON scores BEGIN ${COUNT_CHANGE} END;
`;

/** Columns added after schema 1, with their type: added to older stores when they are opened for writing. */
export const ADDED_SCORE_COLUMNS: readonly { name: string; type: string; since: number }[] = [{ name: 'duration', type: 'REAL', since: 2 }];

export interface ScoreRow {
  key: string;
  scorer: string;
  task_id: string;
  occupation_code: string;
  title: string;
  task_text: string;
  exposure: TaskScore['exposure'];
  automation: TaskScore['automation'] | null;
  mode: TaskScore['mode'] | null;
  horizon: number | null;
  /** Added in store schema 2; stores made before have it added, empty, on open. */
  duration: number | null;
  confidence: number | null;
  rationale: string | null;
  model: string | null;
  provider: string | null;
  rubric_version: string | null;
  request_id: string | null;
  created_at: string;
}

/**
 * The scores columns in one order, for positional inserts and for reads in raw (array) mode: binding named
 * parameters, or building one object per row inside better-sqlite3, costs several times the statement itself
 * once there are thousands of rows (a full O*NET run has 19,000).
 */
export const SCORE_COLUMNS = [
  'key',
  'scorer',
  'task_id',
  'occupation_code',
  'title',
  'task_text',
  'exposure',
  'automation',
  'mode',
  'horizon',
  'duration',
  'confidence',
  'rationale',
  'model',
  'provider',
  'rubric_version',
  'request_id',
  'created_at',
] as const satisfies readonly (keyof ScoreRow)[];

/**
 * The columns a TaskScore needs, for reads that feed an analysis (read in raw mode, for valuesToTaskScore),
 * without the texts and bookkeeping that make up most of a row; the row's key comes last.
 */
export const KEYED_TASK_SCORE_COLUMNS = [
  'task_id',
  'occupation_code',
  'exposure',
  'scorer',
  'automation',
  'mode',
  'horizon',
  'duration',
  'confidence',
  'rationale',
  'model',
  'rubric_version',
  'key',
] as const satisfies readonly (keyof ScoreRow)[];

type Positions<C extends readonly string[]> = { readonly [K in C[number]]: number };
const positions = <C extends readonly string[]>(columns: C): Positions<C> => Object.fromEntries(columns.map((c, i) => [c, i])) as Positions<C>;

/** Where a raw row holds the optional fields of a score. */
type ScoreFieldPositions = Positions<readonly ['automation', 'mode', 'horizon', 'duration', 'confidence', 'rationale', 'model', 'rubric_version']>;

/**
 * Sets the optional fields a raw row holds (NULL: left unset) on `score`, whichever column list it was read with.
 * (valuesToScore sets them itself: its provider sits between model and rubric version in what it prints.)
 */
function withScoreFields<S extends TaskScore>(score: S, v: readonly unknown[], at: ScoreFieldPositions): S {
  if (v[at.automation] !== null) score.automation = v[at.automation] as NonNullable<TaskScore['automation']>;
  if (v[at.mode] !== null) score.mode = v[at.mode] as NonNullable<TaskScore['mode']>;
  if (v[at.horizon] !== null) score.horizon = v[at.horizon] as number;
  if (v[at.duration] !== null) score.duration = v[at.duration] as number;
  if (v[at.confidence] !== null) score.confidence = v[at.confidence] as number;
  if (v[at.rationale] !== null) score.rationale = v[at.rationale] as string;
  if (v[at.model] !== null) score.model = v[at.model] as string;
  if (v[at.rubric_version] !== null) score.rubricVersion = v[at.rubric_version] as string;
  return score;
}

/**
 * A scorer's rows as the scorer choice reads them (src/analysis/scorer-choice.ts): what identifies the task
 * each score was made for, then the score's own fields, in one pass over the scorer's rows.
 */
export const IDENTIFIED_SCORE_COLUMNS = [
  'key', 'task_id', 'occupation_code', 'title', 'task_text', 'provider', 'created_at',
  'exposure', 'scorer', 'automation', 'mode', 'horizon', 'duration', 'confidence', 'rationale', 'model', 'rubric_version',
] as const;
const I = positions(IDENTIFIED_SCORE_COLUMNS);

/** The identity part of a row read with IDENTIFIED_SCORE_COLUMNS. */
export function identityOf(v: readonly unknown[]): { key: string; taskId: string; occupationCode: string; title: string; text: string; provider: string | null; createdAt: string } {
  return {
    key: v[I.key] as string,
    taskId: v[I.task_id] as string,
    occupationCode: v[I.occupation_code] as string,
    title: v[I.title] as string,
    text: v[I.task_text] as string,
    provider: v[I.provider] as string | null,
    createdAt: v[I.created_at] as string,
  };
}

/** The score part of a row read with IDENTIFIED_SCORE_COLUMNS, under the ids of the task it is shown for. */
export function identifiedValuesToTaskScore(v: readonly unknown[], task: { id: string; occupationCode: string }): TaskScore {
  const score: TaskScore = { taskId: task.id, occupationCode: task.occupationCode, exposure: v[I.exposure] as TaskScore['exposure'], scorer: v[I.scorer] as string };
  return withScoreFields(score, v, I);
}

/** Where each column is in a raw row read with SCORE_COLUMNS, and with KEYED_TASK_SCORE_COLUMNS. */
const S = positions(SCORE_COLUMNS);
const T = positions(KEYED_TASK_SCORE_COLUMNS);
export const TASK_SCORE_KEY = T.key;

/**
 * `SELECT <columns> FROM scores` for a store whose scores table has the columns in `present`: a store made by
 * an earlier version and opened read-only is not upgraded, so a column added since reads as NULL there.
 */
export function selectScores(columns: readonly string[], present: ReadonlySet<string>): string {
  return `SELECT ${columns.map((c) => (present.has(c) ? c : `NULL AS ${c}`)).join(', ')} FROM scores`;
}

/** A row read in raw mode with SCORE_COLUMNS, as rowToScore gives it. */
export function valuesToScore(v: readonly unknown[]): StoredScore {
  const score: StoredScore = {
    key: v[S.key] as string,
    taskId: v[S.task_id] as string,
    occupationCode: v[S.occupation_code] as string,
    title: v[S.title] as string,
    text: v[S.task_text] as string,
    exposure: v[S.exposure] as TaskScore['exposure'],
    scorer: v[S.scorer] as string,
    createdAt: v[S.created_at] as string,
  };
  if (v[S.automation] !== null) score.automation = v[S.automation] as NonNullable<TaskScore['automation']>;
  if (v[S.mode] !== null) score.mode = v[S.mode] as NonNullable<TaskScore['mode']>;
  if (v[S.horizon] !== null) score.horizon = v[S.horizon] as number;
  if (v[S.duration] !== null) score.duration = v[S.duration] as number;
  if (v[S.confidence] !== null) score.confidence = v[S.confidence] as number;
  if (v[S.rationale] !== null) score.rationale = v[S.rationale] as string;
  if (v[S.model] !== null) score.model = v[S.model] as string;
  if (v[S.provider] !== null) score.provider = v[S.provider] as string;
  if (v[S.rubric_version] !== null) score.rubricVersion = v[S.rubric_version] as string;
  if (v[S.request_id] !== null) score.requestId = v[S.request_id] as string;
  return score;
}

/** A row read in raw mode with KEYED_TASK_SCORE_COLUMNS (the key, last, is left out). */
export function valuesToTaskScore(v: readonly unknown[]): TaskScore {
  const score: TaskScore = { taskId: v[T.task_id] as string, occupationCode: v[T.occupation_code] as string, exposure: v[T.exposure] as TaskScore['exposure'], scorer: v[T.scorer] as string };
  return withScoreFields(score, v, T);
}

export function rowToScore(row: ScoreRow): StoredScore {
  const score: StoredScore = {
    key: row.key,
    taskId: row.task_id,
    occupationCode: row.occupation_code,
    title: row.title,
    text: row.task_text,
    exposure: row.exposure,
    scorer: row.scorer,
    createdAt: row.created_at,
  };
  if (row.automation !== null) score.automation = row.automation;
  if (row.mode !== null) score.mode = row.mode;
  if (row.horizon !== null) score.horizon = row.horizon;
  if (row.duration != null) score.duration = row.duration;
  if (row.confidence !== null) score.confidence = row.confidence;
  if (row.rationale !== null) score.rationale = row.rationale;
  if (row.model !== null) score.model = row.model;
  if (row.provider !== null) score.provider = row.provider;
  if (row.rubric_version !== null) score.rubricVersion = row.rubric_version;
  if (row.request_id !== null) score.requestId = row.request_id;
  return score;
}

