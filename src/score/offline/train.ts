// Trains the offline scorer on labelled tasks: split by occupation (and drop from training every statement
// that a held-out occupation also has), fit a temperature per head and the blend of the two exposure heads
// on an inner validation split of the training occupations, fit on all training occupations, then prune
// and round the weights into a model file. The held-out occupations are never seen before the final evaluation.

import { cohensKappa } from '../agreement/statistics.js';
import type { Automation, Exposure } from '../types.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS } from '../types.js';
import { appendContext, contextsFor, contextVector } from './context.js';
import { buildFeatureSpace, extractTerms, makeVectorizer, vectorize, type Block, type TaskActivity, type TermList, type Vectorizer, type VocabularyOptions } from './features.js';
import { MODEL_FORMAT, type ModelFile, type StoredHead } from './model.js';
import { normalisedText, textDigest } from './seen.js';
import { fitTemperature, predictProba, toSparseMatrix, trainSoftmax, type SoftmaxWeights, type SparseMatrix } from './softmax.js';
import { splitOccupations } from './split.js';
import type { OfflineTarget } from './targets.js';

export interface TrainingTask {
  occupationCode: string;
  title: string;
  task: string;
  /** GPT-4's exposure label (gpt4_exposure). */
  exposure: Exposure;
  /** The human annotators' label (human_exposure_agg). */
  human: Exposure;
  automation: Automation;
  /** The task's O*NET work activities, when the label set was joined with a release (readTrainingLabels). */
  activities?: readonly TaskActivity[] | undefined;
}

export type HeadName = 'human' | 'gpt4' | 'automation';
export const HEADS: readonly HeadName[] = ['human', 'gpt4', 'automation'];
const CLASSES: Record<HeadName, number> = { human: EXPOSURE_LEVELS.length, gpt4: EXPOSURE_LEVELS.length, automation: AUTOMATION_LEVELS.length };

export interface TrainConfig {
  seed: number;
  /** Share of occupations held out for the published figures. */
  testFraction: number;
  /** Share of training occupations used to fit temperatures and the blend. */
  validationFraction: number;
  vocabulary: VocabularyOptions;
  /** L2 per head, fixed so that training stays within minutes on one core (see DEFAULT_CONFIG). */
  l2: Record<HeadName, number>;
  maxIterations: number;
  /** Features kept after a first fit (by largest pull on any class of any head); the heads are refitted on them. */
  maxFeatures: number;
  /** Weights are stored as integers of this many steps per unit of the largest weight. */
  quantSteps: number;
  /**
   * The "both" target puts the largest weight on the human head (steps of 0.05) that keeps Cohen's kappa
   * against GPT-4 on the validation occupations at or above this: closer to people, no loss below the aim.
   */
  gpt4KappaFloor: number;
  /** The target `offline` means when none is named. */
  defaultTarget: OfflineTarget;
  /**
   * With the activity block: every training task that has work activities is a training row twice, once
   * with them and once without, so one set of weights serves datasets with DWAs (O*NET) and without (the
   * bundled sample, custom task tables).
   */
  activityCopies: boolean;
}

