// Aggregation: task scores -> occupations -> major groups -> workforce, checked against hand-computed
// cases and, when the reference data is present, against the GPTs-are-GPTs label set's own columns.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  aggregateGroups,
  aggregateOccupations,
  aggregateWorkforce,
  exposedAtLeast,
  MAJOR_GROUP_CODES,
  majorGroupLabel,
  pairScores,
  type OccupationScore,
} from '../src/aggregate/index.js';
import type { Dataset, Occupation, Task } from '../src/data/types.js';
import type { Exposure, TaskScore } from '../src/score/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '../shared/data');
const LABELSET = path.join(SHARED, 'gpts-are-gpts/full_labelset.tsv');

function occupation(code: string, extra: Partial<Occupation> = {}): Occupation {
  return { code, soc: code.slice(0, 7), majorGroup: code.slice(0, 2), title: `Occupation ${code}`, ...extra };
}

function dataset(occupations: Occupation[], tasks: Task[]): Pick<Dataset, 'occupations' | 'tasks'> {
  return { occupations, tasks };
}

function score(task: Task, exposure: Exposure, extra: Partial<TaskScore> = {}): TaskScore {
  return { taskId: task.id, occupationCode: task.occupationCode, exposure, scorer: 'test', ...extra };
}

// One occupation: a Core E1 task, a Supplemental E2 task, an untyped E0 task, and one task never scored.
const CODE = '15-1252.00';
const core: Task = { id: '1', occupationCode: CODE, text: 'Write code', type: 'Core', importance: 5 };
const supplemental: Task = { id: '2', occupationCode: CODE, text: 'Review designs', type: 'Supplemental', importance: 3 };
const untyped: Task = { id: '3', occupationCode: CODE, text: 'Repair hardware', type: null, importance: 2 };
const unscored: Task = { id: '4', occupationCode: CODE, text: 'Train staff', type: 'Core', importance: 4 };
const threeTasks = dataset([occupation(CODE, { employment: 1000 })], [core, supplemental, untyped, unscored]);
const threeScores = [
  score(core, 'E1', { automation: 'T4', mode: 'automate', horizon: 2030 }),
  score(supplemental, 'E2', { automation: 'T2', mode: 'augment', horizon: 2040 }),
  score(untyped, 'E0', { mode: 'none' }),
];

