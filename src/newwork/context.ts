// Which subjects get new-work proposals, and what each request says about its subject. Pure functions over
// a dataset and one scorer's task scores; the key of each context is computed here too, from everything that
// could change the answer (never from the API key).
import { createHash } from 'node:crypto';
import { aggregateOccupations } from '../aggregate/index.js';
import { majorGroupName } from '../data/major-groups.js';
import { taskKey, type Dataset, type Occupation, type Task } from '../data/types.js';
import { UsageError } from '../errors.js';
import { KEY_VERSION, normalizeBaseURL } from '../score/key.js';
import { automationShare, exposureMeasures, type TaskScore } from '../score/types.js';
import { NEW_WORK_PROMPT_VERSION, type ExposedTaskInput, type NewWorkContext, type YearBounds } from './prompt.js';

export type NewWorkScope = NewWorkContext['scope'];

export interface SubjectOptions {
  by: NewWorkScope;
  /** O*NET-SOC or SOC codes (`--occupation`). */
  occupations?: string[];
  /** Two-digit SOC major groups (`--major-group`). */
  majorGroups?: string[];
  /** Most subjects. Default: the 10 occupations with most exposed jobs, or every group. */
  limit?: number;
}

/** Exposed tasks shown per subject. */
export const EXPOSED_TASKS = 8;
/** Other occupations of the same major group offered as draws_from, beside the subject itself. */
const RELATED_OCCUPATIONS = 4;
/** O*NET Emerging Tasks shown as examples. */
const EMERGING_EXAMPLES = 3;
export const DEFAULT_OCCUPATION_LIMIT = 10;

interface ScoredTask {
  task: Task;
  score: TaskScore;
  beta: number;
  automation: number;
}

function matchesOccupation(code: string, wanted: string): boolean {
  return code === wanted || (!wanted.includes('.') && code.startsWith(`${wanted}.`));
}

function scoredTasksOf(dataset: Dataset, scores: readonly TaskScore[]): Map<string, ScoredTask[]> {
  const byTask = new Map(scores.map((s) => [taskKey(s.occupationCode, s.taskId), s]));
  const out = new Map<string, ScoredTask[]>();
  for (const task of dataset.tasks) {
    const score = byTask.get(taskKey(task.occupationCode, task.id));
    if (!score) continue;
    const list = out.get(task.occupationCode) ?? [];
    list.push({ task, score, beta: exposureMeasures(score.exposure).beta, automation: score.automation ? automationShare(score.automation) : 0 });
    out.set(task.occupationCode, list);
  }
  return out;
}

/** Most exposed first: beta, then the share a system does on its own. */
const byExposure = (a: ScoredTask, b: ScoredTask) => b.beta - a.beta || b.automation - a.automation;

function taskInput(t: ScoredTask): ExposedTaskInput {
  return {
    occupation_code: t.task.occupationCode,
    task: t.task.text,
    exposure: t.score.exposure,
    ...(t.score.automation ? { automation: t.score.automation } : {}),
    ...(t.score.horizon !== undefined ? { horizon: t.score.horizon } : {}),
  };
}

function emergingOf(dataset: Dataset, codes: ReadonlySet<string>): string[] {
  return dataset.emergingTasks.filter((t) => t.category === 'New' && codes.has(t.occupationCode)).slice(0, EMERGING_EXAMPLES).map((t) => t.text);
}

