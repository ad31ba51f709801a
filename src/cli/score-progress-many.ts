// Progress of a run of several scorers on stderr, one line per scorer: the ink view at an interactive
// terminal, an ora spinner over the lines when stderr is a terminal but the session is not interactive, and
// otherwise (CI logs, pipes) plain lines at most every few seconds, each naming its scorer, plus a scorer's
// last line as soon as it finishes. Fed by runScoreMany's events; nothing here knows how scoring works.
import type { Ora } from 'ora';
import type { ManyRunEvent } from '../score/score-many.js';
import type { Progress } from '../score/score-run.js';
import { printable } from './format.js';
import type { Output } from './output.js';
import { formatDuration, progressLine } from './score-progress.js';
import { createWaitNotices, type WaitNotices } from './wait-notices.js';

/** Plain lines no more often than this; a scorer's finish always gets its last line at once. */
const PLAIN_INTERVAL_MS = 5_000;

export interface ManyScoreProgressView {
  onEvent(event: ManyRunEvent): void;
  stop(): void;
}

interface ScorerLine {
  name: string;
  progress?: Progress;
  note: string;
  finished: boolean;
}

/** "openai:gpt-4.1-mini  20/40 scored (50%) · ..." with the names padded to one width. */
export function scorerLines(lines: readonly ScorerLine[]): string[] {
  const width = Math.max(...lines.map((l) => l.name.length));
  return lines.map((l) => printable(`${l.name.padEnd(width)}  ${l.progress ? progressLine(l.progress) : 'waiting to start'}${l.note ? ` · ${l.note}` : ''}`));
}

export function createManyScoreProgress(out: Output, options: { stream?: NodeJS.WriteStream; stdinIsTTY?: boolean } = {}): ManyScoreProgressView {
  if (out.options.quiet || out.options.json) return { onEvent: () => {}, stop: () => {} };
  if (out.interactive && options.stream?.isTTY && options.stdinIsTTY) return inkProgress(out, options.stream);
  const live = out.interactive && options.stream !== undefined;
  const lines = new Map<string, ScorerLine>();
  const waits = new Map<string, WaitNotices>();
  let spinner: Ora | undefined;
  let stopped = false;
  let ticker: NodeJS.Timeout | undefined;
  let lastPrinted = 0;
  const render = () => scorerLines([...lines.values()]).join('\n');
  const printAll = () => {
    lastPrinted = Date.now();
    for (const line of scorerLines([...lines.values()].filter((l) => l.progress && !l.finished))) out.info(`scoring ${line}`);
  };
  return {
    onEvent(event) {
      if (event.type === 'plans') {
        for (const plan of event.plans) lines.set(plan.scorer, { name: plan.scorer, note: '', finished: plan.toScore === 0 });
        const toScore = event.plans.some((p) => p.toScore > 0);
        if (toScore && live) {
          // ora loads only when a spinner is shown.
          import('ora')
            .then(({ default: ora }) => {
              if (stopped) return;
              spinner = ora({ text: render(), stream: options.stream, discardStdin: false }).start();
              ticker = setInterval(() => spinner && (spinner.text = render()), 1000).unref();
            })
            .catch((error: Error) => out.warn(`progress spinner unavailable: ${error.message}`));
        }
        if (!live) {
          for (const plan of event.plans) {
            if (plan.toScore === 0 || plan.provider === 'offline') continue;
            const notices = createWaitNotices(out, Date.now, `${plan.scorer}: `);
            notices.start();
            waits.set(plan.scorer, notices);
          }
        }
        return;
      }
      const line = lines.get(event.scorer);
      if (!line) return;
      const inner = event.event;
      if (inner.type === 'progress') {
        waits.get(event.scorer)?.reply();
        line.progress = inner.progress;
        const done = inner.progress.done + inner.progress.failed >= inner.progress.total;
        if (spinner) spinner.text = render();
        else if (!live && done && !line.finished) {
          out.info(`scoring ${scorerLines([...lines.values()])[[...lines.keys()].indexOf(event.scorer)]}`);
        } else if (!live && Date.now() - lastPrinted >= PLAIN_INTERVAL_MS) printAll();
        if (done) {
          line.finished = true;
          waits.get(event.scorer)?.stop();
        }
      }
      if (inner.type === 'engine') {
        const e = inner.event;
        waits.get(event.scorer)?.engine(e);
        if (e.type === 'rate-limited') line.note = `rate limited, waiting ${formatDuration(e.waitMs)}, concurrency ${e.concurrency}`;
        else if (e.type === 'retry') line.note = `retrying: ${e.reason}`;
        else if (e.type === 'request-start') line.note = '';
        if (spinner) spinner.text = render();
      }
      if (inner.type === 'batch') {
        line.note = `batch ${inner.batchId}: ${inner.status}${inner.total ? ` ${inner.completed ?? 0}/${inner.total} requests` : ''}`;
        if (spinner) spinner.text = render();
        else if (!live) out.info(printable(`${event.scorer}: ${line.note}`));
      }
    },
    stop() {
      stopped = true;
      clearInterval(ticker);
      spinner?.stop();
      spinner = undefined;
      for (const notices of waits.values()) notices.stop();
    },
  };
}

/** The ink view, loaded only when used so other commands never pay for React at start-up. */
function inkProgress(out: Output, stream: NodeJS.WriteStream): ManyScoreProgressView {
  let live: ManyScoreProgressView | undefined;
  let pending: ManyRunEvent[] = [];
  let stopped = false;
  import('../ui/score-progress-many-live.js')
    .then(({ startLiveManyScoreProgress }) => {
      if (stopped) return;
      live = startLiveManyScoreProgress({ stream, color: out.options.color });
      for (const event of pending) live.onEvent(event);
      pending = [];
    })
    .catch((error: Error) => out.warn(`progress view unavailable: ${error.message}`));
  return {
    onEvent(event: ManyRunEvent) {
      if (live) live.onEvent(event);
      else pending.push(event);
    },
    stop() {
      stopped = true;
      live?.stop();
    },
  };
}
