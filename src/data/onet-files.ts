// Readers for the two required O*NET files and Task Ratings: each turns a parsed table into model
// rows, reporting bad values with the line and the 1-based field position they were found at.

import { findColumns, type DelimitedTable } from './delimited.js';
import type { Reporter } from './problems.js';
import type { Occupation, Task, TaskType } from './types.js';

export const ONET_CODE = /^\d{2}-\d{4}\.\d{2}$/;

/** O*NET writes "n/a" for a missing value. */
export function isMissing(value: string | undefined): boolean {
  const v = value?.trim() ?? '';
  return v === '' || v.toLowerCase() === 'n/a';
}

/** Checks an O*NET-SOC code's shape; `column` is the field position. */
export function checkOnetCode(code: string, at: { file: string; line: number; column: number }, reporter: Reporter): boolean {
  if (ONET_CODE.test(code)) return true;
  reporter.error(
    `O*NET-SOC code "${code}" in column ${at.column} has the wrong shape: expected NN-NNNN.NN, such as 15-1252.00`,
    at,
  );
  return false;
}

export function occupationFromCode(code: string, title: string): Occupation {
  const soc = code.replace(/\.\d+$/, '');
  return { code, soc, majorGroup: soc.slice(0, 2), title };
}

/**
 * Rows that point at a task or occupation the release does not have are left out with ONE warning per
 * file (a ratings file can hold thousands), naming the first line so it can be looked up.
 */
export function createOrphanTally(file: string, what: string) {
  let count = 0;
  let firstLine = 0;
  let firstValue = '';
  return {
    add(line: number, value: string): void {
      if (count++ === 0) {
        firstLine = line;
        firstValue = value;
      }
    },
    report(reporter: Reporter): void {
      if (count === 0) return;
      reporter.warning(`${count} row${count > 1 ? 's' : ''} refer to ${what} not in the release, such as "${firstValue}"; left out`, {
        file,
        line: firstLine,
      });
    },
  };
}

/** Undefined when the file's columns are unusable, so tasks are not all reported as orphans on top. */
export function readOccupations(table: DelimitedTable, reporter: Reporter): Occupation[] | undefined {
  const cols = findColumns(table, { required: ['O*NET-SOC Code', 'Title'], optional: ['Description'] }, reporter);
  if (!cols) return undefined;
  const occupations: Occupation[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!.trim();
    const at = { file: table.file, line, column: cols['O*NET-SOC Code'] + 1 };
    if (!checkOnetCode(code, at, reporter)) continue;
    const first = seen.get(code);
    if (first !== undefined) {
      reporter.error(`duplicate O*NET-SOC code "${code}": first on line ${first}, again on line ${line}`, at);
      continue;
    }
    seen.set(code, line);
    const occupation = occupationFromCode(code, fields[cols.Title]!.trim());
    const description = cols.Description >= 0 ? fields[cols.Description]!.trim() : '';
    if (!isMissing(description)) occupation.description = description;
    occupations.push(occupation);
  }
  return occupations;
}

/** Core / Supplemental; empty or n/a is untyped; anything else is reported and returns undefined. */
export function parseTaskType(
  value: string,
  at: { file: string; line: number; column: number },
  reporter: Reporter,
): TaskType | undefined {
  const v = value.trim();
  if (isMissing(v)) return null;
  const lower = v.toLowerCase();
  if (lower === 'core') return 'Core';
  if (lower === 'supplemental') return 'Supplemental';
  reporter.error(`Task Type "${v}" in column ${at.column}: expected Core, Supplemental, n/a or empty`, at);
  return undefined;
}

