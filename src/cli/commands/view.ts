// `ai-frontier view`: the interactive terminal app over one analysis; without a terminal (a pipe, CI)
// the static charts and the top of the occupations table instead. The definition only; the analysis and
// the app load when the command runs (view-action.ts).
import type { Command } from 'commander';
import { addDataOptions, addScenarioOptions, type AnalysisFlags } from '../analysis-options.js';
import type { ContextFactory } from '../context.js';
import { subcommand } from '../context.js';

const EXAMPLES = `
Keys: ←/→ year, r rings, Tab occupations, / filter, s sort, g group, Enter open, p preset, m measure, q quit.

Examples:
  $ ai-frontier view                                   the bundled sample, stored or offline scores
  $ ai-frontier view --dataset onet-29.1 --oews 2024 --scorer openai:gpt-4.1-mini
  $ ai-frontier view --preset autor-new-titles --measure automation
  $ ai-frontier view | less                            static charts and table (no terminal)
  $ ai-frontier view --json                            the same figures as JSON (the report bundle of export)`;

export function registerView(program: Command, context: ContextFactory): void {
  const view = subcommand(program, 'view').description('explore the frontier and the occupations interactively (static charts without a terminal)');
  addDataOptions(view);
  addScenarioOptions(view);
  view.addHelpText('after', EXAMPLES).action(async (flags: AnalysisFlags, command: Command) => {
    const { viewAction } = await import('./view-action.js');
    await viewAction(context(command), flags);
  });
}
