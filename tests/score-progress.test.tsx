// The live scoring view: finished requests stay listed, the live block shows progress, rate, ETA,
// tokens, cost, failures and the latest wait, all folded from runScore's events.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { etaMs, progressLine } from '../src/cli/score-progress.js';
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
  updatedAt: started + 60_000,
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
    expect(frame).toContain('20/40 tasks scored (50%)');
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
    expect(frame).toContain('38/40 tasks scored (95%)');
  });

  it('says when the provider rate-limits, until the next request starts', () => {
    const limited = fold([{ type: 'engine', event: { type: 'rate-limited', waitMs: 4_200, concurrency: 3 } }]);
    const { lastFrame } = render(<ScoreProgress state={limited} now={started} color={false} />);
    expect(lastFrame()).toContain('rate limited: waiting 5s');
    const resumed = reduceScoreProgress(limited, { type: 'engine', event: { type: 'request-start', size: 20, inFlight: 1 } });
    expect(resumed.note).toBeUndefined();
    expect(resumed.concurrency).toBe(3);
  });

  it('never reads as finished when every task failed: the percent is of tasks scored', () => {
    const allFailed = { ...progress(0, 40), requests: 2 };
    expect(progressLine(allFailed)).toMatch(/^0\/40 scored \(0%\) · .* · 40 failed$/);
    const state = fold([{ type: 'progress', progress: allFailed }]);
    const { lastFrame } = render(<ScoreProgress state={state} now={started + 60_000} color={false} />);
    expect(lastFrame()).toContain('0/40 tasks scored (0%)');
    expect(lastFrame()).not.toContain('100%');
  });

  it('counts the ETA down between finished requests instead of standing still, then jumping', () => {
    const p = progress(20); // 20 scored in the first minute: 20 left take a minute more
    expect(etaMs(p, p.updatedAt)).toBe(60_000);
    expect(etaMs(p, p.updatedAt + 15_000)).toBe(45_000);
    const state = fold([{ type: 'progress', progress: p }]);
    const later = render(<ScoreProgress state={state} now={p.updatedAt + 15_000} color={false} />);
    expect(later.lastFrame()).toContain('ETA 45s');
    expect(later.lastFrame()).toContain('20.0 tasks/min');
    // The next request lands on schedule: the figure goes on from where the countdown was.
    const next = { ...progress(30), updatedAt: started + 90_000 };
    expect(etaMs(next, next.updatedAt)).toBe(30_000);
  });

  it('shows the requests truly in flight, also after a 429 halved the limit', () => {
    const state = fold([
      { type: 'engine', event: { type: 'request-start', size: 20, inFlight: 22 } },
      { type: 'engine', event: { type: 'rate-limited', waitMs: 2_000, concurrency: 11 } },
      { type: 'engine', event: { type: 'request-end', inFlight: 21 } },
      { type: 'progress', progress: progress(20) },
    ]);
    const halved = render(<ScoreProgress state={state} now={started + 60_000} color={false} />);
    expect(halved.lastFrame()).toContain('21 in flight (draining to 11 after a 429)');
    const drained = [14, 10].reduce((s, inFlight) => reduceScoreProgress(s, { type: 'engine', event: { type: 'request-end', inFlight } }), state);
    const after = render(<ScoreProgress state={drained} now={started + 60_000} color={false} />);
    expect(after.lastFrame()).toContain('10 in flight (limit 11)');
  });
});
