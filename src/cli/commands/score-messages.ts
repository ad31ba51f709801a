// What `score` says: the offline notice, the plan before spending, and the summary after.
// Messages go to stderr through out.info / out.warn; the summary table is data and goes to stdout.
import type { ScorePlan } from '../../score/plan.js';
import type { RunScoreResult, RunStatus } from '../../score/score-run.js';
import type { RunManyResult } from '../../score/score-many.js';
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

/** The plans of a run of several scorers: one row each and the total; the data itself of a dry run. */
export function printPlans(out: Output, plans: readonly ScorePlan[], options: { maxCost?: number; asData?: boolean } = {}): void {
  const print = options.asData ? out.data : out.info;
  const sum = (pick: (plan: ScorePlan) => number) => plans.reduce((total, plan) => total + pick(plan), 0);
  const costs = plans.map((plan) => (plan.provider === 'offline' ? 0 : plan.estCostUsd));
  const totalCost = costs.some((c) => c === null) ? null : costs.reduce<number>((a, c) => a + c!, 0);
  const rows: string[][] = [
    ['scorer', 'tasks', 'already stored', 'to score', 'requests', 'est. tokens in / out', 'est. cost'],
    ...plans.map((plan) => [
      plan.scorer,
      formatInteger(plan.tasksSelected),
      formatInteger(plan.alreadyStored),
      formatInteger(plan.toScore),
      plan.provider === 'offline' ? '-' : formatInteger(plan.requests),
      plan.provider === 'offline' ? '-' : `${formatInteger(plan.estInputTokens)} / ${formatInteger(plan.estOutputTokens)}`,
      plan.provider === 'offline' ? '$0 (offline)' : plan.price === 'free' ? '$0 (local server)' : plan.price === 'unknown' ? 'unknown' : `${formatUsd(plan.estCostUsd)}${plan.batchApi ? ' (Batch API)' : ''}`,
    ]),
    ['total', formatInteger(sum((p) => p.tasksSelected)), formatInteger(sum((p) => p.alreadyStored)), formatInteger(sum((p) => p.toScore)),
      formatInteger(sum((p) => (p.provider === 'offline' ? 0 : p.requests))),
      `${formatInteger(sum((p) => (p.provider === 'offline' ? 0 : p.estInputTokens)))} / ${formatInteger(sum((p) => (p.provider === 'offline' ? 0 : p.estOutputTokens)))}`,
      totalCost === null ? 'unknown (a scorer has no listed price)' : formatUsd(totalCost)],
  ];
  print(`Plan: ${plans[0]?.dataset ?? ''} with ${plans.length} scorers (one task list, one store; each scorer keeps its own scores)`);
  const [header, ...body] = rows.map(([first, ...rest]) => [`  ${first}`, ...rest]);
  print(table(body, { header }));
  const priced = plans.find((plan) => plan.price === 'known');
  if (priced) print(`  prices read ${priced.pricesReadOn}`);
  if (options.maxCost !== undefined) print(`  --max-cost ${formatUsd(options.maxCost)} applies to the total of all scorers: each stops sending once the run's spend would pass it.`);
}

const STATUS_WORDS: Record<RunStatus, string> = {
  'dry-run': 'dry run',
  complete: 'complete',
  interrupted: 'stopped (Ctrl-C)',
  budget: 'stopped at --max-cost',
  failures: 'some tasks failed',
  failed: 'failed',
};

/** One row per scorer and the total; then what happened to each scorer that did not complete. */
export function printManySummary(out: Output, result: RunManyResult): void {
  const rows: string[][] = [['scorer', 'outcome', 'scored now', 'from the store', 'failed', 'left', 'requests', 'tokens in / out', 'cost', 'exposure', 'time']];
  for (const r of result.results) {
    const counts = EXPOSURES.map((e) => `${e} ${formatInteger(r.scores.filter((s) => s.exposure === e).length)}`).join(' ');
    const offline = r.plan.provider === 'offline';
    rows.push([
      r.scorer,
      STATUS_WORDS[r.status],
      formatInteger(r.scored),
      formatInteger(r.plan.alreadyStored),
      formatInteger(r.failures.length),
      formatInteger(r.left),
      offline ? '-' : formatInteger(r.progress.requests),
      offline ? '-' : `${formatInteger(r.progress.inputTokens)} / ${formatInteger(r.progress.outputTokens)}`,
      offline ? '$0' : formatUsd(r.progress.costUsd),
      counts,
      formatDuration(r.elapsedMs),
    ]);
  }
  const total = manyTotals(result);
  rows.push(['total', STATUS_WORDS[result.status], formatInteger(total.scored), formatInteger(total.fromStore), formatInteger(total.failed), formatInteger(total.left),
    formatInteger(total.requests), `${formatInteger(total.inputTokens)} / ${formatInteger(total.outputTokens)}`, formatUsd(total.costUsd), '', formatDuration(result.elapsedMs)]);
  const [header, ...body] = rows;
  out.data(table(body, { header }));
  out.data(`store: ${result.storeFile}`);
  for (const r of result.results) {
    if (r.status === 'failed') out.warn(`${r.scorer} failed: ${r.error ?? 'unknown error'} (its ${formatInteger(r.scored)} scores stored before that are kept; the other scorers went on)`);
    for (const failure of r.failures.slice(0, 3)) out.warn(`${r.scorer}: task ${failure.taskId} (${failure.occupationCode}) failed: ${failure.reason}`);
    if (r.failures.length > 3) out.warn(`${r.scorer}: ... and ${r.failures.length - 3} more failures`);
  }
  const left = total.left;
  if (result.status === 'interrupted') out.warn(`Stopped. Run the same command again to resume: ${formatInteger(left)} tasks left over all scorers.`);
  if (result.results.some((r) => r.status === 'budget')) {
    out.warn(`Stopped at the --max-cost budget of all scorers together (${formatUsd(total.costUsd)} spent). ${formatInteger(left)} tasks left; raise --max-cost and run the same command again to finish them.`);
  }
  if (result.status === 'failures' || result.status === 'failed') out.warn(`${formatInteger(left)} tasks have no score; run the same command again to retry them (stored scores are not asked again).`);
}

export function manyTotals(result: RunManyResult) {
  const sum = (pick: (r: RunScoreResult) => number) => result.results.reduce((total, r) => total + pick(r), 0);
  const costs = result.results.map((r) => r.progress.costUsd);
  return {
    scored: sum((r) => r.scored),
    fromStore: sum((r) => r.plan.alreadyStored),
    failed: sum((r) => r.failures.length),
    left: sum((r) => r.left),
    requests: sum((r) => r.progress.requests),
    inputTokens: sum((r) => r.progress.inputTokens),
    outputTokens: sum((r) => r.progress.outputTokens),
    cachedInputTokens: sum((r) => r.progress.cachedInputTokens),
    costUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((a, c) => a + c!, 0),
  };
}

export function manyResultJson(result: RunManyResult): Record<string, unknown> {
  return {
    status: result.status,
    dataset: result.results[0]?.dataset.name,
    store: result.storeFile,
    defaultScorer: result.defaultScorer ?? null,
    maxCostUsd: result.maxCost ?? null,
    scorers: result.results.map((r) => ({ ...resultJson(r), ...(r.error ? { error: r.error } : {}) })),
    total: manyTotals(result),
    elapsedMs: result.elapsedMs,
  };
}
