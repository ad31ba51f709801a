// The ten-second summary of an analysis: plain data, so `score`, `frontier` and --json share it.
import type { ExposureMeasure } from '../aggregate/types.js';
import type { FrontierPoint } from '../frontier/types.js';
import type { Coverage } from './coverage.js';
import { timeModelStatement } from './statements.js';
import type { Analysis, EmploymentSource, NewWorkExample, ScorerChoiceSummary } from './types.js';

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
  /** Why this scorer (absent when it was given by hand to `analyze`). */
  scorerChoice?: ScorerChoiceSummary;
  employment: EmploymentSource;
  /** Tasks, occupations and workers the figures cover; `partial` when any task has no score. */
  coverage: Coverage;
  employmentCovered: number;
  /** Base-year workers the frontier's jobs are counted on (0 without employment). */
  frontierEmployment: number;
  /** Share of workers in occupations with >= 10% / >= 50% of tasks exposed, per measure. */
  workersExposed: Record<ExposureMeasure, { atLeast10: number; atLeast50: number } | null>;
  beta: number | null;
  /** Frontier at the base year, +5, +10 (those before the horizon) and the horizon year. */
  milestones: FrontierPoint[];
  preset: string | null;
  measure: string;
  /** Where the frontier's time axis comes from, in one sentence; whether the milestones carry a band. */
  timeModel: string;
  banded: boolean;
  /** The frontier's notes: every prior used instead of a measurement, every occupation left out. */
  notes: string[];
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
  const proposals = analysis.newWork.filter((e) => e.origin === 'proposal');
  const reported = analysis.newWork.filter((e) => e.origin !== 'proposal');
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

/** Years after the base year that summaries show: +0, +5 and +10 where they come before the horizon, then the horizon. */
export function milestoneOffsets(baseYear: number, horizonYear: number): number[] {
  const span = horizonYear - baseYear;
  return [...[0, 5, 10].filter((offset) => offset < span), span];
}

export function milestones(frontier: Analysis['frontier'], offsets?: readonly number[]): FrontierPoint[] {
  const base = frontier.params.baseYear;
  const wanted = offsets ?? milestoneOffsets(base, frontier.params.horizonYear);
  return wanted.map((offset) => frontier.years.find((p) => p.year === base + offset)).filter((p): p is FrontierPoint => p !== undefined);
}

export function headline(analysis: Analysis, options: { top?: number } = {}): Headline {
  const top = options.top ?? 5;
  const { frontier, workforce } = analysis;
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
    ...(analysis.scorer.choice ? { scorerChoice: analysis.scorer.choice } : {}),
    employment: analysis.employment,
    coverage: analysis.coverage,
    employmentCovered: workforce.employmentCovered,
    frontierEmployment: frontier.params.employment,
    workersExposed: workforce.exposed,
    beta: workforce.beta,
    milestones: milestones(frontier),
    preset: frontier.params.newWork.preset,
    measure: frontier.params.measure,
    timeModel: timeModelStatement(frontier),
    banded: frontier.params.time.model === 'calibrated',
    notes: frontier.params.notes,
    mostExposed: byExposedJobs.slice(0, top),
    leastExposed: byBetaLow.slice(0, top),
    newWork: newWorkHighlights(analysis, 3),
  };
}
