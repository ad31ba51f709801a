// Trains the offline scorer on labelled tasks: split by occupation, fit class offsets and a temperature on an inner
// validation split of the training occupations, fit on all training occupations, then prune and round
// the weights into a model file. The held-out occupations are never seen before the final evaluation.

import type { Automation, Exposure } from '../types.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS } from '../types.js';
import { fitOffsets, kappaWith, predictLogits, type Calibration } from './calibration.js';
import { appendContext, contextsFor, contextVector } from './context.js';
import { buildFeatureSpace, extractTerms, makeVectorizer, vectorize, type Block, type TermList, type Vectorizer, type VocabularyOptions } from './features.js';
import { MODEL_FORMAT, type ModelFile, type StoredHead } from './model.js';
import { fitTemperature, toSparseMatrix, trainSoftmax, type SoftmaxWeights, type SparseMatrix } from './softmax.js';
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
  /** Share of training occupations used to fit class offsets and the temperature. */
  validationFraction: number;
  vocabulary: VocabularyOptions;
  /**
   * L2 per head. Chosen once by Cohen's kappa on the validation occupations (grid 1e-5..3e-4, smaller was
   * better down to about 2e-5); fixed here so that training stays within a few minutes on one core.
   */
  l2: Record<HeadName, number>;
  maxIterations: number;
  /** Features kept after a first fit (by largest pull on any class of either head); the heads are refitted on them. */
  maxFeatures: number;
  /** Weights are stored as integers of this many steps per unit of the largest weight. */
  quantSteps: number;
}

type HeadName = 'exposure' | 'automation';
const HEADS: readonly HeadName[] = ['exposure', 'automation'];
const CLASSES: Record<HeadName, number> = { exposure: EXPOSURE_LEVELS.length, automation: AUTOMATION_LEVELS.length };

export const DEFAULT_CONFIG: TrainConfig = {
  seed: 42,
  testFraction: 0.2,
  validationFraction: 0.2,
  // Title words weigh little: weighed more they learn the training occupations rather than the tasks.
  // Context weight and the lead word chosen on the validation occupations (tune-cli): exposure kappa
  // 0.731 without either, 0.746 / 0.748 / 0.746 / 0.738 with context 0.5 / 0.75 / 1 / 1.5, and the lead
  // word adds about 0.003-0.007 with or without context.
  vocabulary: { minDf: { word: 1, char: 2 }, minTitleOccupations: 3, blockWeights: { word: 1, char: 1, title: 0.3, context: 0.75 }, leadWord: true },
  l2: { exposure: 2e-5, automation: 2e-5 },
  maxIterations: 120,
  maxFeatures: 30000,
  quantSteps: 2000,
};

interface Prepared {
  /** Position in the task list given to training. */
  index: number;
  text: string;
  terms: TermList;
  occupationCode: string;
  exposure: number;
  automation: number;
}

function prepare(tasks: readonly TrainingTask[]): Prepared[] {
  return tasks.map((t, index) => ({
    index,
    text: t.task,
    terms: extractTerms(t.task, t.title),
    occupationCode: t.occupationCode,
    exposure: EXPOSURE_LEVELS.indexOf(t.exposure),
    automation: AUTOMATION_LEVELS.indexOf(t.automation),
  }));
}

/** Rows of the tasks; each task's context is the other tasks of its occupation among `docs` (always whole occupations). */
function matrix(docs: readonly Prepared[], vz: Vectorizer): SparseMatrix {
  const contexts = contextsFor(docs.map((d) => ({ occupationCode: d.occupationCode, text: d.text })), vz);
  const rows = docs.map((d) => appendContext(vectorize(d.terms.terms, vz), contextVector(contexts.get(d.occupationCode), d.text, vz)));
  return toSparseMatrix(rows, vz.space.vocab.length);
}

const labels = (docs: readonly Prepared[], head: HeadName) => Int32Array.from(docs, (d) => d[head]);

interface Fitted {
  vz: Vectorizer;
  heads: Record<HeadName, SoftmaxWeights>;
  featuresBeforePruning: number;
}

/**
 * Fits both heads, keeps the features with the largest pull, and refits on those alone. Refitting (rather
 * than just dropping small weights) keeps training and scoring identical: the L2 norm of a task vector
 * is taken over the features the shipped model knows.
 */
function fitHeads(docs: readonly Prepared[], config: TrainConfig): Fitted {
  const space = buildFeatureSpace(docs, config.vocabulary);
  const x = matrix(docs, makeVectorizer(space));
  const train = (m: SparseMatrix, head: HeadName) =>
    trainSoftmax(m, labels(docs, head), { classes: CLASSES[head], l2: config.l2[head], maxIterations: config.maxIterations });
  const pull = new Float64Array(space.vocab.length);
  for (const head of HEADS) {
    const { weights, classes: K } = train(x, head);
    for (let f = 0; f < pull.length; f++) {
      let mean = 0;
      for (let k = 0; k < K; k++) mean += weights[f * K + k]! / K;
      for (let k = 0; k < K; k++) pull[f] = Math.max(pull[f]!, Math.abs(weights[f * K + k]! - mean));
    }
  }
  const keep = [...pull.keys()]
    .sort((a, b) => pull[b]! - pull[a]! || a - b)
    .slice(0, config.maxFeatures)
    .sort((a, b) => a - b);
  const pruned = makeVectorizer({
    vocab: keep.map((f) => space.vocab[f]!),
    idf: keep.map((f) => Math.round(space.idf[f]! * 1e5) / 1e5),
    blockWeights: space.blockWeights,
  });
  const px = matrix(docs, pruned);
  return {
    vz: pruned,
    heads: { exposure: train(px, 'exposure'), automation: train(px, 'automation') },
    featuresBeforePruning: space.vocab.length,
  };
}


