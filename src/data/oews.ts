// Loads a BLS OEWS national table, as BLS ships it (xlsx) or as CSV, into an OewsTable. The form is
// told from the file's first bytes, not its name, so a renamed download still loads.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { decodeUtf8, listNames } from './delimited.js';
import { OEWS_EXPECTED, headerNames, isOewsHeader, readOewsRecords, type Cell, type RawRow, type RawSheet } from './oews-records.js';
import { createReporter, type LoadOptions, type Reporter } from './problems.js';
import type { OewsTable } from './types.js';

/**
 * `#` marks a wage at or above the top value BLS reports; the value is in the xlsx notes ("$239,200 per
 * year" for May 2024). The CSV has no notes, so the year decides: $115/hour or $239,200 a year from May 2022,
 * $100/hour or $208,000 before (May 2021). Either way `wageTopCoded` marks the figure as a lower bound.
 */
export const OEWS_TOP_WAGE = { from2022: 239_200, before2022: 208_000 } as const;

export function topWageForYear(year: number | undefined): number {
  return year !== undefined && year < 2022 ? OEWS_TOP_WAGE.before2022 : OEWS_TOP_WAGE.from2022;
}

export async function loadOews(file: string, options: LoadOptions = {}): Promise<OewsTable> {
  const reporter = createReporter(options.problems);
  const table: OewsTable = { source: file, records: [] };
  const nameYear = yearFromName(file);
  if (nameYear !== undefined) table.year = nameYear;

  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(error)})`;
    reporter.error(`${what}: expected ${OEWS_EXPECTED}, as an xlsx or CSV file`, { file });
    return table;
  }
  if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    reporter.error(`file is empty: expected ${OEWS_EXPECTED}, as an xlsx or CSV file`, { file });
    return table;
  }

  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    reporter.error(
      'file is a legacy Excel 97-2003 workbook (.xls), which cannot be read: expected the .xlsx or CSV form; re-save it as .xlsx',
      { file },
    );
    return table;
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const read = isZip ? await readXlsxSheet(bytes, file, reporter) : readCsvSheet(bytes, file, reporter);
  if (!read) return table;

  const year = table.year ?? read.notes?.year;
  if (year !== undefined) table.year = year;
  const topWage = read.notes?.topWage ?? topWageForYear(year);
  table.records = readOewsRecords(read.sheet, { topWage, reporter });
  return table;
}

/** "national_M2024_dl.xlsx" -> 2024, "national_May2021_dl.csv" -> 2021, "oesm24nat" -> 2024. */
export function yearFromName(file: string): number | undefined {
  const name = path.basename(file);
  const full = /(?:^|[^a-z])m(?:ay)?[ _-]?((?:19|20)\d{2})(?!\d)/i.exec(name);
  if (full) return Number(full[1]);
  const short = /oesm(\d{2})/i.exec(name);
  if (short) return 2000 + Number(short[1]);
  // Names this project gives its own extracts, such as the bundled sample's oews-2024.csv.
  const named = /oews[ _-]((?:19|20)\d{2})(?!\d)/i.exec(name);
  return named ? Number(named[1]) : undefined;
}

interface Notes {
  year?: number;
  topWage?: number;
}

interface SheetRead {
  sheet: RawSheet;
  notes?: Notes;
}

async function readXlsxSheet(bytes: Buffer, file: string, reporter: Reporter): Promise<SheetRead | undefined> {
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    // The package types a date cell as `typeof Date`; at run time it is a Date instance, which Cell allows.
    sheets = (await readXlsxFile(bytes)) as unknown as typeof sheets;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    reporter.error(`file is a zip but not a readable xlsx workbook (${detail}): expected ${OEWS_EXPECTED}`, { file });
    return undefined;
  }
  const withHeader = sheets
    .map((s) => ({ name: s.sheet, data: s.data, headerIndex: s.data.findIndex((row) => row.some((c) => !isBlank(c))) }))
    .filter((s) => s.headerIndex >= 0);
  if (withHeader.length === 0) {
    reporter.error(`workbook has no data in any sheet: expected ${OEWS_EXPECTED}`, { file });
    return undefined;
  }
  const data = withHeader.find((s) => isOewsHeader(headerNames(s.data[s.headerIndex]!))) ?? withHeader[0]!;
  const rows: RawRow[] = [];
  for (let i = data.headerIndex + 1; i < data.data.length; i++) {
    const cells = data.data[i]!;
    if (cells.some((c) => !isBlank(c))) rows.push({ line: i + 1, cells });
  }
  const sheet: RawSheet = {
    file,
    form: 'xlsx',
    sheetName: data.name,
    header: headerNames(data.data[data.headerIndex]!),
    headerLine: data.headerIndex + 1,
    rows,
  };
  const others = sheets.filter((s) => s.sheet !== data.name);
  return { sheet, notes: readNotes(others) };
}

/** The year and the `#` top wage from the notes sheet BLS puts beside the data ("Field Descriptions"). */
function readNotes(sheets: { data: Cell[][] }[]): Notes {
  const notes: Notes = {};
  for (const { data } of sheets) {
    for (const row of data) {
      for (const cell of row) {
        if (typeof cell !== 'string') continue;
        const year = /May\s+((?:19|20)\d{2})\s+OEWS/i.exec(cell);
        if (year && notes.year === undefined) notes.year = Number(year[1]);
        const top = /^#\s*=.*?\$([\d,]+)\s*per\s+year/i.exec(cell.trim());
        if (top && notes.topWage === undefined) notes.topWage = Number(top[1]!.replace(/,/g, ''));
      }
    }
  }
  return notes;
}

function readCsvSheet(bytes: Buffer, file: string, reporter: Reporter): SheetRead | undefined {
  const text = decodeUtf8(bytes, file, reporter);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // Widths are checked below, so a short row is reported with its line rather than stopping the parse.
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      reporter.error(`not valid CSV (${error.message}): expected ${OEWS_EXPECTED}`, { file, ...(line !== undefined ? { line } : {}) });
      return undefined;
    }
    throw error;
  }
  const first = parsed[0];
  if (!first) {
    reporter.error(`file is empty: expected ${OEWS_EXPECTED}, as an xlsx or CSV file`, { file });
    return undefined;
  }
  const header = headerNames(first.record);
  const rows: RawRow[] = [];
  for (const { record, info } of parsed.slice(1)) {
    if (record.length !== header.length) {
      // A short last field list is what a truncated download looks like; name the header to compare.
      if (isOewsHeader(header)) {
        reporter.error(
          `expected ${header.length} comma-separated columns (${listNames(header, 12)}), found ${record.length}`,
          { file, line: info.lines },
        );
        continue;
      }
    }
    rows.push({ line: info.lines, cells: record });
  }
  return { sheet: { file, form: 'csv', header, headerLine: first.info.lines, rows } };
}

function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
