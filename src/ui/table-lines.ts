// The occupations table laid out in fixed columns, as plain lines: used by the view and the static output.
import { formatJobs, formatShare } from '../chart/format.js';
import type { FrontierMeasure } from '../frontier/types.js';
import type { OccupationRow, SortKey } from './table-model.js';
import { fit } from './text.js';

interface Column {
  key: SortKey | 'title' | 'majorGroup';
  header: string;
  width: number;
  align: 'left' | 'right';
  value: (row: OccupationRow) => string;
}

const jobs = (v: number | null) => (v === null ? '–' : formatJobs(v));

function columns(measure: FrontierMeasure, titleWidth: number): Column[] {
  return [
    { key: 'title', header: 'occupation', width: titleWidth, align: 'left', value: (r) => r.title },
    { key: 'majorGroup', header: 'grp', width: 3, align: 'left', value: (r) => r.majorGroup },
    { key: 'employment', header: 'employment', width: 11, align: 'right', value: (r) => jobs(r.employment) },
    { key: 'exposure', header: measure, width: 11, align: 'right', value: (r) => (r.exposure === null ? '–' : formatShare(r.exposure)) },
    { key: 'displaced', header: 'displaced', width: 10, align: 'right', value: (r) => jobs(r.displaced) },
    { key: 'newWork', header: 'new work', width: 10, align: 'right', value: (r) => jobs(r.newWork) },
  ];
}

const FIXED = 3 + 11 + 11 + 10 + 10 + 5;

export interface TableLayout {
  header: string;
  rows: string[];
}

/** Header and rows fitted to `width` columns; the sorted column's header ends in ▼ or ▲, inside its own
 * column (every column is wide enough for its longest header and the arrow), so it never reads as the
 * neighbour's. */
export function tableLines(rows: readonly OccupationRow[], options: { width: number; measure: FrontierMeasure; sort: SortKey; descending: boolean }): TableLayout {
  const cols = columns(options.measure, Math.max(12, options.width - FIXED));
  const arrow = options.descending ? '▼' : '▲';
  const header = cols
    .map((c) => fit(c.key === options.sort ? `${c.header}${arrow}` : c.header, c.width, c.align))
    .join(' ');
  return { header, rows: rows.map((r) => cols.map((c) => fit(c.value(r), c.width, c.align)).join(' ')) };
}

