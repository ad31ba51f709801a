// `ai-frontier frontier`: the yearly table of dark / white / grey and a static chart of it. The definition
// only; the analysis loads when the command runs (frontier-action.ts).
import type { Command } from 'commander';
import { addDataOptions, addScenarioOptions, PRESET_HELP } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import type { FrontierFlags } from './frontier-action.js';

export function registerFrontier(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'frontier').description(
    'the frontier year by year: dark (automated work), white (existing human work), grey (new work)',
  );
  addDataOptions(command);
  addScenarioOptions(command);
  command
    .option('--no-chart', 'print the table only')
    .addHelpText(
      'after',
      `
New-work presets:
${PRESET_HELP}

Examples:
  $ ai-frontier frontier
  $ ai-frontier frontier --preset autor-new-titles --horizon-year 2050
  $ ai-frontier frontier --measure automation --adoption-lag 8 --json`,
    )
    .action(async (flags: FrontierFlags, cmd: Command) => {
      const { frontierAction } = await import('./frontier-action.js');
      await frontierAction(context(cmd), flags);
    });
}
