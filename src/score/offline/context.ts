// The occupation context block: for each task, the mean of the word vectors of the OTHER tasks of its
// occupation, as "x:" features. GPT-4 labelled a task knowing the job ("Prepare reports" means one thing
// for an accountant and another for a police officer); the other tasks describe the job far better than
// its title. A task never sees itself, so a one-task occupation has no context.
//
// The context of a task depends only on the texts of its occupation, summed in sorted order: the same
// task gets the same vector whatever else is scored with it, in whatever order or chunks.

import { tokenize, type SparseVector, type Vectorizer } from './features.js';

/** A sparse vector in typed arrays, features ascending. */
interface Packed {
  indices: Int32Array;
  values: Float64Array;
}

/** Sublinear tf times idf over the context features of one text, scaled to unit length (empty when none is known). */
function unitVector(text: string, vz: Vectorizer): Packed {
  const counts = new Map<number, number>();
  for (const w of tokenize(text)) {
    const f = vz.context.get(w);
    if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  // The norm sums in word order, as the shipped model was trained.
  let norm = 0;
  for (const [f, c] of counts) norm += ((1 + Math.log(c)) * vz.space.idf[f]!) ** 2;
  const root = Math.sqrt(norm);
  const indices = Int32Array.from(counts.keys()).sort();
  const values = Float64Array.from(indices, (f) => (1 + Math.log(counts.get(f)!)) * vz.space.idf[f]!);
  for (let k = 0; k < values.length; k++) values[k] = values[k]! / root;
  return { indices, values };
}

/** The summed unit vectors of every task of one occupation (features ascending), and each distinct text's own vector. */
export interface OccupationContext {
  sum: Packed;
  own: Map<string, Packed>;
}

export function occupationContext(texts: readonly string[], vz: Vectorizer): OccupationContext {
  const own = new Map<string, Packed>();
  const sum = new Map<number, number>();
  for (const text of [...texts].sort()) {
    let unit = own.get(text);
    if (!unit) own.set(text, (unit = unitVector(text, vz)));
    for (let k = 0; k < unit.indices.length; k++) sum.set(unit.indices[k]!, (sum.get(unit.indices[k]!) ?? 0) + unit.values[k]!);
  }
  const indices = Int32Array.from(sum.keys()).sort();
  return { sum: { indices, values: Float64Array.from(indices, (f) => sum.get(f)!) }, own };
}

const EMPTY: SparseVector = { indices: [], values: [] };

/**
 * The context features of a task: its occupation's sum less the task's own vector (once, when the text is
 * among the occupation's), L2-normalised and weighted; features ascending.
 */
export function contextVector(context: OccupationContext | undefined, text: string, vz: Vectorizer): SparseVector {
  const weight = vz.space.blockWeights.context ?? 0;
  if (!context || weight === 0) return EMPTY;
  const own = context.own.get(text) ?? { indices: new Int32Array(0), values: new Float64Array(0) };
  const { indices, values: sums } = context.sum;
  const kept: number[] = [];
  const values: number[] = [];
  let norm = 0;
  // Both lists ascending, and the task's own features are among the sum's: one merged walk.
  for (let k = 0, o = 0; k < indices.length; k++) {
    const f = indices[k]!;
    let v = sums[k]!;
    if (o < own.indices.length && own.indices[o] === f) v -= own.values[o++]!;
    // A feature only the task itself had cancels to exactly zero (x + 0 - x); shared ones stay positive.
    if (v <= 1e-12) continue;
    kept.push(f);
    values.push(v);
    norm += v ** 2;
  }
  if (kept.length === 0) return EMPTY;
  const scale = weight / Math.sqrt(norm);
  for (let k = 0; k < values.length; k++) values[k] = values[k]! * scale;
  return { indices: kept, values };
}

/** Occupation code -> its task texts, in dataset order: what `contextsFor` (and scoreOffline's `context`) take. */
export function occupationTexts(tasks: readonly { occupationCode: string; text: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of tasks) {
    const list = out.get(t.occupationCode);
    if (list) list.push(t.text);
    else out.set(t.occupationCode, [t.text]);
  }
  return out;
}

/**
 * The contexts of the occupations of `tasks`, from `texts` (occupation code -> all its task texts) when
 * given, else from the tasks themselves. Empty for a model without the context block.
 */
export function contextsFor(
  tasks: readonly { occupationCode: string; text: string }[],
  vz: Vectorizer,
  texts: ReadonlyMap<string, readonly string[]> = occupationTexts(tasks),
): Map<string, OccupationContext> {
  const out = new Map<string, OccupationContext>();
  if ((vz.space.blockWeights.context ?? 0) === 0) return out;
  for (const t of tasks) {
    if (!out.has(t.occupationCode)) out.set(t.occupationCode, occupationContext(texts.get(t.occupationCode) ?? [], vz));
  }
  return out;
}

/** A task vector with its context features appended; "x:" names sort after every other block, so indices stay ascending. */
export function appendContext<T extends SparseVector>(vector: T, context: SparseVector): T {
  for (let k = 0; k < context.indices.length; k++) {
    vector.indices.push(context.indices[k]!);
    vector.values.push(context.values[k]!);
  }
  return vector;
}
