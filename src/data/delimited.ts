// Reads delimited text (O*NET's tab-separated files, CSV and TSV task tables) into header + rows with
// line numbers, reporting every structural problem with file, line and column. Hand-written rather than
// csv-parse: O*NET files must NOT treat `"` as a quote, and the messages need our own wording and locations.

import type { Reporter } from './problems.js';

// Loaders import the decoder from here together with the parser.
export { decodeUtf8, firstInvalidUtf8 } from './utf8.js';

export type Delimiter = '\t' | ',';

export interface DelimitedRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export interface DelimitedTable {
  file: string;
  delimiter: Delimiter;
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  /**
   * Rows with the right number of fields, parsed as they are iterated (once): a 55k-row file then never
   * holds all its split rows at the same time, which keeps the garbage collector out of the load time.
   * Rows with the wrong width, and a file with no rows at all, are reported during the iteration.
   */
  rows: Iterable<DelimitedRow>;
}

export interface ParseOptions {
  /** Path shown in messages. */
  file: string;
  delimiter: Delimiter;
  /** RFC 4180 quoting (CSV and pandas-written TSV). O*NET text files are unquoted: `"` is an ordinary character. */
  quoting: boolean;
  reporter: Reporter;
  /** The columns the caller needs, named in messages about an empty file, the header or the delimiter. */
  expectedColumns: readonly string[];
}

const DELIMITER_NAMES: Record<string, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
}

/** "A, B, C" or "A, B, C, ... (12 in all)" so a message stays one paragraph. */
export function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => (n === '' ? '(unnamed)' : n));
  return names.length > max ? `${shown.join(', ')}, ... (${names.length} in all)` : shown.join(', ');
}

/**
 * Splits text into a header and rows. Returns undefined when there is no usable header (empty file,
 * wrong delimiter, broken line ends); rows with the wrong number of fields are reported and left out.
 */
export function parseDelimited(text: string, options: ParseOptions): DelimitedTable | undefined {
  const { file, delimiter, reporter, expectedColumns } = options;
  const expected = `${delimiterName(delimiter)}-separated columns (${listNames(expectedColumns)})`;
  if (!/\S/.test(text)) {
    reporter.error(`file is empty: expected a header row of ${expected}`, { file });
    return undefined;
  }

  const cursor = createLineCursor(text);
  let headerText = cursor.next()!;
  while (headerText.trim() === '') headerText = cursor.next()!;
  const headerLine = cursor.line;
  if (headerText.includes('\r')) {
    reporter.error(
      `line ends are lone carriage returns (CR, old Mac style) at character ${headerText.indexOf('\r') + 1}: ` +
        'expected LF or CRLF line ends',
      { file, line: headerLine, column: headerText.indexOf('\r') + 1 },
    );
    return undefined;
  }
  const header = splitUnquoted(headerText, delimiter).map((h) => (options.quoting ? unquoteHeader(h) : h).trim());
  if (header.length === 1 && expectedColumns.length > 1) {
    const other = [',', ';', '\t', '|'].find((d) => d !== delimiter && headerText.includes(d));
    if (other) {
      reporter.error(
        `header is ${delimiterName(other)}-separated: expected ${expected}, found "${truncate(headerText, 80)}"`,
        { file, line: headerLine },
      );
      return undefined;
    }
  }

  return { file, delimiter, header, headerLine, rows: readRows(cursor, header, headerLine, options) };
}

function* readRows(
  cursor: LineCursor,
  header: string[],
  headerLine: number,
  options: ParseOptions,
): Generator<DelimitedRow, void, undefined> {
  const { file, delimiter, reporter } = options;
  let dataLines = 0;
  for (let raw = cursor.next(); raw !== undefined; raw = cursor.next()) {
    const line = cursor.line;
    if (raw.trim() === '') {
      reporter.warning('blank line skipped', { file, line });
      continue;
    }
    dataLines++;
    let fields: string[];
    if (!options.quoting || !raw.includes('"')) fields = splitUnquoted(raw, delimiter);
    else {
      const mark = cursor.mark();
      const parsed = parseQuotedRecord(raw, cursor, delimiter);
      if ('error' in parsed) {
        reporter.error(parsed.error, { file, line, column: parsed.column });
        // Go on from the next line: the lines after a broken quote are most likely rows of their own.
        cursor.reset(mark);
        continue;
      }
      fields = parsed.fields;
    }
    if (fields.length === header.length) yield { line, fields };
    else reportWidth({ line, fields, raw, header, options });
  }
  if (dataLines === 0) {
    reporter.error(
      `file has a header but no rows: expected at least one row of ${delimiterName(delimiter)}-separated columns ` +
        `(${listNames(options.expectedColumns)})`,
      { file, line: headerLine },
    );
  }
}

