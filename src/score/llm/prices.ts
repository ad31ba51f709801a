// Per-token list prices for the models people are likely to score with, to estimate cost before spending.
// Unknown models get no estimate (never a guess); servers on this machine cost nothing per token.
// Prices are USD per million tokens, standard tier. The OpenAI Batch API bills half of these.

/** When these prices were last checked against the providers' pricing pages. */
export const PRICES_READ_ON = '2026-06-21';

export interface Price {
  input: number;
  /** Prompt-cache hits, where the provider discounts them. */
  cachedInput?: number;
  output: number;
}

const OPENAI: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
};

const GROQ: Record<string, Price> = {
  'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
  'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
};

export const BATCH_DISCOUNT = 0.5;

export type PriceLookup = { kind: 'known'; price: Price } | { kind: 'free' } | { kind: 'unknown' };

/** Dated snapshots ("gpt-4o-mini-2024-07-18") cost what their alias costs. */
function baseModel(model: string): string {
  return model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

export function priceFor(options: { provider: string; model: string; local: boolean }): PriceLookup {
  if (options.local) return { kind: 'free' };
  const model = baseModel(options.model);
  if (options.provider === 'groq') return GROQ[model] ? { kind: 'known', price: GROQ[model] } : { kind: 'unknown' };
  // OpenRouter passes OpenAI models through at OpenAI's prices, under an "openai/" prefix.
  const openaiName = options.provider === 'openrouter' ? model.replace(/^openai\//, '') : model;
  if ((options.provider === 'openai' || options.provider === 'openrouter') && OPENAI[openaiName]) {
    return { kind: 'known', price: OPENAI[openaiName] };
  }
  return { kind: 'unknown' };
}

/** Cost in USD of one request's usage; cached input tokens are part of inputTokens, billed at the cache rate. */
export function costOf(
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number },
  lookup: PriceLookup,
  options: { batchApi?: boolean } = {},
): number | null {
  if (lookup.kind === 'free') return 0;
  if (lookup.kind === 'unknown') return null;
  const { price } = lookup;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const dollars =
    ((usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1e6;
  return options.batchApi ? dollars * BATCH_DISCOUNT : dollars;
}
