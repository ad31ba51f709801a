// Lines for the waits of a model run when nobody sees a spinner (stderr piped to CI or a log): a rate-limit
// pause of a few seconds or more, each retry, and, while no reply comes, a line after 10 s, 30 s and then
// every minute, so a log never shows minutes of nothing after "ETA 6s".
import type { ScoreEvent } from '../score/llm/run.js';
import type { Output } from './output.js';
import { formatDuration } from './score-progress.js';

/** Rate-limit pauses shorter than this are routine pacing, not worth a line. */
const RATE_LIMIT_NOTICE_MS = 3_000;
const CHECK_EVERY_MS = 1_000;

/** The silence after which notice n (from 0) is due: 10 s, 30 s, 60 s, then every further minute. */
const dueAfter = (n: number) => (n === 0 ? 10_000 : n === 1 ? 30_000 : 60_000 * (n - 1));

export interface WaitNotices {
  /** The run starts sending. */
  start(): void;
  /** A reply arrived (scored, failed or proposed): the silence is over. */
  reply(): void;
  /** Any request-loop event (scoring's include its own; new work's are the loop's). */
  engine(event: ScoreEvent): void;
  stop(): void;
}

/** `prefix` names the scorer, when a run has several. */
export function createWaitNotices(out: Output, now: () => number = Date.now, prefix = ''): WaitNotices {
  let timer: NodeJS.Timeout | undefined;
  let lastReplyAt = 0;
  let notices = 0;
  const print = (text: string) => out.info(`${prefix}${text}`);
  const check = () => {
    const silent = now() - lastReplyAt;
    if (silent < dueAfter(notices)) return;
    notices++;
    print(`still waiting: no reply for ${formatDuration(silent)}`);
  };
  return {
    start() {
      lastReplyAt = now();
      timer ??= setInterval(check, CHECK_EVERY_MS);
      // A notice never keeps the process alive on its own.
      timer.unref();
    },
    reply() {
      lastReplyAt = now();
      notices = 0;
    },
    engine(event) {
      if (event.type === 'retry') print(`retrying: ${event.reason}`);
      if (event.type === 'rate-limited' && event.waitMs >= RATE_LIMIT_NOTICE_MS) {
        print(`rate limited by the server: waiting ${formatDuration(event.waitMs)} before sending again (concurrency ${event.concurrency})`);
      }
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
