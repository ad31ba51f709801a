// Fits the calibrated time model's parameters from the facts known at a date: the capability scenario, the
// speed of adoption and its anchors, the automation-share prior and the origin year. Dataset-free: the level
// of adoption that depends on the dataset's own feasible shares is set in calibrated.ts from `observed`.
import { UsageError } from '../errors.js';
import { capabilityScenario, type CapabilityPresetId, type CapabilityScenario } from './capability.js';
import { automationSharePrior, fitDiffusionSpeed, observedRatios, workerAnchor, type DiffusionSpeed, type ObservedRatio } from './diffusion.js';
import { asOfYear, decimalYear, factsOfKind, knownAsOf, type CalibrationFile, type Fact } from './facts.js';

export interface Calibration {
  file: CalibrationFile;
  asOf: { text: string; year: number } | null;
  /** Facts known at the as-of date (all of them without one). */
  known: Fact[];
  capability: CapabilityScenario;
  speed: DiffusionSpeed;
  observed: ObservedRatio[];
  workers: { t0: number; level: number; factIds: string[] } | null;
  automationPrior: { share: number; factId: string; date: number } | null;
  /** First calendar year counted (the year after generative AI came into general use). */
  originYear: number;
}

export interface CalibrationChoice {
  capability?: CapabilityPresetId;
  doublingDays?: number;
  asOf?: string;
}

/** The facts about method (how horizons behave), which hold whatever the as-of date: see capabilityScenario. */
const STRUCTURAL_KINDS = new Set<Fact['kind']>(['horizon-ratio', 'domain-factor', 'slow-domain', 'reliable-range', 'origin']);

export function calibrate(file: CalibrationFile, choice: CalibrationChoice = {}): Calibration {
  const asOf = choice.asOf ? { text: choice.asOf, year: parseAsOf(choice.asOf) } : null;
  const known = knownAsOf(file.facts, asOf?.year ?? null);
  const structural = file.facts.filter((f) => STRUCTURAL_KINDS.has(f.kind));
  const observed = observedRatios(known);
  const presentDate = observed[0]?.date;
  const capability = capabilityScenario(known, { preset: choice.capability, doublingDays: choice.doublingDays, presentDate }, structural);
  const speed = fitDiffusionSpeed(known);
  const origin = factsOfKind(structural, 'origin')[0]!;
  return {
    file,
    asOf,
    known,
    capability,
    speed,
    observed,
    workers: workerAnchor(known, speed),
    automationPrior: automationSharePrior(known),
    originYear: Math.floor(decimalYear(origin.date)) + 1,
  };
}

/** "2024-12" or "2024-12-01": the facts known before this day. */
export function parseAsOf(text: string): number {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(text)) throw new UsageError(`--as-of "${text}": expected a date as YYYY-MM or YYYY-MM-DD, such as 2024-12`);
  const [, m, d] = text.split('-').map(Number) as [number, number, number?];
  if (m < 1 || m > 12 || (d !== undefined && (d < 1 || d > 31))) throw new UsageError(`--as-of "${text}": not a calendar date`);
  return asOfYear(text);
}
