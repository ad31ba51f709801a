// Reads a published label set (the GPTs-are-GPTs full_labelset.tsv or any table with the same columns)
// into per-task labels, for `scores import` and for training and checking the offline scorer.
// The file is pandas-written TSV without quoting: task text may hold `"`, so quotes are ordinary characters.

import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { TaskType } from '../data/types.js';
import { InputError } from '../errors.js';
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
  /** 1-based line in the file, for messages about this row. */
  line: number;
}

export interface LabelSet {
  file: string;
  exposureColumn: string;
  automationColumn?: string;
  scores: LabelRow[];
}

export interface ReadLabelSetOptions {
  /** Column holding E0/E1/E2: `gpt4_exposure` (default), `gpt4_exposure_alt_rubric`, `human_exposure_agg`. */
  exposureColumn?: string;
  /** Column holding T0..T4, e.g. `gpt4_automation`; left out when not given. */
  automationColumn?: string;
}

const REQUIRED = ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Title'] as const;
const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
const TASK_ID = /^(\d+)(?:\.0+)?$/;

export async function readLabelSet(file: string, options: ReadLabelSetOptions = {}): Promise<LabelSet> {
  const exposureColumn = options.exposureColumn ?? 'gpt4_exposure';
  const automationColumn = options.automationColumn;
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const records = parse(text, {
    delimiter: '\t',
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const wanted = [...REQUIRED, exposureColumn, ...(automationColumn ? [automationColumn] : [])];
  const first = records[0];
  if (!first) throw new InputError(`file is empty: expected a tab-separated header with ${wanted.join(', ')}`, { file });
  const header = first.record.map((h) => h.trim());
  const missing = wanted.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new InputError(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: expected tab-separated columns ` +
        `${wanted.join(', ')}; found ${header.map((h) => h || '(unnamed)').join(', ')}`,
      { file, line: first.info.lines },
    );
  }
  const col = Object.fromEntries(wanted.map((name) => [name, header.indexOf(name)])) as Record<string, number>;

  const scores: LabelRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      throw new InputError(
        `expected ${header.length} tab-separated columns (${wanted.join(', ')}, ...), found ${record.length}`,
        { file, line },
      );
    }
    // With quoting off every field is raw text, so a field's character column is exact.
    const at = (name: string) => {
      const index = col[name]!;
      let column = 1;
      for (let i = 0; i < index; i++) column += record[i]!.length + 1;
      return { value: record[index]!.trim(), location: { file, line, column } };
    };
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
    const idMatch = TASK_ID.exec(id.value);
    if (!idMatch) {
      throw new InputError(`column Task ID: expected a whole number such as 8823 or 8823.0, found "${id.value}"`, id.location);
    }
    const task = at('Task');
    if (task.value === '') throw new InputError('column Task: expected the task statement, found an empty cell', task.location);
    const type = at('Task Type');
    if (!['', 'Core', 'Supplemental'].includes(type.value)) {
      throw new InputError(`column Task Type: expected Core, Supplemental or empty, found "${type.value}"`, type.location);
    }
    const row: LabelRow = {
      taskId: idMatch[1]!,
      occupationCode: code.value,
      title: at('Title').value,
      task: task.value,
      taskType: type.value === '' ? null : (type.value as 'Core' | 'Supplemental'),
      exposure: pick(exposureColumn, EXPOSURE_LEVELS),
      line,
    };
    if (automationColumn) row.automation = pick(automationColumn, AUTOMATION_LEVELS);
    scores.push(row);
  }
  return { file, exposureColumn, ...(automationColumn ? { automationColumn } : {}), scores };
}

/** Label rows as TaskScores from a named scorer ("gpt4", "human"), the shape the store and aggregation take. */
export function labelScores(set: LabelSet, options: { scorer: string; rubricVersion?: string }): TaskScore[] {
  return set.scores.map((row) => ({
    taskId: row.taskId,
    occupationCode: row.occupationCode,
    exposure: row.exposure,
    ...(row.automation ? { automation: row.automation } : {}),
    scorer: options.scorer,
    ...(options.rubricVersion ? { rubricVersion: options.rubricVersion } : {}),
  }));
}
