// Loads any task table with O*NET-style columns (O*NET-SOC Code, Task ID, Task, Task Type, Title),
// TSV or CSV, such as the GPTs-are-GPTs label set. Extra columns are kept, row by row, for importers
// that read labels from the same file.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8, findColumns, parseDelimited, type Delimiter } from './delimited.js';
import { binaryKind, notATable } from './file-kind.js';
import { isOewsHeader } from './oews-records.js';
import { occupationFromCode, parseTaskType } from './onet-files.js';
import { createReporter, type LoadOptions } from './problems.js';
import type { Dataset, Occupation, Task } from './types.js';

export interface TaskTableRow {
  /** 1-based line the row starts on. */
  line: number;
  /** Normalised Task ID ("8823" for "8823.0"), as in the dataset's tasks. */
  taskId: string;
  /** Every column by header name; the unnamed first column of a pandas export is "". */
  values: Record<string, string>;
}

export interface TaskTable {
  dataset: Dataset;
  /** Header names in file order. */
  columns: string[];
  /** One per task loaded (rows with errors are left out), in file order. */
  rows: TaskTableRow[];
}

const REQUIRED = ['O*NET-SOC Code', 'Task ID', 'Task'] as const;
const OPTIONAL = ['Task Type', 'Title'] as const;
/** An O*NET-SOC code, or a plain SOC code for tables built from other sources. */
const TABLE_CODE = /^\d{2}-\d{4}(\.\d{2})?$/;

export async function loadTaskTable(file: string, options: LoadOptions = {}): Promise<Dataset> {
  return (await readTaskTable(file, options)).dataset;
}

/** The dataset plus the header and every loaded row with its line number and all its columns. */
export async function readTaskTable(file: string, options: LoadOptions = {}): Promise<TaskTable> {
  const reporter = createReporter(options.problems);
  const dataset: Dataset = {
    name: options.name ?? file,
    kind: 'table',
    source: file,
    occupations: [],
    tasks: [],
    emergingTasks: [],
    files: [file],
  };
  const result: TaskTable = { dataset, columns: [], rows: [] };

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(error)})`;
    reporter.error(`${what}: expected a task table (TSV or CSV with O*NET-SOC Code, Task ID, Task columns)`, { file });
    return result;
  }
  const binary = binaryKind(bytes);
  if (binary) {
    reporter.error(notATable(binary), { file });
    return result;
  }
  const text = decodeUtf8(bytes, file, reporter);
  const table = parseDelimited(text, {
    file,
    delimiter: sniffDelimiter(text, file),
    // Pandas and spreadsheets quote fields that hold the delimiter or a `"`, so tables are read as RFC 4180.
    quoting: true,
    reporter,
    expectedColumns: [...REQUIRED, ...OPTIONAL],
  });
  if (!table) return result;
  result.columns = table.header;
  if (isOewsHeader(table.header)) {
    reporter.error(`is the BLS OEWS employment table (OCC_CODE, TOT_EMP), not a task table: pass it with --oews beside a dataset, such as --dataset sample --oews ${file}`, { file, line: table.headerLine });
    return result;
  }
  const cols = findColumns(table, { required: REQUIRED, optional: OPTIONAL }, reporter);
  if (!cols) return result;

  const occupations = new Map<string, Occupation>();
  const seen = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!.trim();
    const codeAt = { file, line, column: cols['O*NET-SOC Code'] + 1 };
    if (!TABLE_CODE.test(code)) {
      reporter.error(
        `O*NET-SOC code "${code}" in column ${codeAt.column} has the wrong shape: expected NN-NNNN.NN, such as 15-1252.00`,
        codeAt,
      );
      continue;
    }
    const rawId = fields[cols['Task ID']]!.trim();
    // Pandas writes integer IDs of a column with gaps as floats: 8823.0 is Task 8823.
    const id = rawId.replace(/^(\d+)\.0*$/, '$1');
    const idAt = { file, line, column: cols['Task ID'] + 1 };
    if (id === '') {
      reporter.error(`Task ID in column ${idAt.column} is empty: expected an O*NET Task ID such as 8823`, idAt);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      reporter.error(`duplicate Task ID "${id}": first on line ${first}, again on line ${line}`, idAt);
      continue;
    }
    const taskText = fields[cols.Task]!.trim();
    if (taskText === '') {
      reporter.error(`Task in column ${cols.Task + 1} is empty: expected the task statement`, { file, line, column: cols.Task + 1 });
      continue;
    }
    let type: Task['type'] = null;
    if (cols['Task Type'] >= 0) {
      const parsed = parseTaskType(fields[cols['Task Type']]!, { file, line, column: cols['Task Type'] + 1 }, reporter);
      if (parsed === undefined) continue;
      type = parsed;
    }
    seen.set(id, line);
    if (!occupations.has(code)) {
      // Without a Title column the code is the only name there is.
      const title = cols.Title >= 0 ? fields[cols.Title]!.trim() : '';
      occupations.set(code, occupationFromCode(code, title || code));
    }
    dataset.tasks.push({ id, occupationCode: code, text: taskText, type });
    const values: Record<string, string> = {};
    table.header.forEach((name, i) => {
      values[name] = fields[i]!;
    });
    result.rows.push({ line, taskId: id, values });
  }
  dataset.occupations = [...occupations.values()];
  return result;
}

/**
 * Tab or comma, from the header line: whichever it has more of. A header with neither (one column, or
 * another separator) falls back to the extension so the error message names the expected separator.
 */
function sniffDelimiter(text: string, file: string): Delimiter {
  const start = text.search(/\S/);
  const end = text.indexOf('\n', Math.max(start, 0));
  const header = text.slice(Math.max(start, 0), end < 0 ? undefined : end);
  const tabs = header.split('\t').length - 1;
  const commas = header.split(',').length - 1;
  if (tabs > 0 && tabs >= commas) return '\t';
  if (commas > 0) return ',';
  return path.extname(file).toLowerCase() === '.csv' ? ',' : '\t';
}
