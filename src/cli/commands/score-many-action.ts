// `score` with several scorers (`--model a --model b`, `--scorer x --scorer y`, the config file's "scorers"):
// every plan and the total before spending, one progress line per scorer, then one row per scorer, which
// scorer frontier / export / view now show for the dataset, that scorer's headline, and each scorer's
// headline figures beside it (their agreement is `compare`'s job).
import { ExitError } from '../../errors.js';
import type { ResolvedScoring, ScoreFlags } from '../../score/config.js';
import { runScoreMany, type RunManyResult } from '../../score/score-many.js';
import { provenanceText } from '../analysis-messages.js';
import type { CommandContext } from '../context.js';
import { formatInteger, formatPercent, table } from '../format.js';
import { formatHeadline } from '../headline-messages.js';
import { createManyScoreProgress } from '../score-progress-many.js';
import { analyzeRun, runRequest, stopOnCtrlC, type ScoreOptions } from './score-action.js';
import { manyResultJson, printManySummary, printOffline, printPlans } from './score-messages.js';

export async function scoreManyAction({ out, env, cwd }: CommandContext, options: ScoreOptions, run: { flags: ScoreFlags; scorers: ResolvedScoring[] }): Promise<void> {
  const ctrlC = stopOnCtrlC(out);
  const view = createManyScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let result: RunManyResult;
  try {
    result = await runScoreMany(
      {
        flags: run.flags,
        scorers: run.scorers,
        ...runRequest(options, { env, cwd }, ctrlC.signal),
      },
      {
        onEvent: (event) => {
          if (event.type === 'plans' && !out.options.json) printPlans(out, event.plans, { maxCost: event.maxCost, asData: options.dryRun });
          if (event.type === 'scorer' && event.event.type === 'offline' && !out.options.json) printOffline(out, event.event);
          view.onEvent(event);
        },
      },
    );
  } finally {
    view.stop();
    ctrlC.dispose();
  }

  const figures = result.status === 'dry-run' ? [] : await scorerFigures(result, options, { env, cwd });
  const chosen = figures.find((f) => f.scorer === result.defaultScorer);
  if (out.options.json) {
    const json = manyResultJson(result);
    const scorers = (json.scorers as Record<string, unknown>[]).map((entry, i) => ({ ...entry, ...(figures.find((f) => f.scorer === result.results[i]!.scorer)?.json ?? {}) }));
    out.json({ ...json, scorers, ...(chosen ? { headline: chosen.headline } : {}) });
  } else if (result.status === 'dry-run') out.info('Dry run: nothing was sent for any scorer.');
  else {
    printManySummary(out, result);
    if (chosen && result.defaultScorer) {
      const others = result.results.map((r) => r.scorer).filter((name) => name !== result.defaultScorer);
      out.data(
        `\nfrontier, export and view now show ${result.defaultScorer} for ${result.results[0]!.dataset.name} (the first scorer named with scores; ` +
          `the store records its run last). The others: --scorer ${others.join(' or --scorer ')}.`,
      );
      out.data(`\n${provenanceText(out, chosen.analysis)}\n\n${formatHeadline(out, chosen.headline)}`);
      out.data(`\n${out.style.bold('Each scorer')} ${out.style.dim('(beta; how far they agree: ai-frontier compare ' + result.results.map((r) => r.scorer).join(' ') + ')')}`);
      out.data(
        table(
          figures.map((f) => [f.scorer, formatInteger(f.headline.scoredTasks), f.headline.beta === null ? '-' : f.headline.beta.toFixed(3), ...exposedCells(f.headline)]),
          { header: ['scorer', 'tasks scored', 'mean beta', 'workers >= 10% exposed', 'workers >= 50% exposed'] },
        ),
      );
    }
  }
  if (result.status === 'interrupted') throw new ExitError(130);
  if (result.status !== 'complete' && result.status !== 'dry-run') throw new ExitError(1);
}

type Figures = Awaited<ReturnType<typeof analyzeRun>> & { scorer: string; json: Record<string, unknown> };

/** Each scorer's figures on the dataset, as `frontier --scorer NAME` shows them; scorers with no scores have none. */
async function scorerFigures(result: RunManyResult, options: ScoreOptions, ctx: { env: NodeJS.ProcessEnv; cwd: string }): Promise<Figures[]> {
  const figures: Figures[] = [];
  for (const r of result.results) {
    if (r.scores.length === 0) continue;
    // The default's figures come by the shared rule, as frontier shows them (its reason: the last run).
    const analyzed = await analyzeRun(r, options, ctx, r.scorer === result.defaultScorer ? undefined : r.scorer);
    const h = analyzed.headline;
    figures.push({ ...analyzed, scorer: r.scorer, json: { beta: h.beta, workersExposed: h.workersExposed.beta } });
  }
  return figures;
}

function exposedCells(h: Figures['headline']): string[] {
  const beta = h.workersExposed.beta;
  return beta && h.employmentCovered > 0 ? [formatPercent(beta.atLeast10), formatPercent(beta.atLeast50)] : ['-', '-'];
}
