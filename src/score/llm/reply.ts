// Reading a model's reply: parse, then accept each item only for an id we sent, only once, and only if it
// passes the rubric's validation. Whatever is not accepted is "missing" and gets re-asked; nothing invalid
// ever reaches a stored score.
import { replyItemSchema, type HorizonBounds, type ReplyItem } from '../rubric.js';

export interface DroppedCounts {
  unknownIds: number;
  duplicateIds: number;
  invalidItems: number;
}

export interface ParsedReply {
  /** Accepted items by per-request id. */
  accepted: Map<string, ReplyItem>;
  /** Ids we sent that have no accepted item, with why. */
  missing: Map<string, string>;
  dropped: DroppedCounts;
  /** False when the reply as a whole could not be read (not JSON, no "scores" array): the server's fault,
   * not any one task's. */
  readable: boolean;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id.trim() : undefined;
}

/** Some servers wrap JSON in a Markdown fence even in JSON mode. */
function stripFence(content: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  return fenced ? fenced[1]! : content;
}

export function parseReply(options: { content: string | null | undefined; sentIds: string[]; bounds: HorizonBounds }): ParsedReply {
  const { sentIds, bounds } = options;
  const dropped: DroppedCounts = { unknownIds: 0, duplicateIds: 0, invalidItems: 0 };
  const accepted = new Map<string, ReplyItem>();
  const missing = new Map<string, string>();
  const allMissing = (reason: string): ParsedReply => {
    for (const id of sentIds) missing.set(id, reason);
    return { accepted, missing, dropped, readable: false };
  };

  let body: unknown;
  try {
    body = JSON.parse(stripFence(options.content ?? ''));
  } catch {
    return allMissing('reply was not valid JSON');
  }
  const items = (body as { scores?: unknown } | null)?.scores;
  if (!Array.isArray(items)) return allMissing('reply had no "scores" array');

  const sent = new Set(sentIds);
  // Count occurrences first: when an id comes twice, neither copy can be trusted to be that task's score
  // (one of them probably belongs to a task the model mislabelled), so both are dropped and the task re-asked.
  const occurrences = new Map<string, number>();
  for (const item of items) {
    const id = idOf(item);
    if (id !== undefined && sent.has(id)) occurrences.set(id, (occurrences.get(id) ?? 0) + 1);
  }
  const schema = replyItemSchema(bounds);
  const reasons = new Map<string, string>();
  for (const item of items) {
    const id = idOf(item);
    if (id === undefined || !sent.has(id)) {
      if (id === undefined) dropped.invalidItems++;
      else dropped.unknownIds++;
      continue;
    }
    const count = occurrences.get(id)!;
    if (count > 1) {
      reasons.set(id, `id came ${count} times in one reply`);
      continue;
    }
    const result = schema.safeParse({ ...(item as object), id });
    if (!result.success) {
      dropped.invalidItems++;
      const issue = result.error.issues[0];
      reasons.set(id, `invalid item: ${issue ? `${issue.path.join('.') || 'item'}: ${issue.message}` : 'failed validation'}`);
      continue;
    }
    accepted.set(id, result.data);
  }
  for (const count of occurrences.values()) if (count > 1) dropped.duplicateIds += count - 1;
  for (const id of sentIds) {
    if (!accepted.has(id)) missing.set(id, reasons.get(id) ?? 'no item for this task in the reply');
  }
  return { accepted, missing, dropped, readable: true };
}
