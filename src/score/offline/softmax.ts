// Multinomial logistic regression with L2, trained full-batch by L-BFGS. The problem is convex and the
// data small (about 15,000 sparse rows), so a deterministic quasi-Newton method converges in seconds and
// gives the same weights on every run, unlike shuffled mini-batches.

/** Rows of a sparse design matrix in compressed-row form. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export function toSparseMatrix(vectors: readonly { indices: number[]; values: number[] }[], columns: number): SparseMatrix {
  const rowStart = new Int32Array(vectors.length + 1);
  vectors.forEach((v, i) => (rowStart[i + 1] = rowStart[i]! + v.indices.length));
  const index = new Int32Array(rowStart[vectors.length]!);
  const value = new Float64Array(rowStart[vectors.length]!);
  vectors.forEach((v, i) => {
    index.set(v.indices, rowStart[i]!);
    value.set(v.values, rowStart[i]!);
  });
  return { rows: vectors.length, columns, rowStart, index, value };
}

/** Weights laid out feature-major: weight of feature f for class k at f * classes + k. */
export interface SoftmaxWeights {
  classes: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Class scores (logits) of row r. */
export function rowLogits(x: SparseMatrix, r: number, model: SoftmaxWeights, out: Float64Array): void {
  const K = model.classes;
  out.set(model.bias);
  for (let p = x.rowStart[r]!; p < x.rowStart[r + 1]!; p++) {
    const base = x.index[p]! * K;
    const v = x.value[p]!;
    for (let k = 0; k < K; k++) out[k]! += v * model.weights[base + k]!;
  }
}

/** In-place softmax of logits divided by a temperature. */
export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const z of logits) max = Math.max(max, z / temperature);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    logits[k] = Math.exp(logits[k]! / temperature - max);
    sum += logits[k]!;
  }
  for (let k = 0; k < logits.length; k++) logits[k]! /= sum;
  return logits;
}

export interface TrainOptions {
  classes: number;
  /** L2 strength on the feature weights (not the biases), per the mean loss. */
  l2: number;
  maxIterations: number;
  /**
   * Soft targets, a distribution over classes per row (row r, class k at r * classes + k), in place of
   * `y`: the cross-entropy is then taken against the distribution, so one head can learn from two label
   * sets at once (a human and a GPT-4 label of the same task each pulling with their share).
   */
  targets?: Float64Array;
}

/** Mean cross-entropy plus L2, and its gradient into `grad` (parameters: weights then biases). */
function objective(x: SparseMatrix, y: Int32Array, params: Float64Array, grad: Float64Array, opts: TrainOptions): number {
  const K = opts.classes;
  const nw = x.columns * K;
  const model: SoftmaxWeights = { classes: K, weights: params.subarray(0, nw), bias: params.subarray(nw) };
  grad.fill(0);
  const p = new Float64Array(K);
  let loss = 0;
  const scale = 1 / x.rows;
  const targets = opts.targets;
  for (let r = 0; r < x.rows; r++) {
    rowLogits(x, r, model, p);
    softmax(p);
    if (targets) {
      for (let k = 0; k < K; k++) {
        const t = targets[r * K + k]!;
        if (t > 0) loss -= t * Math.log(Math.max(p[k]!, 1e-300));
        p[k]! -= t;
      }
    } else {
      loss -= Math.log(Math.max(p[y[r]!]!, 1e-300));
      p[y[r]!]! -= 1;
    }
    for (let k = 0; k < K; k++) grad[nw + k]! += p[k]! * scale;
    for (let q = x.rowStart[r]!; q < x.rowStart[r + 1]!; q++) {
      const base = x.index[q]! * K;
      const v = x.value[q]! * scale;
      for (let k = 0; k < K; k++) grad[base + k]! += v * p[k]!;
    }
  }
  let penalty = 0;
  for (let i = 0; i < nw; i++) {
    penalty += params[i]! ** 2;
    grad[i]! += opts.l2 * params[i]!;
  }
  return loss * scale + 0.5 * opts.l2 * penalty;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Fits the weights by L-BFGS (memory 8) with a backtracking Armijo line search. */
export function trainSoftmax(x: SparseMatrix, y: Int32Array, opts: TrainOptions): SoftmaxWeights {
  const K = opts.classes;
  const n = x.columns * K + K;
  const memory = 8;
  let w = new Float64Array(n);
  let g = new Float64Array(n);
  let f = objective(x, y, w, g, opts);
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const rho: number[] = [];
  const gNew = new Float64Array(n);
  for (let iter = 0; iter < opts.maxIterations; iter++) {
    // Two-loop recursion: d = -H g.
    const d = Float64Array.from(g, (v) => -v);
    const alpha: number[] = [];
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, d);
      for (let j = 0; j < n; j++) d[j]! -= alpha[i]! * yv[i]![j]!;
    }
    const gamma = s.length > 0 ? dot(s[s.length - 1]!, yv[yv.length - 1]!) / dot(yv[yv.length - 1]!, yv[yv.length - 1]!) : 1 / Math.sqrt(dot(g, g));
    for (let j = 0; j < n; j++) d[j]! *= gamma;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(yv[i]!, d);
      for (let j = 0; j < n; j++) d[j]! += (alpha[i]! - beta) * s[i]![j]!;
    }
    const slope = dot(g, d);
    if (slope >= 0) break;
    let step = 1;
    let wNew = new Float64Array(n);
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < n; j++) wNew[j] = w[j]! + step * d[j]!;
      fNew = objective(x, y, wNew, gNew, opts);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      sk[j] = wNew[j]! - w[j]!;
      yk[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      yv.push(yk);
      rho.push(1 / sy);
      if (s.length > memory) {
        s.shift();
        yv.shift();
        rho.shift();
      }
    }
    const converged = (f - fNew) / Math.max(Math.abs(f), 1) < 1e-7;
    [w, wNew] = [wNew, w];
    g = Float64Array.from(gNew);
    f = fNew;
    if (converged) break;
  }
  return { classes: K, weights: w.slice(0, x.columns * K), bias: w.slice(x.columns * K) };
}

/** Class probabilities of every row, at a temperature. */
export function predictProba(x: SparseMatrix, model: SoftmaxWeights, temperature = 1): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < x.rows; r++) {
    const z = new Float64Array(model.classes);
    rowLogits(x, r, model, z);
    out.push(softmax(z, temperature));
  }
  return out;
}

/** Temperature that minimises the held-out negative log-likelihood (golden-section search on log T). */
export function fitTemperature(x: SparseMatrix, y: Int32Array, model: SoftmaxWeights): number {
  const logits: Float64Array[] = [];
  for (let r = 0; r < x.rows; r++) {
    const z = new Float64Array(model.classes);
    rowLogits(x, r, model, z);
    logits.push(z);
  }
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let sum = 0;
    logits.forEach((z, r) => (sum -= Math.log(Math.max(softmax(Float64Array.from(z), t)[y[r]!]!, 1e-300))));
    return sum / logits.length;
  };
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
