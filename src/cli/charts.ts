// The frontier drawn for a plain terminal or a pipe: the stacked area chart with its legend.
import { legend, renderStackedArea } from '../chart/index.js';
import type { FrontierSeries } from '../frontier/types.js';

export function frontierChart(frontier: FrontierSeries, options: { color: boolean; width?: number; height?: number }): string {
  const width = Math.max(40, Math.min(options.width ?? process.stdout.columns ?? 80, 120));
  const lines = renderStackedArea(frontier.years, { width, height: options.height ?? 16, color: options.color });
  return [...lines, legend(options.color, { band: frontier.params.time.model === 'calibrated' }), ''].join('\n');
}
