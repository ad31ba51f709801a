// `ai-frontier new-work`: its options and help. The proposer, the store and the model clients load only when
// the command runs (new-work-action.ts).
import { Option, type Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import { collect, positiveInt } from '../option-parsers.js';
import { addProviderOptions } from '../provider-options.js';
import type { NewWorkOptions } from './new-work-action.js';

const EXAMPLES = `
Examples:
  $ ai-frontier new-work                                   O*NET Emerging Tasks and stored proposals (no key needed)
  $ OPENAI_API_KEY=... ai-frontier new-work --dry-run      plan and cost for the 10 occupations with most exposed jobs
  $ ai-frontier new-work --provider ollama --model llama3.1:8b --by group
  $ ai-frontier new-work --occupation 13-2011.00 --scorer openai:gpt-4.1-mini

Proposals are kept in the score store (--store); a rerun asks only for subjects without proposals.`;

export function registerNewWork(program: Command, context: ContextFactory): void {
  const command = subcommand(program, 'new-work')
    .description('propose the new tasks and roles that grow as exposed work is automated (the grey of the frontier)')
    .option('--dataset <name|path>', 'dataset name or path (default: the bundled sample)')
    .option('--oews <file|year>', 'BLS OEWS national file (or fetched year) for employment')
    .option('--scorer <name>', 'whose task scores pick the exposed tasks (default: the stored scorer covering most of the dataset, else offline)')
    .addOption(new Option('--by <scope>', 'one request per occupation or per SOC major group').choices(['occupation', 'group']).default('occupation'))
    .option('--occupation <code>', 'only this occupation (O*NET-SOC or SOC code); repeatable', collect)
    .option('--major-group <NN>', 'only this SOC major group; repeatable', collect)
    .option('--limit <n>', 'at most this many subjects (default: the 10 occupations with most exposed jobs, or every group)', positiveInt('--limit'))
    .addHelpText('after', EXAMPLES);
  addProviderOptions(command, { purpose: 'propose' });
  command.action(async (options: NewWorkOptions, cmd: Command) => {
    const { newWorkAction } = await import('./new-work-action.js');
    await newWorkAction(context(cmd), options);
  });
}
