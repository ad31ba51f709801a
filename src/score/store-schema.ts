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

