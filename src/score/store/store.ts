// The score store: one SQLite file holding every score any scorer produced, and every request that paid for them.
//
// Crash safety: WAL journal, and each finished request is committed in ONE transaction together with its
// scores. A process killed at any moment (SIGKILL included) leaves either the whole request or none of it;
// SQLite rolls back an unfinished transaction when the file is next opened. `synchronous = NORMAL` in WAL mode
// can lose the last committed transactions on power loss or an OS crash, but never on a process kill, which is
// what a resumable run must survive; FULL would fsync on every request for no gain against kills.
import { scoreUnder, type TaskScore } from '../types.js';
import { importKey } from '../key.js';
import { batchMethods } from './batches.js';
import { runMethods } from './runs.js';
import { newWorkMethods } from './new-work.js';
import { explainStoreError, openForReading, openForWriting } from './open.js';
import { KEYED_TASK_SCORE_COLUMNS, rowToScore, SCORE_COLUMNS, selectScores, TASK_SCORE_KEY, valuesToScore, valuesToTaskScore, type ScoreRow, IDENTIFIED_SCORE_COLUMNS, identityOf, SCORES_VERSION_KEY } from './schema.js';

export type { StoredBatch } from './batches.js';
export type { ScoreRunRecord } from './runs.js';
export type { StoredProposal } from './new-work.js';

export { STORE_SCHEMA_VERSION } from './open.js';
export const STORE_FILE_NAME = 'scores.db';

/** What the store needs to know about each task a request covered (the engine's ScoreItem fits). */
export interface StoredItem {
  key: string;
  taskId: string;
  occupationCode: string;
  title: string;
  text: string;
}

/** One finished request: the engine's BatchOutcome fits this shape. */
export interface StoreOutcome {
  requestId: string;
  scores: { key: string; score: TaskScore }[];
  failed: { key: string; reason: string }[];
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
}

export interface OutcomeMeta {
  scorer: string;
  model: string;
  provider: string;
  rubricVersion: string;
  /** null when the model's price is unknown. */
  costUsd: number | null;
  /** Looked up by key for the title and text columns. */
  items: ReadonlyMap<string, StoredItem>;
}

export interface StoredScore extends TaskScore {
  key: string;
  title: string;
  text: string;
  provider?: string;
  requestId?: string;
  createdAt: string;
}

/** Where a stored score came from and which task it was made for (see src/analysis/scorer-choice.ts). */
export interface ScoreIdentity {
  key: string;
  taskId: string;
  occupationCode: string;
  title: string;
  text: string;
  /** An imported label (`scores import`) or a consensus (`scores consensus`): keyed by code and task id rather than by text. */
  imported: boolean;
  createdAt: string;
}

export interface ScorerSummary {
  scorer: string;
  count: number;
  models: string[];
  lastRun: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** null when no request of this scorer had a known price. */
  costUsd: number | null;
}

export interface ImportRow extends TaskScore {
  title?: string;
  text?: string;
}

/** SQLite caps bound parameters per statement; key lists are queried in slices this long. */
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** A stored row's bookkeeping: stored under `scorer`; `model` and `rubricVersion` fill in what the score lacks. */
export interface ScoreRowMeta {
  key: string;
  scorer: string;
  title: string;
  text: string;
  provider: string | null;
  requestId: string | null;
  createdAt: string;
  model?: string;
  rubricVersion?: string;
}

/** One row's values in SCORE_COLUMNS order. */
function scoreValues(score: TaskScore, row: ScoreRowMeta): unknown[] {
  return [
    row.key,
    row.scorer,
    score.taskId,
    score.occupationCode,
    row.title,
    row.text,
    score.exposure,
    score.automation ?? null,
    score.mode ?? null,
    score.horizon ?? null,
    score.duration ?? null,
    score.confidence ?? null,
    score.rationale ?? null,
    score.model ?? row.model ?? null,
    row.provider,
    score.rubricVersion ?? row.rubricVersion ?? null,
    row.requestId,
    row.createdAt,
  ];
}

