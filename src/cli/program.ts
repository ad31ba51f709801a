// The commander program: global options, and one `register` call per command file. A command file is the
// command's definition (arguments, options, help); its handler, and with it the data loaders, the store, the
// model clients and the UI, is imported only when the command runs, so --help and --version start at once.
import { Command } from 'commander';
import { NO_CACHE_ENV } from '../data/cache-switch.js';
import { TOOL_VERSION } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { printable } from './format.js';
import { prepareHelp } from './analysis-options.js';
import { subcommand, type ContextFactory } from './context.js';

export type { CommandContext, ContextFactory } from './context.js';
import { createOutput, type GlobalOptions, type Streams } from './output.js';
import { registerDatasets } from './commands/datasets.js';
import { registerScore } from './commands/score.js';
import { registerScores } from './commands/scores.js';
import { registerNewWork } from './commands/new-work.js';
import { registerCompare } from './commands/compare.js';
import { registerCheck } from './commands/check.js';
import { registerExport } from './commands/export.js';
import { registerFrontier } from './commands/frontier.js';
import { registerView } from './commands/view.js';

/** `help [command...]` at any depth: commander's own goes one level, so `help datasets info` showed the
 * help of `datasets`. */
function registerHelp(program: Command): void {
  program.helpCommand(false);
  subcommand(program, 'help')
    .description('show help for a command, at any depth (help datasets info)')
    .argument('[command...]', 'the command and its subcommands')
    .action(async (names: string[]) => {
      let target = program;
      for (const name of names) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) throw new UsageError(`no command "${names.join(' ')}"; \`ai-frontier help\` lists them`);
        target = next;
      }
      await prepareHelp(target);
      target.outputHelp();
    });
}

export function buildProgram(streams: Streams): Command {
  const program = new Command('ai-frontier');
  program
    .description('Map which work AI can take over, and what new work grows around it.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .option('--json', 'print machine-readable JSON on stdout and nothing else there', false)
    .option('--no-color', 'no colour in output (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'no progress or messages on stderr, only warnings and errors', false)
    .option('--no-cache', 'parse datasets and match stored scores afresh: neither read nor write the cache (AI_FRONTIER_NO_CACHE=1 too)')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => void streams.stdout.write(s),
      // Usage errors quote the arguments given, which may come from a script or a file.
      writeErr: (s) => void streams.stderr.write(printable(s)),
    })
    .exitOverride()
    // A command may print its help once it parses (`frontier --help`): what that help reads is loaded first.
    .hook('preSubcommand', (_program, command) => prepareHelp(command));

  const context: ContextFactory = (command) => {
    const globals = command.optsWithGlobals() as Partial<GlobalOptions> & { cache?: boolean };
    const options: GlobalOptions = {
      json: Boolean(globals.json),
      color: globals.color !== false,
      quiet: Boolean(globals.quiet),
    };
    // The data layer reads the switch from the environment, as every command hands it `env`.
    const env = globals.cache === false ? { ...streams.env, [NO_CACHE_ENV]: '1' } : streams.env;
    return { out: createOutput(options, streams), env, cwd: process.cwd() };
  };

  registerDatasets(program, context);
  registerScore(program, context);
  registerScores(program, context);
  registerNewWork(program, context);
  registerCompare(program, context);
  registerCheck(program, context);
  registerFrontier(program, context);
  registerExport(program, context);
  registerView(program, context);
  registerHelp(program);

  program.addHelpText(
    'after',
    `
Examples:
  $ ai-frontier score                         score the bundled sample (offline model when no key is set)
  $ ai-frontier frontier                      dark / white / grey year by year
  $ ai-frontier export                        CSV, JSON and an HTML report into reports/
  $ ai-frontier view                          explore it in the terminal
  $ ai-frontier datasets fetch onet           download the full O*NET text release
  $ ai-frontier score --dataset onet-29.1 --provider openai --dry-run`,
  );
  return program;
}