describe('task to occupation', () => {
  it('weights Core tasks 2 and Supplemental or untyped tasks 1 by default', () => {
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: threeScores, taskWeights: 'core' });
    // weights 2, 1, 1 (total 4): alpha = 2/4, beta = (2 + 0.5)/4, zeta = (2 + 1)/4
    expect(result!.alpha).toBe(0.5);
    expect(result!.beta).toBe(0.625);
    expect(result!.zeta).toBe(0.75);
    expect(result!.taskWeighting).toBe('core');
  });

  it('leaves unscored tasks out of the means and counts them', () => {
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: threeScores, taskWeights: 'core' });
    expect(result!.taskCount).toBe(4);
    expect(result!.scoredTaskCount).toBe(3);
    expect(result!.notes.join(' ')).toContain('1 of 4 tasks are not scored');
  });

  it('averages automation level, mode shares and horizon over the tasks that carry them', () => {
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: threeScores, taskWeights: 'core' });
    // automation: T4 (1) weight 2, T2 (0.5) weight 1, untyped task has none -> 2.5 / 3
    expect(result!.automation).toBeCloseTo(2.5 / 3, 15);
    // modes: automate (2), augment (1), none (1) out of 4
    expect(result!.automateShare).toBe(0.5);
    expect(result!.augmentShare).toBe(0.25);
    // horizon: 2030 weight 2, 2040 weight 1
    expect(result!.meanHorizon).toBeCloseTo(6100 / 3, 10);
  });

  it('weights every task once with equal weights', () => {
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: threeScores, taskWeights: 'equal' });
    expect(result!.alpha).toBeCloseTo(1 / 3, 15);
    expect(result!.beta).toBe(0.5);
    expect(result!.zeta).toBeCloseTo(2 / 3, 15);
  });

  it('weights by Task Ratings importance when every scored task has one', () => {
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: threeScores, taskWeights: 'importance' });
    // importance 5, 3, 2 (total 10): alpha = 5/10, beta = (5 + 1.5)/10, zeta = 8/10
    expect(result!.taskWeighting).toBe('importance');
    expect(result!.alpha).toBe(0.5);
    expect(result!.beta).toBe(0.65);
    expect(result!.zeta).toBe(0.8);
  });

  it('falls back to core weights, and says so, when a scored task has no importance', () => {
    const noRating = { ...untyped, importance: undefined };
    const data = dataset(threeTasks.occupations, [core, supplemental, noRating]);
    const [result] = aggregateOccupations({ dataset: data, scores: threeScores, taskWeights: 'importance' });
    expect(result!.taskWeighting).toBe('core');
    expect(result!.beta).toBe(0.625);
    expect(result!.notes.join(' ')).toMatch(/1 of 3 scored tasks have no importance rating.*core weights/);
  });

  it('keeps an occupation with no scored task, with null measures', () => {
    const other = occupation('43-9061.00', { employment: 50 });
    const lone: Task = { id: '9', occupationCode: other.code, text: 'File papers', type: 'Core' };
    const data = dataset([...threeTasks.occupations, other], [...threeTasks.tasks, lone]);
    const results = aggregateOccupations({ dataset: data, scores: threeScores, taskWeights: 'core' });
    expect(results).toHaveLength(2);
    expect(results[1]).toMatchObject({ code: '43-9061.00', scoredTaskCount: 0, taskCount: 1, alpha: null, beta: null, zeta: null });
    expect(results[1]!.notes).toContain('none of its 1 tasks is scored');
  });

  it('does not attach a score to a task of another occupation with the same ID', () => {
    const stray = { ...threeScores[0]!, occupationCode: '11-1011.00', exposure: 'E0' as const };
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: [...threeScores, stray], taskWeights: 'core' });
    expect(result!.alpha).toBe(0.5);
  });

  it('takes a later score for the same task over an earlier one (a rescored task)', () => {
    const rescored = score(core, 'E0', { mode: 'none' });
    const [result] = aggregateOccupations({ dataset: threeTasks, scores: [...threeScores, rescored], taskWeights: 'core' });
    // core now E0: alpha = 0 / 4, beta = 0.5 / 4
    expect(result!.alpha).toBe(0);
    expect(result!.beta).toBe(0.125);
    expect(result!.scoredTaskCount).toBe(3);
  });
});

describe('pairing scores with tasks', () => {
  const { tasks } = threeTasks;
  const first = score(core, 'E1');
  const second = score(core, 'E2');
  const foreign = score({ ...supplemental, occupationCode: '11-1011.00' }, 'E1');

  it('gives each task its score at the task\'s index, the first or the last given, and lists each matched score once', () => {
    const given = [first, score(untyped, 'E0'), second, foreign];
    const kept = pairScores(tasks, given, 'first');
    expect(kept.scoreOfTask).toEqual([first, undefined, given[1], undefined]);
    expect(kept.matched).toEqual([first, given[1]]);
    const replaced = pairScores(tasks, given, 'last');
    expect(replaced.scoreOfTask[0]).toBe(second);
    expect(replaced.matched).toEqual([second, given[1]]);
  });

  it('gives a task listed twice the score of its first listing', () => {
    const twice = [...tasks, { ...core, text: 'Write code (listed again)' }];
    const { scoreOfTask, matched } = pairScores(twice, [first], 'first');
    expect(scoreOfTask[0]).toBe(first);
    expect(scoreOfTask[4]).toBe(first);
    expect(matched).toEqual([first]);
  });
});

