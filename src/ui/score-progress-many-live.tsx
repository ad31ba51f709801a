// Runs the ManyScoreProgress view on a terminal stream, redrawn at most a few times a second. Each scorer's
// state is folded from its own events by the one-scorer reducer.
import { render } from 'ink';
import type { ManyRunEvent } from '../score/score-many.js';
import { ManyScoreProgress } from './ManyScoreProgress.js';
import { initialScoreProgress, reduceScoreProgress, type ScoreProgressState } from './score-progress-state.js';

const REDRAW_MS = 100;

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
  let states = new Map<string, ScoreProgressState>();
  const element = () => <ManyScoreProgress scorers={[...states]} now={Date.now()} color={options.color} />;
  // stderr carries the view; no stdin: Ctrl-C stays a plain SIGINT that `score` turns into a clean stop.
  const instance = render(element(), { stdout: options.stream, patchConsole: false, exitOnCtrlC: false });
  let timer: NodeJS.Timeout | undefined;
  const redraw = () => {
    timer = undefined;
    instance.rerender(element());
  };
  const ticker = setInterval(() => (timer ??= setTimeout(redraw, 0)), 1000).unref();
  return {
    onEvent(event: ManyRunEvent) {
      states = reduceManyScoreProgress(states, event);
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
