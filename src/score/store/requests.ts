// What stored requests used: tokens and cost summed over a set of request ids, with the scores they stored.
// `check` reads this when every score it needs is already stored, to report the rate those scores were paid at.
import type Database from 'better-sqlite3';

export interface RequestUsage {
  requests: number;
  /** Scores those requests stored (all of them, not only the ones asked about). */
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** null when any of the requests had no known price. */
  costUsd: number | null;
}

export function requestUsage(db: Database.Database, ids: readonly string[]): RequestUsage {
  const usage: RequestUsage = { requests: 0, tasks: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT input_tokens, output_tokens, cached_input_tokens, cost_usd, task_count FROM requests WHERE id IN (${slice.map(() => '?').join(',')})`)
      .raw()
      .all(...slice) as [number, number, number, number | null, number][];
    for (const [input, output, cached, cost, tasks] of rows) {
      usage.requests += 1;
      usage.tasks += tasks;
      usage.inputTokens += input;
      usage.outputTokens += output;
      usage.cachedInputTokens += cached;
      usage.costUsd = usage.costUsd === null || cost === null ? null : usage.costUsd + cost;
    }
  }
  return usage;
}
