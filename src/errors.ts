// Error classes shared by the core and the CLI. The core throws these; exactly one place
// (src/cli/main.ts, `exitCodeFor`) turns them into exit codes and messages.

/** Where in a file a problem was found. Lines and columns are 1-based, as editors show them. */
export interface FileLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(location: FileLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** Bad input data: a malformed file, a missing column, an unknown dataset. Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
  readonly location?: FileLocation;

  constructor(message: string, location?: FileLocation) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
    this.location = location;
  }
}

/** The command line itself is wrong: an unknown option value, a missing argument. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The work could not be done (network down, server refused, budget reached). Exit code 1. */
export class FailureError extends Error {
  override name = 'FailureError';
}

/** Thrown by a command that has already printed what it needs to and only wants a given exit code. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
