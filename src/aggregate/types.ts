// What aggregation produces: per occupation, per SOC major group, and for the whole workforce.
// Plain data, so reports serialise it as it is.

/** How tasks are weighted inside an occupation. */
export type TaskWeighting = 'core' | 'equal' | 'importance';

/** How occupations are weighted inside a group or the workforce. */
export type OccupationWeighting = 'employment' | 'wages';

/** The three GPTs-are-GPTs exposure measures. */
export type ExposureMeasure = 'alpha' | 'beta' | 'zeta';
export const EXPOSURE_MEASURES: readonly ExposureMeasure[] = ['alpha', 'beta', 'zeta'];

/** The weighted means every level reports: per occupation over its tasks, per group over its occupations. */
export interface ExposureMeans {
  alpha: number | null;
  beta: number | null;
  zeta: number | null;
  /** Weighted mean of T0..T4 shares over scored tasks that carry an automation level. */
  automation: number | null;
  /** Weighted share of tasks scored `automate` / `augment`, over scored tasks that carry a mode. */
  automateShare: number | null;
  augmentShare: number | null;
  /** Weighted mean horizon year over scored tasks that carry one. */
  meanHorizon: number | null;
}

export interface OccupationScore extends ExposureMeans {
  code: string;
  soc: string;
  majorGroup: string;
  title: string;
  /** Workers from the employment join; null when the dataset has none for this occupation. */
  employment: number | null;
  medianWage: number | null;
  meanWage: number | null;
  taskCount: number;
  /** Tasks with a score; unscored tasks are left out of every mean below. */
  scoredTaskCount: number;
  // The ExposureMeans are over scored tasks; null when no task is scored (the occupation is kept so
  // reports can list it as not scored and coverage stays traceable).
  /** Which weighting was actually applied (importance falls back to core, see `notes`). */
  taskWeighting: TaskWeighting;
  /** Anything a reader of the figures should know, in one sentence each. */
  notes: string[];
}

/** Share of the weight (workers, or wage bill) in occupations at or above 10% and 50% exposed. */
export interface ExposedShares {
  atLeast10: number;
  atLeast50: number;
}

/** Weighted summary of a set of occupations: one major group, or the whole workforce. */
export interface ExposureSummary extends ExposureMeans {
  /** `occupations` when no occupation has employment (or wages) and each counts once instead. */
  weightedBy: OccupationWeighting | 'occupations';
  occupationCount: number;
  /** Occupations with at least one scored task and a usable weight: the ones in the means. */
  coveredOccupationCount: number;
  /** Workers in all occupations of the set that have employment, scored or not. */
  employment: number;
  /** Workers in the covered occupations. */
  employmentCovered: number;
  exposed: Record<ExposureMeasure, ExposedShares | null>;
  notes: string[];
}

export interface GroupScore extends ExposureSummary {
  /** Two-digit SOC major group, "15". */
  majorGroup: string;
  /** "Computer and Mathematical". */
  name: string;
  /** "15 Computer and Mathematical". */
  label: string;
}

export type WorkforceScore = ExposureSummary;
