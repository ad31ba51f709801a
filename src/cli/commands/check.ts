// `ai-frontier check`: try a model on labelled tasks before paying for a full run. The definition only; the
// label set, the scoring pipeline and the store load when the command runs (check-action.ts).
import { Option, type Command } from 'commander';
import { subcommand, type ContextFactory } from '../context.js';
import { nonNegativeNumber, positiveInt } from '../option-parsers.js';
import { addProviderOptions } from '../provider-options.js';
import { OFFLINE_TARGETS } from '../../score/offline/targets.js';
import type { CheckOptions } from './check-action.js';

const EXAMPLES = `
Examples:
  $ OPENAI_API_KEY=... ai-frontier check --dry-run            what checking gpt-4.1-mini costs, nothing sent
  $ OPENAI_API_KEY=... ai-frontier check                      200 tasks with gpt-4.1-mini, judged against GPT-4 and humans
  $ ai-frontier check --provider ollama --model llama3.1:8b   a local model
  $ ai-frontier check --scorer offline                        the offline model itself, on tasks it never trained on
  $ ai-frontier check --labels full_labelset.tsv --sample 500 --seed 7

The labelled tasks are the bundled excerpt of the GPTs-are-GPTs label set (datasets/gpts-are-gpts-excerpt:
595 tasks of 34 occupations the offline model never trained on, all 22 major groups; MIT, OpenAI), or
--labels: full_labelset.tsv or any file with its columns (O*NET-SOC Code, Task ID, Task, Task Type, Title,
gpt4_exposure, human_exposure_agg; gpt4_automation when present). The sample is stratified by SOC major
group and GPT-4 label, the same for the same --seed. Each task is sent with its own text and occupation
title, and scored through the same pipeline and store as \`score\`: a rerun sends nothing.

What it prints: accuracy, Cohen's kappa with a 95% bootstrap interval and a verdict in words, the confusion
matrix and the correlation of occupation beta, against GPT-4's labels and against the human annotators',
for the model and for the offline model on the same tasks (held-out tasks only; anything else is marked);
requests, retries and re-asks, failures, tokens; time and cost per 1,000 tasks; and what scoring the whole
O*NET release would cost and take at that rate. Settings as for \`score\`: flags, then environment, then
ai-frontier.config.json.`;

export function registerCheck(program: Command, context: ContextFactory): void {
  const check = subcommand(program, 'check')
    .description('try a model on a labelled sample: agreement with GPT-4 and human labels, cost, and the cost of a full run')
    .option('--labels <path>', 'label set with the GPTs-are-GPTs columns (default: the bundled excerpt)')
    .option('--sample <n>', 'tasks to score, stratified by major group and label (default 200)', positiveInt('--sample'))
    .option('--seed <n>', 'seed of the sample (default 0)', nonNegativeNumber('--seed'))
    .option('--scorer <name>', 'check this scorer: offline, offline:<target>, or provider:model')
    .option('--offline', 'check the offline model even when a key is set')
    .addOption(new Option('--offline-target <target>', 'what the offline model reproduces').choices([...OFFLINE_TARGETS]))
    .option('--batch-size <n>', 'tasks per request, 1 to 200 (default 20)', positiveInt('--batch-size'))
    .addOption(new Option('--structured-output <mode>', 'how replies are constrained').choices(['auto', 'json_schema', 'json_object']))
    .addHelpText('after', EXAMPLES);
  addProviderOptions(check, { purpose: 'check' });
  check.action(async (options: CheckOptions, command: Command) => {
    const { checkAction } = await import('./check-action.js');
    await checkAction(context(command), options);
  });
}
