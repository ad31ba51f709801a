// Which tasks a run scores: filters by occupation and major group, then a deterministic sample, then a limit.
// Order is always the dataset's own order, so the same flags pick the same tasks in the same order.
import { UsageError } from '../errors.js';
import { taskKey, type Dataset, type TaskType } from '../data/types.js';
import { seededRandom } from './random.js';

export interface SelectOptions {
  /** O*NET-SOC codes ("15-1252.00") or SOC codes ("15-1252", matching every O*NET code under it). */
  occupations?: string[];
  /** Two-digit SOC major groups ("15"). */
  majorGroups?: string[];
  limit?: number;
  /** Keep this many tasks, chosen by a seeded shuffle. */
  sample?: number;
  seed?: number;
  /** Only these tasks (task keys, src/data/types.ts): a sample drawn elsewhere, such as `check`'s stratified one. */
  tasks?: ReadonlySet<string>;
}

export interface SelectedTask {
  taskId: string;
  occupationCode: string;
  /** Occupation title, part of the prompt and of the score key. */
  title: string;
  text: string;
  type: TaskType;
}

function matchesOccupation(code: string, wanted: string): boolean {
  return code === wanted || (!wanted.includes('.') && code.startsWith(`${wanted}.`));
}

export function selectTasks(dataset: Dataset, options: SelectOptions = {}): SelectedTask[] {
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  let tasks = dataset.tasks;

  if (options.occupations?.length) {
    for (const wanted of options.occupations) {
      if (!dataset.occupations.some((o) => matchesOccupation(o.code, wanted)) && !tasks.some((t) => matchesOccupation(t.occupationCode, wanted))) {
        throw new UsageError(`--occupation ${wanted}: no such occupation in dataset ${dataset.name} (expected an O*NET-SOC code like 15-1252.00 or a SOC code like 15-1252)`);
      }
    }
    const wanted = options.occupations;
    tasks = tasks.filter((t) => wanted.some((w) => matchesOccupation(t.occupationCode, w)));
  }
  if (options.majorGroups?.length) {
    for (const group of options.majorGroups) {
      if (!/^\d{2}$/.test(group)) throw new UsageError(`--major-group ${group}: expected a two-digit SOC major group such as 15`);
    }
    const groups = new Set(options.majorGroups);
    tasks = tasks.filter((t) => groups.has(t.occupationCode.slice(0, 2)));
  }
  if (options.tasks) {
    const wanted = options.tasks;
    tasks = tasks.filter((t) => wanted.has(taskKey(t.occupationCode, t.id)));
  }
  if (options.sample !== undefined && options.sample < tasks.length) {
    const random = seededRandom(options.seed ?? 0);
    const indices = tasks.map((_, i) => i);
    // Partial Fisher-Yates: the first `sample` slots end up a uniform random subset.
    for (let i = 0; i < options.sample; i++) {
      const j = i + Math.floor(random() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const chosen = indices.slice(0, options.sample).sort((a, b) => a - b);
    const all = tasks;
    tasks = chosen.map((i) => all[i]!);
  }
  if (options.limit !== undefined) tasks = tasks.slice(0, options.limit);

  return tasks.map((t) => ({
    taskId: t.id,
    occupationCode: t.occupationCode,
    title: titles.get(t.occupationCode) ?? t.occupationCode,
    text: t.text,
    type: t.type,
  }));
}
