// New-work presets: a base rate of new work (rho, a share of the workforce a year) and new work per
// unit of displaced work (eta), each calibrated on a published historical measurement.

import { UsageError } from '../errors.js';

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

export const NEW_WORK_PRESET_IDS = [
  'acemoglu-restrepo-1947-1987',
  'acemoglu-restrepo-1987-2016',
  'autor-new-titles',
  'none',
] as const;
export type NewWorkPresetId = (typeof NEW_WORK_PRESET_IDS)[number];

const ACEMOGLU_RESTREPO =
  'Acemoglu & Restrepo (2019), "Automation and New Tasks: How Technology Displaces and Reinstates Labor", ' +
  'Journal of Economic Perspectives 33(2): 3-30';

// Acemoglu and Restrepo measure displacement and reinstatement as cumulative changes in labour's task
// content over a period; they do not split reinstatement into a base rate and a displacement-driven
// part. Putting all of it in eta (rho = 0) makes grey / dark equal their measured ratio over the
// period whatever the path of displacement, since the recurrence then gives G(end) = eta x D(end).
//   1947-1987: displacement ~17%, reinstatement ~19%  -> eta = 19 / 17 = 1.1176...
//   1987-2016: displacement ~16%, reinstatement ~10%  -> eta = 10 / 16 = 0.625
//
// Autor, Chin, Salomons and Seegmiller find ~60% of 2018 employment in job titles added since 1940
// (78 years). With no displacement the recurrence compounds: total work T(n) = (1 + rho)^n, new work
// G(n) = T(n) - 1, so the new-work share of final employment is 1 - (1 + rho)^-n. Setting it to 0.6
// at n = 78: (1 + rho)^78 = 2.5, rho = 2.5^(1/78) - 1 = 0.01182, the paper's "about 1.2% a year".
// A simple 60% / 78 = 0.77% would ignore that new work is a share of a growing total. eta = 0: the
// paper does not measure new work per unit displaced.
const AUTOR_RHO = Math.pow(1 / (1 - 0.6), 1 / 78) - 1;

export const NEW_WORK_PRESETS: Readonly<Record<NewWorkPresetId, NewWorkPreset>> = {
  'acemoglu-restrepo-1947-1987': {
    id: 'acemoglu-restrepo-1947-1987',
    label: 'Acemoglu & Restrepo, 1947-1987: reinstatement outpaced displacement (19% vs 17%)',
    rho: 0,
    eta: 19 / 17,
    citation: `${ACEMOGLU_RESTREPO}; 1947-1987: displacement about 17%, reinstatement about 19%`,
    derivation: 'rho = 0, eta = reinstatement / displacement = 19 / 17 = 1.12',
  },
  'acemoglu-restrepo-1987-2016': {
    id: 'acemoglu-restrepo-1987-2016',
    label: 'Acemoglu & Restrepo, 1987-2016: displacement outpaced reinstatement (16% vs 10%)',
    rho: 0,
    eta: 10 / 16,
    citation: `${ACEMOGLU_RESTREPO}; 1987-2016: displacement about 16%, reinstatement about 10%`,
    derivation: 'rho = 0, eta = reinstatement / displacement = 10 / 16 = 0.625',
  },
  'autor-new-titles': {
    id: 'autor-new-titles',
    label: 'Autor et al., 1940-2018: about 60% of 2018 employment in job titles added since 1940',
    rho: AUTOR_RHO,
    eta: 0,
    citation:
      'Autor, Chin, Salomons & Seegmiller (2024), "New Frontiers: The Origins and Content of New Work, 1940-2018", ' +
      'Quarterly Journal of Economics 139(3); about 60% of 2018 employment in job titles added since 1940',
    derivation: 'eta = 0, rho = 2.5^(1/78) - 1 = 1.18% a year (new work 60% of final employment after 78 years, compounding)',
  },
  none: {
    id: 'none',
    label: 'No new work: displacement only',
    rho: 0,
    eta: 0,
    citation: 'No new work (grey stays 0): a displacement-only bound',
    derivation: 'rho = 0, eta = 0',
  },
};

export function isNewWorkPresetId(value: string): value is NewWorkPresetId {
  return (NEW_WORK_PRESET_IDS as readonly string[]).includes(value);
}

export function newWorkPreset(id: string): NewWorkPreset {
  if (!isNewWorkPresetId(id)) {
    throw new UsageError(`unknown new-work preset "${id}": expected one of ${NEW_WORK_PRESET_IDS.join(', ')}`);
  }
  return NEW_WORK_PRESETS[id];
}
