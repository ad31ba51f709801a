// New-work presets: a base rate of new work (rho, a share of the workforce a year) and new work per
// unit of displaced work (eta), each calibrated on a published historical measurement in the facts file.

import { InputError, UsageError } from '../errors.js';
import { factsOfKind, type CalibrationFile, type FactOf } from './facts.js';
import { CALIBRATION_FILE, loadCalibrationFile } from './facts-file.js';
import { NEW_WORK_PRESET_IDS, type NewWorkPresetId } from './preset-ids.js';

export interface NewWorkParams {
  /** New work each year as a share of the previous year's total work (white + grey). */
  rho: number;
  /** New work per unit of newly displaced work. */
  eta: number;
}

export interface NewWorkPreset extends NewWorkParams {
  id: NewWorkPresetId;
  label: string;
  /** The source, as printed in --help and the README. */
  citation: string;
  /** How rho and eta follow from the source's figures. */
  derivation: string;
}

export { NEW_WORK_PRESET_IDS, type NewWorkPresetId };

// Acemoglu and Restrepo measure displacement and reinstatement as cumulative changes in labour's task
// content over a period; they do not split reinstatement into a base rate and a displacement-driven
// part. Putting all of it in eta (rho = 0) makes grey / dark equal their measured ratio over the
// period whatever the path of displacement, since the recurrence then gives G(end) = eta x D(end):
// eta = reinstatement / displacement (1947-1987: 19 / 17; 1987-2016: 10 / 16).
//
// Autor, Chin, Salomons and Seegmiller find a share s (about 60%) of 2018 employment in job titles added since
// 1940 (n = 78 years). With no displacement the recurrence compounds: total work T(n) = (1 + rho)^n, new work
// G(n) = T(n) - 1, so the new-work share of final employment is 1 - (1 + rho)^-n. Setting it to s:
// rho = (1 / (1 - s))^(1/n) - 1 = 0.01182 for 60% over 78 years, the paper's "about 1.2% a year". A simple
// s / n = 0.77% would ignore that new work is a share of a growing total. eta = 0: the paper does not measure
// new work per unit displaced.
//
// The figures themselves live in calibration/frontier-facts.json beside their sources.

function fact<K extends 'reinstatement' | 'new-titles'>(file: CalibrationFile, kind: K, id: string): FactOf<K> {
  const found = factsOfKind(file.facts, kind).find((f) => f.id === id);
  if (!found) throw new InputError(`calibration facts: no ${kind} fact "${id}", which a new-work preset is calibrated on`, { file: CALIBRATION_FILE });
  return found;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function reinstatementPreset(file: CalibrationFile, id: NewWorkPresetId, factId: string): NewWorkPreset {
  const f = fact(file, 'reinstatement', factId);
  const [from, to] = f.period;
  const first = f.reinstatement > f.displacement;
  const outpaced = first ? 'reinstatement outpaced displacement' : 'displacement outpaced reinstatement';
  const shares = first ? `${percent(f.reinstatement)} vs ${percent(f.displacement)}` : `${percent(f.displacement)} vs ${percent(f.reinstatement)}`;
  const [d, r] = [Math.round(f.displacement * 100), Math.round(f.reinstatement * 100)];
  return {
    id,
    label: `Acemoglu & Restrepo, ${from}-${to}: ${outpaced} (${shares})`,
    rho: 0,
    eta: f.reinstatement / f.displacement,
    citation: `${file.sources[f.source]!.citation}; ${from}-${to}: displacement about ${percent(f.displacement)}, reinstatement about ${percent(f.reinstatement)}`,
    derivation: `rho = 0, eta = reinstatement / displacement = ${r} / ${d} = ${(f.reinstatement / f.displacement).toFixed(3).replace(/0+$/, '')}`,
  };
}

function newTitlesPreset(file: CalibrationFile): NewWorkPreset {
  const f = fact(file, 'new-titles', 'new-titles-1940-2018');
  const years = f.period[1] - f.period[0];
  const rho = Math.pow(1 / (1 - f.share), 1 / years) - 1;
  return {
    id: 'autor-new-titles',
    label: `Autor et al., ${f.period[0]}-${f.period[1]}: about ${percent(f.share)} of ${f.period[1]} employment in job titles added since ${f.period[0]}`,
    rho,
    eta: 0,
    citation: `${file.sources[f.source]!.citation}; about ${percent(f.share)} of ${f.period[1]} employment in job titles added since ${f.period[0]}`,
    derivation: `eta = 0, rho = ${(1 / (1 - f.share)).toFixed(1)}^(1/${years}) - 1 = ${(rho * 100).toFixed(2)}% a year (new work ${percent(f.share)} of final employment after ${years} years, compounding)`,
  };
}

function presetsFrom(file: CalibrationFile): Readonly<Record<NewWorkPresetId, NewWorkPreset>> {
  return {
    'acemoglu-restrepo-1947-1987': reinstatementPreset(file, 'acemoglu-restrepo-1947-1987', 'reinstatement-1947-1987'),
    'acemoglu-restrepo-1987-2016': reinstatementPreset(file, 'acemoglu-restrepo-1987-2016', 'reinstatement-1987-2016'),
    'autor-new-titles': newTitlesPreset(file),
    none: {
      id: 'none',
      label: 'No new work: displacement only',
      rho: 0,
      eta: 0,
      citation: 'No new work (grey stays 0): a displacement-only bound',
      derivation: 'rho = 0, eta = 0',
    },
  };
}

/** The presets, calibrated on the bundled facts file (read once; it is small and checked without a schema library). */
export const NEW_WORK_PRESETS: Readonly<Record<NewWorkPresetId, NewWorkPreset>> = presetsFrom(loadCalibrationFile());

export function isNewWorkPresetId(value: string): value is NewWorkPresetId {
  return (NEW_WORK_PRESET_IDS as readonly string[]).includes(value);
}

export function newWorkPreset(id: string): NewWorkPreset {
  if (!isNewWorkPresetId(id)) {
    throw new UsageError(`unknown new-work preset "${id}": expected one of ${NEW_WORK_PRESET_IDS.join(', ')}`);
  }
  return NEW_WORK_PRESETS[id];
}
