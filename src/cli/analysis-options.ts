// The options every command that shows results shares (frontier, export, view, score's headline):
// which data, which scorer, how tasks and occupations are weighted, and the frontier scenario.
import { Option, type Command } from 'commander';
import { numberBetween, year } from './option-parsers.js';
import type { AnalysisRequest } from '../analysis/load.js';
import { FRONTIER_DEFAULTS, FRONTIER_MEASURES, type FrontierMeasure } from '../frontier/index.js';
import { NEW_WORK_PRESETS, NEW_WORK_PRESET_IDS, type NewWorkPresetId } from '../frontier/presets.js';
import { UsageError } from '../errors.js';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';

export interface AnalysisFlags {
  dataset: string;
  oews?: string;
  scorer?: string;
  store?: string;
  taskWeights: TaskWeighting;
  weight: OccupationWeighting;
  baseYear?: number;
  horizonYear?: number;
  measure: FrontierMeasure;
  preset: NewWorkPresetId;
  rho?: number;
  eta?: number;
  adoptionLag?: number;
  adoptionSpeed?: number;
  adoptionCeiling?: number;
}

export const PRESET_HELP = NEW_WORK_PRESET_IDS.map((id) => `  ${id.padEnd(28)} ${NEW_WORK_PRESETS[id].citation}`).join('\n');

/** Adds the data and scorer options (`--dataset`, `--oews`, `--scorer`, `--store`). */
export function addDataOptions(command: Command, options: { dataset?: boolean } = {}): Command {
  if (options.dataset !== false) command.option('--dataset <name|path>', 'dataset: sample, a fetched name, or a path', 'sample');
  return command
    .option('--oews <path|year>', 'BLS OEWS national file (xlsx or CSV) or a fetched year, for employment')
    .option('--scorer <name>', 'scores to use: a scorer in the store (see `scores list`), or offline (offline:human, offline:gpt4 for its other targets)')
    .option('--store <path>', 'score store file (default: the user data folder)');
}

/** Adds weighting and frontier scenario options. */
export function addScenarioOptions(command: Command): Command {
  const d = FRONTIER_DEFAULTS;
  return command
    .addOption(new Option('--task-weights <how>', 'task weights inside an occupation').choices(['core', 'equal', 'importance']).default('core'))
    .addOption(new Option('--weight <how>', 'occupation weights in groups and the workforce').choices(['employment', 'wages']).default('employment'))
    .addOption(new Option('--measure <m>', 'what is taken up: an exposure measure or the automation level').choices([...FRONTIER_MEASURES]).default(d.measure))
    .addOption(new Option('--preset <id>', 'new-work preset (see below)').choices([...NEW_WORK_PRESET_IDS]).default(d.newWork))
    .option('--rho <share>', 'custom base rate of new work, share of total work a year (overrides the preset)', numberBetween(0, 1))
    .option('--eta <ratio>', 'custom new work per unit of displaced work (overrides the preset)', numberBetween(0, 10))
    .option('--base-year <yyyy>', 'first year of the frontier (default: this year)', year(2026))
    .option('--horizon-year <yyyy>', `last year of the frontier (default: base year + ${d.horizonYears})`, year(2046))
    .option('--adoption-lag <years>', `years from a task's horizon to half adoption (default ${d.adoption.lag})`, numberBetween(0, 50))
    .option('--adoption-speed <k>', `logistic steepness per year (default ${d.adoption.speed})`, numberBetween(0.01, 10))
    .option('--adoption-ceiling <share>', `most of an exposed share ever taken up (default ${d.adoption.ceiling})`, numberBetween(0, 1));
}

export type ScenarioFlags = Pick<
  AnalysisFlags,
  'taskWeights' | 'weight' | 'baseYear' | 'horizonYear' | 'measure' | 'preset' | 'rho' | 'eta' | 'adoptionLag' | 'adoptionSpeed' | 'adoptionCeiling'
>;

/** Weighting and frontier settings from the scenario flags; the base year defaults to this year. */
export function scenarioFrom(flags: ScenarioFlags, now = new Date()): Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'> {
  const baseYear = flags.baseYear ?? now.getFullYear();
  const horizonYear = flags.horizonYear ?? baseYear + FRONTIER_DEFAULTS.horizonYears;
  if (horizonYear <= baseYear) throw new UsageError(`--horizon-year ${horizonYear} must be after the base year ${baseYear}`);
  const custom = flags.rho !== undefined || flags.eta !== undefined;
  const preset = NEW_WORK_PRESETS[flags.preset];
  return {
    taskWeights: flags.taskWeights,
    weight: flags.weight,
    frontier: {
      baseYear,
      horizonYear,
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
