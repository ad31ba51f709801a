// Grey, the new work: a base rate on the previous year's total work plus new work per unit displaced.
//   G(y) = G(y-1) + rho * (W + G)(y-1) + eta * (D(y) - D(y-1)),  W = 1 - D,  G(base) = 0
// All shares are of base-year employment. The recurrence is linear in D and G, so an employment-
// weighted mean of occupations' grey equals the grey computed from the workforce's dark.

import type { NewWorkParams } from './presets.js';

/** Grey share per year for a dark share per year (index 0 is the base year). */
export function newWorkPath(dark: ArrayLike<number>, params: NewWorkParams): number[] {
  const grey = new Array<number>(dark.length);
  if (dark.length === 0) return grey;
  grey[0] = 0;
  for (let i = 1; i < dark.length; i++) {
    const previousTotal = 1 - dark[i - 1]! + grey[i - 1]!;
    grey[i] = grey[i - 1]! + params.rho * previousTotal + params.eta * (dark[i]! - dark[i - 1]!);
  }
  return grey;
}
