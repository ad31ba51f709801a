// Token estimates, used alike by the plan (cost before spending) and the limiter (pacing against TPM).
// Four characters a token is close enough for English prose with BPE tokenizers; both sides use the same
// function, and the limiter corrects its estimates with the usage each reply reports.
import { buildMessages, RATIONALE_MAX_WORDS, type ChatMessage, type PromptTask } from '../rubric.js';

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Chat formats add a few tokens per message for roles and separators. */
const MESSAGE_OVERHEAD = 4;

export function estimateMessageTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD, 3);
}

/** One reply item at full length: a rationale of the maximum word count at about six characters a word. */
export const OUTPUT_TOKENS_PER_ITEM = estimateTokens(
  JSON.stringify({
    id: 't10',
    exposure: 'E1',
    automation: 'T2',
    mode: 'augment',
    horizon: 2030,
    duration_hours: 1.25,
    confidence: 0.75,
    rationale: 'x'.repeat(RATIONALE_MAX_WORDS * 6),
  }),
) + 1;

export interface RequestTokens {
  input: number;
  output: number;
}

/** Input and expected output tokens of one request scoring these tasks. */
export function estimateRequestTokens(tasks: PromptTask[], options: { schemaInPrompt: boolean }): RequestTokens {
  return {
    input: estimateMessageTokens(buildMessages(tasks, { schemaInPrompt: options.schemaInPrompt })),
    output: tasks.length * OUTPUT_TOKENS_PER_ITEM + 5,
  };
}
