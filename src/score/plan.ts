// The plan printed before any spend: how many tasks were selected, how many the store already has, how many
// requests that leaves, and what they should cost. Estimates use the engine's own batching and token counts,
// so the plan describes the requests the run will actually send.
import { planBatches } from './llm/batches.js';
import { canaryItems, withCanaries } from './llm/canaries.js';
import { costOf, PRICES_READ_ON, type PriceLookup } from './llm/prices.js';
import type { ScoreItem } from './llm/run.js';
import { estimateRequestTokens } from './llm/tokens.js';

export interface ScorePlan {
  scorer: string;
  provider: string;
  model: string;
  dataset: string;
  tasksSelected: number;
  /** Selected tasks whose score is already in the store. */
  alreadyStored: number;
  toScore: number;
  requests: number;
  batchSize: number;
  estInputTokens: number;
  estOutputTokens: number;
  /** null when the model's price is unknown; 0 for servers on this machine. */
  estCostUsd: number | null;
  price: PriceLookup['kind'];
  pricesReadOn: string;
  batchApi: boolean;
}

/** What the plan is made from: the run's identity and counts as the plan reports them, plus the work left. */
export interface PlanInput
  extends Pick<ScorePlan, 'scorer' | 'provider' | 'model' | 'dataset' | 'tasksSelected' | 'alreadyStored' | 'batchSize' | 'batchApi'> {
  /** One item per missing key (tasks with the same key share one score). */
  missing: ScoreItem[];
  price: PriceLookup;
  /** JSON mode puts the schema in the prompt, which costs input tokens. */
  schemaInPrompt: boolean;
}

export function makePlan(input: PlanInput): ScorePlan {
  const planned = planBatches({ items: input.missing, batchSize: input.batchSize });
  // Live runs carry the injection check (canaries.ts): two check tasks per request of two or more tasks,
  // and one request for their reference answers. The Batch API path does not.
  const checked = !input.batchApi && planned.some((batch) => batch.length > 1);
  const batches = checked ? [canaryItems(), ...planned.map(withCanaries)] : planned;
  let estInputTokens = 0;
  let estOutputTokens = 0;
  for (const batch of batches) {
    const tokens = estimateRequestTokens(
      batch.map((item, i) => ({ id: `t${i + 1}`, occupation: item.title, task: item.text })),
      { schemaInPrompt: input.schemaInPrompt },
    );
    estInputTokens += tokens.input;
    estOutputTokens += tokens.output;
  }
  const estCostUsd = costOf({ inputTokens: estInputTokens, outputTokens: estOutputTokens, cachedInputTokens: 0 }, input.price, {
    batchApi: input.batchApi,
  });
  return {
    scorer: input.scorer,
    provider: input.provider,
    model: input.model,
    dataset: input.dataset,
    tasksSelected: input.tasksSelected,
    alreadyStored: input.alreadyStored,
    toScore: input.missing.length,
    requests: batches.length,
    batchSize: input.batchSize,
    estInputTokens,
    estOutputTokens,
    estCostUsd,
    price: input.price.kind,
    pricesReadOn: PRICES_READ_ON,
    batchApi: input.batchApi,
  };
}
