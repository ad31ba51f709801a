// What the offline scorer reproduces. The model has two exposure heads, one trained on the human
// annotators' labels and one on GPT-4's; a target is the weight its prediction puts on the human head
// (the rest on GPT-4's), mixing the two heads' calibrated class probabilities.

export const OFFLINE_TARGETS = ['both', 'human', 'gpt4'] as const;
export type OfflineTarget = (typeof OFFLINE_TARGETS)[number];

export function isOfflineTarget(name: string): name is OfflineTarget {
  return (OFFLINE_TARGETS as readonly string[]).includes(name);
}

/** One line per target, for help text and messages. */
export const TARGET_DESCRIPTIONS: Record<OfflineTarget, string> = {
  both: 'both label sets: as close to the human labels as it gets while agreeing with GPT-4 at the aim; the default',
  human: 'the human annotators\' labels alone',
  gpt4: 'GPT-4\'s labels alone, as offline-v2 did',
};
