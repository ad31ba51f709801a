// Runs the ScoreProgress view on a terminal stream, redrawn at most a few times a second.
import { render } from 'ink';
import type { RunEvent } from '../score/score-run.js';
import { ScoreProgress } from './ScoreProgress.js';
import { initialScoreProgress, reduceScoreProgress, type ScoreProgressState } from './score-progress-state.js';

const REDRAW_MS = 100;

export interface LiveScoreProgress {
  onEvent(event: RunEvent): void;
  stop(): void;
}

export function startLiveScoreProgress(options: { stream: NodeJS.WriteStream; color: boolean }): LiveScoreProgress {
  let state: ScoreProgressState = initialScoreProgress;
  const element = () => <ScoreProgress state={state} now={Date.now()} color={options.color} />;
  // stderr carries the view; no stdin: Ctrl-C stays a plain SIGINT that `score` turns into a clean stop.
  const instance = render(element(), { stdout: options.stream, patchConsole: false, exitOnCtrlC: false });
  let timer: NodeJS.Timeout | undefined;
  const redraw = () => {
    timer = undefined;
    instance.rerender(element());
  };
  // The ETA counts down while replies are awaited, not only when an event arrives.
  const ticker = setInterval(() => (timer ??= setTimeout(redraw, 0)), 1000).unref();
  return {
    onEvent(event) {
      state = reduceScoreProgress(state, event);
      timer ??= setTimeout(redraw, REDRAW_MS);
    },
    stop() {
      clearInterval(ticker);
      if (timer) clearTimeout(timer);
      instance.rerender(element());
      instance.unmount();
    },
  };
}
