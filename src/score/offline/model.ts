// The offline model file (models/offline-v1.json) and the arithmetic that turns a task into calibrated
// class probabilities. Plain JSON, pure TypeScript at run time: no native code, nothing fetched.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../data/package-root.js';
import { InputError } from '../../errors.js';
import { makeVectorizer, taskFeatures, type Block, type TaskFeatures, type Vectorizer } from './features.js';

export const MODEL_FORMAT = 'ai-frontier-offline-model';
export const DEFAULT_MODEL_PATH = path.join(PACKAGE_ROOT, 'models', 'offline-v1.json');

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

/** A head unpacked for fast scoring: dense weights, feature-major (feature f, class k at f * K + k). */
export interface Head {
  labels: string[];
  temperature: number;
  bias: Float64Array;
  weights: Float64Array;
}

export interface OfflineModel {
  file: ModelFile;
  vectorizer: Vectorizer;
  exposure: Head;
  automation: Head;
}

function unpackHead(stored: StoredHead, features: number): Head {
  const K = stored.labels.length;
  const weights = new Float64Array(features * K);
  const kept: number[] = [];
  let f = 0;
  for (const gap of stored.featureGaps) kept.push((f += gap));
  kept.forEach((feature, j) => {
    for (let k = 0; k < K; k++) weights[feature * K + k] = stored.weights[k * kept.length + j]! * stored.scale;
  });
  return { labels: stored.labels, temperature: stored.temperature, bias: Float64Array.from(stored.bias), weights };
}

export function modelFromFile(file: ModelFile, source = 'model'): OfflineModel {
  if (file?.format !== MODEL_FORMAT || file.formatVersion !== 1) {
    throw new InputError(`expected an ai-frontier offline model (format ${MODEL_FORMAT}, version 1)`, { file: source });
  }
  const vocab = file.features.vocab.split('\n');
  return {
    file,
    vectorizer: makeVectorizer({ vocab, idf: file.features.idf, blockWeights: file.features.blockWeights }),
    exposure: unpackHead(file.heads.exposure, vocab.length),
    automation: unpackHead(file.heads.automation, vocab.length),
  };
}

/** Reads a model file; by default the one shipped in the package (models/offline-v1.json). */
export function loadOfflineModel(file: string = DEFAULT_MODEL_PATH): OfflineModel {
  let parsed: ModelFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new InputError(`cannot read the offline model: ${reason}`, { file });
  }
  return modelFromFile(parsed, file);
}

export type TaskVector = TaskFeatures;

export function taskVector(model: OfflineModel, text: string, title: string): TaskVector {
  return taskFeatures(text, title, model.vectorizer);
}

/** Calibrated class probabilities of one task under one head. */
export function headProbabilities(head: Head, vector: TaskVector): number[] {
  const K = head.labels.length;
  const z = Array.from(head.bias);
  vector.indices.forEach((f, j) => {
    const v = vector.values[j]!;
    for (let k = 0; k < K; k++) z[k]! += v * head.weights[f * K + k]!;
  });
  const max = Math.max(...z.map((v) => v / head.temperature));
  const e = z.map((v) => Math.exp(v / head.temperature - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
