// Runs the ScoreProgress view on a terminal stream, redrawn at most a few times a second.
import type { RunEvent } from '../score/score-run.js';
import { startLiveRender, type LiveRender } from './live-render.js';
import { ScoreProgress } from './ScoreProgress.js';
import { initialScoreProgress, reduceScoreProgress } from './score-progress-state.js';

export type LiveScoreProgress = LiveRender<RunEvent>;

export function startLiveScoreProgress(options: { stream: NodeJS.WriteStream; color: boolean }): LiveScoreProgress {
  return startLiveRender({
    stream: options.stream,
    initial: initialScoreProgress,
    reduce: reduceScoreProgress,
    view: (state, now) => <ScoreProgress state={state} now={now} color={options.color} />,
  });
}
