// How long one instance of a task takes a worker: the scorer's estimate (rubric r2 asks for it, imports may
// carry it), else a prior built from what the dataset holds. The prior's numbers live in the calibration file
// with their reasons; this file only applies them, and says which rule gave each figure.
import type { Occupation, Task } from '../data/types.js';
import type { DurationPriorSpec } from './facts.js';

export interface TaskDuration {
  hours: number;
  /** True when no scorer gave a duration and the prior did. */
  prior: boolean;
  /** The prior's rules that applied: the Job Zone used, the wording class of the first word, a frequency cap. */
  jobZone?: number;
  wording?: { verb: string; kind: 'brief' | 'project'; factor: number };
  cappedAt?: number;
}

const verbSets = new WeakMap<DurationPriorSpec, { brief: Set<string>; project: Set<string> }>();

function verbsOf(spec: DurationPriorSpec): { brief: Set<string>; project: Set<string> } {
  let sets = verbSets.get(spec);
  if (!sets) {
    sets = { brief: new Set(spec.wording.brief.verbs), project: new Set(spec.wording.project.verbs) };
    verbSets.set(spec, sets);
  }
  return sets;
}

export function taskDuration(
  task: Pick<Task, 'text' | 'frequency'>,
  occupation: Pick<Occupation, 'jobZone'>,
  scored: number | undefined,
  spec: DurationPriorSpec,
): TaskDuration {
  if (scored !== undefined && Number.isFinite(scored) && scored > 0) return { hours: scored, prior: false };
  const zone = occupation.jobZone;
  const byZone = zone !== undefined ? spec.byJobZone[String(zone)] : undefined;
  const result: TaskDuration = { hours: byZone ?? spec.withoutJobZone, prior: true };
  if (byZone !== undefined) result.jobZone = zone;
  const verb = firstWord(task.text);
  const verbs = verbsOf(spec);
  const kind = verbs.brief.has(verb) ? 'brief' : verbs.project.has(verb) ? 'project' : null;
  if (kind) {
    const { factor } = spec.wording[kind];
    result.hours *= factor;
    result.wording = { verb, kind, factor };
  }
  if (task.frequency !== undefined && Number.isFinite(task.frequency)) {
    const cap = spec.frequencyCap[String(Math.round(task.frequency))];
    if (typeof cap === 'number' && result.hours > cap) {
      result.hours = cap;
      result.cappedAt = cap;
    }
  }
  return result;
}

/** The rule behind a duration, in words, for --explain. */
export function describeDuration(duration: TaskDuration): string {
  if (!duration.prior) return 'from the scorer';
  const parts = [duration.jobZone !== undefined ? `Job Zone ${duration.jobZone}` : 'no Job Zone'];
  if (duration.wording) parts.push(`"${duration.wording.verb}" names ${duration.wording.kind === 'brief' ? 'a brief act' : 'a project'} (x${duration.wording.factor})`);
  if (duration.cappedAt !== undefined) parts.push(`capped at ${duration.cappedAt} h by its frequency`);
  return `prior: ${parts.join(', ')}`;
}

function firstWord(text: string): string {
  let start = 0;
  while (start < text.length && !isLetter(text.charCodeAt(start))) start++;
  let end = start;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  return text.slice(start, end).toLowerCase();
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