/**
 * What a score reads as (taskScoresByKeys' form) once stored with this row's bookkeeping: under the row's
 * scorer, the row's model and rubric version where the score has none, empty fields left out (stored as NULL).
 */
export function asReadBack(score: TaskScore, row: Pick<ScoreRowMeta, 'scorer' | 'model' | 'rubricVersion'>): TaskScore {
  const out = scoreUnder(score, score);
  out.scorer = row.scorer;
  if (out.model === undefined && row.model != null) out.model = row.model;
  if (out.rubricVersion === undefined && row.rubricVersion != null) out.rubricVersion = row.rubricVersion;
  return out;
}

export type ScoreStore = ReturnType<typeof openStore>;

/** See schema.ts: how many score rows have changed in the store, and a token new with each change. */
export interface ScoresVersion {
  /** Random, new with every change. */
  token: string;
  /** Score rows inserted, updated or deleted since the version was made. */
  changes: number;
}

/** `<token>:<changes>` as the meta row holds it (schema.ts), or undefined for anything else. */
function parseScoresVersion(value: string | undefined): ScoresVersion | undefined {
  const match = value === undefined ? null : /^([0-9a-f]{16}):(\d+)$/.exec(value);
  return match ? { token: match[1]!, changes: Number(match[2]) } : undefined;
}

/** The provider column of imported labels and of consensus scores: what kind of scorer a stored name is. */
export const IMPORT_PROVIDER = 'import';
export const CONSENSUS_PROVIDER = 'consensus';

export type ScorerKind = 'import' | 'consensus' | 'model';

/** Every method's SQLite errors as a person should read them: the file, what happened, what to do. */
function explained<T extends Record<string, unknown>>(methods: T, file: string): T {
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function') continue;
    (methods as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        return (value as (...a: unknown[]) => unknown).apply(methods, args);
      } catch (error) {
        throw explainStoreError(error, file);
      }
    };
  }
  return methods;
}

/**
 * Opens the store at `file`. For writing (the default) it is created when needed, refused when damaged,
 * and proven writable before this returns (see store-open.ts); with `readonly` nothing is created or
 * written, and a store on a read-only folder or filesystem can still be read.
 */
