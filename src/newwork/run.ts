// The `new-work` command's core: settings → dataset → one scorer's scores → subjects and their contexts →
// what the store lacks → plan → one request per subject through the shared request loop → store, one
// transaction per reply. Offline (no model configured) it gathers the examples there are instead.
// Returns data; the command prints it.
import { randomUUID } from 'node:crypto';
import { discoverModel } from '../score/llm/request.js';
import { emergingTaskExamples } from '../analysis/new-work-examples.js';
import { storedNewWork } from '../analysis/new-work-store.js';
import type { NewWorkExample } from '../analysis/types.js';
import { resolveDataset } from '../data/resolve.js';
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { runChatJobs, type ChatEvent } from '../score/llm/chat-jobs.js';
import { resolveScoring, type ScoreFlags } from '../score/config.js';
import { costOf, PRICES_READ_ON, priceFor, type PriceLookup } from '../score/llm/prices.js';
import { chooseScorer } from '../analysis/scorer-choice.js';
import { openStore } from '../score/store/store.js';
import { checkRoom } from '../score/store/open.js';
import type { Progress } from '../score/score-run.js';
import { newWorkContexts, newWorkKey, type SubjectOptions } from './context.js';
import { estimateNewWorkTokens, NEW_WORK_PROMPT_VERSION, newWorkChatRequest, yearBounds, type NewWorkContext } from './prompt.js';
import { parseNewWorkReply, type NewWorkDropped } from './reply.js';
import type { StoredProposal } from '../score/store/new-work.js';

export interface NewWorkFlags extends ScoreFlags {
  oews?: string;
  /** Whose scores pick the exposed tasks. Unset: the stored scorer covering most of the dataset, else offline. */
  scorer?: string;
}

export interface RunNewWorkOptions {
  flags: NewWorkFlags;
  subjects: SubjectOptions;
  dryRun?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** First year a proposal may emerge (default: this year). */
  baseYear?: number;
  /** Re-asks of a reply with no valid proposal (default 2). */
  maxReasks?: number;
}

export interface NewWorkPlan {
  scope: NewWorkContext['scope'];
  dataset: string;
  scorer: string;
  proposer: string;
  subjects: number;
  alreadyStored: number;
  requests: number;
  estInputTokens: number;
  estOutputTokens: number;
  estCostUsd: number | null;
  price: PriceLookup['kind'];
  pricesReadOn: string;
}

/** Counted as scoring counts, in subjects rather than tasks. */
export type NewWorkProgress = Omit<Progress, 'startedAt' | 'updatedAt'>;

export interface SubjectProposals {
  scope: NewWorkContext['scope'];
  subject: string;
  title: string;
  proposals: StoredProposal[];
}

export type NewWorkEvent =
  | { type: 'plan'; plan: NewWorkPlan }
  | { type: 'subject'; subject: string; title: string; proposals: number; progress: NewWorkProgress }
  | { type: 'engine'; event: ChatEvent };

export type NewWorkStatus = 'offline' | 'dry-run' | 'complete' | 'interrupted' | 'budget' | 'failures';

export interface RunNewWorkResult {
  status: NewWorkStatus;
  dataset: Dataset;
  storeFile: string;
  offlineReason?: 'no-provider' | 'requested';
  /** Examples of the grey when no model ran: O*NET Emerging Tasks and stored proposals. */
  examples: NewWorkExample[];
  plan?: NewWorkPlan;
  /** Per subject, its stored proposals (new or from earlier runs). */
  subjects: SubjectProposals[];
  failures: { subject: string; reason: string }[];
  dropped: NewWorkDropped;
  progress: NewWorkProgress;
  elapsedMs: number;
}

type Job = NewWorkContext & { key: string };

