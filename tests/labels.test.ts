import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateOccupations } from '../src/aggregate/occupations.js';
import { readTaskTable } from '../src/data/table.js';
import { cohensKappa, pearson } from '../src/score/agreement/statistics.js';
import { labelScores, readLabelSet } from '../src/score/labels.js';
import { InputError } from '../src/errors.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = path.resolve(REPO, '../shared/data/gpts-are-gpts/full_labelset.tsv');

const HEADER = ['', 'O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Title', 'human_exposure_agg', 'gpt4_exposure', 'gpt4_automation'];
const dir = mkdtempSync(path.join(tmpdir(), 'labels-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
  return file;
}

const GOOD = [
  ['0', '11-1011.00', '8823.0', 'Direct the "financial" activities.', 'Core', 'Chief Executives', 'E0', 'E2', 'T2'],
  ['1', '11-1011.00', '8831.0', 'Appoint department heads.', '', 'Chief Executives', 'E1', 'E0', 'T1'],
];

describe('readLabelSet on small files', () => {
  it('reads task ids without the float decoration, untyped tasks as null, quotes as text', async () => {
    const set = await readLabelSet(write('good.tsv', GOOD), { automationColumn: 'gpt4_automation' });
    expect(set.scores).toEqual([
      { taskId: '8823', occupationCode: '11-1011.00', title: 'Chief Executives', task: 'Direct the "financial" activities.', taskType: 'Core', exposure: 'E2', automation: 'T2', line: 2 },
      { taskId: '8831', occupationCode: '11-1011.00', title: 'Chief Executives', task: 'Appoint department heads.', taskType: null, exposure: 'E0', automation: 'T1', line: 3 },
    ]);
    const human = await readLabelSet(write('good2.tsv', GOOD), { exposureColumn: 'human_exposure_agg' });
    expect(human.scores.map((s) => s.exposure)).toEqual(['E0', 'E1']);
    expect(human.scores[0]).not.toHaveProperty('automation');
    expect(labelScores(human, { scorer: 'human' })[1]).toEqual({ taskId: '8831', occupationCode: '11-1011.00', exposure: 'E1', scorer: 'human' });
  });

  it('names file, line and column of a bad exposure label', async () => {
    const bad = [GOOD[0]!, ['1', '11-1011.00', '8831.0', 'Appoint heads.', 'Core', 'Chief Executives', 'E0', 'E3', 'T1']];
    const file = write('bad-label.tsv', bad);
    const error = await readLabelSet(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    // gpt4_exposure is the 8th column (fields are located by position, as the task-table reader does).
    expect((error as InputError).message).toBe(`${file}:3:8: column gpt4_exposure: expected one of E0, E1, E2, found "E3"`);
    expect((error as InputError).location).toEqual({ file, line: 3, column: 8 });
  });

  it('reports a bad automation level, a short row and a missing column', async () => {
    const badT = write('bad-t.tsv', [['0', '11-1011.00', '1.0', 'Task.', 'Core', 'CEO', 'E0', 'E0', 'T5']]);
    await expect(readLabelSet(badT, { automationColumn: 'gpt4_automation' })).rejects.toThrow(/:2:9: column gpt4_automation: expected one of T0, T1, T2, T3, T4, found "T5"/);
    const short = write('short.tsv', [['0', '11-1011.00', '1.0']]);
    await expect(readLabelSet(short)).rejects.toThrow(/short\.tsv:2:4: expected 9 tab-separated columns .*found 3/);
    await expect(readLabelSet(write('nocol.tsv', GOOD), { exposureColumn: 'gpt5_exposure' })).rejects.toThrow(/:1: missing column gpt5_exposure/);
    const badId = write('bad-id.tsv', [['0', '11-1011.00', 'x12', 'Task.', 'Core', 'CEO', 'E0', 'E0', 'T0']]);
    await expect(readLabelSet(badId)).rejects.toThrow(/bad-id\.tsv:2:3: column Task ID: expected a whole number/);
  });
});

describe('durations from a label file (scores import --duration-column)', () => {
  const withHours = (rows: string[][]) => {
    const file = path.join(dir, `hours-${rows.length}-${rows[0]![9]}.tsv`);
    writeFileSync(file, [[...HEADER, 'hours'], ...rows].map((r) => r.join('\t')).join('\n') + '\n');
    return file;
  };

  it('reads hours per task, leaves an empty cell to the prior, and carries them into the scores', async () => {
    const set = await readLabelSet(withHours([[...GOOD[0]!, '2.5'], [...GOOD[1]!, '']]), { durationColumn: 'hours' });
    expect(set.scores.map((s) => s.duration)).toEqual([2.5, undefined]);
    expect(labelScores(set, { scorer: 'timed' }).map((s) => s.duration)).toEqual([2.5, undefined]);
  });

  it('refuses a duration that is not a number of hours from a minute to 2,000, naming file, line and column', async () => {
    for (const bad of ['0', '-3', 'two', '9000']) {
      const file = withHours([[...GOOD[0]!, bad]]);
      await expect(readLabelSet(file, { durationColumn: 'hours' })).rejects.toThrow(new RegExp(`:2:10: column hours: expected hours per instance .* found "${bad}"`));
    }
  });
});

describe.skipIf(!existsSync(LABELS))('the GPTs-are-GPTs label set (shared reference data)', () => {
  if (!existsSync(LABELS)) console.warn(`skipping label-set checks: ${LABELS} is absent`);

  it('reads all 19,265 tasks of 923 occupations and agrees with itself', async () => {
    const gpt4 = await readLabelSet(LABELS, { automationColumn: 'gpt4_automation' });
    expect(gpt4.scores).toHaveLength(19265);
    expect(new Set(gpt4.scores.map((s) => s.occupationCode)).size).toBe(923);
    expect(gpt4.scores.filter((s) => s.taskType === null)).toHaveLength(1312);
    const e = gpt4.scores.map((s) => s.exposure);
    expect(cohensKappa(e, e)).toBe(1);
  });

  it('reproduces the human vs GPT-4 agreement reported for the label set', async () => {
    const gpt4 = await readLabelSet(LABELS);
    const human = await readLabelSet(LABELS, { exposureColumn: 'human_exposure_agg' });
    const kappa = cohensKappa(human.scores.map((s) => s.exposure), gpt4.scores.map((s) => s.exposure), ['E0', 'E1', 'E2']);
    const { dataset } = await readTaskTable(LABELS);
    const beta = (set: typeof gpt4) =>
      aggregateOccupations({ dataset, scores: labelScores(set, { scorer: set.exposureColumn }), taskWeights: 'core' }).map((o) => o.beta!);
    const r = pearson(beta(human), beta(gpt4));
    console.log(`human vs GPT-4: 3-way kappa ${kappa.toFixed(3)}, occupation beta Pearson r ${r.toFixed(3)}`);
    expect(kappa).toBeGreaterThan(0.38);
    expect(kappa).toBeLessThan(0.5);
    expect(r).toBeGreaterThan(0.8);
  });
});
