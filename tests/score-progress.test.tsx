// The live scoring view: finished requests stay listed, the live block shows progress, rate, ETA,
// tokens, cost, failures and the latest wait, all folded from runScore's events.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../src/score/score-run.js';
import { ScoreProgress } from '../src/ui/ScoreProgress.js';
import { initialScoreProgress, reduceScoreProgress } from '../src/ui/score-progress-state.js';

const started = 1_000_000;
const progress = (done: number, failed = 0) => ({
  done,
  total: 40,
  failed,
  requests: Math.ceil(done / 20),
  inputTokens: done * 100,
  outputTokens: done * 30,
  cachedInputTokens: 0,
  costUsd: done * 0.0001,
  startedAt: started,
});

function outcome(e0: number, e1: number, e2: number, failed = 0) {
  const scores = [
    ...Array.from({ length: e0 }, () => 'E0' as const),
    ...Array.from({ length: e1 }, () => 'E1' as const),
    ...Array.from({ length: e2 }, () => 'E2' as const),
  ].map((exposure, i) => ({ key: `k${i}`, score: { taskId: String(i), occupationCode: '15-1252.00', exposure, scorer: 'fake:m' } }));
  return {
    requestId: 'r',
    scores,
    failed: Array.from({ length: failed }, (_, i) => ({ key: `f${i}`, reason: 'invalid' })),
    usage: { inputTokens: 2000, outputTokens: 600, cachedInputTokens: 0 },
    dropped: { unknownIds: 0, duplicateIds: 0, invalidItems: 0 },
  };
}

const fold = (events: RunEvent[]) => events.reduce(reduceScoreProgress, initialScoreProgress);

describe('the live scoring view', () => {
  it('shows done / total, rate, ETA, tokens and cost', () => {
    const state = fold([
      { type: 'engine', event: { type: 'request-start', size: 20, inFlight: 2 } },
      { type: 'progress', progress: progress(20) },
    ]);
    const { lastFrame } = render(<ScoreProgress state={state} now={started + 60_000} color={false} />);
    const frame = lastFrame()!;
    expect(frame).toContain('20/40 tasks (50%)');
    expect(frame).toContain('20.0 tasks/min');
    expect(frame).toContain('ETA 1m00s');
    expect(frame).toContain('2,600 tokens');
    expect(frame).toContain('$0.0020');
    expect(frame).toContain('2 in flight');
  });

  it('lists each finished request with its exposure counts, and failures', () => {
    const state = fold([
      { type: 'engine', event: { type: 'batch-done', outcome: outcome(10, 6, 4) } },
      { type: 'engine', event: { type: 'batch-done', outcome: outcome(5, 10, 3, 2) } },
      { type: 'progress', progress: progress(38, 2) },
    ]);
    const { lastFrame } = render(<ScoreProgress state={state} now={started + 60_000} color={false} />);
    const frame = lastFrame()!;
    expect(frame).toMatch(/✓ request 1: 20 scored\s+E0 10 · E1 6 · E2 4 · 2,600 tokens/);
    expect(frame).toMatch(/! request 2: 18 scored, 2 failed/);
    expect(frame).toContain('2 failed');
    expect(frame).toContain('38/40 tasks (100%)');
  });

  it('says when the provider rate-limits, until the next request starts', () => {
    const limited = fold([{ type: 'engine', event: { type: 'rate-limited', waitMs: 4_200, concurrency: 3 } }]);
    const { lastFrame } = render(<ScoreProgress state={limited} now={started} color={false} />);
    expect(lastFrame()).toContain('rate limited: waiting 5s');
    const resumed = reduceScoreProgress(limited, { type: 'engine', event: { type: 'request-start', size: 20, inFlight: 1 } });
    expect(resumed.note).toBeUndefined();
    expect(resumed.concurrency).toBe(3);
  });
});
