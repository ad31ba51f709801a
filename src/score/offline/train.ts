// Trains the offline scorer on labelled tasks: split by occupation, tune L2 and calibrate on an inner
// validation split of the training occupations, fit on all training occupations, then prune and round
// the weights into a model file. The held-out occupations are never seen before the final evaluation.

import type { Automation, Exposure } from '../types.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS } from '../types.js';
import { cohensKappa } from '../agreement.js';
import { buildFeatureSpace, extractTerms, makeVectorizer, vectorize, type Block, type TermList, type VocabularyOptions } from './features.js';
import { MODEL_FORMAT, type ModelFile, type StoredHead } from './model.js';
import { fitTemperature, predictProba, toSparseMatrix, trainSoftmax, type SoftmaxWeights, type SparseMatrix } from './softmax.js';
import { splitOccupations } from './split.js';

export interface TrainingTask {
  occupationCode: string;
  title: string;
  task: string;
  exposure: Exposure;
  automation: Automation;
}

export interface TrainConfig {
  seed: number;
  /** Share of occupations held out for the published figures. */
  testFraction: number;
  /** Share of training occupations used to choose L2 and fit the temperature. */
  validationFraction: number;
  vocabulary: VocabularyOptions;
  l2Grid: number[];
  maxIterations: number;
  /** Weights smaller than this (after training) are dropped from the file. */
  pruneBelow: number;
  /** Weights are stored as integers of this many steps per unit of the largest weight. */
  quantSteps: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  seed: 42,
  testFraction: 0.2,
  validationFraction: 0.2,
  vocabulary: { minDf: { word: 2, char: 3 }, minTitleOccupations: 3, blockWeights: { word: 1, char: 1, title: 0.5 } },
  l2Grid: [3e-5, 1e-4, 3e-4],
  maxIterations: 300,
  pruneBelow: 0.02,
  quantSteps: 2000,
};

interface Prepared {
  terms: TermList;
  occupationCode: string;
  exposure: number;
  automation: number;
}

function prepare(tasks: readonly TrainingTask[]): Prepared[] {
  return tasks.map((t) => ({
    terms: extractTerms(t.task, t.title),
    occupationCode: t.occupationCode,
    exposure: EXPOSURE_LEVELS.indexOf(t.exposure),
    automation: AUTOMATION_LEVELS.indexOf(t.automation),
  }));
}

function design(docs: readonly Prepared[], config: TrainConfig) {
  const space = buildFeatureSpace(docs, config.vocabulary);
  const vz = makeVectorizer(space);
  return { space, vz, x: toSparseMatrix(docs.map((d) => vectorize(d.terms.terms, vz)), space.vocab.length) };
}

function argmax(p: Float64Array): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

type HeadName = 'exposure' | 'automation';
const CLASSES: Record<HeadName, number> = { exposure: EXPOSURE_LEVELS.length, automation: AUTOMATION_LEVELS.length };

interface Tuned {
  l2: number;
  temperature: number;
  validationKappa: Record<string, number>;
}

/** Chooses L2 by Cohen's kappa on the validation occupations, then fits the temperature there. */
function tune(head: HeadName, train: { x: SparseMatrix; y: Int32Array }, val: { x: SparseMatrix; y: Int32Array }, config: TrainConfig, log: (m: string) => void): Tuned {
  let best: { l2: number; kappa: number; model: SoftmaxWeights } | undefined;
  const validationKappa: Record<string, number> = {};
  for (const l2 of config.l2Grid) {
    const model = trainSoftmax(train.x, train.y, { classes: CLASSES[head], l2, maxIterations: config.maxIterations });
    const predicted = predictProba(val.x, model).map(argmax);
    const kappa = cohensKappa(predicted.map(String), Array.from(val.y, String));
    validationKappa[String(l2)] = Math.round(kappa * 1e4) / 1e4;
    log(`  ${head} l2=${l2}: validation kappa ${kappa.toFixed(4)}`);
    if (!best || kappa > best.kappa) best = { l2, kappa, model };
  }
  const temperature = fitTemperature(val.x, val.y, best!.model);
  log(`  ${head}: chose l2=${best!.l2}, temperature ${temperature.toFixed(3)}`);
  return { l2: best!.l2, temperature, validationKappa };
}

