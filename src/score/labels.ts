// Reads a published label set (the GPTs-are-GPTs full_labelset.tsv or any table with the same columns)
// into per-task labels, for `scores import` and for training and checking the offline scorer. The table
// itself (delimiter, quoting, Task IDs, codes, task types) is read by the one task-table reader,
// src/data/table.ts; this file checks the label columns and the stricter shape a label set has.

import { readTaskTable } from '../data/table.js';
import type { TaskType } from '../data/types.js';
import { InputError } from '../errors.js';
import { DURATION_HOURS } from './rubric.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type Automation, type Exposure, type TaskScore } from './types.js';

export interface LabelRow {
  /** Task ID without the float decoration pandas adds ("8823.0" -> "8823"). */
  taskId: string;
  occupationCode: string;
  title: string;
  task: string;
  taskType: TaskType;
  exposure: Exposure;
  automation?: Automation;
  /** Hours one instance of the task takes, when the file has a duration column and the cell is not empty. */
  duration?: number;
  /** 1-based line in the file, for messages about this row. */
  line: number;
}

export interface LabelSet {
  file: string;
  exposureColumn: string;
  automationColumn?: string;
  durationColumn?: string;
  scores: LabelRow[];
}

export interface ReadLabelSetOptions {
  /** Column holding E0/E1/E2: `gpt4_exposure` (default), `gpt4_exposure_alt_rubric`, `human_exposure_agg`. */
  exposureColumn?: string;
  /** Column holding T0..T4, e.g. `gpt4_automation`; left out when not given. */
  automationColumn?: string;
  /** Column holding hours per instance of the task; an empty cell leaves that task to the duration prior. */
  durationColumn?: string;
}

const REQUIRED = ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Title'] as const;
const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
const TASK_ID = /^\d+(?:\.0+)?$/;

/** Columns are located by field position (1-based), as the task-table reader locates its own errors. */
export async function readLabelSet(file: string, options: ReadLabelSetOptions = {}): Promise<LabelSet> {
  const exposureColumn = options.exposureColumn ?? 'gpt4_exposure';
  const { automationColumn, durationColumn } = options;
  const wanted = [...REQUIRED, exposureColumn, ...(automationColumn ? [automationColumn] : []), ...(durationColumn ? [durationColumn] : [])];
  const table = await readTaskTable(file);
  const header = table.columns.map((h) => h.trim());
  const missing = wanted.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new InputError(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: expected tab-separated columns ` +
        `${wanted.join(', ')}; found ${header.map((h) => h || '(unnamed)').join(', ')}`,
      { file, line: 1 },
    );
  }
  const key = Object.fromEntries(wanted.map((name) => [name, table.columns[header.indexOf(name)]!])) as Record<string, string>;

  // The reader keeps rows and tasks in step: row i is task i, its type and trimmed text already parsed.
  const scores = table.rows.map(({ line, taskId, values }, i): LabelRow => {
    const task = table.dataset.tasks[i]!;
    const at = (name: string) => ({ value: values[key[name]!]!.trim(), location: { file, line, column: header.indexOf(name) + 1 } });
    const pick = <T extends string>(name: string, allowed: readonly T[]): T => {
      const { value, location } = at(name);
      if (!(allowed as readonly string[]).includes(value)) {
        throw new InputError(`column ${name}: expected one of ${allowed.join(', ')}, found "${value}"`, location);
      }
      return value as T;
    };
    const code = at('O*NET-SOC Code');
    if (!SOC_CODE.test(code.value)) {
      throw new InputError(`column O*NET-SOC Code: expected a code like 15-1252.00, found "${code.value}"`, code.location);
    }
    const id = at('Task ID');
    if (!TASK_ID.test(id.value)) {
      throw new InputError(`column Task ID: expected a whole number such as 8823 or 8823.0, found "${id.value}"`, id.location);
    }
    const row: LabelRow = {
      taskId,
      occupationCode: code.value,
      title: at('Title').value,
      task: task.text,
      taskType: task.type,
      exposure: pick(exposureColumn, EXPOSURE_LEVELS),
      line,
    };
    if (automationColumn) row.automation = pick(automationColumn, AUTOMATION_LEVELS);
    if (durationColumn) {
      const { value, location } = at(durationColumn);
      if (value !== '') {
        const hours = Number(value);
        if (!(Number.isFinite(hours) && hours >= DURATION_HOURS.min && hours <= DURATION_HOURS.max)) {
          throw new InputError(`column ${durationColumn}: expected hours per instance of the task, a number from ${DURATION_HOURS.min.toFixed(4)} (a minute) to ${DURATION_HOURS.max}, or an empty cell; found "${value}"`, location);
        }
        row.duration = hours;
      }
    }
    return row;
  });
  return { file, exposureColumn, ...(automationColumn ? { automationColumn } : {}), ...(durationColumn ? { durationColumn } : {}), scores };
}

/** Label rows as TaskScores from a named scorer ("gpt4", "human"), the shape the store and aggregation take. */
export function labelScores(set: LabelSet, options: { scorer: string; rubricVersion?: string }): TaskScore[] {
  return set.scores.map((row) => ({
    taskId: row.taskId,
    occupationCode: row.occupationCode,
    exposure: row.exposure,
    ...(row.automation ? { automation: row.automation } : {}),
    ...(row.duration !== undefined ? { duration: row.duration } : {}),
    scorer: options.scorer,
    ...(options.rubricVersion ? { rubricVersion: options.rubricVersion } : {}),
  }));
}
