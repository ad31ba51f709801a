// The offline model file (models/offline-v4.json) and the arithmetic that turns a task into calibrated
// class probabilities. Plain JSON, pure TypeScript at run time: no native code, nothing fetched.
// Format 2 (offline-v3) has two exposure heads, human and GPT-4, mixed per target (see targets.ts);
// format 1 (offline-v2) had one, GPT-4's, and still loads, so older files can be measured beside new ones.
// Format 2 files with the activity block (offline-v4) also carry a second temperature per head and a second
// set of target weights, for tasks read with their work activities; files without them load as before.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../data/package-root.js';
import { InputError } from '../../errors.js';
import { appendContext } from './context.js';
import { encodeTask, makeEncoder, type EncodedTask, type Encoder } from './encoder.js';
import { makeVectorizer, type Block, type SparseVector, type TaskActivity, type Vectorizer } from './features.js';
import { isOfflineTarget, OFFLINE_TARGETS, type OfflineTarget } from './targets.js';

export const MODEL_FORMAT = 'ai-frontier-offline-model';
export const DEFAULT_MODEL_PATH = path.join(PACKAGE_ROOT, 'models', 'offline-v4.json');

/** One classifier head as stored: weights of the kept features only (pruned, rounded). */
export interface StoredHead {
  labels: string[];
  l2: number;
  /** Divides the logits before softmax; fitted on a validation split of training occupations. */
  temperature: number;
  /** The same, for tasks read with their work activities (models with the activity block). */
  activityTemperature?: number;
  bias: number[];
  /** Feature indices with any non-zero weight, ascending, as gaps from the previous index. */
  featureGaps: number[];
  /** weights[k * featureGaps.length + j]: class k, j-th kept feature; integers times `scale`. */
  weights: number[];
  scale: number;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: 1 | 2;
  name: string;
  rubricVersion: string;
  /** Default base year for horizons, so scores do not change with the calendar. */
  baseYear: number;
  features: {
    /** Feature names joined by "\n" (one string keeps the file small). */
    vocab: string;
    idf: number[];
    blockWeights: Record<Block, number>;
  };
  /** Format 2: `human`, `gpt4`, `automation`. Format 1: `exposure` (GPT-4's labels) and `automation`. */
  heads: { human?: StoredHead; gpt4?: StoredHead; exposure?: StoredHead; automation: StoredHead };
  /** Format 2: each target's weight on the human head (the rest on GPT-4's). */
  targets?: Record<OfflineTarget, number>;
  /** The same for tasks read with their work activities (models with the activity block). */
  activityTargets?: Record<OfflineTarget, number>;
  defaultTarget?: OfflineTarget;
  training: Record<string, unknown>;
  split: {
    seed: number;
    fraction: number;
    testOccupations: string[];
    /** Format 2: what the model learnt from, so any dataset's tasks can be told held out or in-sample (seen.ts). */
    trainingOccupations?: string[];
    trainingTexts?: string[];
  };
  metrics: Record<string, unknown>;
}

/**
 * A head unpacked for fast scoring. All heads share one table of the stored integer weights, a row per
 * feature (the classes of every head side by side, padded to STRIDE): a task touches one short row per
 * feature instead of a row in each of several large arrays. Weight of feature f, class k is
 * `quantised[f * stride + offset + k] * scale`, the same double the stored integer times scale gives.
 */
export interface Head {
  labels: string[];
  temperature: number;
  /** For tasks read with work activities; the plain temperature in models without them. */
  activityTemperature: number;
  bias: Float64Array;
  quantised: Int16Array;
  stride: number;
  offset: number;
  scale: number;
}

export interface OfflineModel {
  file: ModelFile;
  vectorizer: Vectorizer;
  encoder: Encoder;
  /** The exposure heads the file has: both in format 2, GPT-4's alone in format 1. */
  exposureHeads: Partial<Record<'human' | 'gpt4', Head>>;
  automation: Head;
  /** Per target (by its human weight): each feature's pull on each exposure class, for rationales; filled on first use. */
  pulls: Map<number, Float64Array>;
  /** Each target's weight on the human head; only targets the file's heads can serve. */
  targets: Partial<Record<OfflineTarget, number>>;
  /** The same for tasks read with work activities; equal to `targets` in models without them. */
  activityTargets: Partial<Record<OfflineTarget, number>>;
  defaultTarget: OfflineTarget;
}

