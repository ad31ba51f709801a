// CSV as RFC 4180 (csv-stringify: CRLF, quotes doubled, fields quoted when needed), UTF-8.
// Cells a spreadsheet would run as a formula are neutralised with a leading apostrophe (OWASP's advice).
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cells starting with = + - @ tab or CR are prefixed with ' so Excel and Sheets show them as text. */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((row) => row.map(neutraliseCell))], { record_delimiter: '\r\n' });
}
