// An Analysis for the report tests: the bundled sample with its employment, deterministic scores
// (E0/E1/E2, T0..T4, modes and horizons by task index), and a few tasks and new-work examples whose
// text tries to break CSV and HTML: formula starts, quotes, commas, newlines, markup, non-ASCII.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/analysis/analyze.js';
import { emergingTaskExamples } from '../../src/analysis/new-work-examples.js';
import type { Analysis, NewWorkExample } from '../../src/analysis/types.js';
import { joinEmployment } from '../../src/data/join.js';
import { loadOews } from '../../src/data/oews.js';
import { loadOnet } from '../../src/data/onet.js';
import type { Task } from '../../src/data/types.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, MODES, type TaskScore } from '../../src/score/types.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../datasets/sample');

/** Task texts a spreadsheet would run as formulas, or that need quoting, escaping or UTF-8. */
export const TRICKY_TEXTS = [
  '=HYPERLINK("http://example.invalid","click")',
  '+1 check the totals',
  '-2 adjust the ledger',
  '@SUM(A1:A2) review',
  '\tIndented, with a tab',
  '\rStarts with a carriage return',
  'Comma, "quoted" words and\na line break',
  'Café rota – plan shifts for the crème brûlée station',
  '<script>alert("x")</script> & <b>bold</b> \'single\'',
];

export const TRICKY_NEW_WORK: NewWorkExample = {
  majorGroup: '15',
  text: '<img src=x onerror=alert(1)> "Prompt" auditor – checks AI output, & signs off',
  kind: 'role',
  year: 2030,
  drawsFrom: ['15-1252.00'],
  rationale: '=CMD() <i>not markup</i>',
  source: 'test:model',
  origin: 'proposal',
};

export async function sampleAnalysis(): Promise<Analysis> {
  const loaded = joinEmployment(await loadOnet(SAMPLE), await loadOews(path.join(SAMPLE, 'oews-2024.csv')));
  const host = loaded.occupations[0]!.code;
  const extra: Task[] = TRICKY_TEXTS.map((text, i) => ({ id: String(990001 + i), occupationCode: host, text, type: i % 2 === 0 ? 'Core' : 'Supplemental' }));
  const dataset = { ...loaded, tasks: [...loaded.tasks, ...extra] };
  const scores: TaskScore[] = dataset.tasks.map((task, i) => ({
    taskId: task.id,
    occupationCode: task.occupationCode,
    exposure: EXPOSURE_LEVELS[(i * 7 + Number(task.occupationCode.slice(0, 2))) % 3]!,
    automation: AUTOMATION_LEVELS[i % 5]!,
    mode: MODES[i % 3]!,
    horizon: 2026 + (i % 8),
    confidence: (i % 10) / 10,
    rationale: i % 4 === 0 ? `Rationale ${i}, with "quotes"` : undefined,
    scorer: 'test',
    model: 'test-model',
    rubricVersion: 'r1',
  }));
  // Leave a few tasks unscored so empty cells are exercised.
  scores.splice(5, 3);
  return analyze({
    dataset,
    scores,
    scorer: 'test',
    frontier: { baseYear: 2026 },
    newWork: [...emergingTaskExamples(dataset), TRICKY_NEW_WORK],
    toolVersion: 'test',
    now: new Date('2026-03-01T12:00:00Z'),
  });
}