export const DEFAULT_CONFIG: TrainConfig = {
  seed: 42,
  testFraction: 0.2,
  validationFraction: 0.2,
  // Title words weigh little: weighed more they learn the training occupations rather than the tasks.
  // Context weight and the lead word chosen on the validation occupations for offline-v2 (tune-cli):
  // exposure kappa 0.731 without either, 0.746 / 0.748 / 0.746 / 0.738 with context 0.5 / 0.75 / 1 / 1.5,
  // and the lead word adds about 0.003-0.007 with or without context. The activity weight (offline-v4),
  // on validation with the validation tasks' activities, 30,000 features: human head kappa 0.679 / 0.698
  // at 1 / 1.5 (0.609 at 0.5, unpruned), GPT-4 head 0.752 either way; without activities alike.
  vocabulary: { minDf: { word: 1, char: 2 }, minTitleOccupations: 3, blockWeights: { word: 1, char: 1, title: 0.3, context: 0.75, activity: 1.5 }, leadWord: true },
  // On validation the GPT-4 head's kappa was 0.736 / 0.740 / 0.743 / 0.745 / 0.739 at 5e-6 / 1e-5 / 2e-5 /
  // 4e-5 / 8e-5 and the human head's 0.511 / 0.519 / 0.523 / 0.523 / 0.520: flat around 2e-5.
  l2: { human: 2e-5, gpt4: 2e-5, automation: 2e-5 },
  maxIterations: 120,
  // Shared by three heads. offline-v3 kept 50,000 (its GPT-4 head's validation kappa 0.742 with all 125,097
  // features, 0.732 with 30,000, 0.739 with 60,000). With the activity block, 30,000, 40,000 and 50,000
  // measured alike on validation (within 0.004 kappa either way), and 30,000 scores faster than offline-v3
  // (full O*NET 29.1 with its activities: about 860 against 940 ms CPU, speed-cli).
  maxFeatures: 30000,
  quantSteps: 2000,
  gpt4KappaFloor: 0.72,
  defaultTarget: 'both',
  // Trained on tasks with their activities only, the GPT-4 head's validation kappa on tasks read without
  // them fell to 0.687 (0.742 for a model without the block); with copies 0.736 without and 0.762 with them
  // (all features, activity weight 1). Dropping activities from a random 30% or 50% of tasks did no better.
  activityCopies: true,
};

interface Prepared {
  /** Position in the task list given to training. */
  index: number;
  text: string;
  normalised: string;
  /** With the task's work activities, when it has any. */
  terms: TermList;
  /** Without them: the same terms when the task has none. */
  plainTerms: TermList;
  occupationCode: string;
  human: number;
  gpt4: number;
  automation: number;
}

function prepare(tasks: readonly TrainingTask[], useActivities: boolean): Prepared[] {
  return tasks.map((t, index) => {
    const plainTerms = extractTerms(t.task, t.title);
    const activities = useActivities ? (t.activities ?? []) : [];
    return {
    index,
    text: t.task,
    normalised: normalisedText(t.task),
    terms: activities.length > 0 ? extractTerms(t.task, t.title, activities) : plainTerms,
    plainTerms,
    occupationCode: t.occupationCode,
    human: EXPOSURE_LEVELS.indexOf(t.human),
    gpt4: EXPOSURE_LEVELS.indexOf(t.exposure),
    automation: AUTOMATION_LEVELS.indexOf(t.automation),
    };
  });
}

/** A row of a design matrix: a task, read with its work activities or without. */
interface Row {
  doc: Prepared;
  withActivities: boolean;
}

const hasActivities = (d: Prepared) => d.terms !== d.plainTerms;

/** Training rows: with `activityCopies`, a task with work activities twice (with and without), else once as it is. */
function trainingRows(docs: readonly Prepared[], config: TrainConfig): Row[] {
  return docs.flatMap((doc) =>
    hasActivities(doc) && config.activityCopies ? [{ doc, withActivities: true }, { doc, withActivities: false }] : [{ doc, withActivities: hasActivities(doc) }],
  );
}

/** Rows that read every task the same way: as a dataset with work activities gives them, or without. */
const evaluationRows = (docs: readonly Prepared[], withActivities: boolean): Row[] => docs.map((doc) => ({ doc, withActivities: withActivities && hasActivities(doc) }));

/** The rows' vectors; each task's context is the other tasks of its occupation among the rows' tasks (always whole occupations). */
function matrix(rows: readonly Row[], vz: Vectorizer): SparseMatrix {
  const docs = [...new Set(rows.map((r) => r.doc))];
  const contexts = contextsFor(docs.map((d) => ({ occupationCode: d.occupationCode, text: d.text })), vz);
  const vectors = rows.map(({ doc: d, withActivities }) =>
    appendContext(vectorize((withActivities ? d.terms : d.plainTerms).terms, vz), contextVector(contexts.get(d.occupationCode), d.text, vz)),
  );
  return toSparseMatrix(vectors, vz.space.vocab.length);
}