export async function runNewWork(options: RunNewWorkOptions, hooks: { onEvent?: (event: NewWorkEvent) => void } = {}): Promise<RunNewWorkResult> {
  const emit = hooks.onEvent ?? (() => {});
  const started = Date.now();
  const resolved = resolveScoring(options.flags, options);
  const dataset = await resolveDataset(resolved.common.dataset, { env: options.env, cwd: options.cwd, oews: options.flags.oews });
  // Offline and dry runs only read: they work on a read-only store and create none.
  const store = openStore(resolved.common.store, { readonly: resolved.kind === 'offline' || Boolean(options.dryRun) });
  const progress: NewWorkProgress = { done: 0, total: 0, failed: 0, requests: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };
  const dropped: NewWorkDropped = { invalidProposals: 0, unknownCodes: 0 };
  const base = { dataset, storeFile: store.file, failures: [], dropped, progress };
  try {
    if (resolved.kind === 'offline') {
      const examples = [...emergingTaskExamples(dataset), ...storedNewWork(store, dataset)];
      return { ...base, status: 'offline', offlineReason: resolved.reason, examples, subjects: [], elapsedMs: Date.now() - started };
    }
    const settings = { ...resolved.settings };
    if (!settings.model) settings.model = await discoverModel(settings, options.fetch);
    const proposer = `${settings.provider}:${settings.model}`;
    const { scorer, scores } = chooseScorer({ dataset, store, storePath: store.file, requested: options.flags.scorer });
    const contexts = newWorkContexts({ dataset, scores, scorer, ...options.subjects });
    if (contexts.length === 0) throw new UsageError(`no ${options.subjects.by === 'group' ? 'group' : 'occupation'} of dataset ${dataset.name} has scored tasks under those filters; loosen --occupation / --major-group`);

    const bounds = yearBounds(options.baseYear);
    const jobs: Job[] = contexts.map((context) => ({
      ...context,
      key: newWorkKey({ provider: settings.provider, baseURL: settings.baseURL, model: settings.model, temperature: settings.temperature, bounds, context }),
    }));
    const missing = new Set(store.missingNewWork(jobs.map((j) => j.key)));
    const todo = jobs.filter((j) => missing.has(j.key));
    const price = priceFor({ provider: settings.provider, model: settings.model, local: resolved.local });
    const maxCost = resolved.common.maxCost;
    if (maxCost !== undefined && price.kind === 'unknown') {
      throw new UsageError(`--max-cost needs a known price, and ${settings.model} on ${settings.provider} has none in the price table; drop --max-cost or pick a listed model`);
    }
    const planMode = settings.structuredOutput === 'json_object' ? 'json_object' : 'json_schema';
    const estimates = todo.map((j) => estimateNewWorkTokens(j, { mode: planMode, bounds }));
    const estInputTokens = estimates.reduce((s, e) => s + e.input, 0);
    const estOutputTokens = estimates.reduce((s, e) => s + e.output, 0);
    const plan: NewWorkPlan = {
      scope: options.subjects.by,
      dataset: dataset.name,
      scorer,
      proposer,
      subjects: jobs.length,
      alreadyStored: jobs.length - todo.length,
      requests: todo.length,
      estInputTokens,
      estOutputTokens,
      estCostUsd: costOf({ inputTokens: estInputTokens, outputTokens: estOutputTokens, cachedInputTokens: 0 }, price),
      price: price.kind,
      pricesReadOn: PRICES_READ_ON,
    };
    emit({ type: 'plan', plan });
    progress.total = todo.length;
    if (price.kind === 'unknown') progress.costUsd = null;
    const finish = (status: NewWorkStatus, failures: RunNewWorkResult['failures']): RunNewWorkResult => ({
      ...base,
      status,
      failures,
      examples: [],
      plan,
      subjects: jobs.map((j) => ({ scope: j.scope, subject: j.subject, title: j.title, proposals: store.newWorkFor({ keys: [j.key] }) })),
      elapsedMs: Date.now() - started,
    });
    if (options.dryRun) return finish('dry-run', []);
    if (todo.length === 0) return finish('complete', []);
    // A subject's proposals take about what a few tasks' scores take.
    checkRoom(store.file, todo.length * 4);

    const failures: RunNewWorkResult['failures'] = [];
    const maxReasks = options.maxReasks ?? 2;
    const perRequest = plan.requests > 0 && plan.estCostUsd !== null ? plan.estCostUsd / plan.requests : 0;
    let inFlight = 0;
    let budgetHit = false;
    const record = (usage: NewWorkRequestUsage) => {
      inFlight = Math.max(0, inFlight - 1);
      progress.inputTokens += usage.inputTokens;
      progress.outputTokens += usage.outputTokens;
      progress.cachedInputTokens += usage.cachedInputTokens;
      const cost = costOf(usage, price);
      if (progress.costUsd !== null && cost !== null) progress.costUsd += cost;
      return cost;
    };
    await runChatJobs<Job>({
      batches: todo.map((job) => [job]),
      settings,
      limits: { concurrency: resolved.common.concurrency, rpm: resolved.common.rpm, tpm: resolved.common.tpm },
      build: ([job], mode) => newWorkChatRequest(job!, { mode, bounds }),
      estimate: ([job], mode) => {
        const size = estimateNewWorkTokens(job!, { mode, bounds });
        return size.input + size.output;
      },
      onReply: async ({ items: [job], ask }, reply) => {
        const parsed = reply.refusal
          ? { proposals: [], dropped: { invalidProposals: 0, unknownCodes: 0 }, reason: `the model refused: ${reply.refusal}` }
          : parseNewWorkReply({ content: reply.content, sentCodes: job!.occupations.map((o) => o.code), bounds });
        dropped.invalidProposals += parsed.dropped.invalidProposals;
        dropped.unknownCodes += parsed.dropped.unknownCodes;
        const costUsd = record(reply.usage);
        // The request row is kept even for a reply with nothing valid in it: it was paid for.
        store.saveNewWork(
          { requestId: randomUUID(), key: job!.key, scope: job!.scope, subject: job!.subject, proposals: parsed.proposals, usage: reply.usage },
          { scorer: `new-work:${proposer}`, model: settings.model, provider: settings.provider, promptVersion: NEW_WORK_PROMPT_VERSION, costUsd },
        );
        if (parsed.proposals.length) {
          progress.done += 1;
          emit({ type: 'subject', subject: job!.subject, title: job!.title, proposals: parsed.proposals.length, progress: { ...progress } });
          return [];
        }
        if (ask <= maxReasks) {
          emit({ type: 'engine', event: { type: 'retry', reason: `re-asking for ${job!.subject}: ${parsed.reason}` } });
          return [[job!]];
        }
        progress.failed += 1;
        failures.push({ subject: job!.subject, reason: `${parsed.reason} (asked ${ask} times)` });
        return [];
      },
      onGiveUp: async ([job], reason) => {
        inFlight = Math.max(0, inFlight - 1);
        progress.failed += 1;
        failures.push({ subject: job!.subject, reason });
      },
      onEvent: (event) => {
        if (event.type === 'request-start') {
          inFlight = event.inFlight;
          // Every HTTP request sent, retries and 429s included.
          progress.requests += 1;
        }
        emit({ type: 'engine', event });
      },
      signal: options.signal,
      shouldContinue: () => {
        if (maxCost === undefined || progress.costUsd === null) return true;
        const ok = progress.costUsd + (inFlight + 1) * perRequest <= maxCost;
        if (!ok) budgetHit = true;
        return ok;
      },
      fetch: options.fetch,
    });
    const left = store.missingNewWork(jobs.map((j) => j.key)).length;
    const status: NewWorkStatus = options.signal?.aborted ? 'interrupted' : budgetHit && left > 0 ? 'budget' : failures.length ? 'failures' : 'complete';
    return finish(status, failures);
  } finally {
    store.close();
  }
}

type NewWorkRequestUsage = { inputTokens: number; outputTokens: number; cachedInputTokens: number };
