// The options that choose and pace a language model, shared by `score` and `new-work`.
import { Option, type Command } from 'commander';
import { PROVIDER_NAMES } from '../score/llm/providers.js';
import { collect, nonNegativeNumber, positiveInt } from './option-parsers.js';

export function addProviderOptions(command: Command, options: { purpose: string; repeatableModel?: boolean }): Command {
  const model = options.repeatableModel
    ? new Option('--model <id>', `model to ${options.purpose} with; repeatable: several models on one endpoint in one run`).argParser(collect)
    : new Option('--model <id>', `model to ${options.purpose} with`);
  return command
    .addOption(new Option('--provider <name>', 'provider preset').choices(PROVIDER_NAMES))
    .option('--base-url <url>', 'any OpenAI-compatible endpoint')
    .option('--api-key-env <NAME>', 'environment variable holding the API key')
    .addOption(model)
    .option('--temperature <t>', 'sampling temperature, 0 to 2 (default 0)', nonNegativeNumber('--temperature'))
    .option('--concurrency <n>', 'most requests in flight', positiveInt('--concurrency'))
    .option('--rpm <n>', 'requests per minute the provider allows', positiveInt('--rpm'))
    .option('--tpm <n>', 'tokens per minute the provider allows', positiveInt('--tpm'))
    .option('--timeout <seconds>', 'give up on one reply after this many seconds, above 0 (default 120)', nonNegativeNumber('--timeout'))
    .option('--max-cost <usd>', 'stop at this budget in US dollars', nonNegativeNumber('--max-cost'))
    .option('--store <path>', 'score store file (SQLite)')
    .option('--dry-run', 'print the plan and cost, send nothing');
}
