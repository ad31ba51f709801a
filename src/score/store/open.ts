// Opening the score store, and what its failures mean to a person. Writers and readers open it differently:
//
// - A writer (score, new-work, scores clear/import/batch-status) sets the busy timeout before any other
//   statement (two processes creating one new store wait for each other instead of failing), refuses a
//   damaged file before writing a byte to it (quick_check), creates the schema idempotently in one
//   IMMEDIATE transaction, and proves the file takes a write before any request is paid for.
// - A reader (scores list/show, frontier, export, view, compare) opens read-only, so a store on a read-only
//   folder or filesystem can be read; where SQLite cannot open it there (a WAL-mode file needs a -shm file
//   it cannot create), it reads a copy of the file into memory.
//
// Every SQLite error that reaches a person says which file and what to do: a damaged file points to
// `scores repair`, a full disk or a read-only place to freeing space or another --store.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { FailureError, InputError } from '../../errors.js';
import { ADDED_SCORE_COLUMNS, CREATE_SCORES_VERSION, SCHEMA } from './schema.js';

// 2: scores gained `duration` (rubric r2). Older stores get the column when a writer opens them.
export const STORE_SCHEMA_VERSION = 2;

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/** The store is damaged: reading it fails or its quick_check finds problems. Exit 2 (bad input file). */
export class StoreDamagedError extends InputError {
  override name = 'StoreDamagedError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `the score store is damaged (${detail}); nothing was written to it. ` +
        `\`ai-frontier scores repair --store ${file}\` copies every readable row into a new store and keeps the damaged file beside it`,
      { file },
    );
  }
}

/** The store cannot take a write (full disk, read-only place, I/O error). Exit 1. */
export class StoreWriteError extends FailureError {
  override name = 'StoreWriteError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly remedy: string,
  ) {
    super(`${file}: cannot write to the score store (${reason}); ${remedy}`);
  }
}

const FULL_REMEDY = 'free space on that disk, or pass --store with a path on another disk, then run the same command again';
const READ_ONLY_REMEDY = 'make the folder writable, or pass --store with a path on writable disk, then run the same command again';

interface SqliteError extends Error {
  code?: string;
}

const codeOf = (error: unknown) => String((error as SqliteError)?.code ?? '');

/** A SQLite error as the person should read it: which file, what happened, what to do. Other errors pass. */
export function explainStoreError(error: unknown, file: string): unknown {
  if (error instanceof StoreDamagedError || error instanceof StoreWriteError) return error;
  const code = codeOf(error);
  const message = (error as Error)?.message ?? String(error);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreDamagedError(file, message);
  if (code === 'SQLITE_FULL') return new StoreWriteError(file, 'the disk is full', FULL_REMEDY);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new StoreWriteError(file, `${message}: the file or its folder is read-only`, READ_ONLY_REMEDY);
  }
  if (code.startsWith('SQLITE_IOERR')) return new StoreWriteError(file, `I/O error: ${message}`, FULL_REMEDY);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED')) {
    return new FailureError(`${file}: the score store stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s; wait for it to finish, or pass another --store`);
  }
  return error;
}

function run<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw explainStoreError(error, file);
  }
}

/** Runs `action`, again every few milliseconds while another process holds the lock, up to the busy timeout. */
function whileBusy(action: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return action();
    } catch (error) {
      if (codeOf(error) !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10 + Math.random() * 20);
    }
  }
}

/** Problems quick_check reports, or none. */
function quickCheck(db: Database.Database): string[] {
  const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
  return problems;
}

