// Download progress on stderr. A terminal gets one line redrawn in place; a pipe or CI log gets a few
// plain lines (start, every quarter, done) so logs stay short; --quiet gets nothing.
import { formatBytes, type DownloadProgress } from '../../data/download.js';
import type { Output } from '../output.js';

export interface ProgressOptions {
  out: Output;
  /** Raw stderr writer (no newline added), for redrawing the line in place. */
  write: (text: string) => void;
  /** What is being downloaded, shown at the start of the line. */
  label: string;
  now?: () => number;
}

export interface ProgressView {
  update(progress: DownloadProgress): void;
  /** Clears the live line; call once, whether the download succeeded or not. */
  stop(): void;
}

const REDRAW_MS = 100;
const CLEAR_LINE = '\u001b[K';

/** "  5.20 MB/s", or nothing before any time has passed. */
function speed(progress: DownloadProgress, elapsedMs: number): string {
  return elapsedMs > 0 ? `  ${formatBytes(Math.round((progress.received / elapsedMs) * 1000))}/s` : '';
}

/** "12.3 MB / 40.1 MB  31%  5.20 MB/s": the live line's text. */
export function describeProgress(progress: DownloadProgress, elapsedMs: number): string {
  const { received, total } = progress;
  const size = total ? `${formatBytes(received)} / ${formatBytes(total)}` : formatBytes(received);
  const percent = total ? `  ${Math.floor((received / total) * 100)}%` : '';
  return `${size}${percent}${speed(progress, elapsedMs)}`;
}

export function createProgressView(options: ProgressOptions): ProgressView {
  const { out, write, label } = options;
  const now = options.now ?? Date.now;
  const started = now();
  let last: DownloadProgress = { received: 0 };
  let drawnAt = -Infinity;
  let drawn = false;
  let quarter = 0;
  let announced = false;
  let stopped = false;

  const redraw = () => {
    write(`\r${label}  ${describeProgress(last, now() - started)}${CLEAR_LINE}`);
    drawn = true;
    drawnAt = now();
  };

  return {
    update(progress) {
      last = progress;
      if (out.interactive) {
        if (now() - drawnAt >= REDRAW_MS || progress.received === progress.total) redraw();
        return;
      }
      if (!announced) {
        announced = true;
        out.info(`${label}${progress.total ? ` (${formatBytes(progress.total)})` : ''}`);
      }
      if (!progress.total) return;
      const reached = Math.floor((progress.received / progress.total) * 4);
      // The 100% line is the "done" line printed by stop().
      while (quarter < Math.min(reached, 3)) {
        quarter++;
        out.info(`  ${quarter * 25}%  ${formatBytes(progress.received)} of ${formatBytes(progress.total)}${speed(progress, now() - started)}`);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (out.interactive) {
        if (drawn) write(`\r${CLEAR_LINE}`);
        return;
      }
      if (announced && (!last.total || last.received === last.total)) {
        const elapsed = now() - started;
        out.info(`  done  ${formatBytes(last.received)} in ${(elapsed / 1000).toFixed(1)} s${speed(last, elapsed)}`);
      }
    },
  };
}
