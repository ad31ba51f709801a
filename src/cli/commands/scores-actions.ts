// What `scores list|show|clear|repair|batch-status` do once parsed: read or change the store, follow Batch API jobs.
import { ExitError, UsageError } from '../../errors.js';
import { batchClient, waitAndIngest } from '../../score/llm/batch-api.js';
import { resolveStorePath } from '../../score/config.js';
import { costOf, priceFor } from '../../score/llm/prices.js';
import { isLocalURL } from '../../score/llm/providers.js';
import type { BatchOutcome } from '../../score/llm/run.js';
import { openStore, type ScoreStore, type StoredBatch, type StoredItem } from '../../score/store/store.js';
import { repairStore } from '../../score/store/repair.js';
import type { CommandContext } from '../context.js';
import { formatInteger, table, truncate } from '../format.js';
import { formatUsd } from '../score-progress.js';

export interface StoreFlag {
  store?: string;
}

/** Runs `use` on the store; `read` opens it read-only (nothing created, readable on read-only media). */
function withStore<T>(
  flags: StoreFlag,
  ctx: { env: NodeJS.ProcessEnv; cwd: string },
  access: 'read' | 'write',
  use: (store: ScoreStore) => T | Promise<T>,
): Promise<T> {
  const store = openStore(resolveStorePath(flags.store, ctx), { readonly: access === 'read' });
  return Promise.resolve()
    .then(() => use(store))
    .finally(() => store.close());
}

export async function listAction(ctx: CommandContext, flags: StoreFlag): Promise<void> {
  await withStore(flags, ctx, 'read', (store) => {
    const scorers = store.listScorers();
    if (ctx.out.options.json) return ctx.out.json({ store: store.file, scorers });
    if (scorers.length === 0) return ctx.out.info(`No scores in ${store.file} yet; run \`ai-frontier score\`.`);
    ctx.out.data(
      table(
        scorers.map((s) => [s.scorer, formatInteger(s.count), s.models.join(', '), formatInteger(s.requests), formatInteger(s.inputTokens + s.outputTokens), formatUsd(s.costUsd), s.lastRun.slice(0, 16).replace('T', ' ')]),
        { header: ['scorer', 'tasks', 'model', 'requests', 'tokens', 'cost', 'last run (UTC)'], align: ['left', 'right', 'left', 'right', 'right', 'right', 'left'] },
      ),
    );
  });
}

export async function showAction(ctx: CommandContext, taskId: string, flags: StoreFlag & { occupation?: string }): Promise<void> {
  await withStore(flags, ctx, 'read', (store) => {
    const found = store.scoresForTask(taskId, flags.occupation);
    if (ctx.out.options.json) return ctx.out.json({ taskId, scores: found });
    if (found.length === 0) {
      // Task tables may use any id, so only an id found nowhere that is not even a number is a usage error.
      if (!/^\d+(\.0+)?$/.test(taskId)) throw new UsageError(`no stored score for task "${taskId}": O*NET Task IDs are whole numbers, such as 900101 in the bundled sample`);
      ctx.out.warn(`No stored score for task ${taskId}.`);
      throw new ExitError(1);
    }
    const first = found[0]!;
    ctx.out.data(`Task ${taskId} (${first.occupationCode}${first.title ? `, ${first.title}` : ''})`);
    if (first.text) ctx.out.data(first.text);
    ctx.out.data('');
    ctx.out.data(
      table(
        found.map((s) => [s.scorer, s.exposure, s.automation ?? '', s.mode ?? '', s.horizon !== undefined ? String(s.horizon) : '', s.confidence !== undefined ? s.confidence.toFixed(2) : '', truncate(s.rationale ?? '', 90)]),
        { header: ['scorer', 'exposure', 'automation', 'mode', 'horizon', 'confidence', 'rationale'] },
      ),
    );
  });
}

export async function clearAction(ctx: CommandContext, flags: StoreFlag & { scorer?: string; yes?: boolean }): Promise<void> {
  await withStore(flags, ctx, 'write', async (store) => {
    if (flags.scorer !== undefined) {
      const known = store.listScorers().map((s) => s.scorer);
      if (!known.includes(flags.scorer)) {
        const listed = known.length ? `scorers there: ${known.join(', ')}` : 'it holds no scores';
        throw new UsageError(`no scorer "${flags.scorer}" in ${store.file}; ${listed}`);
      }
    }
    const what = flags.scorer ? `the scores of ${flags.scorer}` : 'every stored score';
    if (!flags.yes) {
      if (!process.stdin.isTTY || !ctx.out.interactive) {
        ctx.out.warn(`Refusing to delete ${what} without confirmation: pass --yes.`);
        throw new ExitError(2);
      }
      if (!(await confirm(`Delete ${what} from ${store.file}? [y/N] `))) {
        ctx.out.info('Nothing deleted.');
        return;
      }
    }
    const removed = store.clear({ scorer: flags.scorer });
    if (ctx.out.options.json) return ctx.out.json({ removed });
    ctx.out.info(`Deleted ${formatInteger(removed.scores)} scores and ${formatInteger(removed.requests)} request records.`);
  });
}

