// Reads a score store as another process would while a run writes it: read-only, never creating the file,
// and undefined while it does not exist yet or is locked past a short wait.
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