export function openStore(file: string, options: { readonly?: boolean; checked?: boolean } = {}) {
  const db = options.readonly ? openForReading(file, options.checked) : openForWriting(file);
  // Score keys are hashes, so a large run writes all over the key index: a page cache bigger than the
  // default 2 MB keeps it from spilling and re-reading pages (up to 32 MB, used only as needed).
  if (!options.readonly) db.pragma('cache_size = -32000');

  // Write statements are prepared on first use: a reader opening an older store (without the newer columns)
  // never prepares them.
  const lazy = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const scoreColumns = `(${SCORE_COLUMNS.join(', ')}) VALUES (${SCORE_COLUMNS.map(() => '?').join(', ')})`;
  const insertScore = lazy(() => db.prepare(`INSERT INTO scores ${scoreColumns} ON CONFLICT (key) DO NOTHING`));
  const replaceScore = lazy(() => db.prepare(`INSERT OR REPLACE INTO scores ${scoreColumns}`));
  const insertRequest = lazy(() => db.prepare(`
    INSERT OR IGNORE INTO requests (id, scorer, model, provider, input_tokens, output_tokens, cached_input_tokens,
      cost_usd, task_count, failed_count, created_at)
    VALUES (@id, @scorer, @model, @provider, @input_tokens, @output_tokens, @cached_input_tokens, @cost_usd,
      @task_count, @failed_count, @created_at)`));


  // Reads name their columns (raw rows are several times cheaper than objects); a store made by an earlier
  // version and opened read-only lacks the columns added since, which then read as empty.
  const present = new Set((db.prepare('PRAGMA table_info(scores)').all() as { name: string }[]).map((c) => c.name));
  const selectStored = selectScores(SCORE_COLUMNS, present);
  const selectKeyedTaskScores = selectScores(KEYED_TASK_SCORE_COLUMNS, present);
  const selectTaskScores = selectScores(KEYED_TASK_SCORE_COLUMNS.slice(0, TASK_SCORE_KEY), present);
  const selectIdentified = selectScores(IDENTIFIED_SCORE_COLUMNS, present);

  const readScoresVersion = () => parseScoresVersion(db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(SCORES_VERSION_KEY) as string | undefined);
  let ownWrite: ScoresVersion | undefined;

  const saveOutcomeTx = db.transaction((outcome: StoreOutcome, meta: OutcomeMeta) => {
    const createdAt = new Date().toISOString();
    insertRequest().run({
      id: outcome.requestId,
      scorer: meta.scorer,
      model: meta.model,
      provider: meta.provider,
      input_tokens: outcome.usage.inputTokens,
      output_tokens: outcome.usage.outputTokens,
      cached_input_tokens: outcome.usage.cachedInputTokens,
      cost_usd: meta.costUsd,
      task_count: outcome.scores.length,
      failed_count: outcome.failed.length,
      created_at: createdAt,
    });
    let saved = 0;
    for (const { key, score } of outcome.scores) {
      const item = meta.items.get(key);
      const result = insertScore().run(
        scoreValues(score, {
          key,
          scorer: meta.scorer,
          title: item?.title ?? '',
          text: item?.text ?? '',
          provider: meta.provider,
          requestId: outcome.requestId,
          createdAt,
          model: meta.model,
          rubricVersion: meta.rubricVersion,
        }),
      );
      saved += result.changes;
    }
    if (saved > 0) ownWrite = readScoresVersion();
    return saved;
  });

  const runs = runMethods(db);

  return explained({
    file,
    db,

    /** The keys (in the order given, without repeats) that have no stored score. */
    missingKeys(keys: readonly string[]): string[] {
      const unique = [...new Set(keys)];
      const found = new Set<string>();
      for (const slice of chunks(unique)) {
        const rows = db.prepare(`SELECT key FROM scores WHERE key IN (${slice.map(() => '?').join(',')})`).pluck().all(...slice) as string[];
        for (const key of rows) found.add(key);
      }
      return unique.filter((key) => !found.has(key));
    },

    /** Commits one finished request and its scores in a single transaction. Returns how many scores were new. */
    saveOutcome(outcome: StoreOutcome, meta: OutcomeMeta): number {
      return saveOutcomeTx(outcome, meta);
    },

    scoresByKeys(keys: readonly string[]): Map<string, StoredScore> {
      const out = new Map<string, StoredScore>();
      for (const slice of chunks([...new Set(keys)])) {
        const rows = db.prepare(`${selectStored} WHERE key IN (${slice.map(() => '?').join(',')})`).raw().all(...slice) as unknown[][];
        for (const values of rows) {
          const score = valuesToScore(values);
          out.set(score.key, score);
        }
      }
      return out;
    },

    /** The scores of these keys, by key, as an analysis reads them (score fields only). */
    taskScoresByKeys(keys: readonly string[]): Map<string, TaskScore> {
      const out = new Map<string, TaskScore>();
      const wanted = [...new Set(keys)];
      const add = (values: unknown[]) => out.set(values[TASK_SCORE_KEY] as string, valuesToTaskScore(values));
      // Asking for a good part of the table (a rerun of a whole dataset), one pass over it beats looking up
      // every key in the index.
      if (wanted.length * 4 >= (db.prepare('SELECT COUNT(*) FROM scores').pluck().get() as number)) {
        const set = new Set(wanted);
        for (const values of db.prepare(selectKeyedTaskScores).raw().all() as unknown[][]) if (set.has(values[TASK_SCORE_KEY] as string)) add(values);
        return out;
      }
      for (const slice of chunks(wanted)) {
        const rows = db.prepare(`${selectKeyedTaskScores} WHERE key IN (${slice.map(() => '?').join(',')})`).raw().all(...slice) as unknown[][];
        for (const values of rows) add(values);
      }
      return out;
    },

    /** What identifies each of a scorer's scores, without the scores: cheap enough to match every scorer to a dataset. */
    /**
     * Every row of `scorer` in one pass: what identifies the task each score was made for (to match scores to
     * a dataset's tasks), and the raw row, whose score part `identifiedValuesToTaskScore` reads for the tasks shown.
     */
    scorerRows(options: { scorer: string }): { identities: ScoreIdentity[]; rows: unknown[][] } {
      const rows = db.prepare(`${selectIdentified} WHERE scorer = ?`).raw().all(options.scorer) as unknown[][];
      const identities = rows.map((values) => {
        const { provider, ...identity } = identityOf(values);
        // Labels and consensus rows were made for one task of one dataset: matched by its code and id.
        return { ...identity, imported: provider === IMPORT_PROVIDER || provider === CONSENSUS_PROVIDER || identity.key.startsWith('import:') };
      });
      return { identities, rows };
    },

    scoresFor(options: { scorer: string }): StoredScore[] {
      const rows = db.prepare(`${selectStored} WHERE scorer = ? ORDER BY occupation_code, task_id`).raw().all(options.scorer) as unknown[][];
      return rows.map(valuesToScore);
    },

    /**
     * The scores of `scorer` as an analysis reads them: the score fields only, none of the bookkeeping, in the
     * order they were stored (so where a task was scored twice, its later score comes last).
     */
    taskScoresFor(options: { scorer: string }): TaskScore[] {
      const rows = db.prepare(`${selectTaskScores} WHERE scorer = ? ORDER BY rowid`).raw().all(options.scorer) as unknown[][];
      return rows.map(valuesToTaskScore);
    },

    /**
     * The scores table's version (schema.ts): changes with every change to a score. Read it before reading
     * the scores a cache entry is made from, so the entry can only be stamped older than what it holds.
     * Undefined for a store no writer of this version has opened.
     */
    scoresVersion(): ScoresVersion | undefined {
      return readScoresVersion();
    },

    /** The scores version as this connection's last score write left it, read inside that write's transaction. */
    ownWriteVersion(): ScoresVersion | undefined {
      return ownWrite;
    },

    /** The names of the scorers with stored scores, without listScorers' counts and costs. */
    scorerNames(): string[] {
      return db.prepare('SELECT DISTINCT scorer FROM scores ORDER BY scorer').pluck().all() as string[];
    },

    /** Every score of one task, across scorers (`scores show`). */
    scoresForTask(taskId: string, occupationCode?: string): StoredScore[] {
      const rows = (
        occupationCode
          ? db.prepare(`SELECT * FROM scores WHERE task_id = ? AND occupation_code = ? ORDER BY scorer, created_at`).all(taskId, occupationCode)
          : db.prepare(`SELECT * FROM scores WHERE task_id = ? ORDER BY scorer, created_at`).all(taskId)
      ) as ScoreRow[];
      return rows.map(rowToScore);
    },

    listScorers(): ScorerSummary[] {
      const rows = db
        .prepare(
          `SELECT s.scorer AS scorer, s.count AS count, s.models AS models, s.last_run AS last_run,
             COALESCE(r.requests, 0) AS requests, COALESCE(r.input_tokens, 0) AS input_tokens,
             COALESCE(r.output_tokens, 0) AS output_tokens, COALESCE(r.cached_input_tokens, 0) AS cached_input_tokens,
             r.cost_usd AS cost_usd
           FROM (SELECT scorer, COUNT(*) AS count, GROUP_CONCAT(DISTINCT model) AS models, MAX(created_at) AS last_run
                 FROM scores GROUP BY scorer) s
           LEFT JOIN (SELECT scorer, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
                        SUM(cached_input_tokens) AS cached_input_tokens, SUM(cost_usd) AS cost_usd
                      FROM requests GROUP BY scorer) r ON r.scorer = s.scorer
           ORDER BY s.scorer`,
        )
        .all() as {
        scorer: string;
        count: number;
        models: string | null;
        last_run: string;
        requests: number;
        input_tokens: number;
        output_tokens: number;
        cached_input_tokens: number;
        cost_usd: number | null;
      }[];
      return rows.map((row) => ({
        scorer: row.scorer,
        count: row.count,
        models: row.models ? row.models.split(',') : [],
        lastRun: row.last_run,
        requests: row.requests,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedInputTokens: row.cached_input_tokens,
        costUsd: row.cost_usd,
      }));
    },

    /** Deletes the scores and request records of one scorer, or of all. Returns how many scores went. */
    clear(options: { scorer?: string } = {}): { scores: number; requests: number } {
      return db.transaction(() => {
        if (options.scorer === undefined) {
          const scores = db.prepare(`DELETE FROM scores`).run().changes;
          const requests = db.prepare(`DELETE FROM requests`).run().changes;
          runs.forgetRuns();
          return { scores, requests };
        }
        const scores = db.prepare(`DELETE FROM scores WHERE scorer = ?`).run(options.scorer).changes;
        const requests = db.prepare(`DELETE FROM requests WHERE scorer = ?`).run(options.scorer).changes;
        runs.forgetRuns(options.scorer);
        return { scores, requests };
      })();
    },

    /** Stores a published label set under `name`; importing the same set again replaces its rows. */
    importScores(name: string, rows: readonly ImportRow[]): number {
      const createdAt = new Date().toISOString();
      return db.transaction(() => {
        for (const row of rows) {
          replaceScore().run(
            scoreValues(row, {
              key: importKey(name, row.taskId, row.occupationCode),
              scorer: name,
              title: row.title ?? '',
              text: row.text ?? '',
              provider: IMPORT_PROVIDER,
              requestId: null,
              createdAt,
            }),
          );
        }
        return rows.length;
      })();
    },

    /** What kind of scorer `name` is in the store, from its rows; undefined when it has none. */
    scorerKind(name: string): ScorerKind | undefined {
      const provider = db.prepare('SELECT provider FROM scores WHERE scorer = ? LIMIT 1').pluck().get(name) as string | null | undefined;
      if (provider === undefined) return undefined;
      return provider === IMPORT_PROVIDER ? 'import' : provider === CONSENSUS_PROVIDER ? 'consensus' : 'model';
    },

    /**
     * Stores a consensus scorer (src/score/agreement/consensus.ts) under `name`, replacing every row and run
     * record the name had, in one transaction: a reader sees the old consensus or the new, never a mix.
     */
    saveConsensus(name: string, rows: readonly ImportRow[], meta: { model: string; rubricVersion: string }): number {
      const createdAt = new Date().toISOString();
      return db.transaction(() => {
        db.prepare(`DELETE FROM scores WHERE scorer = ?`).run(name);
        db.prepare(`DELETE FROM requests WHERE scorer = ?`).run(name);
        runs.forgetRuns(name);
        for (const row of rows) {
          insertScore().run(
            scoreValues(row, {
              key: `${CONSENSUS_PROVIDER}:${name}:${row.taskId}:${row.occupationCode}`,
              scorer: name,
              title: row.title ?? '',
              text: row.text ?? '',
              provider: CONSENSUS_PROVIDER,
              requestId: null,
              createdAt,
              model: meta.model,
              rubricVersion: meta.rubricVersion,
            }),
          );
        }
        return rows.length;
      })();
    },

    ...batchMethods(db),

    ...runs,

    ...newWorkMethods(db),

    close(): void {
      db.close();
    },
  }, file);
}
