// Entry point: builds the program, runs it, and is the one place that turns an error into an exit code.
import { CommanderError } from 'commander';
import { ExitError, FailureError, InputError, UsageError } from '../errors.js';
import { printable } from './format.js';
import { buildProgram } from './program.js';
import type { Streams } from './output.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Maps any thrown value to an exit code and the one-paragraph message to print (none for ExitError). */
export function exitCodeFor(error: unknown): { code: number; message?: string } {
  if (error instanceof ExitError) return { code: error.code };
  if (error instanceof CommanderError) {
    // Commander has already printed its own message (usage error, help, version).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return { code: EXIT_OK };
    }
    return { code: error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT };
  }
  if (error instanceof InputError || error instanceof UsageError) return { code: EXIT_BAD_INPUT, message: error.message };
  if (error instanceof FailureError) return { code: EXIT_FAILURE, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // Unexpected errors still get one line, not a stack trace; AI_FRONTIER_DEBUG shows the stack.
  return { code: EXIT_FAILURE, message: `unexpected error: ${message}` };
}

export async function main(argv: string[], streams: Streams = process): Promise<number> {
  // A reader that stops early (`ai-frontier ... | head`) closes the pipe: that is not a failure.
  if (streams === process) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_OK);
      throw error;
    });
  }
  const program = buildProgram(streams);
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    const { code, message } = exitCodeFor(error);
    // Messages quote files and servers: shown, never obeyed, by the terminal.
    if (message) streams.stderr.write(`ai-frontier: ${printable(message)}\n`);
    if (streams.env.AI_FRONTIER_DEBUG && error instanceof Error && error.stack) streams.stderr.write(`${printable(error.stack)}\n`);
    return code;
  }
}
