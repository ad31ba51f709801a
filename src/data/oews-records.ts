// Turns the cells of an OEWS national table (from the xlsx or the CSV, already split into rows) into
// OewsRecords. Both forms meet here so they give the same records and the same messages. Columns are
// found by header name: BLS moves and adds columns between years, and older files use lower case.

import { listNames } from './delimited.js';
import type { Reporter } from './problems.js';
import type { OewsRecord } from './types.js';

/** A cell as either reader gives it: the xlsx reader yields numbers, the CSV reader strings. */
export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number in the sheet, or line in the CSV. */
  line: number;
  cells: Cell[];
}

export interface RawSheet {
  /** Path shown in messages. */
  file: string;
  form: 'xlsx' | 'csv';
  /** Named in messages for an xlsx, whose rows are numbered per sheet. */
  sheetName?: string;
  header: string[];
  headerLine: number;
  rows: RawRow[];
}

export const OEWS_REQUIRED = ['OCC_CODE', 'OCC_TITLE', 'TOT_EMP'] as const;
/** A table without these still loads: the level is then told from the code's shape and wages are null. */
export const OEWS_OPTIONAL = ['O_GROUP', 'A_MEAN', 'A_MEDIAN'] as const;
type Column = (typeof OEWS_REQUIRED)[number] | (typeof OEWS_OPTIONAL)[number];

export const OEWS_EXPECTED = `a BLS OEWS national table with columns ${[...OEWS_REQUIRED, ...OEWS_OPTIONAL].join(', ')}`;

const SOC_CODE = /^\d{2}-\d{4}$/;
const LEVELS: readonly OewsRecord['level'][] = ['total', 'major', 'minor', 'broad', 'detailed'];
/** Plain digits, or digits grouped by thousands as the CSV writes them ("140,886,310"). */
const NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** True when the header names the columns that make a table an OEWS table. */
export function isOewsHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim().toUpperCase()));
  return OEWS_REQUIRED.every((c) => names.has(c));
}

/** Header cells as trimmed text ("" for an empty cell). */
export function headerNames(cells: readonly Cell[]): string[] {
  return cells.map((c) => (c === null ? '' : String(c).trim()));
}

/** "TOT_EMP (column 12)", with the letter for an xlsx since that is what a spreadsheet shows. */
function describeColumn(sheet: RawSheet, name: string, index: number): string {
  return sheet.form === 'xlsx' ? `${name} (column ${index + 1}, ${columnLetter(index)})` : `${name} (column ${index + 1})`;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function where(sheet: RawSheet): string {
  return sheet.sheetName !== undefined ? ` of sheet "${sheet.sheetName}"` : '';
}

/**
 * Records in file order, every level kept. `topWage` stands in for `#` (a wage at or above the top
 * value BLS reports that year). Rows with a bad value are reported and left out.
 */
export function readOewsRecords(sheet: RawSheet, options: { topWage: number; reporter: Reporter }): OewsRecord[] {
  const { reporter, topWage } = options;
  const { file } = sheet;
  const upper = sheet.header.map((h) => h.toUpperCase());
  const col = {} as Record<Column, number>;
  for (const name of [...OEWS_REQUIRED, ...OEWS_OPTIONAL]) col[name] = upper.indexOf(name);
  const missing = OEWS_REQUIRED.filter((name) => col[name] < 0);
  if (missing.length > 0) {
    reporter.error(
      `not an OEWS table: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header row${where(sheet)}: ` +
        `expected ${OEWS_EXPECTED}; the header has ${listNames(sheet.header, 12)}`,
      { file, line: sheet.headerLine },
    );
    return [];
  }
  if (sheet.rows.length === 0) {
    reporter.error(`file has a header but no rows${where(sheet)}: expected one row per occupation below the header`, {
      file,
      line: sheet.headerLine,
    });
    return [];
  }

  const records: OewsRecord[] = [];
  for (const row of sheet.rows) {
    const at = (name: Column) => ({ file, line: row.line, column: col[name] + 1 });
    const text = (name: Column): string => cellText(row.cells[col[name]]);
    let ok = true;
    const fail = (name: Column, message: string): void => {
      ok = false;
      reporter.error(message, at(name));
    };

    const soc = text('OCC_CODE');
    if (!SOC_CODE.test(soc)) {
      fail('OCC_CODE', `SOC code "${soc}" in ${describeColumn(sheet, 'OCC_CODE', col.OCC_CODE)} has the wrong shape: expected NN-NNNN, such as 15-1252`);
      continue;
    }

    let level = levelFromCode(soc);
    if (col.O_GROUP >= 0) {
      const group = text('O_GROUP').toLowerCase();
      if ((LEVELS as readonly string[]).includes(group)) level = group as OewsRecord['level'];
      else fail('O_GROUP', `level "${text('O_GROUP')}" in ${describeColumn(sheet, 'O_GROUP', col.O_GROUP)} is not an OEWS level: expected one of ${LEVELS.join(', ')}`);
    }

    const employment = readNumber(row.cells[col.TOT_EMP]);
    if (employment === 'bad') {
      fail(
        'TOT_EMP',
        `employment "${text('TOT_EMP')}" in ${describeColumn(sheet, 'TOT_EMP', col.TOT_EMP)} is not a number: ` +
          'expected a count of workers such as 140,886,310, or * / ** for not available',
      );
    }

    let wageTopCoded = false;
    const wage = (name: 'A_MEAN' | 'A_MEDIAN'): number | null => {
      if (col[name] < 0) return null;
      const raw = row.cells[col[name]];
      if (cellText(raw) === '#') {
        wageTopCoded = true;
        return topWage;
      }
      const value = readNumber(raw);
      if (value !== 'bad') return value;
      fail(
        name,
        `annual wage "${text(name)}" in ${describeColumn(sheet, name, col[name])} is not a number: ` +
          'expected US dollars such as 58,260, * / ** for not available, or # for at or above the top reported wage',
      );
      return null;
    };
    const meanWage = wage('A_MEAN');
    const medianWage = wage('A_MEDIAN');
    if (!ok || employment === 'bad') continue;
    records.push({ soc, title: text('OCC_TITLE'), level, employment, medianWage, meanWage, wageTopCoded });
  }
  return records;
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** A non-negative number; null for `*`, `**` or an empty cell (BLS: not available); 'bad' otherwise. */
function readNumber(cell: Cell | undefined): number | null | 'bad' {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? cell : 'bad';
  const text = cellText(cell);
  if (text === '' || text === '*' || text === '**') return null;
  if (!NUMBER.test(text)) return 'bad';
  return Number(text.replace(/,/g, ''));
}

/** SOC structure: 00-0000 total, NN-0000 major, NN-NN00 minor, NN-NNN0 broad, anything else detailed. */
export function levelFromCode(soc: string): OewsRecord['level'] {
  if (soc === '00-0000') return 'total';
  if (soc.endsWith('0000')) return 'major';
  if (soc.endsWith('00')) return 'minor';
  if (soc.endsWith('0')) return 'broad';
  return 'detailed';
}
