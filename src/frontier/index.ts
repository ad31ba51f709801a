// The frontier model over time: dark (displacement), white (existing work), grey (new work). Pure functions over
// plain data; the one file read is the bundled calibration facts (facts-file.ts), when no facts are passed in.

export * from './types.js';
export { frontierBacktest, frontierSeries, type FrontierOptions } from './series.js';
export type { Backtest, BacktestRow } from './backtest.js';
export { explainOccupation, type OccupationExplanation } from './explain.js';
export { adoption, type AdoptionParams } from './adoption.js';
export { newWorkPath } from './new-work.js';
export { CAPABILITY_PRESET_IDS, type CapabilityPresetId } from './capability.js';
export { calibrate, type Calibration } from './calibrate.js';
export { loadCalibrationFile, CALIBRATION_FILE } from './facts-file.js';
export { FRONTIER_DEFAULTS } from './defaults.js';
export {
  NEW_WORK_PRESETS,
  NEW_WORK_PRESET_IDS,
  isNewWorkPresetId,
  newWorkPreset,
  type NewWorkParams,
  type NewWorkPreset,
  type NewWorkPresetId,
} from './presets.js';
