// `ai-frontier score`: parse flags, call runScore, print. Ctrl-C aborts cleanly: replies already on their
// way are stored, and the summary says how to resume.
import { Option, type Command } from 'commander';
import { ExitError } from '../../errors.js';
import { runScore, type RunScoreResult } from '../../score/score-run.js';
import type { ScoreFlags } from '../../score/config.js';
import { subcommand, type ContextFactory } from '../context.js';
import { analyze } from '../../analysis/analyze.js';
import { headline, type Headline } from '../../analysis/headline.js';
import type { Analysis } from '../../analysis/types.js';
import { showView } from './view.js';
import { TOOL_VERSION } from '../../data/package-root.js';
import { addScenarioOptions, scenarioFrom, type ScenarioFlags } from '../analysis-options.js';
import { formatHeadline } from '../headline-messages.js';
import { collect, nonNegativeNumber, positiveInt } from '../option-parsers.js';
import { addProviderOptions } from '../provider-options.js';
import { createScoreProgress } from '../score-progress.js';
import { printOffline, printPlan, printSummary, resultJson } from './score-messages.js';
import { OFFLINE_TARGETS } from '../../score/offline/targets.js';

interface ScoreOptions extends ScoreFlags, ScenarioFlags {
  view?: boolean;
  occupation?: string[];
  majorGroup?: string[];
  limit?: number;
  sample?: number;
  seed?: number;
  dryRun?: boolean;
  batchApi?: boolean;
  timeout?: number;
}

const EXAMPLES = `
Examples:
  $ ai-frontier score                                        the bundled sample, offline model (no key needed)
  $ OPENAI_API_KEY=... ai-frontier score --dry-run           plan and cost with gpt-4.1-mini, nothing sent
  $ ai-frontier score --provider ollama --model llama3.1:8b  a local model
  $ ai-frontier score --dataset onet-29.1 --major-group 15 --max-cost 2
  $ ai-frontier score --sample 500 --seed 1 --batch-api      half-price OpenAI Batch API
  $ ai-frontier score --offline-target human                 offline model, reproducing the human labels

Scores are kept in a store (--store, default in the user data folder); a rerun pays only for what is missing.
Settings: flags win over environment variables, which win over ai-frontier.config.json.`;

export function registerScore(program: Command, context: ContextFactory): void {
  const score = subcommand(program, 'score')
    .description('score tasks with a language model (or the offline model), storing every score')
    .option('--dataset <name|path>', 'dataset name or path (default: the bundled sample)')
    .option('--occupation <code>', 'only this occupation (O*NET-SOC or SOC code); repeatable', collect)
    .option('--major-group <NN>', 'only this SOC major group; repeatable', collect)
    .option('--limit <n>', 'at most this many tasks', positiveInt('--limit'))
    .option('--sample <n>', 'a random sample of this many tasks (see --seed)', positiveInt('--sample'))
    .option('--seed <n>', 'seed for --sample (default 0)', nonNegativeNumber('--seed'))
    .option('--batch-size <n>', 'tasks per request (default 20)', positiveInt('--batch-size'))
    .addOption(new Option('--structured-output <mode>', 'how replies are constrained').choices(['auto', 'json_schema', 'json_object']))
    .option('--offline', 'use the offline model even when a key is set')
    .addOption(
      new Option('--offline-target <target>', 'what the offline model reproduces: both (default: closest to the human labels at GPT-4 agreement 0.72 on validation), human or gpt4')
        .choices([...OFFLINE_TARGETS]),
    )
    .option('--batch-api', 'submit through the OpenAI Batch API (half price, up to 24 h)')
    .option('--view', 'open the interactive view on the results when scoring ends')
    .addHelpText('after', EXAMPLES);
  addProviderOptions(score, { purpose: 'score' });
  addScenarioOptions(score);
  score.action(async (options: ScoreOptions, command: Command) => {
    const { out, env, cwd } = context(command);
    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = () => {
      interrupts += 1;
      if (interrupts > 1) process.exit(130);
      out.warn('Stopping: waiting for replies already on their way (Ctrl-C again to quit now)...');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
    let result: RunScoreResult;
    try {
      result = await runScore(
        {
          flags: { ...options, timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined },
          selection: { occupations: options.occupation, majorGroups: options.majorGroup, limit: options.limit, sample: options.sample, seed: options.seed },
          dryRun: options.dryRun,
          batchApi: options.batchApi,
          env,
          cwd,
          signal: controller.signal,
        },
        {
          onEvent: (event) => {
            if (event.type === 'offline' && !out.options.json) printOffline(out, event);
            if (event.type === 'plan' && !out.options.json) printPlan(out, event.plan);
            view.onEvent(event);
          },
        },
      );
    } finally {
      view.stop();
      process.off('SIGINT', onSigint);
    }
    const summary = result.status === 'dry-run' || result.scores.length === 0 ? undefined : analyzeRun(result, options);
    if (out.options.json) out.json({ ...resultJson(result), ...(summary ? { headline: summary.headline } : {}) });
    else if (result.status === 'dry-run') out.info('Dry run: nothing was sent.');
    else {
      printSummary(out, result);
      if (summary && !options.view) out.data(`\n${formatHeadline(out, summary.headline)}`);
    }
    if (options.view && summary && !out.options.json) await showView({ out, env, cwd }, { analysis: summary.analysis });
    if (result.status === 'interrupted') throw new ExitError(130);
    if (result.status === 'budget' || result.status === 'failures') throw new ExitError(1);
  });
}

/** What the run's scores mean: the headline of the dataset analysed with them under the chosen scenario. */
function analyzeRun(result: RunScoreResult, flags: ScenarioFlags): { analysis: Analysis; headline: Headline } {
  const scenario = scenarioFrom(flags);
  const analysis = analyze({ dataset: result.dataset, scores: result.scores, scorer: result.scorer, ...scenario, toolVersion: TOOL_VERSION });
  return { analysis, headline: headline(analysis) };
}
