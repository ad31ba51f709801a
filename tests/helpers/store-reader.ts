// Reads a score store as another process would while a run writes it: read-only, never creating the file,
// and undefined while it does not exist yet or is locked past a short wait. And waits, polling the store,
// for the point where a test kills that run.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

export function readStoreFile<T>(file: string, read: (db: Database.Database) => T): T | undefined {
  if (!existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    return read(db);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

/**
 * Resolves once `condition` holds (checked every 10 ms: the store has no event to wait on), and fails if the run
 * ends first, with its stderr.
 */
export async function untilStored(condition: () => boolean, run: { done: Promise<{ stderr: string }> }): Promise<void> {
  let ended: { stderr: string } | undefined;
  void run.done.then((result) => (ended = result));
  while (!condition()) {
    if (ended) throw new Error(`the run ended before the kill point: ${ended.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
