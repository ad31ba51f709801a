// Scoring progress on stderr, fed by runScore's events (nothing here knows how scoring works): the ink view
// at an interactive terminal, an ora spinner line when stderr is a terminal but the session is not
// interactive, and plain lines at most every few seconds otherwise (CI logs, pipes). All show done / total,
// tasks per minute, ETA, tokens, cost so far and failures.
import type { Ora } from 'ora';
import type { Progress, RunEvent } from '../score/score-run.js';
import { formatInteger, printable } from './format.js';
import type { Output } from './output.js';
import { createWaitNotices } from './wait-notices.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatUsd(value: number | null): string {
  if (value === null) return 'unknown';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** Scored tasks per minute up to the last finished request (not diluted by the wait for the next one). */
export function scoringRate(p: Progress): number {
  return p.done / Math.max((p.updatedAt - p.startedAt) / 60_000, 1e-6);
}

/** Time left at the rate so far, counted down from the last finished request: between requests it falls
 * steadily instead of standing still (or rising) while replies are awaited and then jumping when one lands. */
export function etaMs(p: Progress, now: number = Date.now()): number | undefined {
  const left = p.total - p.done - p.failed;
  if (left <= 0 || p.done === 0) return undefined;
  return Math.max(0, (left / scoringRate(p)) * 60_000 - (now - p.updatedAt));
}

/** Percent of the tasks scored: the same count as the figure before it, so failures never read as done. */
export function scoredPercent(p: Progress): number {
  return p.total ? Math.floor((p.done / p.total) * 100) : 100;
}

/** "40/120 scored (33%) · 12.0 tasks/min · ETA 6m40s · 52,000 tokens · $0.0123 · 1 failed" */
export function progressLine(p: Progress, now: number = Date.now()): string {
  const parts = [`${formatInteger(p.done)}/${formatInteger(p.total)} scored (${scoredPercent(p)}%)`];
  if (p.done > 0) {
    parts.push(`${scoringRate(p).toFixed(1)} tasks/min`);
    const eta = etaMs(p, now);
    if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  }
  parts.push(`${formatInteger(p.inputTokens + p.outputTokens)} tokens`);
  if (p.costUsd !== null) parts.push(formatUsd(p.costUsd));
  if (p.failed) parts.push(`${p.failed} failed`);
  return parts.join(' · ');
}

export interface ScoreProgressView {
  onEvent(event: RunEvent): void;
  stop(): void;
}

/** Plain lines no more often than this; a finished run always gets its last line. */
const PLAIN_INTERVAL_MS = 5_000;

export function createScoreProgress(out: Output, options: { stream?: NodeJS.WriteStream; stdinIsTTY?: boolean } = {}): ScoreProgressView {
  if (out.options.quiet || out.options.json) return { onEvent: () => {}, stop: () => {} };
  if (out.interactive && options.stream?.isTTY && options.stdinIsTTY) return inkProgress(out, options.stream);
  let spinner: Ora | undefined;
  /** Set from the plan on when a spinner is wanted, so no plain line is printed while ora loads. */
  let spinning = false;
  let stopped = false;
  let ticker: NodeJS.Timeout | undefined;
  let last: Progress | undefined;
  let lastPrinted = 0;
  let note = '';
  const live = out.interactive && options.stream !== undefined;
  // Without a spinner nothing shows a wait: a line says so.
  const waits = live ? undefined : createWaitNotices(out);
  // The note quotes servers; the spinner writes to the terminal itself, not through `out`.
  const render = () => printable(last ? `scoring ${progressLine(last)}${note ? ` · ${note}` : ''}` : `scoring${note ? ` · ${note}` : ''}`);

  return {
    onEvent(event) {
      if (event.type === 'plan' && event.plan.toScore > 0 && live) {
        spinning = true;
        // ora (and what it pulls in) loads only when a spinner is shown: a run with nothing to score, or not at
        // a terminal, never pays for it.
        import('ora')
          .then(({ default: ora }) => {
            if (stopped) return;
            spinner = ora({ text: render(), stream: options.stream, discardStdin: false }).start();
            // The ETA counts down between events too.
            ticker = setInterval(() => spinner && (spinner.text = render()), 1000).unref();
          })
          .catch((error: Error) => out.warn(`progress spinner unavailable: ${error.message}`));
      }
      if (event.type === 'plan' && event.plan.toScore > 0 && event.plan.provider !== 'offline') waits?.start();
      if (event.type === 'progress') {
        waits?.reply();
        last = event.progress;
        if (spinner) spinner.text = render();
        else if (!spinning && (Date.now() - lastPrinted >= PLAIN_INTERVAL_MS || last.done + last.failed >= last.total)) {
          lastPrinted = Date.now();
          out.info(`scoring ${progressLine(last)}`);
        }
      }
      if (event.type === 'engine') {
        const e = event.event;
        waits?.engine(e);
        if (e.type === 'rate-limited') note = `rate limited, waiting ${formatDuration(e.waitMs)}, concurrency ${e.concurrency}`;
        else if (e.type === 'retry') note = `retrying: ${e.reason}`;
        else if (e.type === 'request-start') note = '';
        if (spinner) spinner.text = render();
      }
      if (event.type === 'batch') {
        const counts = event.total ? ` ${event.completed ?? 0}/${event.total} requests` : '';
        const text = `batch ${event.batchId}: ${event.status}${counts}`;
        if (spinner) spinner.text = printable(text);
        else if (!spinning) out.info(text);
      }
    },
    stop() {
      stopped = true;
      clearInterval(ticker);
      spinner?.stop();
      spinner = undefined;
      waits?.stop();
    },
  };
}

/** The ink view, loaded only when used so other commands never pay for React at start-up. */
function inkProgress(out: Output, stream: NodeJS.WriteStream): ScoreProgressView {
  let live: ScoreProgressView | undefined;
  let pending: RunEvent[] = [];
  let stopped = false;
  import('../ui/score-progress-live.js')
    .then(({ startLiveScoreProgress }) => {
      if (stopped) return;
      live = startLiveScoreProgress({ stream, color: out.options.color });
      for (const event of pending) live.onEvent(event);
      pending = [];
    })
    .catch((error: Error) => out.warn(`progress view unavailable: ${error.message}`));
  return {
    onEvent(event) {
      if (live) live.onEvent(event);
      else pending.push(event);
    },
    stop() {
      stopped = true;
      live?.stop();
    },
  };
}
