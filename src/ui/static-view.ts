// What `view` prints without a terminal (a pipe, CI): the frontier chart, the rings at the base year,
// +10 and +20, and the top of the occupations table. Plain text (colour only when asked), no ink.
import { newWorkHighlights } from '../analysis/headline.js';
import { newWorkStatement, provenanceLines, timeModelStatement } from '../analysis/statements.js';
import type { Analysis } from '../analysis/types.js';
import { legend } from '../chart/bands.js';
import { formatJobs, formatShare } from '../chart/format.js';
import { sideBySide } from '../chart/paint.js';
import { renderRings } from '../chart/rings.js';
import { renderStackedArea } from '../chart/stacked-area.js';
import { occupationRows, queryRows } from './table-model.js';
import { tableLines } from './table-lines.js';
import { fit, wrap } from './text.js';

export interface StaticViewOptions {
  width: number;
  color: boolean;
  /** Rows of the occupations table. */
  top?: number;
}

export function renderStaticView(analysis: Analysis, options: StaticViewOptions): string {
  const width = Math.max(40, options.width);
  const { frontier } = analysis;
  const { params, years } = frontier;
  const last = years.length - 1;
  const lines = [
    `ai-frontier view: ${analysis.dataset.name}`,
    ...provenanceLines(analysis).flatMap((line) => wrap(line, Math.min(width, 120), '  ')),
    `frontier ${params.firstYear}-${params.horizonYear}, measure ${params.measure}, new work ${params.newWork.preset ?? 'custom'}` +
      (params.employment > 0 ? `, base employment ${params.employment.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : ', no employment: shares only'),
    ...wrap(timeModelStatement(frontier), Math.min(width, 120), '  '),
    '',
  ];
  if (years.length === 0) return [...lines, 'No frontier: no task has a score.', ''].join('\n');

  lines.push(...renderStackedArea(years, { width: Math.min(width, 100), height: 16, color: options.color }));
  lines.push(...wrapLegend(legend(options.color, { band: params.time.model === 'calibrated' }), width), '');

  // The base year, +10 and the horizon year, so --horizon-year reaches the rings as it reaches every headline.
  const picks = [...new Set([0, Math.min(10, last), last])];
  const ringWidth = Math.max(12, Math.min(30, Math.floor((width - 2 * (picks.length - 1)) / picks.length)));
  const ringHeight = Math.max(6, Math.floor(ringWidth / 2));
  const maxTotal = Math.max(1, ...years.map((p) => p.total));
  const blocks = picks.map((i) => {
    const p = years[i]!;
    return [
      ...renderRings(p, { width: ringWidth, height: ringHeight, color: options.color, maxTotal }),
      fit(`${p.year}  net ${params.employment > 0 ? formatJobs(p.netJobs, { signed: true }) : formatShare(p.grey - p.dark)}`, ringWidth),
      fit(`dark ${formatShare(p.dark)} grey ${formatShare(p.grey)}`, ringWidth),
    ];
  });
  lines.push(...sideBySide(blocks, 2), '');

  const top = options.top ?? 10;
  const rows = queryRows(occupationRows(analysis, last), { sort: 'displaced', descending: true, filter: '', majorGroup: null });
  const table = tableLines(rows.slice(0, top), { width: Math.min(width, 120), measure: params.measure, sort: 'displaced', descending: true });
  lines.push(`Top ${Math.min(top, rows.length)} of ${rows.length.toLocaleString('en-US')} occupations by jobs displaced by ${params.horizonYear}:`, table.header, ...table.rows, '');
  const examples = newWorkHighlights(analysis, 5);
  if (examples.length) {
    lines.push(...wrap(newWorkStatement(analysis), Math.min(width, 120), '  '));
    for (const e of examples) lines.push(fit(`  - ${e.text} [${e.occupationCode ?? e.majorGroup ?? ''}]`, Math.min(width, 120)));
    lines.push('');
  }
  lines.push('Run `ai-frontier view` in a terminal to browse interactively.');
  return `${lines.join('\n')}\n`;
}

/** The legend on one line when it fits, else one entry per line. */
function wrapLegend(text: string, width: number): string[] {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length <= width ? [text] : text.split('   ');
}
