// The consensus of several scorers, task by task: majorities, medians, means, and ties recorded with a rule
// that does not depend on the order the scorers are named.
import { describe, expect, it } from 'vitest';
import { consensusOf, lowerMedian, majority, median } from '../src/score/agreement/consensus.js';
import type { TaskScore } from '../src/score/types.js';

const CODE = '15-1252.00';
const task = (id: string) => ({ id, occupationCode: CODE });
type Fields = Omit<TaskScore, 'taskId' | 'occupationCode' | 'scorer'>;
const scorer = (name: string, byTask: Record<string, Fields>) => ({
  name,
  scores: Object.entries(byTask).map(([taskId, fields]): TaskScore => ({ taskId, occupationCode: CODE, scorer: name, ...fields })),
});

describe('consensusOf', () => {
  const a = scorer('a', {
    '1': { exposure: 'E1', automation: 'T1', mode: 'automate', horizon: 2027, duration: 1, confidence: 0.9 },
    '2': { exposure: 'E0', automation: 'T0', mode: 'none', horizon: 2030, duration: 4, confidence: 0.5 },
    '3': { exposure: 'E2' },
  });
  const b = scorer('b', {
    '1': { exposure: 'E1', automation: 'T3', mode: 'augment', horizon: 2029, duration: 2, confidence: 0.6 },
    '2': { exposure: 'E1', automation: 'T4', mode: 'automate', horizon: 2031, duration: 8, confidence: 0.7 },
  });
  const c = scorer('c', {
    '1': { exposure: 'E0', automation: 'T2', mode: 'augment', horizon: 2035, duration: 16 },
    '2': { exposure: 'E2', automation: 'T1', mode: 'automate', horizon: 2032, duration: 2, confidence: 0.3 },
    '3': { exposure: 'E1' },
  });

  it('takes the majority exposure and mode, the median automation, horizon and duration, the mean confidence', () => {
    const { scores, tasks, skipped, ties } = consensusOf({ name: 'panel', tasks: [task('1'), task('2'), task('3')], scorers: [a, b, c] });
    expect(tasks).toBe(2);
    expect(skipped).toBe(1);
    expect(scores[0]).toMatchObject({ taskId: '1', scorer: 'panel', exposure: 'E1', automation: 'T2', mode: 'augment', horizon: 2029, duration: 2 });
    expect(scores[0]!.confidence).toBeCloseTo(0.75, 12);
    expect(scores[1]).toMatchObject({ exposure: 'E0', automation: 'T1', mode: 'automate', horizon: 2031, duration: 4, confidence: 0.5 });
    // Task 2's exposure is a three-way tie (E0, E1, E2 one vote each): the least exposed, E0.
    expect(ties).toEqual({ exposure: 1, automation: 0, mode: 0 });
  });

  it('names each scorer\'s vote in the rationale, and the tie with the rule that settled it', () => {
    const { scores } = consensusOf({ name: 'panel', tasks: [task('1'), task('2')], scorers: [a, b, c] });
    expect(scores[0]!.rationale).toBe(
      'Consensus of a, b, c: exposure E1 (a E1, b E1, c E0); automation T2 (a T1, b T3, c T2); mode augment (a automate, b augment, c augment).',
    );
    expect(scores[1]!.rationale).toMatch(/exposure E0 \(a E0, b E1, c E2\).*Tie: exposure tied, E0 by the tie rule \(the least of the tied\)\.$/);
  });

  it('settles ties the same whatever order the scorers are named in', () => {
    const tasks = [task('1'), task('2'), task('3')];
    const forward = consensusOf({ name: 'p', tasks, scorers: [a, c], minScorers: 2 });
    const backward = consensusOf({ name: 'p', tasks, scorers: [c, a], minScorers: 2 });
    const fields = (s: TaskScore) => [s.exposure, s.automation, s.mode, s.horizon, s.duration, s.confidence];
    expect(backward.scores.map(fields)).toEqual(forward.scores.map(fields));
    expect(backward.ties).toEqual(forward.ties);
    // a E1 vs c E0 -> E0; a E0 vs c E2 -> E0; a E2 vs c E1 -> E2 (by beta, E2 is less exposed than E1).
    expect(forward.scores.map((s) => s.exposure)).toEqual(['E0', 'E0', 'E2']);
    // T1 vs T2 -> T1, T0 vs T1 -> T0: the lower middle level; automate vs augment -> augment; none vs automate -> none.
    expect(forward.scores.map((s) => [s.automation, s.mode])).toEqual([['T1', 'augment'], ['T0', 'none'], [undefined, undefined]]);
    expect(forward.ties).toEqual({ exposure: 3, automation: 2, mode: 2 });
    expect(forward.tasksWithTies).toBe(3);
    // A horizon between two years takes the later: 2027 and 2035 -> 2031; 2030 and 2032 -> 2031.
    expect(forward.scores.map((s) => s.horizon)).toEqual([2031, 2031, undefined]);
  });

  it('covers tasks scored by at least minScorers, all of them by default', () => {
    const tasks = [task('1'), task('2'), task('3'), task('4')];
    expect(consensusOf({ name: 'p', tasks, scorers: [a, b, c] }).tasks).toBe(2);
    expect(consensusOf({ name: 'p', tasks, scorers: [a, b, c], minScorers: 2 }).tasks).toBe(3);
    expect(() => consensusOf({ name: 'p', tasks, scorers: [a] })).toThrow(/at least two/);
  });
});

describe('the rules, one at a time', () => {
  it('majority: the most votes, a tie to the first tied in the order given', () => {
    expect(majority(['E1', 'E1', 'E0'], ['E0', 'E2', 'E1'])).toEqual({ value: 'E1', tie: false });
    expect(majority(['E1', 'E2'], ['E0', 'E2', 'E1'])).toEqual({ value: 'E2', tie: true });
  });

  it('lowerMedian: the middle level, the lower of two middle levels that differ', () => {
    expect(lowerMedian([4, 0, 2])).toEqual({ value: 2, tie: false });
    expect(lowerMedian([1, 3, 3, 1])).toEqual({ value: 1, tie: true });
    expect(lowerMedian([2, 2, 0, 4])).toEqual({ value: 2, tie: false });
  });

  it('median: the mean of the two middle values for an even count', () => {
    expect(median([8, 1, 2, 4])).toBe(3);
    expect(median([5])).toBe(5);
  });
});
