// The names of the frontier's presets, apart from the presets themselves: the command line offers them as
// choices at start-up, where the calibration facts the presets are computed from are not read.

/** New-work presets (presets.ts), each calibrated on a measurement in calibration/frontier-facts.json. */
export const NEW_WORK_PRESET_IDS = [
  'acemoglu-restrepo-1947-1987',
  'acemoglu-restrepo-1987-2016',
  'autor-new-titles',
  'none',
] as const;
export type NewWorkPresetId = (typeof NEW_WORK_PRESET_IDS)[number];

/** Growth of AI time horizons after the last measurement (capability.ts). */
export const CAPABILITY_PRESET_IDS = ['trend-2023', 'trend-2019', 'slowdown'] as const;
export type CapabilityPresetId = (typeof CAPABILITY_PRESET_IDS)[number];