const labels = (rows: readonly Row[], head: HeadName) => Int32Array.from(rows, (r) => r.doc[head]);

interface Fitted {
  vz: Vectorizer;
  heads: Record<HeadName, SoftmaxWeights>;
  featuresBeforePruning: number;
}

/**
 * Fits the three heads, keeps the features with the largest pull, and refits on those alone. Refitting (rather
 * than just dropping small weights) keeps training and scoring identical: the L2 norm of a task vector
 * is taken over the features the shipped model knows.
 */
function fitHeads(docs: readonly Prepared[], config: TrainConfig): Fitted {
  const space = buildFeatureSpace(docs, config.vocabulary);
  const rows = trainingRows(docs, config);
  const train = (m: SparseMatrix, head: HeadName) =>
    trainSoftmax(m, labels(rows, head), { classes: CLASSES[head], l2: config.l2[head], maxIterations: config.maxIterations });
  const rounded = (keep: readonly number[]) =>
    makeVectorizer({ vocab: keep.map((f) => space.vocab[f]!), idf: keep.map((f) => Math.round(space.idf[f]! * 1e5) / 1e5), blockWeights: space.blockWeights });
  if (space.vocab.length <= config.maxFeatures) {
    // Nothing to prune (the baseline's small vocabulary): one fit.
    const vz = rounded([...space.vocab.keys()]);
    const x = matrix(rows, vz);
    const heads = Object.fromEntries(HEADS.map((head) => [head, train(x, head)])) as Record<HeadName, SoftmaxWeights>;
    return { vz, heads, featuresBeforePruning: space.vocab.length };
  }
  const x = matrix(rows, makeVectorizer(space));
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
  const pruned = rounded(keep);
  const px = matrix(rows, pruned);
  const heads = Object.fromEntries(HEADS.map((head) => [head, train(px, head)])) as Record<HeadName, SoftmaxWeights>;
  return { vz: pruned, heads, featuresBeforePruning: space.vocab.length };
}

/** Rounds a head for the file; the run-time model is rebuilt from exactly these numbers. */
function storeHead(head: HeadName, model: SoftmaxWeights, temperature: number, activityTemperature: number | undefined, config: TrainConfig): StoredHead {
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
    labels: [...(head === 'automation' ? AUTOMATION_LEVELS : EXPOSURE_LEVELS)],
    l2: config.l2[head],
    temperature: Math.round(temperature * 1e4) / 1e4,
    ...(activityTemperature !== undefined ? { activityTemperature: Math.round(activityTemperature * 1e4) / 1e4 } : {}),
    bias: Array.from(model.bias, (b) => Math.round(b * 1e5) / 1e5),
    featureGaps: kept.map((f, j) => f - (j === 0 ? 0 : kept[j - 1]!)),
    weights,
    scale: Number(scale.toPrecision(8)),
  };
}

/**
 * Splits by occupation and keeps the held-out side clean: a training-side task whose normalised statement
 * also appears under a held-out occupation is dropped from training (the label set repeats some statements
 * under several occupations), so every held-out task is text the model never saw.
 */
function cleanSplit(docs: readonly Prepared[], codes: readonly string[], options: { seed: number; fraction: number }) {
  const split = splitOccupations(codes, options);
  const held = new Set(split.test);
  const heldTexts = new Set(docs.filter((d) => held.has(d.occupationCode)).map((d) => d.normalised));
  const onTrainingSide = docs.filter((d) => !held.has(d.occupationCode));
  const train = onTrainingSide.filter((d) => !heldTexts.has(d.normalised));
  return { split, train, test: docs.filter((d) => held.has(d.occupationCode)), droppedForOverlap: onTrainingSide.length - train.length };
}