/** Opens `file` for writing: busy timeout first, integrity checked, schema created idempotently, a write proven. */
export function openForWriting(file: string): Database.Database {
  run(file, () => mkdirSync(path.dirname(path.resolve(file)), { recursive: true }));
  const existed = existsSync(file);
  // The timeout is given to the constructor so it applies from the first statement on.
  const db = run(file, () => new Database(file, { timeout: BUSY_TIMEOUT_MS }));
  try {
    if (existed) {
      const problems = run(file, () => quickCheck(db));
      if (problems.length) throw new StoreDamagedError(file, `quick_check: ${problems.join('; ')}`);
    }
    run(file, () => {
      // Switching to WAL takes an exclusive lock and SQLite does not wait for it through the busy timeout,
      // so a second process creating the store at the same moment retries here; once one has switched,
      // the mode is in the file and the others find it.
      whileBusy(() => {
        if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      });
      db.pragma('synchronous = NORMAL');
    });
    // One IMMEDIATE transaction: a second process creating the same store waits here, then finds every
    // table and the version row in place. The probe row is a real write: a read-only place or a full disk
    // fails here, before any request is paid for.
    run(file, () =>
      db
        .transaction(() => {
          db.exec(SCHEMA);
          upgradeSchema(db);
          db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(STORE_SCHEMA_VERSION));
          db.exec(CREATE_SCORES_VERSION);
          db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('last_opened_for_writing', ?)`).run(new Date().toISOString());
        })
        .immediate(),
    );
    checkVersion(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens `file` for reading only; a missing file reads as an empty store, and nothing is created. `checked`:
 * this process opened the file for writing, with its integrity check, moments ago (`score` reading back for
 * its headline), so the check is not run twice.
 */
export function openForReading(file: string, checked = false): Database.Database {
  if (!existsSync(file)) {
    const db = new Database(':memory:');
    db.exec(SCHEMA);
    return db;
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    // Opening is lazy: the first read is where a read-only folder or a damaged header shows.
    db.prepare(`SELECT COUNT(*) FROM sqlite_master`).get();
  } catch (error) {
    if (codeOf(error) !== 'SQLITE_CANTOPEN') throw explainStoreError(error, file);
    db = readCopy(file);
  }
  const problems = run(file, () => {
    try {
      return checked ? [] : quickCheck(db);
    } catch (error) {
      db.close();
      throw error;
    }
  });
  if (problems.length) {
    db.close();
    throw new StoreDamagedError(file, `quick_check: ${problems.join('; ')}`);
  }
  checkVersion(db, file);
  return db;
}

/** Opens a store read-only with no integrity check, to salvage what can be read (`scores repair`). */
export function openDamaged(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.prepare(`SELECT COUNT(*) FROM sqlite_master`).get();
    return db;
  } catch (error) {
    if (codeOf(error) !== 'SQLITE_CANTOPEN') throw explainStoreError(error, file);
    return readCopy(file);
  }
}

export { quickCheck };

/** A WAL-mode store on a read-only folder or filesystem: SQLite would need to create the -shm file beside
 * it, so the file is read into memory instead. Transactions still in a -wal file would be missed. */
function readCopy(file: string): Database.Database {
  if (existsSync(`${file}-wal`)) {
    throw new StoreWriteError(file, 'it sits in a read-only place with unfinished transactions in its -wal file', 'copy the store with its -wal file to writable disk and pass --store with the copy');
  }
  const bytes = run(file, () => readFileSync(file));
  // Bytes 18 and 19 say "WAL mode"; an in-memory copy has no WAL, so it is marked as a rollback-journal file.
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return run(file, () => new Database(bytes, { readonly: true }));
}

/** Brings a store made by an earlier version up to this schema: the columns added since (inside the writer's
 * IMMEDIATE transaction, so two processes cannot both add one). A newer store is left for checkVersion. */
function upgradeSchema(db: Database.Database): void {
  const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get() as string | undefined;
  if (version === undefined || Number(version) >= STORE_SCHEMA_VERSION) return;
  const columns = new Set((db.prepare('PRAGMA table_info(scores)').all() as { name: string }[]).map((c) => c.name));
  for (const column of ADDED_SCORE_COLUMNS) {
    if (!columns.has(column.name)) db.exec(`ALTER TABLE scores ADD COLUMN ${column.name} ${column.type}`);
  }
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema_version'`).run(String(STORE_SCHEMA_VERSION));
}

function checkVersion(db: Database.Database, file: string): void {
  const version = run(file, () => db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get() as string | undefined);
  if (version !== undefined && Number(version) > STORE_SCHEMA_VERSION) {
    db.close();
    throw new InputError(`the score store has schema version ${version}, newer than this ai-frontier understands (${STORE_SCHEMA_VERSION}); upgrade ai-frontier`, { file });
  }
}

/** Bytes a stored task takes in the file, with its indexes (measured: about 1 KB; doubled for slack). */
const BYTES_PER_TASK = 2048;
/** The WAL holds each commit's pages until a checkpoint, at most about 1,000 pages (4 MB). */
const WAL_MAX = 4 * 1024 * 1024;
const MARGIN = 256 * 1024;

/** Refuses, before anything is sent, a run whose results the disk holding the store has no room for. */
export function checkRoom(file: string, tasks: number): void {
  let free: number;
  try {
    const stats = statfsSync(path.dirname(path.resolve(file)));
    free = stats.bavail * stats.bsize;
  } catch {
    return;
  }
  const needed = tasks * BYTES_PER_TASK + Math.min(WAL_MAX, 2 * tasks * BYTES_PER_TASK) + MARGIN;
  if (free < needed) {
    throw new StoreWriteError(file, `only ${megabytes(free)} free on its disk, and storing ${tasks} tasks needs about ${megabytes(needed)}; nothing was sent`, FULL_REMEDY);
  }
}

const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