/** `occupationCodes` undefined: Occupation Data could not be read, so membership is not checked. */
export function readTasks(
  table: DelimitedTable,
  occupationCodes: ReadonlySet<string> | undefined,
  reporter: Reporter,
): Task[] {
  const cols = findColumns(
    table,
    { required: ['O*NET-SOC Code', 'Task ID', 'Task'], optional: ['Task Type'] },
    reporter,
  );
  if (!cols) return [];
  const tasks: Task[] = [];
  const seen = new Map<string, number>();
  const file = table.file;
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!.trim();
    const codeAt = { file, line, column: cols['O*NET-SOC Code'] + 1 };
    if (!checkOnetCode(code, codeAt, reporter)) continue;
    if (occupationCodes && !occupationCodes.has(code)) {
      reporter.error(
        `occupation "${code}" in column ${codeAt.column} is not in Occupation Data.txt: expected every task's O*NET-SOC code to be listed there`,
        codeAt,
      );
      continue;
    }
    const id = fields[cols['Task ID']]!.trim();
    const idAt = { file, line, column: cols['Task ID'] + 1 };
    if (!/^\d+$/.test(id)) {
      reporter.error(`Task ID "${id}" in column ${idAt.column} is not a number: expected a whole number such as 8823`, idAt);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      reporter.error(`duplicate Task ID "${id}": first on line ${first}, again on line ${line}`, idAt);
      continue;
    }
    seen.set(id, line);
    const text = fields[cols.Task]!.trim();
    if (text === '') {
      reporter.error(`Task in column ${cols.Task + 1} is empty: expected the task statement`, { file, line, column: cols.Task + 1 });
      continue;
    }
    let type: TaskType = null;
    if (cols['Task Type'] >= 0) {
      const parsed = parseTaskType(fields[cols['Task Type']]!, { file, line, column: cols['Task Type'] + 1 }, reporter);
      if (parsed === undefined) continue;
      type = parsed;
    }
    tasks.push({ id, occupationCode: code, text, type });
  }
  return tasks;
}

/**
 * Task Ratings.txt: scale IM gives importance (the Data Value, 1..5); scale FT gives one row per
 * frequency category 1..7 with the percentage of incumbents in it, so frequency is the mean category
 * weighted by those percentages. Rows O*NET recommends suppressing (low precision) are skipped.
 */
export function applyTaskRatings(table: DelimitedTable, tasksById: ReadonlyMap<string, Task>, reporter: Reporter): void {
  const cols = findColumns(
    table,
    { required: ['Task ID', 'Scale ID', 'Category', 'Data Value'], optional: ['Recommend Suppress'] },
    reporter,
  );
  if (!cols) return;
  const orphans = createOrphanTally(table.file, 'Task IDs');
  const frequency = new Map<Task, { weighted: number; total: number }>();
  for (const { line, fields } of table.rows) {
    if (cols['Recommend Suppress'] >= 0 && fields[cols['Recommend Suppress']]!.trim().toUpperCase() === 'Y') continue;
    const scale = fields[cols['Scale ID']]!.trim();
    if (scale !== 'IM' && scale !== 'FT') continue;
    const id = fields[cols['Task ID']]!.trim();
    const task = tasksById.get(id);
    if (!task) {
      orphans.add(line, id);
      continue;
    }
    const valueText = fields[cols['Data Value']]!.trim();
    const value = Number(valueText);
    if (valueText === '' || !Number.isFinite(value)) {
      const column = cols['Data Value'] + 1;
      reporter.error(`Data Value "${valueText}" in column ${column} is not a number`, { file: table.file, line, column });
      continue;
    }
    if (scale === 'IM') {
      task.importance = value;
      continue;
    }
    const categoryText = fields[cols.Category]!.trim();
    const category = Number(categoryText);
    if (!Number.isInteger(category) || category < 1 || category > 7) {
      const column = cols.Category + 1;
      reporter.error(`FT Category "${categoryText}" in column ${column}: expected a frequency category 1..7`, {
        file: table.file,
        line,
        column,
      });
      continue;
    }
    const sum = frequency.get(task) ?? { weighted: 0, total: 0 };
    sum.weighted += category * value;
    sum.total += value;
    frequency.set(task, sum);
  }
  for (const [task, { weighted, total }] of frequency) {
    if (total > 0) task.frequency = weighted / total;
  }
  orphans.report(reporter);
}
