// What a time model hands the series: per occupation, its exposed share and, per computed year, its feasible
// and in-use shares and dark paths (the central path first, then the scenario corners). The series rolls these
// up to groups and the workforce, runs the grey recurrence on each path, and takes the band.
import type { CalibrationSummary } from './types.js';

/** What an occupation's weight in group and workforce means is made of. */
export interface Weighable {
  employment: number | null;
  /** Mean (else median) annual wage, for --weight wages. */
  wage: number | null;
}

/** An occupation's weight in group and workforce means: employment, wage bill, or 1 each when none has employment. */
export type WeightOf = (occupation: Weighable) => number;

export interface ModelOccupation extends Weighable {
  code: string;
  title: string;
  majorGroup: string;
  exposed: number;
}

/**
 * Every path is one flat array over all occupations, `yearCount` values each: occupation o's year y is at
 * o * yearCount + y. One array per quantity rather than one per occupation: a model of a thousand occupations
 * would otherwise allocate thousands of small arrays per run.
 */
export interface ModelPaths {
  /** Calendar year of index 0. */
  startYear: number;
  yearCount: number;
  /** True: grey accumulates from the start year as if dark were 0 the year before (the calibrated model counts
   * from generative AI's arrival). False: grey is 0 in the start year (the legacy model counts from the base). */
  greyFromOrigin: boolean;
  occupations: ModelOccupation[];
  feasible: Float64Array;
  inUse: Float64Array;
  /** Dark share per year: [0] the central path, then each scenario corner. */
  corners: Float64Array[];
  calibration: CalibrationSummary | null;
  notes: string[];
}

/**
 * target[at + y] += weight x source[from + y] for `count` years. One small function for every weighted sum of
 * paths: it is called often enough to be optimised early in a run, where a loop inlined in a larger function
 * waits for that function to be.
 */
export function addScaled(target: Float64Array, at: number, source: Float64Array, from: number, weight: number, count: number): void {
  for (let y = 0; y < count; y++) target[at + y]! += weight * source[from + y]!;
}

/** Per year, `perOccupation[o * yearCount + y] * perYear[y]`: occupation paths times one path over the years. */
export function timesEachYear(perOccupation: Float64Array, perYear: Float64Array): Float64Array {
  const yearCount = perYear.length;
  const out = new Float64Array(perOccupation.length);
  for (let start = 0; start < out.length; start += yearCount) {
    for (let y = 0; y < yearCount; y++) out[start + y] = perOccupation[start + y]! * perYear[y]!;
  }
  return out;
}
