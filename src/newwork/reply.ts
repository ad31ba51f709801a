// Reading a new-work reply: parse, validate each proposal on its own, and keep in draws_from only the codes
// that were sent. Whatever fails is dropped and counted; a reply with no valid proposal is re-asked by the
// run, so nothing invalid is ever stored.
import { MAX_PROPOSALS, proposalSchema, type YearBounds } from './prompt.js';

import type { Proposal } from '../score/store/new-work.js';

export type { Proposal };

export interface NewWorkDropped {
  /** Proposals that failed validation (or repeated another one, or came beyond the maximum). */
  invalidProposals: number;
  /** draws_from codes that were not among those sent. */
  unknownCodes: number;
}

export interface ParsedNewWork {
  proposals: Proposal[];
  dropped: NewWorkDropped;
  /** Why nothing was accepted, when nothing was. */
  reason?: string;
}

function stripFence(content: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  return fenced ? fenced[1]! : content;
}

export function parseNewWorkReply(options: { content: string | null | undefined; sentCodes: readonly string[]; bounds: YearBounds }): ParsedNewWork {
  const dropped: NewWorkDropped = { invalidProposals: 0, unknownCodes: 0 };
  let body: unknown;
  try {
    body = JSON.parse(stripFence(options.content ?? ''));
  } catch {
    return { proposals: [], dropped, reason: 'reply was not valid JSON' };
  }
  const items = (body as { proposals?: unknown } | null)?.proposals;
  if (!Array.isArray(items)) return { proposals: [], dropped, reason: 'reply had no "proposals" array' };

  const sent = new Set(options.sentCodes);
  const schema = proposalSchema(options.bounds);
  const seen = new Set<string>();
  const proposals: Proposal[] = [];
  let firstIssue: string | undefined;
  for (const item of items) {
    // Unknown codes go before validation, so a proposal left with none fails the "at least one" rule.
    let raw = item;
    if (item && typeof item === 'object' && Array.isArray((item as { draws_from?: unknown }).draws_from)) {
      const codes = (item as { draws_from: unknown[] }).draws_from;
      const known = [...new Set(codes.filter((c): c is string => typeof c === 'string' && sent.has(c.trim())).map((c) => c.trim()))];
      dropped.unknownCodes += codes.filter((c) => typeof c !== 'string' || !sent.has(c.trim())).length;
      raw = { ...item, draws_from: known };
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      dropped.invalidProposals++;
      const issue = result.error.issues[0];
      firstIssue ??= issue ? `${issue.path.join('.') || 'proposal'}: ${issue.message}` : 'failed validation';
      continue;
    }
    const p = result.data;
    const identity = p.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(identity) || proposals.length >= MAX_PROPOSALS) {
      dropped.invalidProposals++;
      continue;
    }
    seen.add(identity);
    proposals.push({
      kind: p.kind,
      text: p.text,
      ...(p.kind === 'role' && p.title ? { title: p.title } : {}),
      year: p.year,
      drawsFrom: p.draws_from,
      rationale: p.rationale,
    });
  }
  if (proposals.length) return { proposals, dropped };
  return { proposals, dropped, reason: items.length ? `no valid proposal (${firstIssue ?? 'all repeated'})` : 'reply had no proposals' };
}
