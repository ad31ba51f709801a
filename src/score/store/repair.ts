// `scores repair`: copies every row that can still be read out of a damaged store into a new one, then puts
// the new store in the damaged one's place and keeps the damaged file beside it (nothing is deleted).
// Rows are read by ranges of rowids; a range that fails is halved until the unreadable rows are isolated,
// so one bad page costs the rows on it, not the table.
import type Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { openDamaged, openForWriting, quickCheck } from './open.js';

/** Every table with rows worth keeping; `meta` keeps its own version row. */
const TABLES = ['scores', 'requests', 'batches', 'batch_requests', 'new_work', 'meta'] as const;
const RANGE = 512;

export interface TableSalvage {
  table: string;
  copied: number;
  /** Rowids in ranges that could not be read: an upper bound on the rows lost. */
  unreadable: number;
  /** The table's root page is unreadable, so none of its rows could be found. */
  lostWhole?: boolean;
}

export interface RepairReport {
  file: string;
  /** False when quick_check found nothing to repair; nothing was changed then. */
  repaired: boolean;
  /** Where the damaged file was moved, kept for whoever wants to look further. */
  damagedCopy?: string;
  problems: string[];
  tables: TableSalvage[];
}

export function repairStore(file: string, now: Date = new Date()): RepairReport {
  if (!existsSync(file)) throw new UsageError(`no score store at ${file}; pass --store with the damaged file`);
  const source = openDamaged(file);
  let problems: string[];
  try {
    problems = quickCheck(source);
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length === 0) {
    source.close();
    return { file, repaired: false, problems, tables: [] };
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.repaired-${stamp}`;
  const fresh = openForWriting(target);
  let tables: TableSalvage[];
  try {
    tables = TABLES.map((table) => salvage(source, fresh, table));
  } finally {
    source.close();
    fresh.close();
  }
  const damagedCopy = `${file}.damaged-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, damagedCopy + suffix);
  renameSync(target, file);
  return { file, repaired: true, damagedCopy, problems, tables };
}

function salvage(source: Database.Database, target: Database.Database, table: string): TableSalvage {
  const result: TableSalvage = { table, copied: 0, unreadable: 0 };
  const columns = (target.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  let bounds: { lo: number | null; hi: number | null };
  try {
    bounds = source.prepare(`SELECT MIN(rowid) AS lo, MAX(rowid) AS hi FROM ${table}`).get() as typeof bounds;
  } catch {
    return { ...result, lostWhole: true };
  }
  if (bounds.lo === null || bounds.hi === null) return result;
  const list = columns.join(', ');
  const read = source.prepare(`SELECT ${list} FROM ${table} WHERE rowid BETWEEN ? AND ?`);
  const insert = target.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const copyRange = (lo: number, hi: number): void => {
    let rows: Record<string, unknown>[];
    try {
      rows = read.all(lo, hi) as Record<string, unknown>[];
    } catch {
      if (lo === hi) {
        result.unreadable += 1;
        return;
      }
      const mid = Math.floor((lo + hi) / 2);
      copyRange(lo, mid);
      copyRange(mid + 1, hi);
      return;
    }
    for (const row of rows) {
      try {
        result.copied += insert.run(...columns.map((c) => row[c])).changes;
      } catch {
        // A row that reads but breaks a constraint came off a damaged page: not kept.
        result.unreadable += 1;
      }
    }
  };
  target.transaction(() => {
    for (let lo = bounds.lo!; lo <= bounds.hi!; lo += RANGE) copyRange(lo, Math.min(bounds.hi!, lo + RANGE - 1));
  })();
  return result;
}
