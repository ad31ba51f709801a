// Creating a folder to write into, and saying in words why a file cannot be written there. Node's own
// recursive mkdir never returns where a parent exists but answers ENOENT for anything new in it (/proc,
// /sys): it retries the parent and the child for ever. So folders are made one level at a time, down from
// the nearest one that exists, and every error names the path it happened at and what to do.
import { mkdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { FailureError, UsageError } from './errors.js';

/** Makes `dir` and any missing parents; an existing folder is fine. Throws the file system's own error. */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const stats = statOrMissing(current);
    if (stats?.isDirectory()) break;
    if (stats) throw Object.assign(new Error(`not a folder: ${current}`), { code: 'ENOTDIR', path: current });
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by someone else: as good as made here.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statOrMissing(folder)?.isDirectory()) continue;
      throw error;
    }
  }
}

/** Stats of `file`, or undefined when it (or a parent, as a file) is not there. */
function statOrMissing(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

export interface WriteContext {
  /** What was being written, for the message: "the reports". */
  what: string;
  /** The folder it was going into. */
  folder: string;
  /** What to do instead, beyond fixing the folder: "choose another folder with --out". */
  instead: string;
}

/** A file-system error while writing `context.what` as one message that names the path and the fix:
 * UsageError (exit 2) when the path given cannot be a folder, FailureError (exit 1) otherwise. */
export function writeProblem(error: unknown, context: WriteContext): Error {
  const { code, message, dest } = error as NodeJS.ErrnoException & { dest?: string };
  // A rename names its target as `dest`: that is the path a person knows, not our temporary name.
  const at = dest ?? (error as NodeJS.ErrnoException).path ?? context.folder;
  const where = `cannot write ${context.what} to ${context.folder}`;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new UsageError(`${where}: ${firstFileOnTheWay(at)} is a file, not a folder; ${context.instead}`);
    case 'EISDIR':
      return new UsageError(`${where}: ${at} is a folder where a file goes; move it away or ${context.instead}`);
    case 'ENOENT':
      // The parent exists (makeFolder made sure), yet nothing new can be made in it: /proc, /sys and the like.
      return new UsageError(`${where}: ${path.dirname(at)} does not accept new files or folders (a virtual file system such as /proc or /sys); ${context.instead}`);
    case 'EACCES':
    case 'EPERM':
      return new FailureError(`${where}: permission denied at ${at}; ${context.instead}, or make it writable for you`);
    case 'EROFS':
      return new FailureError(`${where}: ${at} is on a read-only file system; ${context.instead}`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new FailureError(`${where}: the disk is full (writing ${at}); free some space or ${context.instead}`);
    default:
      return new FailureError(`${where}: ${message}`);
  }
}

/** The file that stands where a folder should be: `at` itself or one of its parents. */
function firstFileOnTheWay(at: string): string {
  for (let current = path.resolve(at); path.dirname(current) !== current; current = path.dirname(current)) {
    const stats = statOrMissing(current);
    if (stats && !stats.isDirectory()) return current;
  }
  return at;
}
