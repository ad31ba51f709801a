// Draws a view of a run's state on a terminal stream while events fold into that state: redrawn at most
// every REDRAW_MS after an event, and once a second without one (an ETA counts down while replies are
// awaited, not only when an event arrives). Shared by the progress of one scorer and of several.
import { render } from 'ink';
import type { ReactElement } from 'react';

const REDRAW_MS = 100;

export interface LiveRender<E> {
  onEvent(event: E): void;
  stop(): void;
}

export function startLiveRender<S, E>(options: {
  stream: NodeJS.WriteStream;
  initial: S;
  reduce: (state: S, event: E) => S;
  view: (state: S, now: number) => ReactElement;
}): LiveRender<E> {
  let state = options.initial;
  const element = () => options.view(state, Date.now());
  // stderr carries the view; no stdin: Ctrl-C stays a plain SIGINT that `score` turns into a clean stop.
  const instance = render(element(), { stdout: options.stream, patchConsole: false, exitOnCtrlC: false });
  let timer: NodeJS.Timeout | undefined;
  const redraw = () => {
    timer = undefined;
    instance.rerender(element());
  };
  const ticker = setInterval(() => (timer ??= setTimeout(redraw, 0)), 1000).unref();
  return {
    onEvent(event) {
      state = options.reduce(state, event);
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