/** Rounds a head for the file; the run-time model is rebuilt from exactly these numbers. */
function storeHead(head: HeadName, model: SoftmaxWeights, calibration: Calibration, config: TrainConfig): StoredHead {
  const K = model.classes;
  const features = model.weights.length / K;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / config.quantSteps;
  const kept: number[] = [];
  for (let f = 0; f < features; f++) {
    let keep = false;
    for (let k = 0; k < K; k++) if (Math.round(model.weights[f * K + k]! / scale) !== 0) keep = true;
    if (keep) kept.push(f);
  }
  const weights: number[] = [];
  for (let k = 0; k < K; k++) for (const f of kept) weights.push(Math.round(model.weights[f * K + k]! / scale));
  return {
    labels: [...(head === 'exposure' ? EXPOSURE_LEVELS : AUTOMATION_LEVELS)],
    l2: config.l2[head],
    temperature: Math.round(calibration.temperature * 1e4) / 1e4,
    bias: Array.from(model.bias, (b, k) => Math.round((b + calibration.offsets[k]!) * 1e5) / 1e5),
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

/** The inner validation split: its calibration, and its predictions (by position in the task list) for tuning. */
export interface InnerValidation {
  calibration: Record<HeadName, Calibration>;
  predictions: { task: number; exposure: Exposure; automation: Automation }[];
}

function splits(tasks: readonly TrainingTask[], config: TrainConfig) {
  const split = splitOccupations(tasks.map((t) => t.occupationCode), { seed: config.seed, fraction: config.testFraction });
  const testSet = new Set(split.test);
  const trainDocs = prepare(tasks).filter((d) => !testSet.has(d.occupationCode));
  const inner = splitOccupations(split.train, { seed: config.seed + 1, fraction: config.validationFraction });
  return { split, trainDocs, inner };
}

/**
 * Fits on the inner training occupations and calibrates on the validation ones, which the inner model
 * never saw. Settings are tuned on these figures alone; the held-out occupations play no part.
 */
export function innerValidation(tasks: readonly TrainingTask[], options: { config?: TrainConfig; log?: (m: string) => void } = {}): InnerValidation {
  const config = options.config ?? DEFAULT_CONFIG;
  const log = options.log ?? (() => {});
  const { trainDocs, inner } = splits(tasks, config);
  const valSet = new Set(inner.test);
  const innerTrain = trainDocs.filter((d) => !valSet.has(d.occupationCode));
  const innerVal = trainDocs.filter((d) => valSet.has(d.occupationCode));
  const innerFit = fitHeads(innerTrain, config);
  const valX = matrix(innerVal, innerFit.vz);
  const calibration = {} as Record<HeadName, Calibration>;
  const predicted = {} as Record<HeadName, number[]>;
  for (const head of HEADS) {
    const y = labels(innerVal, head);
    const model = innerFit.heads[head];
    const offsets = fitOffsets(valX, y, model);
    const shifted = { ...model, bias: model.bias.map((b, k) => b + offsets[k]!) };
    const logits = predictLogits(valX, shifted);
    predicted[head] = logits.map((z) => z.indexOf(Math.max(...z)));
    const validationKappa = Math.round(kappaWith(logits, y, offsets.map(() => 0)) * 1e4) / 1e4;
    calibration[head] = { offsets, temperature: fitTemperature(valX, y, shifted), validationKappa };
    log(`  ${head}: offsets ${offsets.join(' ')}, temperature ${calibration[head].temperature.toFixed(3)}, validation kappa ${validationKappa}`);
  }
  return {
    calibration,
    predictions: innerVal.map((d, i) => ({
      task: d.index,
      exposure: EXPOSURE_LEVELS[predicted.exposure[i]!]!,
      automation: AUTOMATION_LEVELS[predicted.automation[i]!]!,
    })),
  };
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
  const { split, trainDocs, inner } = splits(tasks, config);
  log(`split: ${split.train.length} training occupations (${trainDocs.length} tasks), ${split.test.length} held out`);
  const { calibration } = innerValidation(tasks, { config, log });

  const full = fitHeads(trainDocs, config);
  const space = full.vz.space;
  log(`features: ${full.featuresBeforePruning} before pruning, ${space.vocab.length} kept`);
  const heads = {} as Record<HeadName, StoredHead>;
  for (const head of HEADS) heads[head] = storeHead(head, full.heads[head], calibration[head], config);

  // Features that round to zero in both heads are dropped from the vocabulary too; indices are remapped.
  // They carried no weight, but they did count in a task vector's norm, so this is only safe for weights
  // that are truly zero; rounding leaves a handful, whose effect is in the measured figures.
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
  const blockWeights: Record<Block, number> = space.blockWeights;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: 1,
    name: options.name,
    rubricVersion: options.rubricVersion,
    baseYear: options.baseYear,
    features: {
      vocab: keptFeatures.map((f) => space.vocab[f]!).join('\n'),
      idf: keptFeatures.map((f) => space.idf[f]!),
      blockWeights,
    },
    heads,
    training: {
      trainingTasks: trainDocs.length,
      trainingOccupations: split.train.length,
      validationOccupations: inner.test.length,
      featuresBeforePruning: full.featuresBeforePruning,
      validationKappa: { exposure: calibration.exposure.validationKappa, automation: calibration.automation.validationKappa },
      config,
    },
    split: { seed: config.seed, fraction: config.testFraction, testOccupations: split.test },
    metrics: {},
  };
  return { file, testOccupations: split.test, seconds: (performance.now() - started) / 1000 };
}
