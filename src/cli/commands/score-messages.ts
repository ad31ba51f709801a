// What `score` says: the offline notice, the plan before spending, and the summary after.
// Messages go to stderr through out.info / out.warn; the summary table is data and goes to stdout.
import type { ScorePlan } from '../../score/plan.js';
import type { RunScoreResult } from '../../score/score-run.js';
import { TARGET_DESCRIPTIONS, type OfflineTarget } from '../../score/offline/targets.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';
import { formatDuration, formatUsd } from '../score-progress.js';

export function printOffline(out: Output, event: { model: string; target: OfflineTarget; reason: 'no-provider' | 'requested' }): void {
  const what = `the offline model ${event.model}, target ${event.target} (${TARGET_DESCRIPTIONS[event.target]})`;
  if (event.reason === 'requested') {
    out.info(`Scoring with ${what}.`);
    return;
  }
  out.info(
    `No API key or base URL set: scoring with ${what}. To use a language model instead, ` +
      'set OPENAI_API_KEY or pass --provider ollama / --base-url http://localhost:11434/v1',
  );
}

function costCell(plan: ScorePlan): string {
  if (plan.price === 'free') return '$0 (local server)';
  if (plan.price === 'unknown') return `unknown: no price listed for ${plan.model}`;
  return `${formatUsd(plan.estCostUsd)}${plan.batchApi ? ' (Batch API, half price)' : ''}, prices read ${plan.pricesReadOn}`;
}

/** The plan goes with the messages before a run, and is the data itself of a dry run (stdout, even with --quiet). */
export function printPlan(out: Output, plan: ScorePlan, options: { asData?: boolean } = {}): void {
  const print = options.asData ? out.data : out.info;
  const offline = plan.provider === 'offline';
  const rows: string[][] = [
    ['tasks selected', formatInteger(plan.tasksSelected)],
    ['already stored', formatInteger(plan.alreadyStored)],
  ];
  if (offline) rows.push(['to score', formatInteger(plan.toScore)]);
  else {
    rows.push(
      ['to score', formatInteger(plan.toScore)],
      ['requests to send', `${formatInteger(plan.requests)} (up to ${plan.batchSize} tasks each)`],
      ['est. input tokens', formatInteger(plan.estInputTokens)],
      ['est. output tokens', formatInteger(plan.estOutputTokens)],
      ['est. cost', costCell(plan)],
    );
  }
  print(`Plan: ${plan.dataset} with ${plan.scorer}`);
  print(table(rows.map(([a, b]) => [`  ${a}`, b!])));
}

export function resultJson(result: RunScoreResult): Record<string, unknown> {
  return {
    status: result.status,
    scorer: result.scorer,
    dataset: result.dataset.name,
    store: result.storeFile,
    plan: result.plan,
    scored: result.scored,
    failed: result.failures.length,
    left: result.left,
    requests: result.progress.requests,
    usage: {
      inputTokens: result.progress.inputTokens,
      outputTokens: result.progress.outputTokens,
      cachedInputTokens: result.progress.cachedInputTokens,
    },
    costUsd: result.progress.costUsd,
    elapsedMs: result.elapsedMs,
    failures: result.failures,
    ...(result.batchId ? { batchId: result.batchId } : {}),
  };
}

const EXPOSURES = ['E0', 'E1', 'E2'] as const;

export function printSummary(out: Output, result: RunScoreResult): void {
  const { plan, progress } = result;
  const counts = Object.fromEntries(EXPOSURES.map((e) => [e, result.scores.filter((s) => s.exposure === e).length]));
  const rows: string[][] = [
    ['scorer', result.scorer],
    ['dataset', `${result.dataset.name} (${formatInteger(plan.tasksSelected)} tasks selected)`],
    ['scored now', formatInteger(result.scored)],
    ['from the store', formatInteger(plan.alreadyStored)],
  ];
  if (result.failures.length) rows.push(['failed', formatInteger(result.failures.length)]);
  if (plan.provider !== 'offline') {
    rows.push(
      ['requests', formatInteger(progress.requests)],
      ['tokens', `${formatInteger(progress.inputTokens)} in (${formatInteger(progress.cachedInputTokens)} cached), ${formatInteger(progress.outputTokens)} out`],
      ['cost', formatUsd(progress.costUsd)],
    );
  }
  rows.push(
    ['exposure', EXPOSURES.map((e) => `${e} ${formatInteger(counts[e] ?? 0)}`).join('  ')],
    ['time', formatDuration(result.elapsedMs)],
    ['store', result.storeFile],
  );
  out.data(table(rows));
  for (const failure of result.failures.slice(0, 5)) out.warn(`failed: task ${failure.taskId} (${failure.occupationCode}): ${failure.reason}`);
  if (result.failures.length > 5) out.warn(`... and ${result.failures.length - 5} more failures`);
  if (result.status === 'interrupted') out.warn(`Stopped. Run the same command again to resume: ${formatInteger(result.left)} tasks left.`);
  if (result.status === 'budget') {
    out.warn(`Stopped at the --max-cost budget (${formatUsd(progress.costUsd)} spent). ${formatInteger(result.left)} tasks left; raise --max-cost and run the same command again to finish them.`);
  }
  if (result.status === 'failures') out.warn(`${formatInteger(result.left)} tasks have no score; run the same command again to retry them.`);
}