/** Prunes and rounds a head for the file; the run-time model is rebuilt from exactly these numbers. */
function storeHead(head: HeadName, model: SoftmaxWeights, tuned: Tuned, config: TrainConfig): StoredHead {
  const K = model.classes;
  const features = model.weights.length / K;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / config.quantSteps;
  const kept: number[] = [];
  for (let f = 0; f < features; f++) {
    let keep = false;
    for (let k = 0; k < K; k++) if (Math.abs(model.weights[f * K + k]!) >= config.pruneBelow) keep = true;
    if (keep) kept.push(f);
  }
  const weights: number[] = [];
  for (let k = 0; k < K; k++) for (const f of kept) weights.push(Math.round(model.weights[f * K + k]! / scale));
  return {
    labels: [...(head === 'exposure' ? EXPOSURE_LEVELS : AUTOMATION_LEVELS)],
    l2: tuned.l2,
    temperature: Math.round(tuned.temperature * 1e4) / 1e4,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e5) / 1e5),
    featureGaps: kept.map((f, j) => f - (j === 0 ? 0 : kept[j - 1]!)),
    weights,
    scale: Number(scale.toPrecision(8)),
  };
}

export interface TrainResult {
  file: ModelFile;
  testOccupations: string[];
  seconds: number;
}

/**
 * Fits the model on the training occupations only. The caller evaluates `file` on `testOccupations`
 * and stores the figures in `file.metrics`.
 */
export function trainOfflineModel(
  tasks: readonly TrainingTask[],
  options: { config?: TrainConfig; name: string; rubricVersion: string; baseYear: number; log?: (m: string) => void },
): TrainResult {
  const started = performance.now();
  const config = options.config ?? DEFAULT_CONFIG;
  const log = options.log ?? (() => {});
  const split = splitOccupations(tasks.map((t) => t.occupationCode), { seed: config.seed, fraction: config.testFraction });
  const testSet = new Set(split.test);
  const trainDocs = prepare(tasks.filter((t) => !testSet.has(t.occupationCode)));
  const inner = splitOccupations(split.train, { seed: config.seed + 1, fraction: config.validationFraction });
  const valSet = new Set(inner.test);
  const innerTrain = trainDocs.filter((d) => !valSet.has(d.occupationCode));
  const innerVal = trainDocs.filter((d) => valSet.has(d.occupationCode));
  log(`split: ${split.train.length} training occupations (${trainDocs.length} tasks), ${split.test.length} held out`);

  const tuneDesign = design(innerTrain, config);
  const valX = toSparseMatrix(innerVal.map((d) => vectorize(d.terms.terms, tuneDesign.vz)), tuneDesign.space.vocab.length);
  const labels = (docs: readonly Prepared[], head: HeadName) => Int32Array.from(docs, (d) => d[head]);
  const tuned = {} as Record<HeadName, Tuned>;
  for (const head of ['exposure', 'automation'] as const) {
    tuned[head] = tune(head, { x: tuneDesign.x, y: labels(innerTrain, head) }, { x: valX, y: labels(innerVal, head) }, config, log);
  }

  const full = design(trainDocs, config);
  log(`features: ${full.space.vocab.length}`);
  const heads = {} as Record<HeadName, StoredHead>;
  for (const head of ['exposure', 'automation'] as const) {
    const model = trainSoftmax(full.x, labels(trainDocs, head), { classes: CLASSES[head], l2: tuned[head].l2, maxIterations: config.maxIterations });
    heads[head] = storeHead(head, model, tuned[head], config);
  }

  // Only features some head still uses are kept in the vocabulary; indices are remapped to match.
  const used = new Set<number>();
  for (const head of Object.values(heads)) {
    let f = 0;
    for (const gap of head.featureGaps) used.add((f += gap));
  }
  const keptFeatures = [...used].sort((a, b) => a - b);
  const remap = new Map(keptFeatures.map((f, i) => [f, i]));
  for (const head of Object.values(heads)) {
    let f = 0;
    let previous = 0;
    head.featureGaps = head.featureGaps.map((gap, j) => {
      f += gap;
      const g = remap.get(f)!;
      const out = j === 0 ? g : g - previous;
      previous = g;
      return out;
    });
  }
  const blockWeights: Record<Block, number> = full.space.blockWeights;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: 1,
    name: options.name,
    rubricVersion: options.rubricVersion,
    baseYear: options.baseYear,
    features: {
      vocab: keptFeatures.map((f) => full.space.vocab[f]!).join('\n'),
      idf: keptFeatures.map((f) => Math.round(full.space.idf[f]! * 1e5) / 1e5),
      blockWeights,
    },
    heads,
    training: {
      trainingTasks: trainDocs.length,
      trainingOccupations: split.train.length,
      validationOccupations: inner.test.length,
      featuresBeforePruning: full.space.vocab.length,
      validationKappa: { exposure: tuned.exposure.validationKappa, automation: tuned.automation.validationKappa },
      config,
    },
    split: { seed: config.seed, fraction: config.testFraction, testOccupations: split.test },
    metrics: {},
  };
  return { file, testOccupations: split.test, seconds: (performance.now() - started) / 1000 };
}
