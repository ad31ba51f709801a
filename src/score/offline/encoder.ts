// The scoring-time twin of `vectorize(extractTerms(text, title).terms)`: the same tf-idf vector, built
// without naming every n-gram. A word's unigram and character n-gram features are looked up once and
// cached, bigrams are found through a table keyed by their first word, titles are cached whole (every
// task of an occupation repeats its title), and term counts go into a reusable typed array. The vector's
// features come out ascending and every value is computed by the same expressions in the same order as
// training does, so scores match the training-time arithmetic bit for bit.

import { activityTerms, blockOf, BLOCKS, tokenize, type FeatureSpace, type TaskActivity } from './features.js';

/** A task word's known features, and the bigrams it can start. */
export interface WordEntry {
  word: string;
  /** How rationales name it: "'draft'". */
  name: string;
  /** Unigram and character n-gram features of the word, in term order. */
  features: Int32Array;
  /** The word's number as the second word of a bigram in the vocabulary, -1 when it is none. */
  second: number;
  /** Second word's number -> bigram feature, for bigrams in the vocabulary that start with this word. */
  next: Map<number, number> | undefined;
  /** Feature of the word as a task's first word ("v:prepare"), -1 when the vocabulary has none. */
  lead: number;
}

export interface TitleEntry {
  words: string[];
  /** How rationales name each word: "title 'editors'". */
  names: string[];
  /** Feature of each title word, -1 when the vocabulary does not know it. */
  features: Int32Array;
}

export interface Encoder {
  index: Map<string, number>;
  idf: Float64Array;
  /** Block of each feature as its position in BLOCKS. */
  block: Uint8Array;
  /** Block weights in BLOCKS order. */
  blockWeight: Float64Array;
  /** First word -> (second word's number -> bigram feature), and the numbers of second words. */
  bigrams: Map<string, Map<number, number>>;
  seconds: Map<string, number>;
  words: Map<string, WordEntry>;
  titles: Map<string, TitleEntry>;
  /** Work activity (ID and title) -> its known features (ID, intermediate activity, title words), in term order. */
  activities: Map<string, Int32Array>;
  /** Scratch: term count per feature, all zero between tasks. */
  count: Int32Array;
  /** Scratch: one bit per feature touched by the task being encoded, all zero between tasks. Reading
   * the set bits in order lists the task's features ascending without sorting them. */
  marks: Uint32Array;
  /** Scratch: one bit per word of `marks` that is not zero, so reading skips the empty stretches. */
  summary: Uint32Array;
  /** Scratch for callers that need a number per feature of one task (the rationale's pulls); never cleared. */
  perFeature: Float64Array;
}

export interface EncodedTask {
  /** Features ascending, their weighted tf-idf values, and how many terms of the task each came from
   * (`counts` stops before any occupation-context features appended after the task's own).
   * Plain arrays: small typed arrays cost more to allocate than they save here. */
  indices: number[];
  values: number[];
  counts: number[];
  words: WordEntry[];
  /** Feature of the bigram starting at each word, -1 when unknown. */
  bigrams: Int32Array;
  /** Feature of the first word as the lead word, -1 when unknown. */
  lead: number;
  title: TitleEntry;
  /** True when some work activity of the task is known to the model (its vector has activity features). */
  withActivities: boolean;
}

// Bounds the word and title caches when one process scores very many distinct words; the vocabulary's
// own words come back on the next miss.
const CACHE_LIMIT = 200_000;

/** 1 + log(tf) for small term counts, the same numbers Math.log gives. */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, c) => 1 + Math.log(c));

export function makeEncoder(space: FeatureSpace, index: Map<string, number>): Encoder {
  const n = space.vocab.length;
  const block = new Uint8Array(n);
  const bigrams = new Map<string, Map<number, number>>();
  const seconds = new Map<string, number>();
  space.vocab.forEach((name, f) => {
    const kind = name.charCodeAt(0);
    // Block by position in BLOCKS (see blockOf). Context features are never touched here: context.ts
    // builds them from the occupation's other tasks.
    block[f] = BLOCKS.indexOf(blockOf(name));
    if (kind === 98) {
      const space = name.indexOf(' ', 2);
      const first = name.slice(2, space);
      let next = bigrams.get(first);
      if (!next) bigrams.set(first, (next = new Map()));
      const second = name.slice(space + 1);
      let id = seconds.get(second);
      if (id === undefined) seconds.set(second, (id = seconds.size));
      next.set(id, f);
    }
  });
  return {
    index,
    idf: Float64Array.from(space.idf),
    block,
    blockWeight: Float64Array.from(BLOCKS, (b) => space.blockWeights[b] ?? 0),
    bigrams,
    seconds,
    words: new Map(),
    titles: new Map(),
    activities: new Map(),
    count: new Int32Array(n),
    marks: new Uint32Array(Math.ceil(n / 32)),
    summary: new Uint32Array(Math.ceil(n / 1024)),
    perFeature: new Float64Array(n),
  };
}