function splits(tasks: readonly TrainingTask[], config: TrainConfig) {
  const docs = prepare(tasks, (config.vocabulary.blockWeights.activity ?? 0) > 0);
  const outer = cleanSplit(docs, tasks.map((t) => t.occupationCode), { seed: config.seed, fraction: config.testFraction });
  const inner = cleanSplit(outer.train, outer.split.train, { seed: config.seed + 1, fraction: config.validationFraction });
  return { outer, inner };
}

export interface BlendStep {
  humanWeight: number;
  kappaGpt4: number;
  kappaHuman: number;
}

/** How a dataset gives its tasks: with O*NET work activities (DWAs) or without. */
export type ActivityMode = 'plain' | 'activities';

/** Figures of the inner validation split read one way: temperatures, the blend, and predictions for tuning. */
export interface ModeValidation {
  temperature: Record<HeadName, number>;
  /** Weight on the human head for each target. */
  targets: Record<OfflineTarget, number>;
  /** Validation kappa against each label set at each weight tried, for the record. */
  blendCurve: BlendStep[];
  /** By position in the task list given to training. */
  predictions: { task: number; exposure: Record<OfflineTarget, Exposure>; automation: Automation }[];
}

/** The inner validation split read without work activities, and (for a model with the activity block) with them. */
export interface InnerValidation {
  plain: ModeValidation;
  activities?: ModeValidation;
}

const argmax = (p: ArrayLike<number>) => {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
};

function blended(human: readonly Float64Array[], gpt4: readonly Float64Array[], weight: number): number[] {
  return human.map((h, r) => argmax(Array.from(h, (v, k) => weight * v + (1 - weight) * gpt4[r]![k]!)));
}

/** Temperatures, the blend curve and the targets on validation rows read one way. */
function validateMode(rows: readonly Row[], fit: Fitted, config: TrainConfig, log: (m: string) => void): ModeValidation {
  const valX = matrix(rows, fit.vz);
  const temperature = {} as Record<HeadName, number>;
  const probabilities = {} as Record<HeadName, Float64Array[]>;
  for (const head of HEADS) {
    temperature[head] = fitTemperature(valX, labels(rows, head), fit.heads[head]);
    probabilities[head] = predictProba(valX, fit.heads[head], temperature[head]);
    log(`  ${head}: temperature ${temperature[head].toFixed(3)}`);
  }
  const name = (k: number) => EXPOSURE_LEVELS[k]!;
  const truth = { human: Array.from(labels(rows, 'human'), name), gpt4: Array.from(labels(rows, 'gpt4'), name) };
  const blendCurve: BlendStep[] = [];
  for (let step = 0; step <= 20; step++) {
    const humanWeight = step / 20;
    const predicted = blended(probabilities.human, probabilities.gpt4, humanWeight).map(name);
    blendCurve.push({
      humanWeight,
      kappaGpt4: Math.round(cohensKappa(predicted, truth.gpt4, EXPOSURE_LEVELS) * 1e4) / 1e4,
      kappaHuman: Math.round(cohensKappa(predicted, truth.human, EXPOSURE_LEVELS) * 1e4) / 1e4,
    });
  }
  const within = blendCurve.filter((s) => s.kappaGpt4 >= config.gpt4KappaFloor);
  const both = within.length > 0 ? within[within.length - 1]!.humanWeight : 0;
  for (const s of blendCurve) log(`  human weight ${s.humanWeight.toFixed(2)}: kappa vs GPT-4 ${s.kappaGpt4}, vs human ${s.kappaHuman}`);
  log(`  "both" target: human weight ${both}`);
  const targets: Record<OfflineTarget, number> = { both, human: 1, gpt4: 0 };
  const exposureOf = (weight: number) => blended(probabilities.human, probabilities.gpt4, weight);
  const byTarget = Object.fromEntries(Object.entries(targets).map(([t, w]) => [t, exposureOf(w)])) as Record<OfflineTarget, number[]>;
  return {
    temperature,
    targets,
    blendCurve,
    predictions: rows.map((r, i) => ({
      task: r.doc.index,
      exposure: { both: name(byTarget.both[i]!), human: name(byTarget.human[i]!), gpt4: name(byTarget.gpt4[i]!) },
      automation: AUTOMATION_LEVELS[argmax(probabilities.automation[i]!)]!,
    })),
  };
}

