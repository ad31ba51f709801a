// The offline model file (models/offline-v2.json) and the arithmetic that turns a task into calibrated
// class probabilities. Plain JSON, pure TypeScript at run time: no native code, nothing fetched.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../data/package-root.js';
import { InputError } from '../../errors.js';
import { appendContext } from './context.js';
import { encodeTask, makeEncoder, type EncodedTask, type Encoder } from './encoder.js';
import { makeVectorizer, type Block, type SparseVector, type Vectorizer } from './features.js';

export const MODEL_FORMAT = 'ai-frontier-offline-model';
export const DEFAULT_MODEL_PATH = path.join(PACKAGE_ROOT, 'models', 'offline-v2.json');

/** One classifier head as stored: weights of the kept features only (pruned, rounded). */
export interface StoredHead {
  labels: string[];
  l2: number;
  /** Divides the logits before softmax; fitted on a validation split of training occupations. */
  temperature: number;
  bias: number[];
  /** Feature indices with any non-zero weight, ascending, as gaps from the previous index. */
  featureGaps: number[];
  /** weights[k * featureGaps.length + j]: class k, j-th kept feature; integers times `scale`. */
  weights: number[];
  scale: number;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: 1;
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
  heads: { exposure: StoredHead; automation: StoredHead };
  training: Record<string, unknown>;
  split: { seed: number; fraction: number; testOccupations: string[] };
  metrics: Record<string, unknown>;
}

/**
 * A head unpacked for fast scoring. Both heads share one table of the stored integer weights, a row per
 * feature (exposure classes then automation classes, padded to 8): a task touches one short row per
 * feature instead of a row in each of two large arrays. Weight of feature f, class k is
 * `quantised[f * stride + offset + k] * scale`, the same double the stored integer times scale gives.
 */
export interface Head {
  labels: string[];
  temperature: number;
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
  exposure: Head;
  automation: Head;
}

const STRIDE = 8;

function unpackHeads(heads: ModelFile['heads'], features: number, source: string): { exposure: Head; automation: Head } {
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
    return { labels: stored.labels, temperature: stored.temperature, bias: Float64Array.from(stored.bias), quantised, stride: STRIDE, offset, scale: stored.scale };
  };
  if (heads.exposure.labels.length + heads.automation.labels.length > STRIDE) {
    throw new InputError(`expected at most ${STRIDE} classes over both heads of the offline model`, { file: source });
  }
  return { exposure: unpack(heads.exposure, 0), automation: unpack(heads.automation, heads.exposure.labels.length) };
}

function checkFormat(file: ModelFile, source: string): void {
  if (file?.format !== MODEL_FORMAT || file.formatVersion !== 1) {
    throw new InputError(`expected an ai-frontier offline model (format ${MODEL_FORMAT}, version 1)`, { file: source });
  }
}

export function modelFromFile(file: ModelFile, source = 'model'): OfflineModel {
  checkFormat(file, source);
  const vocab = file.features.vocab.split('\n');
  // Models trained before the context block have no "x:" features and no weight for it.
  const vectorizer = makeVectorizer({ vocab, idf: file.features.idf, blockWeights: { ...file.features.blockWeights, context: file.features.blockWeights.context ?? 0 } });
  return {
    file,
    vectorizer,
    encoder: makeEncoder(vectorizer.space, vectorizer.index),
    ...unpackHeads(file.heads, vocab.length, source),
  };
}

/** Reads a model file; by default the one shipped in the package (models/offline-v2.json). */
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

/** The task's feature vector; `context` is its occupation-context block (see context.ts), when the model has one. */
export function taskVector(model: OfflineModel, text: string, title: string, context?: SparseVector): EncodedTask {
  const vector = encodeTask(model.encoder, text, title);
  if (!context || context.indices.length === 0) return vector;
  // Context features come from no task word, so they get no term count: `counts` covers the task's own
  // features only, the ones rationales credit to words.
  return appendContext(vector, context);
}

/** Calibrated class probabilities of one task under one head. */
export function headProbabilities(head: Head, vector: EncodedTask): number[] {
  const K = head.labels.length;
  const { indices, values } = vector;
  const { quantised, stride, offset, scale } = head;
  const z = Array.from(head.bias);
  for (let j = 0; j < indices.length; j++) {
    const v = values[j]!;
    const base = indices[j]! * stride + offset;
    for (let k = 0; k < K; k++) z[k]! += v * (quantised[base + k]! * scale);
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, z[k]! / head.temperature);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! / head.temperature - max);
  for (let k = 0; k < K; k++) z[k]! /= sum;
  return z;
}
