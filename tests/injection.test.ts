// Text inside a task cannot change another task's score, whatever its phrasing or language: the injection
// test set (src/testing/injections.ts, 34 phrasings in 15 languages) against a model that obeys every one
// of them, with and without the defences. Figures for the README come from `npm run bench -- injection`.
import { describe, expect, it } from 'vitest';
import { cleanRunCost, injectionTrial, movedShare } from '../src/testing/injection-trial.js';
import { INJECTIONS } from '../src/testing/injections.js';

describe('the injection test set', () => {
  it('holds at least 30 phrasings in several languages, most of them aimed at every task of a request', () => {
    expect(INJECTIONS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(INJECTIONS.map((i) => i.language)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(INJECTIONS.map((i) => i.text)).size).toBe(INJECTIONS.length);
  });
});

describe('an obedient model, with and without the defences', () => {
  it('without any defence, every instruction aimed at the whole request moves its neighbours (so the next cases mean something)', async () => {
    const all = movedShare(await injectionTrial({ defences: { isolateInstructionLike: false, checkTasks: false } }), 'all');
    expect(all.targeted).toBeGreaterThan(300);
    expect(all.moved).toBe(all.targeted);
  });

  it('recognising phrasings alone misses most of the set', async () => {
    const all = movedShare(await injectionTrial({ defences: { isolateInstructionLike: true, checkTasks: false } }), 'all');
    expect(all.moved / all.targeted).toBeGreaterThan(0.5);
  });

  it('with the check tasks, no neighbour of an instruction aimed at the whole request keeps a swayed score', async () => {
    const outcomes = await injectionTrial({ defences: {} });
    const all = movedShare(outcomes, 'all');
    expect(all.targeted).toBeGreaterThan(300);
    expect(all.moved).toBe(0);
    // The swayed requests were asked again in halves down to the culprit: more than the reference and the
    // request itself, fewer than one request per task.
    const swayed = outcomes.filter((o) => o.injection.target === 'all' && o.requests > 2);
    expect(swayed.length).toBeGreaterThan(25);
    for (const o of swayed) expect(o.requests).toBeLessThan(20);
  });

  it('a clean run costs one request more (the check tasks asked alone), and no reply is taken for swayed', async () => {
    const without = await cleanRunCost({ defences: { checkTasks: false } });
    const withCheck = await cleanRunCost({ defences: {} });
    expect(withCheck.requests).toBe(without.requests + 1);
    expect(withCheck.swayedReplies).toBe(0);
    expect(withCheck.inputTokens / without.inputTokens).toBeLessThan(1.15);
  });
});
