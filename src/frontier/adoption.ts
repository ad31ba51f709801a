// The adoption curve: how much of a task's exposed share is in use, year by year, once the exposure
// is practical (its horizon year).

export interface AdoptionParams {
  /** Years from the horizon to half of the ceiling: diffusion through firms takes time. */
  lag: number;
  /** Logistic steepness per year: 10% to 90% of the rise takes about ln(81) / speed years. */
  speed: number;
  /** The most of an exposed share that is ever taken up, 0..1. */
  ceiling: number;
}

/**
 * A(y) for a task practical from `horizon`. A logistic centred at horizon + lag, rescaled so that it is
 * exactly 0 up to the horizon year and tends to the ceiling:
 *   L(y) = 1 / (1 + exp(-speed * (y - horizon - lag)))
 *   A(y) = ceiling * (L(y) - L(horizon)) / (1 - L(horizon))   for y > horizon, else 0.
 * A plain logistic would already be above 0 before a task is practical at all; the rescaling keeps
 * "nothing before the horizon" exact while leaving the midpoint near horizon + lag.
 */
export function adoption(year: number, horizon: number, params: AdoptionParams): number {
  if (year <= horizon) return 0;
  const start = logistic(-params.speed * params.lag);
  const now = logistic(params.speed * (year - horizon - params.lag));
  return (params.ceiling * (now - start)) / (1 - start);
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
