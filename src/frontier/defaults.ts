// Every default of the frontier model in one place, with the reason for each.

import type { TaskWeighting } from '../aggregate/types.js';
import type { AdoptionParams } from './adoption.js';
import type { NewWorkPresetId } from './presets.js';
import type { FrontierMeasure, TimeModel } from './types.js';

export const FRONTIER_DEFAULTS: {
  /** Horizon year = base year + this. The base year is the current year, passed in by the caller. */
  horizonYears: number;
  measure: FrontierMeasure;
  timeModel: TimeModel;
  /** The legacy model's adoption curve; the calibrated model fits its own and reads only the ceiling. */
  adoption: AdoptionParams;
  newWork: NewWorkPresetId;
  taskWeights: TaskWeighting;
  /** A task whose score has no horizon is taken as practical this many years after the base year. */
  untimedHorizonYears: number;
} = {
  horizonYears: 20,
  // beta is the paper's middle measure: E1 counts fully, E2 (needs software built on the model) half.
  measure: 'beta',
  // Fitted to published measurements (calibration/frontier-facts.json); `legacy` reproduces earlier versions.
  timeModel: 'calibrated',
  adoption: {
    // Half of the exposed work taken up five years after it becomes practical: firms adopt a
    // general-purpose technology over years, not at once.
    lag: 5,
    // 10% to 90% of the rise in about ln(81) / 0.6 = 7.3 years.
    speed: 0.6,
    // No cap beyond the measure itself, which already carries partial exposure (beta halves E2,
    // automation levels are fractions of a task); lower it to model tasks kept human by choice or rule.
    ceiling: 1,
  },
  // The most recent measured period, and the cautious one: reinstatement below displacement.
  newWork: 'acemoglu-restrepo-1987-2016',
  taskWeights: 'core',
  // Labels such as GPTs-are-GPTs carry no timing; five years puts half adoption ten years out with the default lag.
  untimedHorizonYears: 5,
};
