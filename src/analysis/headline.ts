// The ten-second summary of an analysis: plain data, so `score`, `frontier` and --json share it.
import type { ExposureMeasure } from '../aggregate/types.js';
import type { FrontierPoint } from '../frontier/types.js';
import type { Analysis, NewWorkExample } from './types.js';

export interface HeadlineOccupation {
  code: string;
  title: string;
  employment: number;
  beta: number;
  /** employment x beta: workers' worth of exposed task content. */
  exposedJobs: number;
}

export interface Headline {
  dataset: string;
  scorer: string;
  models: string[];
  scoredTasks: number;
  tasks: number;
  employmentCovered: number;
  /** Share of workers in occupations with >= 10% / >= 50% of tasks exposed, per measure. */
  workersExposed: Record<ExposureMeasure, { atLeast10: number; atLeast50: number } | null>;
  beta: number | null;
  /** Frontier at base year, +5, +10, +20 (those within the series). */
  milestones: FrontierPoint[];
  preset: string | null;
  measure: string;
  mostExposed: HeadlineOccupation[];
  leastExposed: HeadlineOccupation[];
  /** Examples of the grey, so no figure of new work goes without what it looks like. */
  newWork: NewWorkExample[];
}

/**
 * A few examples of new work to show beside the grey: a model's proposals first (they are about this
 * scorer's exposed tasks), then incumbents' reports from O*NET Emerging Tasks, at most one per occupation.
 */
export function newWorkHighlights(analysis: Pick<Analysis, 'newWork'>, count: number): NewWorkExample[] {
  const proposals = analysis.newWork.filter((e) => !e.source.startsWith('O*NET'));
  const reported = analysis.newWork.filter((e) => e.source.startsWith('O*NET'));
  const seen = new Set<string>();
  const picked: NewWorkExample[] = [];
  for (const example of [...proposals, ...reported]) {
    const subject = example.occupationCode ?? example.majorGroup ?? example.text;
    if (seen.has(subject)) continue;
    seen.add(subject);
    picked.push(example);
    if (picked.length === count) break;
  }
  return picked;
}

export function headline(analysis: Analysis, options: { top?: number } = {}): Headline {
  const top = options.top ?? 5;
  const { frontier, workforce } = analysis;
  const base = frontier.params.baseYear;
  const milestones = [0, 5, 10, 20]
    .map((offset) => frontier.years.find((p) => p.year === base + offset))
    .filter((p): p is FrontierPoint => p !== undefined);
  const ranked = analysis.occupations
    .filter((o) => o.beta !== null && o.employment !== null && o.employment > 0)
    .map((o) => ({ code: o.code, title: o.title, employment: o.employment!, beta: o.beta!, exposedJobs: o.employment! * o.beta! }));
  // Codes tie-break by plain comparison: they are ASCII, and localeCompare's first call sets up a collator.
  const byExposedJobs = [...ranked].sort((a, b) => b.exposedJobs - a.exposedJobs || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byBetaLow = [...ranked].sort((a, b) => a.beta - b.beta || b.employment - a.employment);
  return {
    dataset: analysis.dataset.name,
    scorer: analysis.scorer.name,
    models: analysis.scorer.models,
    scoredTasks: analysis.scorer.scoredTasks,
    tasks: analysis.scorer.tasks,
    employmentCovered: workforce.employmentCovered,
    workersExposed: workforce.exposed,
    beta: workforce.beta,
    milestones,
    preset: frontier.params.newWork.preset,
    measure: frontier.params.measure,
    mostExposed: byExposedJobs.slice(0, top),
    leastExposed: byBetaLow.slice(0, top),
    newWork: newWorkHighlights(analysis, 3),
  };
}