/** The contexts to send, one per subject, in the order subjects are chosen. */
export function newWorkContexts(options: { dataset: Dataset; scores: readonly TaskScore[]; scorer: string } & SubjectOptions): NewWorkContext[] {
  const { dataset, scores, scorer } = options;
  const tasks = scoredTasksOf(dataset, scores);
  const occupationScores = aggregateOccupations({ dataset, scores, taskWeights: 'core' });
  const beta = new Map(occupationScores.map((o) => [o.code, o.beta ?? 0]));
  const exposedJobs = (o: Occupation) => (o.employment ?? 0) * (beta.get(o.code) ?? 0);

  let occupations = dataset.occupations.filter((o) => tasks.has(o.code));
  for (const wanted of options.occupations ?? []) {
    if (!dataset.occupations.some((o) => matchesOccupation(o.code, wanted))) {
      throw new UsageError(`--occupation ${wanted}: no such occupation in dataset ${dataset.name} (expected an O*NET-SOC code like 15-1252.00 or a SOC code like 15-1252)`);
    }
  }
  if (options.occupations?.length) occupations = occupations.filter((o) => options.occupations!.some((w) => matchesOccupation(o.code, w)));
  if (options.majorGroups?.length) occupations = occupations.filter((o) => options.majorGroups!.includes(o.majorGroup));
  // Without employment every occupation has 0 exposed jobs; beta alone then orders them.
  const ranked = [...occupations].sort((a, b) => exposedJobs(b) - exposedJobs(a) || (beta.get(b.code) ?? 0) - (beta.get(a.code) ?? 0) || a.code.localeCompare(b.code));

  if (options.by === 'group') {
    const groups = [...new Set(ranked.map((o) => o.majorGroup))].sort();
    const chosen = options.limit ? groups.slice(0, options.limit) : groups;
    return chosen.map((group) => groupContext({ dataset, group, members: ranked.filter((o) => o.majorGroup === group), tasks, scorer }));
  }
  const explicit = Boolean(options.occupations?.length);
  const limit = options.limit ?? (explicit ? ranked.length : DEFAULT_OCCUPATION_LIMIT);
  return ranked.slice(0, limit).map((occupation) => {
    const related = ranked.filter((o) => o.majorGroup === occupation.majorGroup && o.code !== occupation.code).slice(0, RELATED_OCCUPATIONS);
    return {
      scope: 'occupation',
      subject: occupation.code,
      title: occupation.title,
      occupations: [occupation, ...related].map((o) => ({ code: o.code, title: o.title })),
      exposedTasks: [...(tasks.get(occupation.code) ?? [])].sort(byExposure).slice(0, EXPOSED_TASKS).map(taskInput),
      emergingExamples: emergingOf(dataset, new Set([occupation.code])),
      scorer,
    };
  });
}

/** A major group's most exposed tasks across its occupations, weighted by the occupation's workers when the
 * dataset has employment, and at most two per occupation so the group's breadth shows. */
function groupContext(options: { dataset: Dataset; group: string; members: Occupation[]; tasks: Map<string, ScoredTask[]>; scorer: string }): NewWorkContext {
  const { members, tasks } = options;
  const employment = new Map(members.map((o) => [o.code, o.employment ?? 1]));
  const weight = (t: ScoredTask) => t.beta * (0.5 + t.automation) * (employment.get(t.task.occupationCode) ?? 1);
  const candidates = members.flatMap((o) => [...(tasks.get(o.code) ?? [])].sort(byExposure).slice(0, 2));
  const picked = candidates.sort((a, b) => weight(b) - weight(a) || byExposure(a, b)).slice(0, EXPOSED_TASKS);
  return {
    scope: 'group',
    subject: options.group,
    title: majorGroupName(options.group),
    occupations: members.map((o) => ({ code: o.code, title: o.title })),
    exposedTasks: picked.map(taskInput),
    emergingExamples: emergingOf(options.dataset, new Set(members.map((o) => o.code))),
    scorer: options.scorer,
  };
}

export interface NewWorkKeyInput {
  provider: string;
  baseURL?: string;
  model: string;
  temperature: number;
  bounds: YearBounds;
  context: NewWorkContext;
}

/** sha256 of everything that could change the proposals; the API key is never an input. */
export function newWorkKey(input: NewWorkKeyInput): string {
  const { context } = input;
  const fields = [
    KEY_VERSION,
    NEW_WORK_PROMPT_VERSION,
    normalizeBaseURL(input.baseURL) ?? input.provider,
    input.model,
    input.temperature,
    input.bounds.min,
    context.scope,
    context.subject,
    context.title,
    context.occupations.map((o) => [o.code, o.title]),
    context.exposedTasks.map((t) => [t.occupation_code, t.task, t.exposure, t.automation ?? null, t.horizon ?? null]),
    context.emergingExamples,
    context.scorer,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
