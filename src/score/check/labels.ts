// The labelled tasks a check is judged against: GPT-4's labels and the human annotators', read from one file
// with the GPTs-are-GPTs columns by the published-label reader (../labels.ts), which names the file, line
// and column of anything wrong.
import { open } from 'node:fs/promises';
import { taskKey } from '../../data/types.js';
import { InputError } from '../../errors.js';
import { labelScores, readLabelSet, type LabelRow } from '../labels.js';
import type { TaskScore } from '../types.js';

export const GPT4_COLUMN = 'gpt4_exposure';
export const HUMAN_COLUMN = 'human_exposure_agg';
export const GPT4_AUTOMATION_COLUMN = 'gpt4_automation';

export interface CheckLabels {
  file: string;
  /** One row per labelled task, with GPT-4's exposure (and automation, when the file has it). */
  rows: LabelRow[];
  gpt4: TaskScore[];
  human: TaskScore[];
}

export async function readCheckLabels(file: string): Promise<CheckLabels> {
  // The automation column is optional; the header says whether it is there (the reader checks the rest).
  const automation = (await headerLine(file)).includes(GPT4_AUTOMATION_COLUMN) ? GPT4_AUTOMATION_COLUMN : undefined;
  const gpt4 = await readLabelSet(file, { exposureColumn: GPT4_COLUMN, ...(automation ? { automationColumn: automation } : {}) });
  const human = await readLabelSet(file, { exposureColumn: HUMAN_COLUMN });
  const seen = new Set<string>();
  for (const row of gpt4.scores) {
    const key = taskKey(row.occupationCode, row.taskId);
    if (seen.has(key)) throw new InputError(`task ${row.taskId} of ${row.occupationCode} is labelled twice; each O*NET-SOC code and Task ID must appear once`, { file, line: row.line });
    seen.add(key);
  }
  if (gpt4.scores.length === 0) throw new InputError('no labelled tasks: expected a header row and at least one task', { file, line: 1 });
  return {
    file,
    rows: gpt4.scores,
    gpt4: labelScores(gpt4, { scorer: 'gpt4' }),
    human: labelScores(human, { scorer: 'human' }),
  };
}

async function headerLine(file: string): Promise<string> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('no such file: expected a label set such as full_labelset.tsv (the GPTs-are-GPTs columns)', { file });
    if (code === 'EISDIR') throw new InputError('is a folder: expected a label set file such as full_labelset.tsv', { file });
    throw error;
  }
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}
