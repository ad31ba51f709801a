// How loaders report bad input. By default the first error throws an InputError, which is what a
// command wants; `datasets validate` passes a `problems` array instead and gets every problem at once.

import { InputError, formatLocation, type FileLocation } from '../errors.js';

export interface Problem {
  file: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based: a field position for delimited rows, a character position for encoding errors (the message says which). */
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface LoadOptions {
  /** Collect every problem here instead of throwing at the first error. Rows with errors are skipped. */
  problems?: Problem[];
  /** Dataset name to record; defaults to a name derived from the source. */
  name?: string;
}

/** The one object loaders report through, so "throw or collect" is decided in a single place. */
export interface Reporter {
  error(message: string, location: FileLocation): void;
  warning(message: string, location: FileLocation): void;
  /** True once any error has been reported (only reachable when collecting). */
  readonly failed: boolean;
}

/**
 * A file with one systematic fault (every row the same bad value) would otherwise list thousands of
 * identical problems; after this many errors in one file the rest are only counted.
 */
export const MAX_ERRORS_PER_FILE = 50;

export function createReporter(problems?: Problem[]): Reporter {
  let failed = false;
  const errorsByFile = new Map<string, number>();
  // One closing note per file past the limit, kept up to date as further errors arrive.
  const overflowNotes = new Map<string, Problem>();
  return {
    error(message, location) {
      failed = true;
      if (!problems) throw new InputError(message, location);
      const count = (errorsByFile.get(location.file) ?? 0) + 1;
      errorsByFile.set(location.file, count);
      if (count <= MAX_ERRORS_PER_FILE) {
        problems.push({ ...location, message, severity: 'error' });
        return;
      }
      let note = overflowNotes.get(location.file);
      if (!note) {
        note = { file: location.file, message: '', severity: 'error' };
        overflowNotes.set(location.file, note);
        problems.push(note);
      }
      note.message = `${count - MAX_ERRORS_PER_FILE} more errors in this file not listed (${count} in all)`;
    },
    warning(message, location) {
      problems?.push({ ...location, message, severity: 'warning' });
    },
    get failed() {
      return failed;
    },
  };
}

/** One line per problem, as an editor's problem list shows it: `file:line:column: error: message`. */
export function formatProblem(problem: Problem): string {
  return `${formatLocation(problem)}: ${problem.severity}: ${problem.message}`;
}
