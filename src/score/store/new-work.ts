// New-work proposals in the score store (table `new_work`, see src/score/store/schema.ts). A request's
// proposals are committed in one transaction together with its request row (tokens, cost), so a killed run
// leaves a subject either fully proposed or not at all, and a rerun asks only for subjects with no rows.
import type Database from 'better-sqlite3';

/** One proposed task or role, as a new-work reply gives it once validated (src/newwork/reply.ts). */
export interface Proposal {
  kind: 'task' | 'role';
  text: string;
  title?: string;
  year: number;
  drawsFrom: string[];
  rationale: string;
}

export interface StoredProposal extends Proposal {
  /** The context key: one per subject and settings; several proposals share it. */
  key: string;
  position: number;
  scope: 'occupation' | 'group';
  subject: string;
  model: string;
  provider: string;
  promptVersion: string;
  requestId?: string;
  createdAt: string;
}

export interface NewWorkRequest {
  requestId: string;
  key: string;
  scope: 'occupation' | 'group';
  subject: string;
  proposals: Proposal[];
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
}

export interface NewWorkMeta {
  /** Recorded on the request row; kept apart from scorers' names so `scores list` never counts it. */
  scorer: string;
  model: string;
  provider: string;
  promptVersion: string;
  costUsd: number | null;
}

interface Row {
  key: string;
  position: number;
  scope: 'occupation' | 'group';
  subject: string;
  kind: 'task' | 'role';
  text: string;
  title: string | null;
  year: number;
  draws_from: string;
  rationale: string;
  model: string;
  provider: string;
  prompt_version: string;
  request_id: string | null;
  created_at: string;
}

const CHUNK = 500;

function toProposal(row: Row): StoredProposal {
  return {
    key: row.key,
    position: row.position,
    scope: row.scope,
    subject: row.subject,
    kind: row.kind,
    text: row.text,
    ...(row.title ? { title: row.title } : {}),
    year: row.year,
    drawsFrom: JSON.parse(row.draws_from) as string[],
    rationale: row.rationale,
    model: row.model,
    provider: row.provider,
    promptVersion: row.prompt_version,
    ...(row.request_id ? { requestId: row.request_id } : {}),
    createdAt: row.created_at,
  };
}

export function newWorkMethods(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO new_work (key, position, scope, subject, kind, text, title, year, draws_from, rationale, model, provider,
      prompt_version, request_id, created_at)
    VALUES (@key, @position, @scope, @subject, @kind, @text, @title, @year, @draws_from, @rationale, @model, @provider,
      @prompt_version, @request_id, @created_at)
    ON CONFLICT (key, position) DO NOTHING`);
  const insertRequest = db.prepare(`
    INSERT OR IGNORE INTO requests (id, scorer, model, provider, input_tokens, output_tokens, cached_input_tokens,
      cost_usd, task_count, failed_count, created_at)
    VALUES (@id, @scorer, @model, @provider, @input_tokens, @output_tokens, @cached_input_tokens, @cost_usd,
      @task_count, @failed_count, @created_at)`);

  const save = db.transaction((request: NewWorkRequest, meta: NewWorkMeta): number => {
    const createdAt = new Date().toISOString();
    insertRequest.run({
      id: request.requestId,
      scorer: meta.scorer,
      model: meta.model,
      provider: meta.provider,
      input_tokens: request.usage.inputTokens,
      output_tokens: request.usage.outputTokens,
      cached_input_tokens: request.usage.cachedInputTokens,
      cost_usd: meta.costUsd,
      task_count: request.proposals.length,
      failed_count: 0,
      created_at: createdAt,
    });
    // A subject already proposed (a concurrent run got there first) keeps its proposals as they were.
    const existing = db.prepare(`SELECT COUNT(*) FROM new_work WHERE key = ?`).pluck().get(request.key) as number;
    if (existing > 0) return 0;
    request.proposals.forEach((p, position) =>
      insert.run({
        key: request.key,
        position,
        scope: request.scope,
        subject: request.subject,
        kind: p.kind,
        text: p.text,
        title: p.title ?? null,
        year: p.year,
        draws_from: JSON.stringify(p.drawsFrom),
        rationale: p.rationale,
        model: meta.model,
        provider: meta.provider,
        prompt_version: meta.promptVersion,
        request_id: request.requestId,
        created_at: createdAt,
      }),
    );
    return request.proposals.length;
  });

  return {
    /** The context keys (in the order given, without repeats) that have no stored proposals. */
    missingNewWork(keys: readonly string[]): string[] {
      const unique = [...new Set(keys)];
      const found = new Set<string>();
      for (let i = 0; i < unique.length; i += CHUNK) {
        const slice = unique.slice(i, i + CHUNK);
        const rows = db.prepare(`SELECT DISTINCT key FROM new_work WHERE key IN (${slice.map(() => '?').join(',')})`).pluck().all(...slice) as string[];
        for (const key of rows) found.add(key);
      }
      return unique.filter((key) => !found.has(key));
    },

    /** Commits one request's proposals and its request row in one transaction. Returns how many were stored. */
    saveNewWork(request: NewWorkRequest, meta: NewWorkMeta): number {
      return save(request, meta);
    },

    /** Stored proposals, of some subjects or all, and of some keys when given; by subject, newest run first. */
    newWorkFor(options: { subjects?: readonly string[]; keys?: readonly string[] } = {}): StoredProposal[] {
      const rows = db.prepare(`SELECT * FROM new_work ORDER BY subject, created_at DESC, key, position`).all() as Row[];
      const subjects = options.subjects ? new Set(options.subjects) : undefined;
      const keys = options.keys ? new Set(options.keys) : undefined;
      return rows.filter((r) => (!subjects || subjects.has(r.subject)) && (!keys || keys.has(r.key))).map(toProposal);
    },
  };
}