// Twelve columns a feature (3 + 3 + 5 classes, padded): a row of 24 bytes keeps the table of 50,000
// features small enough to stay in cache, which 16 columns did not.
const STRIDE = 12;

function unpackHeads(stored: Record<string, StoredHead>, features: number, source: string): Record<string, Head> {
  const quantised = new Int16Array(features * STRIDE);
  const unpack = (stored: StoredHead, offset: number): Head => {
    const K = stored.labels.length;
    let f = 0;
    stored.featureGaps.forEach((gap, j) => {
      f += gap;
      for (let k = 0; k < K; k++) {
        const q = stored.weights[k * stored.featureGaps.length + j]!;
        if (!Number.isInteger(q) || Math.abs(q) > 0x7fff) {
          throw new InputError(`expected integer weights within 16 bits in the offline model, found ${q}`, { file: source });
        }
        quantised[f * STRIDE + offset + k] = q;
      }
    });
    return { labels: stored.labels, temperature: stored.temperature, activityTemperature: stored.activityTemperature ?? stored.temperature, bias: Float64Array.from(stored.bias), quantised, stride: STRIDE, offset, scale: stored.scale };
  };
  const names = Object.keys(stored);
  if (names.reduce((n, name) => n + stored[name]!.labels.length, 0) > STRIDE) {
    throw new InputError(`expected at most ${STRIDE} classes over all heads of the offline model`, { file: source });
  }
  const out: Record<string, Head> = {};
  let offset = 0;
  for (const name of names) {
    out[name] = unpack(stored[name]!, offset);
    offset += stored[name]!.labels.length;
  }
  return out;
}

/** The heads and targets of a file, format 1 read as a GPT-4 head whose only target is gpt4. */
function headsAndTargets(file: ModelFile, source: string) {
  const bad = (what: string) => new InputError(`expected ${what} in the offline model`, { file: source });
  if (file.formatVersion === 1) {
    if (!file.heads.exposure) throw bad('an exposure head');
    const stored: Record<string, StoredHead> = { gpt4: file.heads.exposure, automation: file.heads.automation };
    const targets: Partial<Record<OfflineTarget, number>> = { gpt4: 0 };
    return { stored, targets, activityTargets: targets, defaultTarget: 'gpt4' as const };
  }
  const { human, gpt4, automation } = file.heads;
  if (!human || !gpt4 || !automation) throw bad('heads human, gpt4 and automation');
  const targets: Partial<Record<OfflineTarget, number>> = file.targets ?? {};
  if (!file.defaultTarget || !isOfflineTarget(file.defaultTarget) || targets[file.defaultTarget] === undefined) throw bad('a default target among its targets');
  const activityTargets: Partial<Record<OfflineTarget, number>> = file.activityTargets ?? targets;
  for (const [name, weight] of [...Object.entries(targets), ...Object.entries(activityTargets)] as [string, number][]) {
    if (!isOfflineTarget(name) || !(weight >= 0 && weight <= 1)) throw bad(`targets with a human weight from 0 to 1, not ${name}: ${weight}`);
  }
  if (Object.keys(activityTargets).sort().join() !== Object.keys(targets).sort().join()) throw bad('the same targets with and without work activities');
  const stored: Record<string, StoredHead> = { human, gpt4, automation };
  return { stored, targets, activityTargets, defaultTarget: file.defaultTarget };
}

function checkFormat(file: ModelFile, source: string): void {
  if (file?.format !== MODEL_FORMAT || (file.formatVersion !== 1 && file.formatVersion !== 2)) {
    throw new InputError(`expected an ai-frontier offline model (format ${MODEL_FORMAT}, version 1 or 2)`, { file: source });
  }
}

/** The target a model file reproduces by default, read without unpacking its weights (offline-v2: GPT-4's labels). */
export function fileDefaultTarget(file: ModelFile): OfflineTarget {
  return file.formatVersion === 1 ? 'gpt4' : file.defaultTarget!;
}

/** The targets a model file can reproduce (offline-v2: GPT-4's labels only). */
export function fileTargets(file: ModelFile): OfflineTarget[] {
  return OFFLINE_TARGETS.filter((t) => (file.formatVersion === 1 ? t === 'gpt4' : file.targets?.[t] !== undefined));
}

