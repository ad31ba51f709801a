// The frontier model over time: dark (displacement), white (existing work), grey (new work). Pure, no I/O.

export * from './types.js';
export { frontierSeries, type FrontierOptions } from './series.js';
export { adoption, type AdoptionParams } from './adoption.js';
export { newWorkPath } from './new-work.js';
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
