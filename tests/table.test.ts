import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/data/problems.js';
import { loadTaskTable, readTaskTable } from '../src/data/table.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHARED = path.resolve(REPO, '../shared/data');
const LABELS = path.join(SHARED, 'gpts-are-gpts/full_labelset.tsv');
const SMALL = path.join(REPO, 'tests/fixtures/onet-small');

if (!existsSync(LABELS)) console.warn(`skipping GPTs-are-GPTs label set tests: ${LABELS} is absent (it is in CI)`);

describe.skipIf(!existsSync(LABELS))('GPTs-are-GPTs label set (shared reference data)', () => {
  it('loads 19,265 tasks of 923 occupations with IDs normalised and untyped tasks kept', async () => {
    const problems: Problem[] = [];
    const started = performance.now();
    const { dataset, columns, rows } = await readTaskTable(LABELS, { problems });
    console.log(`label set loaded in ${(performance.now() - started).toFixed(0)} ms`);
    expect(problems).toEqual([]);
    expect(dataset.kind).toBe('table');
    expect(dataset.tasks).toHaveLength(19265);
    expect(dataset.occupations).toHaveLength(923);
    expect(dataset.tasks[0]).toMatchObject({ id: '8823', occupationCode: '11-1011.00', type: 'Core' });
    expect(dataset.tasks.filter((t) => t.type === null)).toHaveLength(1312);
    expect(dataset.occupations[0]).toMatchObject({ code: '11-1011.00', soc: '11-1011', majorGroup: '11', title: 'Chief Executives' });
    // Pandas quoted the fields holding `"`; they read back as the original text.
    expect(dataset.tasks.find((t) => t.id === '15287')!.text).toBe('Conduct "head counts" to help predict the outcome of upcoming votes.');

    // The label columns stay available per task, with line numbers, for the label importer.
    expect(columns).toEqual(expect.arrayContaining(['', 'gpt4_exposure', 'human_exposure_agg', 'gpt4_automation']));
    expect(rows).toHaveLength(19265);
    expect(rows[0]).toMatchObject({ line: 2, taskId: '8823' });
    expect(rows[0]!.values).toMatchObject({ 'Task ID': '8823.0', gpt4_exposure: 'E2', human_exposure_agg: 'E0', gpt4_automation: 'T2' });
  });
});

describe('small task tables', () => {
  it('reads a CSV with quoted fields, a multi-line value, float IDs, and plain SOC codes', async () => {
    const { dataset, rows } = await readTaskTable(path.join(SMALL, 'tasks.csv'));
    expect(dataset.tasks).toEqual([
      { id: '1001', occupationCode: '15-1252.00', text: 'Write and test code for new features of an application.', type: 'Core' },
      { id: '1002', occupationCode: '15-1252.00', text: 'Review changes for defects, "style" issues and missing tests.', type: 'Supplemental' },
      { id: '1003', occupationCode: '29-1141.00', text: 'Record patient symptoms\nand vital signs in the chart.', type: null },
      { id: '1004', occupationCode: '43-4051', text: 'Answer customer questions by phone.', type: null },
    ]);
    expect(dataset.occupations.map((o) => [o.code, o.soc, o.title])).toEqual([
      ['15-1252.00', '15-1252', 'Software Developers'],
      ['29-1141.00', '29-1141', 'Registered Nurses'],
      ['43-4051', '43-4051', 'Customer Service Representatives'],
    ]);
    expect(rows.map((r) => [r.line, r.values.gpt4_exposure])).toEqual([
      [2, 'E1'],
      [3, 'E1'],
      [4, 'E0'],
      [6, 'E0'],
    ]);
  });

  it('uses the code as the title when there is no Title column', async () => {
    const dataset = await loadTaskTable(path.join(SMALL, 'tasks-no-title.tsv'), { name: 'mine' });
    expect(dataset.name).toBe('mine');
    expect(dataset.occupations.map((o) => o.title)).toEqual(['15-1252.00', '29-1141.00']);
    expect(dataset.tasks.map((t) => t.type)).toEqual([null, null]);
  });
});
