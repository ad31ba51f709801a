// Runs the ManyScoreProgress view on a terminal stream, redrawn at most a few times a second. Each scorer's
// state is folded from its own events by the one-scorer reducer.
import type { ManyRunEvent } from '../score/score-many.js';
import { startLiveRender } from './live-render.js';
import { ManyScoreProgress } from './ManyScoreProgress.js';
import { initialScoreProgress, reduceScoreProgress, type ScoreProgressState } from './score-progress-state.js';

export function reduceManyScoreProgress(states: Map<string, ScoreProgressState>, event: ManyRunEvent): Map<string, ScoreProgressState> {
  const next = new Map(states);
  if (event.type === 'plans') {
    for (const plan of event.plans) next.set(plan.scorer, reduceScoreProgress(initialScoreProgress, { type: 'plan', plan }));
    return next;
  }
  const state = next.get(event.scorer);
  if (state) next.set(event.scorer, reduceScoreProgress(state, event.event));
  return next;
}

export function startLiveManyScoreProgress(options: { stream: NodeJS.WriteStream; color: boolean }) {
  return startLiveRender({
    stream: options.stream,
    initial: new Map<string, ScoreProgressState>(),
    reduce: reduceManyScoreProgress,
    view: (states, now) => <ManyScoreProgress scorers={[...states]} now={now} color={options.color} />,
  });
}