function occupationScore(code: string, fields: Partial<OccupationScore>): OccupationScore {
  return {
    code, soc: code.slice(0, 7), majorGroup: code.slice(0, 2), title: code,
    employment: null, medianWage: null, meanWage: null, taskCount: 4, scoredTaskCount: 4,
    alpha: null, beta: null, zeta: null, automation: null, automateShare: null, augmentShare: null, meanHorizon: null,
    taskWeighting: 'core', notes: [], ...fields,
  };
}

// Employment 100 / 300 / 600 in the covered occupations (1,000 workers); D has no employment, E is unscored.
const A = occupationScore('15-1252.00', { employment: 100, meanWage: 100_000, alpha: 0.6, beta: 0.7, zeta: 0.8, automation: 0.5 });
const B = occupationScore('15-2011.00', { employment: 300, meanWage: 50_000, alpha: 0.1, beta: 0.3, zeta: 0.5, automation: 0.25 });
const C = occupationScore('47-2061.00', { employment: 600, medianWage: 40_000, alpha: 0, beta: 0.05, zeta: 0.1, automation: 0 });
const D = occupationScore('43-9061.00', { alpha: 1, beta: 1, zeta: 1 });
const E = occupationScore('43-4051.00', { employment: 50, scoredTaskCount: 0 });
const ALL = [A, B, C, D, E];

describe('occupations to the workforce', () => {
  it('weights occupations by employment and reports coverage', () => {
    const workforce = aggregateWorkforce(ALL, { weight: 'employment' });
    expect(workforce.weightedBy).toBe('employment');
    expect(workforce.alpha).toBeCloseTo((60 + 30 + 0) / 1000, 15);
    expect(workforce.beta).toBeCloseTo((70 + 90 + 30) / 1000, 15);
    expect(workforce.zeta).toBeCloseTo((80 + 150 + 60) / 1000, 15);
    expect(workforce.automation).toBeCloseTo((50 + 75) / 1000, 15);
    expect(workforce.employment).toBe(1050);
    expect(workforce.employmentCovered).toBe(1000);
    expect(workforce.coveredOccupationCount).toBe(3);
    expect(workforce.notes.join(' ')).toContain('1 scored occupation has no employment and is left out');
  });

  it('gives the share of workers in occupations with at least 10% and 50% of tasks exposed', () => {
    const { exposed } = aggregateWorkforce(ALL, { weight: 'employment' });
    // alpha: A (0.6) and B (exactly 0.1) reach 10%; only A reaches 50%
    expect(exposed.alpha).toEqual({ atLeast10: 0.4, atLeast50: 0.1 });
    // beta: C (0.05) misses 10%
    expect(exposed.beta).toEqual({ atLeast10: 0.4, atLeast50: 0.1 });
    // zeta: all reach 10%; A and B (exactly 0.5) reach 50%
    expect(exposed.zeta).toEqual({ atLeast10: 1, atLeast50: 0.4 });
  });

  it('counts an occupation at a threshold even when its mean lands a rounding error below it', () => {
    const nearly = occupationScore('15-1252.00', { alpha: 0.7 - 0.6, beta: 0.1, zeta: 0.1 });
    expect(nearly.alpha).toBeLessThan(0.1);
    expect(exposedAtLeast(nearly, 'alpha', 0.1)).toBe(true);
    expect(exposedAtLeast(nearly, 'alpha', 0.5)).toBe(false);
  });

  it('weights by wage bill (employment x mean wage, median where no mean)', () => {
    const workforce = aggregateWorkforce(ALL, { weight: 'wages' });
    // A 10M, B 15M, C 600 x 40k = 24M of wages: total 49M
    expect(workforce.weightedBy).toBe('wages');
    expect(workforce.alpha).toBeCloseTo((0.6 * 10 + 0.1 * 15) / 49, 15);
    expect(workforce.exposed.zeta!.atLeast50).toBeCloseTo(25 / 49, 15);
  });

  it('counts each occupation once, and says so, when none has employment', () => {
    const bare = [A, B, C].map((o) => ({ ...o, employment: null }));
    const workforce = aggregateWorkforce(bare, { weight: 'employment' });
    expect(workforce.weightedBy).toBe('occupations');
    expect(workforce.alpha).toBeCloseTo(0.7 / 3, 15);
    expect(workforce.notes.join(' ')).toContain('each occupation counts once');
  });

  it('rolls up to SOC major groups with their names', () => {
    const groups = aggregateGroups(ALL, { weight: 'employment' });
    expect(groups.map((g) => g.label)).toEqual([
      '15 Computer and Mathematical',
      '43 Office and Administrative Support',
      '47 Construction and Extraction',
    ]);
    expect(groups[0]!.alpha).toBeCloseTo(90 / 400, 15);
    expect(groups[0]!.exposed.alpha).toEqual({ atLeast10: 1, atLeast50: 0.25 });
    // 43 has a scored occupation without employment and an unscored one: nothing to average
    expect(groups[1]).toMatchObject({ employment: 50, employmentCovered: 0, coveredOccupationCount: 0, alpha: null });
    expect(groups[1]!.exposed.alpha).toBeNull();
  });

  it('names all 22 SOC major groups', () => {
    expect(MAJOR_GROUP_CODES).toHaveLength(22);
    expect(majorGroupLabel('11')).toBe('11 Management');
    expect(majorGroupLabel('13')).toBe('13 Business and Financial Operations');
    expect(majorGroupLabel('53')).toBe('53 Transportation and Material Moving');
  });
});