function wordEntry(encoder: Encoder, word: string): WordEntry {
  const cached = encoder.words.get(word);
  if (cached) return cached;
  // The terms extractTerms gives a one-word text, in its order: the unigram, then character 3..5-grams.
  const found: number[] = [];
  const push = (f: number | undefined) => f !== undefined && found.push(f);
  push(encoder.index.get(`w:${word}`));
  const padded = ` ${word} `;
  for (let n = 3; n <= 5; n++) for (let s = 0; s + n <= padded.length; s++) push(encoder.index.get(`c:${padded.slice(s, s + n)}`));
  const entry: WordEntry = { word, name: `'${word}'`, features: Int32Array.from(found),
    second: encoder.seconds.get(word) ?? -1,
    next: encoder.bigrams.get(word),
    lead: encoder.index.get(`v:${word}`) ?? -1,
  };
  encoder.words.set(word, entry);
  return entry;
}

function titleEntry(encoder: Encoder, title: string): TitleEntry {
  const cached = encoder.titles.get(title);
  if (cached) return cached;
  const words = tokenize(title);
  const entry: TitleEntry = { words, names: words.map((w) => `title '${w}'`), features: Int32Array.from(words, (w) => encoder.index.get(`t:${w}`) ?? -1) };
  encoder.titles.set(title, entry);
  return entry;
}

function activityFeatures(encoder: Encoder, activity: TaskActivity): Int32Array {
  const key = `${activity.id}\n${activity.title}`;
  const cached = encoder.activities.get(key);
  if (cached) return cached;
  const found: number[] = [];
  for (const name of activityTerms(activity)) {
    const f = encoder.index.get(name);
    if (f !== undefined) found.push(f);
  }
  const features = Int32Array.from(found);
  encoder.activities.set(key, features);
  return features;
}

/** Counts one term of feature f; 1 when it is the task's first of that feature. */
function touch(encoder: Encoder, f: number): number {
  const { count, marks, summary } = encoder;
  const c = count[f]!;
  count[f] = c + 1;
  if (c !== 0) return 0;
  marks[f >>> 5] = marks[f >>> 5]! | (1 << (f & 31));
  summary[f >>> 10] = summary[f >>> 10]! | (1 << ((f >>> 5) & 31));
  return 1;
}

/** The features marked by `touch`, ascending; clears the marks. */
function takeMarked(encoder: Encoder, n: number): number[] {
  const { marks, summary } = encoder;
  const out = new Array<number>(n);
  let k = 0;
  for (let s = 0; k < n; s++) {
    let words = summary[s]!;
    summary[s] = 0;
    while (words !== 0) {
      const lowWord = words & -words;
      words ^= lowWord;
      const w = (s << 5) | (31 - Math.clz32(lowWord));
      let bits = marks[w]!;
      marks[w] = 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        out[k++] = (w << 5) | (31 - Math.clz32(low));
      }
    }
  }
  return out;
}

/** `activities`: the task's work activities (DWAs), when its dataset links them; an activity is cached by ID and title. */
export function encodeTask(encoder: Encoder, text: string, title: string, activities: readonly TaskActivity[] = []): EncodedTask {
  // Caches are only cleared between tasks, so within one task a word always maps to one entry.
  if (encoder.words.size > CACHE_LIMIT) encoder.words.clear();
  if (encoder.titles.size > CACHE_LIMIT) encoder.titles.clear();
  if (encoder.activities.size > CACHE_LIMIT) encoder.activities.clear();
  const { count } = encoder;
  // Distinct features so far.
  let n = 0;
  const tokens = tokenize(text);
  const words = tokens.map((w) => wordEntry(encoder, w));
  const bigrams = new Int32Array(words.length).fill(-1);
  for (let i = 0; i < words.length; i++) {
    const { features, next } = words[i]!;
    for (let j = 0; j < features.length; j++) {
      const f = features[j]!;
      n += touch(encoder, f);
    }
    const f = i + 1 < words.length && next ? next.get(words[i + 1]!.second) : undefined;
    if (f !== undefined) {
      bigrams[i] = f;
      n += touch(encoder, f);
    }
  }
  const lead = words.length > 0 ? words[0]!.lead : -1;
  if (lead >= 0) n += touch(encoder, lead);
  const titled = titleEntry(encoder, title);
  for (let j = 0; j < titled.features.length; j++) {
    const f = titled.features[j]!;
    if (f >= 0) n += touch(encoder, f);
  }
  let withActivities = false;
  for (let a = 0; a < activities.length; a++) {
    const features = activityFeatures(encoder, activities[a]!);
    for (let j = 0; j < features.length; j++) n += touch(encoder, features[j]!);
    if (features.length > 0) withActivities = true;
  }

  const indices = takeMarked(encoder, n);
  const values = new Array<number>(n);
  const counts = new Array<number>(n);
  // Sublinear tf times idf, each block L2-normalised then weighted (as `weigh` in features.ts).
  const norms = [0, 0, 0, 0, 0];
  for (let k = 0; k < n; k++) {
    const f = indices[k]!;
    counts[k] = count[f]!;
    count[f] = 0;
    const v = (counts[k]! < SUBLINEAR.length ? SUBLINEAR[counts[k]!]! : 1 + Math.log(counts[k]!)) * encoder.idf[f]!;
    values[k] = v;
    norms[encoder.block[f]!]! += v ** 2;
  }
  const root = [Math.sqrt(norms[0]!), Math.sqrt(norms[1]!), Math.sqrt(norms[2]!), Math.sqrt(norms[3]!), Math.sqrt(norms[4]!)];
  for (let k = 0; k < n; k++) {
    const b = encoder.block[indices[k]!]!;
    values[k] = (values[k]! / root[b]!) * encoder.blockWeight[b]!;
  }
  return { indices, values, counts, words, bigrams, lead, title: titled, withActivities };
}
