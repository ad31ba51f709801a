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

/** The spec in the form the per-task lookups want: verb sets, and hours and caps indexed by number. */
interface Lookups {
  brief: Set<string>;
  project: Set<string>;
  byJobZone: (number | undefined)[];
  capByFrequency: (number | undefined)[];
}

const lookupCache = new WeakMap<DurationPriorSpec, Lookups>();

function lookupsOf(spec: DurationPriorSpec): Lookups {
  let lookups = lookupCache.get(spec);
  if (!lookups) {
    const numbered = (record: Record<string, unknown>) => {
      const out: (number | undefined)[] = [];
      for (const [key, value] of Object.entries(record)) if (/^\d+$/.test(key) && typeof value === 'number') out[Number(key)] = value;
      return out;
    };
    lookups = {
      brief: new Set(spec.wording.brief.verbs),
      project: new Set(spec.wording.project.verbs),
      byJobZone: numbered(spec.byJobZone),
      capByFrequency: numbered(spec.frequencyCap),
    };
    lookupCache.set(spec, lookups);
  }
  return lookups;
}

/** A duration the scorer gave, when it is one. */
export function scoredDuration(scored: number | undefined): number | null {
  return scored !== undefined && Number.isFinite(scored) && scored > 0 ? scored : null;
}

/**
 * The prior's hours for a task. With `detail`, the rules that applied are written into it (for --explain); the
 * frontier calls it without, once per exposed task, so it allocates nothing.
 */
export function priorHours(task: Pick<Task, 'text' | 'frequency'>, occupation: Pick<Occupation, 'jobZone'>, spec: DurationPriorSpec, detail?: TaskDuration): number {
  const lookups = lookupsOf(spec);
  const zone = occupation.jobZone;
  const byZone = zone !== undefined ? lookups.byJobZone[zone] : undefined;
  let hours = byZone ?? spec.withoutJobZone;
  if (detail && byZone !== undefined) detail.jobZone = zone;
  const verb = firstWord(task.text);
  const kind = lookups.brief.has(verb) ? 'brief' : lookups.project.has(verb) ? 'project' : null;
  if (kind) {
    const { factor } = spec.wording[kind];
    hours *= factor;
    if (detail) detail.wording = { verb, kind, factor };
  }
  if (task.frequency !== undefined && Number.isFinite(task.frequency)) {
    const cap = lookups.capByFrequency[Math.round(task.frequency)];
    if (cap !== undefined && hours > cap) {
      hours = cap;
      if (detail) detail.cappedAt = cap;
    }
  }
  return hours;
}

export function taskDuration(
  task: Pick<Task, 'text' | 'frequency'>,
  occupation: Pick<Occupation, 'jobZone'>,
  scored: number | undefined,
  spec: DurationPriorSpec,
): TaskDuration {
  const given = scoredDuration(scored);
  if (given !== null) return { hours: given, prior: false };
  const result: TaskDuration = { hours: 0, prior: true };
  result.hours = priorHours(task, occupation, spec, result);
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
