// The store's tables and the mapping from a scores row to a StoredScore. See store.ts for why this layout
// is safe against a killed process.
import type { StoredScore } from './store.js';
import type { TaskScore } from './types.js';

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
`;

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
  'confidence',
  'rationale',
  'model',
  'provider',
  'rubric_version',
  'request_id',
  'created_at',
] as const satisfies readonly (keyof ScoreRow)[];

export const SELECT_SCORES = `SELECT ${SCORE_COLUMNS.join(', ')} FROM scores`;

/** A row read in raw mode with SELECT_SCORES (indices follow SCORE_COLUMNS), as rowToScore gives it. */
export function valuesToScore(v: readonly unknown[]): StoredScore {
  const score: StoredScore = {
    key: v[0] as string,
    taskId: v[2] as string,
    occupationCode: v[3] as string,
    title: v[4] as string,
    text: v[5] as string,
    exposure: v[6] as TaskScore['exposure'],
    scorer: v[1] as string,
    createdAt: v[16] as string,
  };
  if (v[7] !== null) score.automation = v[7] as NonNullable<TaskScore['automation']>;
  if (v[8] !== null) score.mode = v[8] as NonNullable<TaskScore['mode']>;
  if (v[9] !== null) score.horizon = v[9] as number;
  if (v[10] !== null) score.confidence = v[10] as number;
  if (v[11] !== null) score.rationale = v[11] as string;
  if (v[12] !== null) score.model = v[12] as string;
  if (v[13] !== null) score.provider = v[13] as string;
  if (v[14] !== null) score.rubricVersion = v[14] as string;
  if (v[15] !== null) score.requestId = v[15] as string;
  return score;
}

/**
 * The columns a TaskScore needs, for reads that feed an analysis: read in raw mode, for valuesToTaskScore,
 * without the texts and bookkeeping that make up most of a row. SELECT_KEYED_TASK_SCORES adds the row's key.
 */
const TASK_SCORE_COLUMNS = 'task_id, occupation_code, exposure, scorer, automation, mode, horizon, confidence, rationale, model, rubric_version';
export const SELECT_TASK_SCORES = `SELECT ${TASK_SCORE_COLUMNS} FROM scores`;
export const SELECT_KEYED_TASK_SCORES = `SELECT ${TASK_SCORE_COLUMNS}, key FROM scores`;
/** Where SELECT_KEYED_TASK_SCORES puts the key. */
export const TASK_SCORE_KEY = 11;

export function valuesToTaskScore(v: readonly unknown[]): TaskScore {
  const score: TaskScore = { taskId: v[0] as string, occupationCode: v[1] as string, exposure: v[2] as TaskScore['exposure'], scorer: v[3] as string };
  if (v[4] !== null) score.automation = v[4] as NonNullable<TaskScore['automation']>;
  if (v[5] !== null) score.mode = v[5] as NonNullable<TaskScore['mode']>;
  if (v[6] !== null) score.horizon = v[6] as number;
  if (v[7] !== null) score.confidence = v[7] as number;
  if (v[8] !== null) score.rationale = v[8] as string;
  if (v[9] !== null) score.model = v[9] as string;
  if (v[10] !== null) score.rubricVersion = v[10] as string;
  return score;
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
  if (row.confidence !== null) score.confidence = row.confidence;
  if (row.rationale !== null) score.rationale = row.rationale;
  if (row.model !== null) score.model = row.model;
  if (row.provider !== null) score.provider = row.provider;
  if (row.rubric_version !== null) score.rubricVersion = row.rubric_version;
  if (row.request_id !== null) score.requestId = row.request_id;
  return score;
}

