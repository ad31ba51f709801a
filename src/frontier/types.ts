// The frontier over time: dark (displaced work), white (existing human work), grey (new work), as
// shares of base-year employment and as jobs, for the workforce, each occupation and each major group.

import type { ExposureMeasure, TaskWeighting } from '../aggregate/types.js';
import type { AdoptionParams } from './adoption.js';
import type { CapabilityPresetId } from './capability.js';
import type { NewWorkParams, NewWorkPresetId } from './presets.js';

/** Which per-task value is taken up: an exposure measure, or the T0..T4 automation share. */
export type FrontierMeasure = ExposureMeasure | 'automation';
export const FRONTIER_MEASURES: readonly FrontierMeasure[] = ['alpha', 'beta', 'zeta', 'automation'];

/**
 * `calibrated`: capability from measured AI time horizons against each task's duration, adoption from observed
 * use (src/frontier/calibrated.ts). `legacy`: the earlier model, adoption from each score's horizon year with a
 * hand-set lag and speed, kept so results of earlier versions can be reproduced.
 */
export const TIME_MODELS = ['calibrated', 'legacy'] as const;
export type TimeModel = (typeof TIME_MODELS)[number];

export interface TimeModelOptions {
  model: TimeModel;
  /** Capability scenario after the last measurement (calibrated model). */
  capability?: CapabilityPresetId;
  /** A doubling time of the 50% horizon set by hand, in days (calibrated model). */
  doublingDays?: number;
  /** Fit with the facts known before this date only ("2024-12"). */
  asOf?: string;
}

export interface FrontierPoint {
  year: number;
  /** Shares of base-year employment. white = 1 - dark; total = white + grey. */
  dark: number;
  white: number;
  grey: number;
  total: number;
  /** The theoretical share of work exposed (the measure), the share technically feasible this year, and the
   * share where AI is in use (automating or augmenting). exposed >= feasible >= in use >= dark. */
  exposed: number;
  feasible: number;
  inUse: number;
  /** The band: lowest and highest dark and grey over the scenario corners (equal to the central path when the
   * time model has no band). */
  darkLow: number;
  darkHigh: number;
  greyLow: number;
  greyHigh: number;
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
  /** First year of the series (the base year, or earlier with --from to show the path so far). */
  firstYear: number;
  measure: FrontierMeasure;
  time: TimeModelOptions;
  /** The legacy model's adoption curve; under the calibrated model only its ceiling applies. */
  adoption: AdoptionParams;
  /** How the calibrated model was fitted, and from which facts; null under the legacy model. */
  calibration: CalibrationSummary | null;
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
  /** Tasks that had no horizon and took `defaultHorizon` (legacy model). */
  tasksWithoutHorizon: number;
  /** Exposed tasks (E1/E2 with a value) whose duration or automated part came from a prior (calibrated model). */
  priors: { exposedTasks: number; durations: number; automation: number };
  notes: string[];
}

export interface CalibrationSummary {
  /** The as-of date the facts were cut at, or null for every fact in the file. */
  asOf: string | null;
  /** First year counted: generative AI in general use. Dark and grey accumulate from here. */
  origin: number;
  capability: {
    preset: CapabilityPresetId | 'custom';
    label: string;
    basis: string;
    /** Doubling time of the 50% horizon after the last measurement, days. */
    doublingDays: { central: number; slow: number; fast: number };
    /** The fitted trend since 2023 (the measured past for every preset). */
    fitted: { doublingDays: number; interval: [number, number] | null; models: string[] };
    /** 50% horizon at mid base year, hours (central). */
    horizonHoursAtBase: number;
    /** First year whose central 50% horizon exceeds METR's reliably measured range, or null. */
    beyondReliableFrom: number | null;
    reliableHours: number | null;
    successSlope: number;
    horizonRatio: { central: number; range: [number, number] };
    e2Factor: { central: number; slow: number; fast: number };
  };
  adoption: {
    speed: number;
    speedInterval: [number, number];
    series: string[];
    /** A(date) = level: from observed use in occupation groups, or (before that was measured) workers' use. */
    anchor: { basis: 'observed' | 'workers'; date: number; level: number; low: number; high: number; groups: string[] };
    ceiling: number;
  };
  /** Share of AI use that hands the task over, standing in for a mode the scorer did not give. */
  automationPrior: { share: number; factId: string } | null;
  /** Every fact the fit used, and the citations of their sources. */
  factIds: string[];
  sources: string[];
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
  feasible: number[];
  inUse: number[];
  darkLow: number[];
  darkHigh: number[];
  greyLow: number[];
  greyHigh: number[];
}

export interface FrontierGroupSeries {
  majorGroup: string;
  name: string;
  label: string;
  employment: number;
  occupationCount: number;
  exposed: number;
  dark: number[];
  grey: number[];
  feasible: number[];
  inUse: number[];
  darkLow: number[];
  darkHigh: number[];
  greyLow: number[];
  greyHigh: number[];
}

export interface FrontierSeries {
  params: FrontierParams;
  years: FrontierPoint[];
  byOccupation: FrontierOccupationSeries[];
  byGroup: FrontierGroupSeries[];
}