function reportWidth(row: { line: number; fields: string[]; raw: string; header: string[]; options: ParseOptions }): void {
  const { line, fields, raw, header } = row;
  const { file, delimiter, reporter } = row.options;
  const width = header.length;
  const cr = raw.indexOf('\r');
  const other = fields.length === 1 ? [',', ';', '\t', '|'].find((d) => d !== delimiter && raw.includes(d)) : undefined;
  const hint =
    other !== undefined
      ? `; the row looks ${delimiterName(other)}-separated`
      : cr >= 0
        ? `; the line holds a lone carriage return (CR) at character ${cr + 1}, which some editors show as a line end: expected LF or CRLF line ends`
        : fields.length < width
          ? `: the row ends before column ${fields.length + 1} (${header[fields.length] || 'unnamed'}); truncated row?`
          : ` (a ${delimiterName(delimiter)} inside a value?)`;
  // A short row is located at the first missing column; a long one has no single culprit column.
  const column = fields.length < width && cr < 0 ? fields.length + 1 : undefined;
  reporter.error(
    `expected ${width} ${delimiterName(delimiter)}-separated columns (${listNames(header)}), found ${fields.length}${hint}`,
    column === undefined ? { file, line } : { file, line, column },
  );
}

/**
 * Column positions by header name (case and surrounding spaces ignored), because releases add or move
 * columns (some have an extra `Title`). Optional columns that are absent map to -1. Returns undefined,
 * after one error naming every missing column and the header found, when a required column is absent.
 */
export function findColumns<K extends string>(
  table: DelimitedTable,
  spec: { required: readonly K[]; optional?: readonly K[] },
  reporter: Reporter,
): Record<K, number> | undefined {
  const normal = table.header.map((h) => h.trim().toLowerCase());
  const result = {} as Record<K, number>;
  const missing: K[] = [];
  for (const name of [...spec.required, ...(spec.optional ?? [])]) {
    result[name] = normal.indexOf(name.toLowerCase());
  }
  for (const name of spec.required) if (result[name] < 0) missing.push(name);
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(', ');
    reporter.error(
      `missing column${missing.length > 1 ? 's' : ''} ${names}: expected ${delimiterName(table.delimiter)}-separated ` +
        `columns ${listNames(spec.required)}; the header has ${listNames(table.header)}`,
      { file: table.file, line: table.headerLine },
    );
    return undefined;
  }
  return result;
}

function splitUnquoted(line: string, delimiter: Delimiter): string[] {
  return line.split(delimiter);
}

function unquoteHeader(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

type QuotedResult = { fields: string[] } | { error: string; column: number };

interface CursorMark {
  pos: number;
  line: number;
}

interface LineCursor {
  /** The next line without its LF or CRLF; undefined at the end of the text. */
  next(): string | undefined;
  /** 1-based number of the line `next` returned last. */
  readonly line: number;
  /** Where the cursor is, to go back to after a record that turned out broken. */
  mark(): CursorMark;
  reset(mark: CursorMark): void;
}

/** Walks the text a line at a time rather than splitting it all up front: fewer allocations on 55k-row files. */
function createLineCursor(text: string): LineCursor {
  let pos = 0;
  let line = 0;
  return {
    next() {
      if (pos >= text.length) return undefined;
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const contentEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const value = text.slice(pos, contentEnd);
      pos = end + 1;
      line++;
      return value;
    },
    get line() {
      return line;
    },
    mark() {
      return { pos, line };
    },
    reset(mark) {
      ({ pos, line } = mark);
    },
  };
}

/**
 * RFC 4180 record starting with `first` (the cursor's current line): a field that begins with `"` runs
 * to the next lone `"`, `""` is a literal quote, and a quoted field may span lines, read from the cursor.
 * A `"` in the middle of an unquoted field is kept as text, as spreadsheets do.
 */
function parseQuotedRecord(first: string, cursor: LineCursor, delimiter: Delimiter): QuotedResult {
  const fields: string[] = [];
  const startLine = cursor.line;
  let text = first;
  let pos = 0;
  for (;;) {
    if (text[pos] !== '"') {
      const end = text.indexOf(delimiter, pos);
      if (end < 0) {
        fields.push(text.slice(pos));
        return { fields };
      }
      fields.push(text.slice(pos, end));
      pos = end + 1;
      continue;
    }
    const column = fields.length + 1;
    let value = '';
    pos++;
    for (;;) {
      const q = text.indexOf('"', pos);
      if (q < 0) {
        // The field runs past the end of this line: keep the line end and continue on the next.
        value += text.slice(pos) + '\n';
        const next = cursor.next();
        if (next === undefined) {
          return { error: `quoted field in column ${column} is never closed: expected a closing " before the end of the file`, column };
        }
        text = next;
        pos = 0;
        continue;
      }
      if (text[q + 1] === '"') {
        value += text.slice(pos, q + 1);
        pos = q + 2;
        continue;
      }
      value += text.slice(pos, q);
      pos = q + 1;
      break;
    }
    fields.push(value);
    if (pos === text.length) return { fields };
    if (text[pos] !== delimiter) {
      return {
        error:
          `quoted field in column ${column} is not closed where it should be: expected a closing " ` +
          `followed by a ${delimiterName(delimiter)} or a line end, found ${JSON.stringify(text.slice(pos - 1, pos + 10))}` +
          (cursor.line > startLine ? ` on line ${cursor.line}` : ''),
        column,
      };
    }
    pos++;
  }
}