describe.skipIf(!existsSync(LABELSET))('the GPTs-are-GPTs label set (../shared/data)', () => {
  it('gives every occupation the alpha, beta and zeta of the file\'s own per-task columns', () => {
    const rows: Record<string, string>[] = parse(readFileSync(LABELSET, 'utf8'), {
      delimiter: '\t',
      quote: false,
      columns: true,
      skip_empty_lines: true,
    });
    const occupations = new Map<string, Occupation>();
    const tasks: Task[] = [];
    const scores: TaskScore[] = [];
    const expected = new Map<string, { w: number; alpha: number; beta: number; zeta: number; automation: number }>();
    for (const row of rows) {
      const code = row['O*NET-SOC Code']!;
      if (!occupations.has(code)) occupations.set(code, occupation(code, { title: row['Title']! }));
      const type = row['Task Type'] === 'Core' ? 'Core' : row['Task Type'] === 'Supplemental' ? 'Supplemental' : null;
      const task: Task = { id: String(Number(row['Task ID'])), occupationCode: code, text: row['Task']!, type };
      tasks.push(task);
      scores.push(score(task, row['gpt4_exposure'] as Exposure, { automation: row['gpt4_automation'] as TaskScore['automation'] }));
      // The direct computation, from the file's own alpha / beta / gamma columns.
      const w = type === 'Core' ? 2 : 1;
      const sums = expected.get(code) ?? { w: 0, alpha: 0, beta: 0, zeta: 0, automation: 0 };
      sums.w += w;
      sums.alpha += w * Number(row['alpha']);
      sums.beta += w * Number(row['beta']);
      sums.zeta += w * Number(row['gamma']);
      sums.automation += w * Number(row['automation']);
      expected.set(code, sums);
    }
    const results = aggregateOccupations({ dataset: dataset([...occupations.values()], tasks), scores, taskWeights: 'core' });
    expect(results).toHaveLength(923);
    let worst = 0;
    for (const result of results) {
      const sums = expected.get(result.code)!;
      expect(result.scoredTaskCount).toBe(result.taskCount);
      for (const measure of ['alpha', 'beta', 'zeta', 'automation'] as const) {
        const difference = Math.abs(result[measure]! - sums[measure] / sums.w);
        worst = Math.max(worst, difference);
        expect(difference, `${result.code} ${measure}`).toBeLessThanOrEqual(1e-12);
      }
    }
    console.log(`label set: ${results.length} occupations, ${tasks.length} tasks, largest difference ${worst}`);
  });
});

if (!existsSync(LABELSET)) console.log(`skipping the label set check: ${LABELSET} is absent`);
