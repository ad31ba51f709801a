// Score keys: what makes two scores the same score.
import { describe, expect, it } from 'vitest';
import { contextDigest, scoreKey } from '../src/score/key.js';

const base = { rubricVersion: 'r1', provider: 'openai', baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', temperature: 0, title: 'Accountants', text: 'Prepare tax returns.' };

describe('score keys', () => {
  it('change with anything that can change the answer, and not with the rest', () => {
    const key = scoreKey(base);
    expect(scoreKey({ ...base, model: 'gpt-4.1' })).not.toBe(key);
    expect(scoreKey({ ...base, temperature: 0.2 })).not.toBe(key);
    expect(scoreKey({ ...base, rubricVersion: 'r2' })).not.toBe(key);
    expect(scoreKey({ ...base, title: 'Auditors' })).not.toBe(key);
    expect(scoreKey({ ...base, baseURL: 'https://API.openai.com/v1/' })).toBe(key);
    expect(scoreKey({ ...base, text: ' Prepare  tax\nreturns. ' })).toBe(key);
    for (const text of ['Prepare tax returns. ', '\tPrepare tax returns.', 'Prepare\ttax returns.', 'Prepare\u00a0tax returns.', 'Prepare tax\r\nreturns.']) {
      expect(scoreKey({ ...base, text }), JSON.stringify(text)).toBe(key);
    }
    expect(scoreKey({ ...base, text: 'Prepare tax returns' })).not.toBe(key);
  });

  it('carry the offline scorer\'s context, an order-free digest of the occupation\'s tasks', () => {
    const a = contextDigest(['Prepare tax returns.', 'Audit ledgers.']);
    expect(contextDigest(['Audit ledgers.', 'Prepare tax returns.'])).toBe(a);
    const b = contextDigest(['Prepare tax returns.', 'Meet clients in person.']);
    expect(b).not.toBe(a);
    const offline = { ...base, provider: 'offline', baseURL: undefined, model: 'offline-v2' };
    expect(scoreKey({ ...offline, context: a })).not.toBe(scoreKey({ ...offline, context: b }));
    // Model scores carry no context: their keys are what they were before contexts existed, so stored
    // scores stay found (this value was computed by the key function before the context field was added).
    expect(scoreKey(base)).toBe('33ffa3412a695dd8c8fc7667e08004c6f000a6be1bab6395e190b18926b8ea4e');
  });
});
