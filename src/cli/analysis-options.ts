// The options every command that shows results shares (frontier, export, view, score's headline):
// which data, which scorer, how tasks and occupations are weighted, and the frontier scenario. Loaded with
// the command table at start-up, so it names the choices without loading the frontier model; what the flags
// mean for an analysis is analysis-request.ts, loaded when a command runs.
import { Option, type Command } from 'commander';
import { numberBetween, year } from './option-parsers.js';
import { FRONTIER_DEFAULTS } from '../frontier/defaults.js';
import { CAPABILITY_PRESET_IDS, NEW_WORK_PRESET_IDS, type CapabilityPresetId, type NewWorkPresetId } from '../frontier/preset-ids.js';
import { FRONTIER_MEASURES, TIME_MODELS, type FrontierMeasure, type TimeModel } from '../frontier/types.js';
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
  timeModel: TimeModel;
  capability?: CapabilityPresetId;
  doublingDays?: number;
  from?: number;
  asOf?: string;
}

/** Adds the data and scorer options (`--dataset`, `--oews`, `--scorer`, `--store`). */
export function addDataOptions(command: Command, options: { dataset?: boolean } = {}): Command {
  if (options.dataset !== false) command.option('--dataset <name|path>', 'dataset: sample, a fetched name, or a path', 'sample');
  return command
    .option('--oews <path|year>', 'BLS OEWS national file (xlsx or CSV), a fetched year, or none (default: the sample\'s own, else the newest fetched)')
    .option('--scorer <name>', 'scores to use: a scorer in the store (see `scores list`), offline, or offline:human / offline:gpt4 for the offline model\'s other targets (default: the scorer `score` last ran on the dataset, else the stored one covering most, else offline)')
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
    .option('--base-year <yyyy>', 'the workforce\'s year and the estimated present, where the frontier starts (default: this year)', year(2026))
    .option('--horizon-year <yyyy>', `last year of the frontier (default: base year + ${d.horizonYears})`, year(2046))
    .option('--from <yyyy>', 'start the series before the base year, to show the path so far (calibrated model, 2023 at the earliest)', year(2023))
    .addOption(new Option('--time-model <model>', 'calibrated: fitted to measured AI time horizons and observed use; legacy: the earlier hand-set adoption').choices([...TIME_MODELS]).default(d.timeModel))
    .addOption(new Option('--capability <preset>', 'growth of AI time horizons after the last measurement (default trend-2023)').choices([...CAPABILITY_PRESET_IDS]))
    .option('--doubling-days <days>', 'the doubling time of the AI time horizon, set by hand (instead of --capability)', numberBetween(1, 100_000))
    .option('--as-of <yyyy-mm>', 'fit the time axis with only the facts known before this date, such as 2024-12')
    .option('--adoption-lag <years>', `legacy time model: years from a task's horizon to half adoption (default ${d.adoption.lag})`, numberBetween(0, 50))
    .option('--adoption-speed <k>', `legacy time model: logistic steepness per year (default ${d.adoption.speed})`, numberBetween(0.01, 10))
    .option('--adoption-ceiling <share>', `most of the exposed work ever in use (default ${d.adoption.ceiling})`, numberBetween(0, 1));
}

export const CAPABILITY_HELP = `
Capability presets (--capability; each fitted from calibration/frontier-facts.json):
  trend-2023   the trend since 2023, fitted to METR's measured 50% time horizons (default)
  trend-2019   METR's published 2019-2025 trend, doubling about every 7 months
  slowdown     the slowest measured growth of a time horizon (self-driving, 6-fold in 3 years)
The measured past is the same in all three; they differ after the last measurement.`;


/** The presets with their sources, once read for a help text (see loadPresetHelp). */
let presetLines: string | undefined;

/**
 * Reads the new-work presets for a help text: they are calibrated from calibration/frontier-facts.json,
 * which start-up does not read. program.ts calls this before a command that lists them can print its help.
 */
export async function loadPresetHelp(): Promise<void> {
  if (presetLines !== undefined) return;
  const { NEW_WORK_PRESETS } = await import('../frontier/presets.js');
  presetLines = NEW_WORK_PRESET_IDS.map((id) => `  ${id.padEnd(28)} ${NEW_WORK_PRESETS[id].citation}`).join('\n');
}

/** Each new-work preset with its source; the names alone when the presets were not read (loadPresetHelp). */
export function presetHelp(): string {
  return presetLines ?? NEW_WORK_PRESET_IDS.map((id) => `  ${id}`).join('\n');
}

const listingPresets = new WeakSet<Command>();

/** Adds help text after `command`'s options that lists the new-work presets (`text` gets presetHelp()). */
export function addPresetHelp(command: Command, text: (presets: string) => string): Command {
  listingPresets.add(command);
  return command.addHelpText('after', () => text(presetHelp()));
}

/** Reads what `command`'s help text needs before it can be printed (`--help`, `help <command>`). */
export async function prepareHelp(command: Command): Promise<void> {
  if (listingPresets.has(command)) await loadPresetHelp();
}
