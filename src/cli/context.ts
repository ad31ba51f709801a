// What every command receives, and how subcommands are made. Kept apart from program.ts so that
// command files can import it without an import cycle.
import type { Command } from 'commander';
import type { Output } from './output.js';

/** What every command action receives: where to print, and the process environment. */
export interface CommandContext {
  out: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type ContextFactory = (command: Command) => CommandContext;

/** Subcommands inherit the program's error handling (exit codes) and typo suggestions. */
export function subcommand(parent: Command, name: string): Command {
  return parent.command(name).exitOverride().showSuggestionAfterError(true);
}
