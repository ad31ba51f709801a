// Numbers as the charts and the view print them: shares in %, jobs compact (1.23M, 456.7k).

import { countText } from '../count-text.js';

export function formatShare(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Jobs in a few characters; `signed` puts + before gains, as for net change. */
export function formatJobs(jobs: number, options: { signed?: boolean } = {}): string {
  const sign = jobs < 0 ? '-' : options.signed && jobs > 0 ? '+' : '';
  const abs = Math.abs(jobs);
  if (abs >= 1e6) return `${sign}${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${sign}${(abs / 1e3).toFixed(1)}k`;
  return `${sign}${countText(abs)}`;
}
