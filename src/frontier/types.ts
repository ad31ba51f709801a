// The frontier over time: dark (displaced work), white (existing human work), grey (new work), as
// shares of base-year employment and as jobs, for the workforce, each occupation and each major group.

import type { ExposureMeasure, TaskWeighting } from '../aggregate/types.js';
import type { AdoptionParams } from './adoption.js';
import type { NewWorkParams, NewWorkPresetId } from './presets.js';

/** Which per-task value is taken up: an exposure measure, or the T0..T4 automation share. */
export type FrontierMeasure = ExposureMeasure | 'automation';
export const FRONTIER_MEASURES: readonly FrontierMeasure[] = ['alpha', 'beta', 'zeta', 'automation'];

export interface FrontierPoint {
  year: number;
  /** Shares of base-year employment. white = 1 - dark; total = white + grey. */
  dark: number;
  white: number;
  grey: number;
  total: number;
  /** The same shares times base-year employment. */
  darkJobs: number;
  whiteJobs: number;
  greyJobs: number;
  /** greyJobs - darkJobs: the change against base-year employment. */
  netJobs: number;
}

export interface FrontierParams {
  baseYear: number;
  horizonYear: number;
  measure: FrontierMeasure;
  adoption: AdoptionParams;
  /** The preset used, or null for custom --rho / --eta. */
  newWork: NewWorkParams & { preset: NewWorkPresetId | null; citation: string | null };
  taskWeights: TaskWeighting;
  /** Horizon year assumed for tasks whose score has none. */
  defaultHorizon: number;
  /** Base-year workers in the occupations the workforce figures cover. */
  employment: number;
  /** `occupations` when no occupation has employment and each counts once (jobs are then 0); `wages` under
   * --weight wages (src/analysis/wage-weighting.ts): shares of the wage bill, jobs summed occupation by occupation. */
  weightedBy: 'employment' | 'wages' | 'occupations';
  occupationCount: number;
  taskCount: number;
  /** Tasks that had no horizon and took `defaultHorizon`. */
  tasksWithoutHorizon: number;
  notes: string[];
}

/** Per-occupation series, compact: one number per year, index 0 = base year. white = 1 - dark. */
export interface FrontierOccupationSeries {
  code: string;
  title: string;
  majorGroup: string;
  employment: number | null;
  /** Weighted mean of the measure over the occupation's tasks: what dark tends to at full adoption and ceiling 1. */
  exposed: number;
  dark: number[];
  grey: number[];
}

export interface FrontierGroupSeries {
  majorGroup: string;
  name: string;
  label: string;
  employment: number;
  occupationCount: number;
  dark: number[];
  grey: number[];
}

export interface FrontierSeries {
  params: FrontierParams;
  years: FrontierPoint[];
  byOccupation: FrontierOccupationSeries[];
  byGroup: FrontierGroupSeries[];
}
