// `ai-frontier frontier`: the yearly table of dark / white / grey and a static chart of it, its backtest and
// one occupation's explanation. The definition only; the analysis loads when the command runs
// (frontier-action.ts).
import type { Command } from 'commander';
import { addDataOptions, addPresetHelp, addScenarioOptions, CAPABILITY_HELP } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import type { FrontierFlags } from './frontier-action.js';

/** The as-of date a backtest uses when none is given: before the 2025 models, whose faster growth it tests. */
export const BACKTEST_AS_OF = '2024-12';

export function registerFrontier(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'frontier').description(
    'the frontier year by year: dark (automated work), white (existing human work), grey (new work)',
  );
  addDataOptions(command);
  addScenarioOptions(command);
  command
    .option('--no-chart', 'print the table only')
    .option('--backtest', `refit the time axis with the facts known before --as-of (default ${BACKTEST_AS_OF}) and print predicted against observed for every later fact`)
    .option('--explain <code>', 'the chain behind one occupation\'s figures: each task\'s duration, when it comes into use and is automated, every parameter with its source')
    .action(async (flags: FrontierFlags, cmd: Command) => {
      const { frontierAction } = await import('./frontier-action.js');
      await frontierAction(context(cmd), flags);
    });
  addPresetHelp(
    command,
    (presets) => `${CAPABILITY_HELP}

New-work presets:
${presets}

Examples:
  $ ai-frontier frontier
  $ ai-frontier frontier --from 2023                        the path so far, then the frontier
  $ ai-frontier frontier --capability trend-2019 --horizon-year 2050
  $ ai-frontier frontier --explain 15-1252.00               why Software Developers' figures are what they are
  $ ai-frontier frontier --backtest --as-of 2024-12         fitted on what was known then, against what came after
  $ ai-frontier frontier --time-model legacy --adoption-lag 8 --json`,
  );
}
