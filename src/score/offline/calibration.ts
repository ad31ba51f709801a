// Calibration of a head on validation occupations: class offsets that raise Cohen's kappa, fitted by
// coordinate ascent, beside the temperature that softmax.ts fits. Used by training only.

import { cohensKappa } from '../agreement.js';
import { rowLogits, type SoftmaxWeights, type SparseMatrix } from './softmax.js';

export interface Calibration {
  offsets: number[];
  temperature: number;
  validationKappa: number;
}

export function predictLogits(x: SparseMatrix, model: SoftmaxWeights): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < x.rows; r++) {
    const z = new Float64Array(model.classes);
    rowLogits(x, r, model, z);
    out.push(z);
  }
  return out;
}

export function kappaWith(logits: readonly Float64Array[], y: Int32Array, offsets: readonly number[]): number {
  const predicted = logits.map((z) => {
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k]! + offsets[k]! > z[best]! + offsets[best]!) best = k;
    return String(best);
  });
  return cohensKappa(predicted, Array.from(y, String));
}

/**
 * Class offsets added to the biases, by coordinate ascent on validation kappa. Plain maximum likelihood
 * under-predicts the rarer classes (E1, T3); a small shift toward them raises agreement.
 */
export function fitOffsets(x: SparseMatrix, y: Int32Array, model: SoftmaxWeights): number[] {
  const logits = predictLogits(x, model);
  const offsets = new Array<number>(model.classes).fill(0);
  let best = kappaWith(logits, y, offsets);
  for (let pass = 0; pass < 3; pass++) {
    for (let k = 1; k < model.classes; k++) {
      for (let step = -10; step <= 10; step++) {
        const trial = [...offsets];
        trial[k] = step / 10;
        const kappa = kappaWith(logits, y, trial);
        if (kappa > best + 1e-9) {
          best = kappa;
          offsets[k] = step / 10;
        }
      }
    }
  }
  return offsets;
}