/**
 * Fits on the inner training occupations and calibrates on the validation ones, which the inner model
 * never saw, read without work activities and (with the activity block) with them: each way gets its own
 * temperatures and blend, since a task told by its activities is told more surely. Settings are tuned on
 * these figures alone; the held-out occupations play no part.
 */
export function innerValidation(tasks: readonly TrainingTask[], options: { config?: TrainConfig; log?: (m: string) => void } = {}): InnerValidation {
  const config = options.config ?? DEFAULT_CONFIG;
  const log = options.log ?? (() => {});
  const { inner } = splits(tasks, config);
  log(`inner split: ${inner.train.length} tasks to fit (${inner.droppedForOverlap} dropped for statements shared with validation), ${inner.test.length} to validate`);
  const started = performance.now();
  const fit = fitHeads(inner.train, config);
  log(`  fitted in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  log('validation without work activities:');
  const plain = validateMode(evaluationRows(inner.test, false), fit, config, log);
  if ((config.vocabulary.blockWeights.activity ?? 0) === 0) return { plain };
  log('validation with work activities:');
  return { plain, activities: validateMode(evaluationRows(inner.test, true), fit, config, log) };
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
  const { outer, inner } = splits(tasks, config);
  log(
    `split: ${outer.split.train.length} training occupations (${outer.train.length} tasks; ${outer.droppedForOverlap} dropped ` +
      `for statements a held-out occupation also has), ${outer.split.test.length} held out (${outer.test.length} tasks)`,
  );
  const validation = innerValidation(tasks, { config, log });

  const full = fitHeads(outer.train, config);
  const space = full.vz.space;
  log(`features: ${full.featuresBeforePruning} before pruning, ${space.vocab.length} kept`);
  const heads = {} as Record<HeadName, StoredHead>;
  for (const head of HEADS) heads[head] = storeHead(head, full.heads[head], validation.plain.temperature[head], validation.activities?.temperature[head], config);

  // Features that round to zero in every head are dropped from the vocabulary too; indices are remapped.
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
    formatVersion: 2,
    name: options.name,
    rubricVersion: options.rubricVersion,
    baseYear: options.baseYear,
    features: {
      vocab: keptFeatures.map((f) => space.vocab[f]!).join('\n'),
      idf: keptFeatures.map((f) => space.idf[f]!),
      blockWeights,
    },
    heads,
    targets: validation.plain.targets,
    ...(validation.activities ? { activityTargets: validation.activities.targets } : {}),
    defaultTarget: config.defaultTarget,
    training: {
      trainingTasks: outer.train.length,
      droppedForSharedStatements: outer.droppedForOverlap,
      trainingOccupations: outer.split.train.length,
      validationOccupations: inner.split.test.length,
      featuresBeforePruning: full.featuresBeforePruning,
      validationBlend: validation.plain.blendCurve,
      ...(validation.activities ? { validationBlendWithActivities: validation.activities.blendCurve } : {}),
      tasksWithActivities: outer.train.filter(hasActivities).length,
      config,
    },
    split: {
      seed: config.seed,
      fraction: config.testFraction,
      testOccupations: outer.split.test,
      trainingOccupations: outer.split.train,
      trainingTexts: [...new Set(outer.train.map((d) => textDigest(d.text)))].sort(),
    },
    metrics: {},
  };
  return { file, testOccupations: outer.split.test, seconds: (performance.now() - started) / 1000 };
}
