// `ai-frontier score`: its options and help. The scoring engine, the store and the model clients load only
// when the command runs (score-action.ts).
import { Option, type Command } from 'commander';
import { addScenarioOptions } from '../analysis-options.js';
import { subcommand, type ContextFactory } from '../context.js';
import { collect, nonNegativeNumber, positiveInt } from '../option-parsers.js';
import { addProviderOptions } from '../provider-options.js';
import { OFFLINE_TARGETS } from '../../score/offline/targets.js';
import type { ScoreOptions } from './score-action.js';

const EXAMPLES = `
Examples:
  $ ai-frontier score                                        the bundled sample, offline model (no key needed)
  $ OPENAI_API_KEY=... ai-frontier score --dry-run           plan and cost with gpt-4.1-mini, nothing sent
  $ ai-frontier score --provider ollama --model llama3.1:8b  a local model
  $ ai-frontier score --dataset onet-29.1 --major-group 15 --max-cost 2
  $ ai-frontier score --sample 500 --seed 1 --batch-api      half-price OpenAI Batch API
  $ ai-frontier score --scorer openai:gpt-4.1-mini           the same as --provider openai --model gpt-4.1-mini
  $ ai-frontier score --offline-target human                 offline model, reproducing the human labels
  $ ai-frontier score --provider ollama --model llama3.1:8b --model qwen2.5:7b   two models, one run, one endpoint
  $ ai-frontier score --scorer openai:gpt-4.1-mini --scorer groq:llama-3.1-8b-instant --scorer offline
  $ ai-frontier score --dry-run                              with "scorers" in ai-frontier.config.json: each plan and the total

Scores are kept in a store (--store, default in the user data folder); a rerun pays only for what is missing.
The headline after a run is what frontier, export and view show for the dataset from then on: the store
records that this scorer ran on it, and they use the scorer \`score\` last ran unless given --scorer.
Settings: flags win over environment variables, which win over ai-frontier.config.json.
Several scorers in one run share the task list and the store, each keeping its own scores; scorers on one
endpoint (base URL and key) share its rate limits, others run side by side; --max-cost is for all together.
After such a run the first scorer named (that has scores) becomes the dataset's default.`;

export function registerScore(program: Command, context: ContextFactory): void {
  const score = subcommand(program, 'score')
    .description('score tasks with a language model (or the offline model), storing every score')
    .option('--dataset <name|path>', 'dataset name or path (default: the bundled sample)')
    .option('--occupation <code>', 'only this occupation (O*NET-SOC or SOC code); repeatable', collect)
    .option('--major-group <NN>', 'only this SOC major group; repeatable', collect)
    .option('--limit <n>', 'at most this many tasks', positiveInt('--limit'))
    .option('--sample <n>', 'a random sample of this many tasks (see --seed)', positiveInt('--sample'))
    .option('--seed <n>', 'seed for --sample (default 0)', nonNegativeNumber('--seed'))
    .option('--batch-size <n>', 'tasks per request, 1 to 200 (default 20)', positiveInt('--batch-size'))
    .addOption(new Option('--structured-output <mode>', 'how replies are constrained').choices(['auto', 'json_schema', 'json_object']))
    .option('--offline', 'use the offline model even when a key is set')
    .option('--scorer <name>', 'score with this scorer: offline, offline:<target>, or provider:model (the names `scores list` shows); repeatable: several scorers in one run', collect)
    .option('--oews <path|year>', 'BLS OEWS national file or fetched year for the headline\'s employment, or none (default: the newest fetched)')
    .addOption(
      new Option('--offline-target <target>', 'what the offline model reproduces: both (default: closest to the human labels at GPT-4 agreement 0.72 on validation), human or gpt4')
        .choices([...OFFLINE_TARGETS]),
    )
    .option('--batch-api', 'submit through the OpenAI Batch API (half price, up to 24 h)')
    .option('--view', 'open the interactive view on the results when scoring ends')
    .addHelpText('after', EXAMPLES);
  addProviderOptions(score, { purpose: 'score', repeatableModel: true });
  addScenarioOptions(score);
  score.action(async (options: ScoreOptions, command: Command) => {
    const { scoreAction } = await import('./score-action.js');
    await scoreAction(context(command), options);
  });
}
