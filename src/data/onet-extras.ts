// Readers for the optional O*NET files: Emerging Tasks, Tasks to DWAs with DWA Reference, Job Zones and
// Alternate Titles. Each adds to the occupations and tasks already read; rows about codes or tasks the
// release does not have are left out with one warning per file.

import { findColumns, type DelimitedTable } from './delimited.js';
import { checkOnetCode, createOrphanTally, isMissing } from './onet-files.js';
import type { Reporter } from './problems.js';
import type { EmergingTask, Occupation, Task, WorkActivity } from './types.js';

export function readEmergingTasks(
  table: DelimitedTable,
  occupationCodes: ReadonlySet<string>,
  reporter: Reporter,
): EmergingTask[] {
  const cols = findColumns(
    table,
    { required: ['O*NET-SOC Code', 'Task', 'Category'], optional: ['Original Task ID', 'Date'] },
    reporter,
  );
  if (!cols) return [];
  const orphans = createOrphanTally(table.file, 'occupations');
  const emerging: EmergingTask[] = [];
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!.trim();
    if (!checkOnetCode(code, { file: table.file, line, column: cols['O*NET-SOC Code'] + 1 }, reporter)) continue;
    if (!occupationCodes.has(code)) {
      orphans.add(line, code);
      continue;
    }
    const category = fields[cols.Category]!.trim();
    if (category !== 'New' && category !== 'Revision') {
      const column = cols.Category + 1;
      reporter.error(`Category "${category}" in column ${column}: expected New or Revision`, { file: table.file, line, column });
      continue;
    }
    const task: EmergingTask = { occupationCode: code, text: fields[cols.Task]!.trim(), category };
    const original = cols['Original Task ID'] >= 0 ? fields[cols['Original Task ID']]!.trim() : '';
    if (!isMissing(original)) task.originalTaskId = original;
    const date = cols.Date >= 0 ? fields[cols.Date]!.trim() : '';
    if (!isMissing(date)) task.date = date;
    emerging.push(task);
  }
  orphans.report(reporter);
  return emerging;
}

/** Tasks to DWAs.txt: each row links one task to one Detailed Work Activity. */
export function applyTaskDwas(table: DelimitedTable, tasksById: ReadonlyMap<string, Task>, reporter: Reporter): void {
  const cols = findColumns(table, { required: ['Task ID', 'DWA ID'] }, reporter);
  if (!cols) return;
  const orphans = createOrphanTally(table.file, 'Task IDs');
  for (const { line, fields } of table.rows) {
    const id = fields[cols['Task ID']]!.trim();
    const task = tasksById.get(id);
    if (!task) {
      orphans.add(line, id);
      continue;
    }
    const dwa = fields[cols['DWA ID']]!.trim();
    if (task.dwaIds) {
      if (!task.dwaIds.includes(dwa)) task.dwaIds.push(dwa);
    } else task.dwaIds = [dwa];
  }
  orphans.report(reporter);
}

export function readWorkActivities(table: DelimitedTable, reporter: Reporter): Record<string, WorkActivity> {
  const cols = findColumns(table, { required: ['DWA ID', 'DWA Title'] }, reporter);
  const activities: Record<string, WorkActivity> = {};
  if (!cols) return activities;
  for (const { fields } of table.rows) {
    const id = fields[cols['DWA ID']]!.trim();
    activities[id] = { id, title: fields[cols['DWA Title']]!.trim() };
  }
  return activities;
}

export function applyJobZones(
  table: DelimitedTable,
  occupationsByCode: ReadonlyMap<string, Occupation>,
  reporter: Reporter,
): void {
  const cols = findColumns(table, { required: ['O*NET-SOC Code', 'Job Zone'] }, reporter);
  if (!cols) return;
  const orphans = createOrphanTally(table.file, 'occupations');
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!.trim();
    const occupation = occupationsByCode.get(code);
    if (!occupation) {
      orphans.add(line, code);
      continue;
    }
    const text = fields[cols['Job Zone']]!.trim();
    const zone = Number(text);
    if (!Number.isInteger(zone) || zone < 1 || zone > 5) {
      const column = cols['Job Zone'] + 1;
      reporter.error(`Job Zone "${text}" in column ${column}: expected a whole number 1..5`, { file: table.file, line, column });
      continue;
    }
    occupation.jobZone = zone;
  }
  orphans.report(reporter);
}

/** Only the count per occupation is kept: the 55k titles themselves are not used downstream. */
export function applyAlternateTitleCounts(
  table: DelimitedTable,
  occupationsByCode: ReadonlyMap<string, Occupation>,
  reporter: Reporter,
): void {
  const cols = findColumns(table, { required: ['O*NET-SOC Code'] }, reporter);
  if (!cols) return;
  const orphans = createOrphanTally(table.file, 'occupations');
  // The file is present, so an occupation it does not mention has zero alternate titles, not an unknown count.
  const counts = new Map<Occupation, number>([...occupationsByCode.values()].map((o) => [o, 0]));
  for (const { line, fields } of table.rows) {
    const code = fields[cols['O*NET-SOC Code']]!;
    const occupation = occupationsByCode.get(code) ?? occupationsByCode.get(code.trim());
    if (!occupation) {
      orphans.add(line, code);
      continue;
    }
    counts.set(occupation, (counts.get(occupation) ?? 0) + 1);
  }
  for (const [occupation, count] of counts) occupation.alternateTitleCount = count;
  orphans.report(reporter);
}
