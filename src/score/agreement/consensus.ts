// A consensus of several scorers, task by task: majority exposure and mode, median automation level,
// horizon and duration, mean confidence. Deterministic and independent of the order the scorers are named:
//   - a tie between categories goes to the least of the tied: for exposure the least exposed by the paper's
//     beta weight (E0 < E2 < E1), for mode the least automating (none < augment < automate), for automation
//     (an even count whose two middle levels differ) the lower level. So a consensus never claims more
//     exposure or automation than a majority of its scorers gave.
//   - numbers take the ordinary median (the mean of the two middle values for an even count); a horizon
//     between two years is rounded up to the later one, in keeping with the rule above.
// Every tie is recorded: counted per field, and named with the votes in the task's rationale.
import { taskKey } from '../../data/types.js';
import { AUTOMATION_LEVELS, type Automation, type Exposure, type Mode, type TaskScore } from '../types.js';

/** Tied categories resolve to the first of these that is tied. */
export const EXPOSURE_TIE_ORDER: readonly Exposure[] = ['E0', 'E2', 'E1'];
export const MODE_TIE_ORDER: readonly Mode[] = ['none', 'augment', 'automate'];

export const TIE_RULE =
  'a tie goes to the least of the tied values: exposure E0 < E2 < E1 (by beta), mode none < augment < automate, ' +
  'automation the lower of the two middle levels; a horizon between two years takes the later';

export interface ConsensusTies {
  exposure: number;
  automation: number;
  mode: number;
}

export interface Consensus {
  /** One score per task the consensus covers, in the order of `tasks`. */
  scores: TaskScore[];
  /** Tasks with at least `minScorers` scores (the ones covered), and tasks passed over for having fewer. */
  tasks: number;
  skipped: number;
  ties: ConsensusTies;
  /** Covered tasks with at least one tie. */
  tasksWithTies: number;
}

type Field = 'exposure' | 'automation' | 'mode';

/**
 * The consensus of `scorers` on `tasks` (each scorer's scores keyed by the task's occupation code and id).
 * A task gets a consensus when at least `minScorers` of the scorers scored it (default: all of them).
 */
export function consensusOf(options: {
  name: string;
  tasks: readonly { id: string; occupationCode: string }[];
  scorers: readonly { name: string; scores: readonly TaskScore[] }[];
  minScorers?: number;
}): Consensus {
  const minScorers = options.minScorers ?? options.scorers.length;
  if (options.scorers.length < 2) throw new RangeError('a consensus needs at least two scorers');
  if (minScorers < 1 || minScorers > options.scorers.length) throw new RangeError(`minScorers must be between 1 and ${options.scorers.length}`);
  const byScorer = options.scorers.map((s) => new Map(s.scores.map((score) => [taskKey(score.occupationCode, score.taskId), score])));
  const ties: ConsensusTies = { exposure: 0, automation: 0, mode: 0 };
  let tasksWithTies = 0;
  let skipped = 0;
  const scores: TaskScore[] = [];
  for (const task of options.tasks) {
    const key = taskKey(task.occupationCode, task.id);
    const votes = options.scorers.flatMap((s, i) => {
      const score = byScorer[i]!.get(key);
      return score ? [{ scorer: s.name, score }] : [];
    });
    if (votes.length < minScorers) {
      skipped++;
      continue;
    }
    const tied: Field[] = [];
    const exposure = majority(votes.map((v) => v.score.exposure), EXPOSURE_TIE_ORDER);
    if (exposure.tie) tied.push('exposure');
    const score: TaskScore = { taskId: task.id, occupationCode: task.occupationCode, exposure: exposure.value!, scorer: options.name };

    const levels = votes.flatMap((v) => (v.score.automation ? [AUTOMATION_LEVELS.indexOf(v.score.automation)] : []));
    if (levels.length) {
      const { value, tie } = lowerMedian(levels);
      score.automation = AUTOMATION_LEVELS[value] as Automation;
      if (tie) tied.push('automation');
    }
    const modes = votes.flatMap((v) => (v.score.mode ? [v.score.mode] : []));
    if (modes.length) {
      const mode = majority(modes, MODE_TIE_ORDER);
      score.mode = mode.value!;
      if (mode.tie) tied.push('mode');
    }
    const horizons = votes.flatMap((v) => (v.score.horizon !== undefined ? [v.score.horizon] : []));
    if (horizons.length) score.horizon = Math.ceil(median(horizons));
    const durations = votes.flatMap((v) => (v.score.duration !== undefined ? [v.score.duration] : []));
    if (durations.length) score.duration = median(durations);
    const confidences = votes.flatMap((v) => (v.score.confidence !== undefined ? [v.score.confidence] : []));
    if (confidences.length) score.confidence = confidences.reduce((a, b) => a + b, 0) / confidences.length;

    for (const field of tied) ties[field]++;
    if (tied.length) tasksWithTies++;
    score.rationale = rationaleOf(votes, score, tied);
    scores.push(score);
  }
  return { scores, tasks: scores.length, skipped, ties, tasksWithTies };
}

/** The most frequent value; a tie goes to the first tied value in `order`. */
export function majority<T extends string>(values: readonly T[], order: readonly T[]): { value: T | undefined; tie: boolean } {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  const top = order.filter((v) => counts.get(v) === most);
  return { value: top[0], tie: top.length > 1 };
}

/** The median of whole-number levels; for an even count whose two middle levels differ, the lower one (a tie). */
export function lowerMedian(values: readonly number[]): { value: number; tie: boolean } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(mid)]!;
  const hi = sorted[Math.ceil(mid)]!;
  return { value: lo, tie: lo !== hi };
}

/** The ordinary median: the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/** "consensus of a, b, c: exposure E1 (a E1, b E1, c E0); automation T2 (a T1, ...); tie on exposure: ..." */
function rationaleOf(votes: readonly { scorer: string; score: TaskScore }[], score: TaskScore, tied: readonly Field[]): string {
  const listed = (field: Field) => votes.filter((v) => v.score[field] !== undefined).map((v) => `${v.scorer} ${v.score[field]}`).join(', ');
  const parts = [`exposure ${score.exposure} (${listed('exposure')})`];
  if (score.automation) parts.push(`automation ${score.automation} (${listed('automation')})`);
  if (score.mode) parts.push(`mode ${score.mode} (${listed('mode')})`);
  const tieText = tied.map((field) => `${field} tied, ${score[field]} by the tie rule`);
  return `Consensus of ${votes.map((v) => v.scorer).join(', ')}: ${parts.join('; ')}.${tieText.length ? ` Tie: ${tieText.join('; ')} (the least of the tied).` : ''}`;
}