export function modelFromFile(file: ModelFile, source = 'model'): OfflineModel {
  checkFormat(file, source);
  const { stored, targets, activityTargets, defaultTarget } = headsAndTargets(file, source);
  const vocab = file.features.vocab.split('\n');
  // Models trained before the context or activity blocks have no such features and no weight for them.
  const { blockWeights } = file.features;
  const vectorizer = makeVectorizer({ vocab, idf: file.features.idf, blockWeights: { ...blockWeights, context: blockWeights.context ?? 0, activity: blockWeights.activity ?? 0 } });
  return {
    file,
    vectorizer,
    encoder: makeEncoder(vectorizer.space, vectorizer.index),
    ...unpack(stored, vocab.length, source),
    targets,
    activityTargets,
    defaultTarget,
  };
}

function unpack(stored: Record<string, StoredHead>, features: number, source: string) {
  const heads = unpackHeads(stored, features, source);
  return { exposureHeads: { human: heads.human, gpt4: heads.gpt4 }, automation: heads.automation!, pulls: new Map<number, Float64Array>() };
}

/** Reads a model file; by default the one shipped in the package (models/offline-v4.json). */
export function loadOfflineModel(file: string = DEFAULT_MODEL_PATH): OfflineModel {
  return modelFromFile(readModelFile(file), file);
}

/**
 * A model file as stored, not yet unpacked for scoring: its name and rubric version are enough to key
 * scores, and a rerun with every score stored needs no more (unpacking is a good part of loading).
 */
export function readModelFile(file: string = DEFAULT_MODEL_PATH): ModelFile {
  let parsed: ModelFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new InputError(`cannot read the offline model: ${reason}`, { file });
  }
  checkFormat(parsed, file);
  return parsed;
}

/**
 * The task's feature vector; `context` is its occupation-context block (see context.ts), when the model has
 * one; `activities` its work activities (DWAs), when the dataset links them.
 */
export function taskVector(model: OfflineModel, text: string, title: string, context?: SparseVector, activities?: readonly TaskActivity[]): EncodedTask {
  const vector = encodeTask(model.encoder, text, title, activities);
  if (!context || context.indices.length === 0) return vector;
  // Context features come from no task word, so they get no term count: `counts` covers the task's own
  // features only, the ones rationales credit to words.
  return appendContext(vector, context);
}

/**
 * Every head's weighted sums for one task in one pass over its features: column `offset + k` holds
 * the sum over features of value times the stored integer weight of class k of the head at `offset`.
 * A feature's row in the weight table holds all heads' classes side by side, so one read serves them all.
 */
export function weightSums(model: OfflineModel, vector: EncodedTask): Float64Array {
  const { indices, values } = vector;
  // Every head holds the same shared table.
  const { quantised } = model.automation;
  const sums = new Float64Array(STRIDE);
  // Twelve running sums (STRIDE) in locals rather than an inner loop over `sums`: this is the hot loop of
  // offline scoring. Each column still adds its terms in feature order. Columns past the heads' classes
  // are zero padding.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0;
  for (let j = 0; j < indices.length; j++) {
    const v = values[j]!;
    const b = indices[j]! * STRIDE;
    s0 += v * quantised[b]!;
    s1 += v * quantised[b + 1]!;
    s2 += v * quantised[b + 2]!;
    s3 += v * quantised[b + 3]!;
    s4 += v * quantised[b + 4]!;
    s5 += v * quantised[b + 5]!;
    s6 += v * quantised[b + 6]!;
    s7 += v * quantised[b + 7]!;
    s8 += v * quantised[b + 8]!;
    s9 += v * quantised[b + 9]!;
    s10 += v * quantised[b + 10]!;
    s11 += v * quantised[b + 11]!;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
  sums[4] = s4;
  sums[5] = s5;
  sums[6] = s6;
  sums[7] = s7;
  sums[8] = s8;
  sums[9] = s9;
  sums[10] = s10;
  sums[11] = s11;
  return sums;
}

/** Calibrated class probabilities of one head, from the task's weight sums; `withActivities` when its vector has work-activity features. */
export function headProbabilities(head: Head, sums: Float64Array, withActivities = false): number[] {
  const K = head.labels.length;
  const z = new Array<number>(K);
  const temperature = withActivities ? head.activityTemperature : head.temperature;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    z[k] = (head.bias[k]! + head.scale * sums[head.offset + k]!) / temperature;
    max = Math.max(max, z[k]!);
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < K; k++) z[k]! /= sum;
  return z;
}
