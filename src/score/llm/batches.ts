// How tasks are grouped into requests. Ordinary tasks go N to a request; a task whose text reads like an
// instruction to the model goes alone, so the model never sees it beside another task and it cannot sway
// another task's score whatever the model does with it. This is the isolation guarantee; the other defences
// (task text JSON-encoded as data, per-request ids, each reply item accepted only for an id we sent and only
// once, every item validated) limit what any reply can do but cannot stop a model that follows text it was
// told to ignore from mis-rating its neighbours. Batch size 1 gives the isolation to every task.
import type { ScoreItem } from './run.js';

// Phrases that address the model rather than describe work. O*NET task statements are imperative
// ("Prepare reports"), so the patterns look for talk about the model, the prompt, the rating or other tasks.
const INSTRUCTION_PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(rubric|instructions?|prompt|rules?|above|previous|system)\b/i,
  /\b(rate|score|label|mark|classify)\b[^.]{0,30}\b(every|all|each|other|the other|remaining)\b[^.]{0,20}\btasks?\b/i,
  /\b(rate|score|label|mark)\b[^.]{0,20}\b(this|the|every|all|each)\b[^.]{0,20}\b(as|with)\s+(E[0-2]|T[0-4])\b/i,
  /\b(system|developer)\s+(prompt|message)\b/i,
  /\byou\s+are\s+(now\s+)?(an?\s+)?([\w-]+\s+)?(assistant|model|ai|language model|chatbot)\b/i,
  /\byou\s+(must|should|will|shall)\s+(now\s+)?(always\s+)?(rate|score|output|reply|respond|answer|return|label)\b/i,
  /\b(exposure|automation)\s*[:=]\s*"?(E[0-2]|T[0-4])\b/i,
  /["{}]\s*(id|scores|exposure)\s*"?\s*:/i,
  /\b(assistant|system)\s*:/i,
  /<\/?\s*(system|instructions?|tasks?)\s*>/i,
];

export function looksLikeInstructions(text: string): boolean {
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(text));
}

/** Groups of items, one group per request, in input order; items that look like instructions go alone
 * (unless `isolateInstructionLike` is false, which only the injection benchmark sets). */
export function planBatches(options: { items: ScoreItem[]; batchSize: number; isolateInstructionLike?: boolean }): ScoreItem[][] {
  const isolate = options.isolateInstructionLike ?? true;
  const size = Math.max(1, Math.floor(options.batchSize));
  const batches: ScoreItem[][] = [];
  let current: ScoreItem[] = [];
  for (const item of options.items) {
    if (isolate && (looksLikeInstructions(item.text) || looksLikeInstructions(item.title))) {
      batches.push([item]);
      continue;
    }
    current.push(item);
    if (current.length === size) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length) batches.push(current);
  return batches;
}
