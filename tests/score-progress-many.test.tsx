// Progress of a run of several scorers: one line per scorer in the ink view, and, when stderr is not a
// terminal, plain lines that name their scorer, with each scorer's last line as soon as it finishes.
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../src/cli/output.js';
import { createManyScoreProgress } from '../src/cli/score-progress-many.js';
import type { ManyRunEvent } from '../src/score/score-many.js';
import type { ScorePlan } from '../src/score/plan.js';
import { ManyScoreProgress } from '../src/ui/ManyScoreProgress.js';
import { reduceManyScoreProgress } from '../src/ui/score-progress-many-live.js';

const started = 1_000_000;
const plan = (scorer: string, toScore: number): ScorePlan => ({
  scorer, provider: 'custom', model: scorer.split(':')[1]!, dataset: 'sample', tasksSelected: 40, alreadyStored: 40 - toScore, toScore,
  requests: 3, batchSize: 20, estInputTokens: 1000, estOutputTokens: 300, estCostUsd: 0, price: 'free', pricesReadOn: '2025-01-01', batchApi: false,
});
const progress = (done: number, total: number) => ({
  done, total, failed: 0, requests: 1, inputTokens: done * 100, outputTokens: done * 30, cachedInputTokens: 0, costUsd: 0, startedAt: started, updatedAt: started + 60_000,
});
const events: ManyRunEvent[] = [
  { type: 'plans', plans: [plan('custom:model-a', 40), plan('custom:model-b', 20)] },
  { type: 'scorer', scorer: 'custom:model-a', event: { type: 'progress', progress: progress(20, 40) } },
  { type: 'scorer', scorer: 'custom:model-b', event: { type: 'engine', event: { type: 'rate-limited', waitMs: 4_200, concurrency: 2 } } },
];

describe('progress of several scorers', () => {
  it('draws one line per scorer at a terminal, with its own progress and its own waits', () => {
    const states = events.reduce(reduceManyScoreProgress, new Map());
    const { lastFrame } = render(<ManyScoreProgress scorers={[...states]} now={started + 60_000} color={false} />);
    const lines = lastFrame()!.split('\n');
    expect(lines[0]).toMatch(/^custom:model-a ██████░{6} 20\/40 scored \(50%\) · 20\.0 tasks\/min · ETA 1m00s/);
    expect(lines[1]).toMatch(/^custom:model-b ░+ waiting to start/);
    expect(lines[2]).toContain('rate limited: waiting 5s');
  });

  it('prints plain lines naming each scorer when stderr is not a terminal, and a scorer\'s last line when it finishes', () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (c: Buffer) => (text += c.toString()));
    const out = createOutput({ json: false, color: false, quiet: false }, { stdout: new PassThrough(), stderr, env: {} });
    const view = createManyScoreProgress(out, {});
    for (const event of events) view.onEvent(event);
    view.onEvent({ type: 'scorer', scorer: 'custom:model-b', event: { type: 'progress', progress: progress(20, 20) } });
    view.stop();
    expect(text).toMatch(/scoring custom:model-a {2}20\/40 scored \(50%\)/);
    expect(text).toMatch(/scoring custom:model-b {2}20\/20 scored \(100%\)/);
    expect(text).toMatch(/custom:model-b: rate limited by the server: waiting 4s/);
  });
});
