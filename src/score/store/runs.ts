// Which scorer `score` last ran on which dataset: the record every results command reads to pick the
// same scorer by default, so `score`, `frontier`, `export` and `view` show one set of numbers.
// A dataset is named by its identity (see datasetIdentity in src/data/resolve.ts), so scoring another
// dataset into the same store never changes this dataset's default.
import type Database from 'better-sqlite3';

export interface ScoreRunRecord {
  dataset: string;
  scorer: string;
  /** ISO 8601 time the run ended. */
  finishedAt: string;
  /** Tasks the run selected (its --sample / --limit / --occupation slice), for messages. */
  tasksSelected: number;
}

// The score_runs table is in the store's SCHEMA (store-schema.ts), created by writers. A store made before it
// existed, opened read-only, has none: it reads as no runs.
export function runMethods(db: Database.Database) {
  const hasTable = () => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'score_runs'`).get() !== undefined;
  return {
    /** Records that `score` ran `scorer` on `dataset` now; a later run of the same pair replaces it. */
    recordRun(run: Omit<ScoreRunRecord, 'finishedAt'> & { finishedAt?: string }): void {
      db.prepare(`INSERT OR REPLACE INTO score_runs (dataset, scorer, finished_at, tasks_selected) VALUES (?, ?, ?, ?)`).run(
        run.dataset,
        run.scorer,
        run.finishedAt ?? new Date().toISOString(),
        run.tasksSelected,
      );
    },

    /** Runs on one dataset, the most recent first (ties, which need the same millisecond, by scorer name). */
    runsOn(dataset: string): ScoreRunRecord[] {
      if (!hasTable()) return [];
      const rows = db
        .prepare(`SELECT dataset, scorer, finished_at, tasks_selected FROM score_runs WHERE dataset = ? ORDER BY finished_at DESC, scorer`)
        .all(dataset) as { dataset: string; scorer: string; finished_at: string; tasks_selected: number }[];
      return rows.map((row) => ({ dataset: row.dataset, scorer: row.scorer, finishedAt: row.finished_at, tasksSelected: row.tasks_selected }));
    },

    /** Forgets runs of a scorer whose scores were cleared, so they stop being anyone's default. */
    forgetRuns(scorer?: string): void {
      if (scorer === undefined) db.prepare(`DELETE FROM score_runs`).run();
      else db.prepare(`DELETE FROM score_runs WHERE scorer = ?`).run(scorer);
    },
  };
}