export function repairAction(ctx: CommandContext, flags: StoreFlag): void {
  const report = repairStore(resolveStorePath(flags.store, ctx));
  if (ctx.out.options.json) return ctx.out.json(report);
  if (!report.repaired) return ctx.out.info(`${report.file}: quick_check finds no damage; nothing to repair.`);
  ctx.out.data(
    table(
      report.tables.map((t) => [t.table, formatInteger(t.copied), t.lostWhole ? 'all (table unreadable)' : formatInteger(t.unreadable)]),
      { header: ['table', 'rows copied', 'rows unreadable (at most)'], align: ['left', 'right', 'right'] },
    ),
  );
  ctx.out.info(`Repaired ${report.file}; the damaged file is kept as ${report.damagedCopy}. Run \`ai-frontier score\` again to re-score what was lost.`);
}

export async function batchStatusAction(ctx: CommandContext, batchId: string | undefined, flags: StoreFlag & { wait?: boolean }): Promise<void> {
  // Following a batch stores its results; listing only reads.
  await withStore(flags, ctx, batchId ? 'write' : 'read', async (store) => {
    if (!batchId) {
      const batches = store.listBatches();
      if (ctx.out.options.json) return ctx.out.json({ batches });
      if (batches.length === 0) return ctx.out.info('No Batch API jobs in the store.');
      ctx.out.data(table(batches.map(batchRow), { header: ['batch', 'scorer', 'status', 'requests', 'created (UTC)', 'ingested'] }));
      return;
    }
    const batch = store.getBatch(batchId);
    if (!batch) throw new UsageError(`no batch ${batchId} in ${store.file}; \`ai-frontier scores batch-status\` lists them`);
    if (!batch.ingestedAt) await followBatch({ batch, store, env: ctx.env, wait: Boolean(flags.wait), info: (t) => ctx.out.info(t) });
    const after = store.getBatch(batchId)!;
    if (ctx.out.options.json) return ctx.out.json({ batch: after });
    ctx.out.data(table([batchRow(after)], { header: ['batch', 'scorer', 'status', 'requests', 'created (UTC)', 'ingested'] }));
  });
}

function batchRow(b: StoredBatch): string[] {
  return [b.id, b.scorer, b.status, formatInteger(b.requestCount), b.createdAt.slice(0, 16).replace('T', ' '), b.ingestedAt ? 'yes' : 'no'];
}

/** Reconnects to the batch's endpoint with the key from the variable it was submitted with. */
async function followBatch(args: { batch: StoredBatch; store: ScoreStore; env: NodeJS.ProcessEnv; wait: boolean; info: (text: string) => void }): Promise<void> {
  const { batch, store, env } = args;
  const settings = batch.settings as { baseURL?: string; apiKeyEnv?: string; timeoutMs?: number; provider?: string; model?: string; rubricVersion?: string };
  const keyEnv = settings.apiKeyEnv ?? 'OPENAI_API_KEY';
  const apiKey = env[keyEnv];
  if (!apiKey) throw new UsageError(`${keyEnv} is not set; the batch was submitted with the key from that variable`);
  const client = batchClient({ apiKey, baseURL: settings.baseURL, timeoutMs: settings.timeoutMs ?? 120_000 });
  const price = priceFor({ provider: batch.provider, model: batch.model, local: settings.baseURL ? isLocalURL(settings.baseURL) : false });
  const items = new Map<string, StoredItem>();
  for (const group of store.batchRequests(batch.id).values()) for (const item of group) items.set(item.key, item);
  let scored = 0;
  const onOutcome = (outcome: BatchOutcome) => {
    scored += store.saveOutcome(outcome, {
      scorer: batch.scorer,
      model: batch.model,
      provider: batch.provider,
      rubricVersion: String(settings.rubricVersion ?? ''),
      costUsd: costOf(outcome.usage, price, { batchApi: true }),
      items,
    });
  };
  const done = await waitAndIngest({ client, store, batch, onOutcome, once: !args.wait, onStatus: (s) => args.info(`batch ${s.batchId}: ${s.status}${s.total ? ` ${s.completed ?? 0}/${s.total} requests` : ''}`) });
  if (done) args.info(`Stored ${formatInteger(scored)} new scores from batch ${batch.id}.`);
}

function confirm(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    process.stderr.write(question);
    process.stdin.setEncoding('utf8');
    process.stdin.once('data', (answer: string) => {
      process.stdin.pause();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
