// What the shared analysis options (analysis-options.ts) mean for an analysis: the scenario's weights and
// frontier settings, checked against each other, and the request loadAnalysis takes. Loaded when a command
// runs, with the frontier's presets.
import type { AnalysisRequest } from '../analysis/load.js';
import { UsageError } from '../errors.js';
import { FRONTIER_DEFAULTS } from '../frontier/defaults.js';
import { NEW_WORK_PRESETS } from '../frontier/presets.js';
import type { AnalysisFlags } from './analysis-options.js';

export type ScenarioFlags = Pick<
  AnalysisFlags,
  | 'taskWeights' | 'weight' | 'baseYear' | 'horizonYear' | 'measure' | 'preset' | 'rho' | 'eta' | 'adoptionLag' | 'adoptionSpeed'
  | 'adoptionCeiling' | 'timeModel' | 'capability' | 'doublingDays' | 'from' | 'asOf'
>;

/** Each time model's own options: given to the other one they would do nothing, so they are refused. */
function checkTimeModelFlags(flags: ScenarioFlags): void {
  const legacyOnly = { adoptionLag: '--adoption-lag', adoptionSpeed: '--adoption-speed' } as const;
  const calibratedOnly = { capability: '--capability', doublingDays: '--doubling-days', from: '--from', asOf: '--as-of' } as const;
  const model = flags.timeModel ?? FRONTIER_DEFAULTS.timeModel;
  if (model === 'calibrated') {
    for (const [key, flag] of Object.entries(legacyOnly)) {
      if (flags[key as keyof typeof legacyOnly] !== undefined) {
        throw new UsageError(`${flag} applies to --time-model legacy; the calibrated model fits adoption to surveys and observed use (see frontier --explain CODE)`);
      }
    }
  } else {
    for (const [key, flag] of Object.entries(calibratedOnly)) {
      if (flags[key as keyof typeof calibratedOnly] !== undefined) throw new UsageError(`${flag} applies to the calibrated time model, not --time-model legacy`);
    }
  }
  if (flags.capability !== undefined && flags.doublingDays !== undefined) throw new UsageError('give --capability or --doubling-days, not both');
}

/** Weighting and frontier settings from the scenario flags; the base year defaults to this year. */
export function scenarioFrom(flags: ScenarioFlags, now = new Date()): Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'> {
  const baseYear = flags.baseYear ?? now.getFullYear();
  const horizonYear = flags.horizonYear ?? baseYear + FRONTIER_DEFAULTS.horizonYears;
  if (horizonYear <= baseYear) throw new UsageError(`--horizon-year ${horizonYear} must be after the base year ${baseYear}`);
  if (flags.from !== undefined && flags.from > baseYear) throw new UsageError(`--from ${flags.from} must be no later than the base year ${baseYear}`);
  checkTimeModelFlags(flags);
  const custom = flags.rho !== undefined || flags.eta !== undefined;
  const preset = NEW_WORK_PRESETS[flags.preset];
  return {
    taskWeights: flags.taskWeights,
    weight: flags.weight,
    frontier: {
      baseYear,
      horizonYear,
      ...(flags.from !== undefined ? { firstYear: flags.from } : {}),
      time: {
        model: flags.timeModel ?? FRONTIER_DEFAULTS.timeModel,
        ...(flags.capability !== undefined ? { capability: flags.capability } : {}),
        ...(flags.doublingDays !== undefined ? { doublingDays: flags.doublingDays } : {}),
        ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}),
      },
      measure: flags.measure,
      newWork: custom ? { rho: flags.rho ?? preset.rho, eta: flags.eta ?? preset.eta } : flags.preset,
      adoption: {
        ...(flags.adoptionLag !== undefined ? { lag: flags.adoptionLag } : {}),
        ...(flags.adoptionSpeed !== undefined ? { speed: flags.adoptionSpeed } : {}),
        ...(flags.adoptionCeiling !== undefined ? { ceiling: flags.adoptionCeiling } : {}),
      },
    },
  };
}

export function analysisRequest(flags: AnalysisFlags, ctx: { env: NodeJS.ProcessEnv; cwd: string }, now = new Date()): AnalysisRequest {
  return {
    dataset: flags.dataset,
    oews: flags.oews,
    scorer: flags.scorer,
    store: flags.store,
    ...scenarioFrom(flags, now),
    env: ctx.env,
    cwd: ctx.cwd,
  };
}
