// Turns a task statement and its occupation title into a sparse feature vector: word 1-2 grams and
// character 3-5 grams of the task text, and the title's words (prefixed, so "manager" in a title and
// in a task are different features). Sublinear tf times idf, each block L2-normalised and then weighted,
// so no block dominates by its sheer number of features. A fourth block, the occupation context, holds the
// mean word vector of the other tasks of the task's occupation (see context.ts): GPT-4 labelled a task
// knowing the job, and a job is told far better by its other tasks than by its title. A fifth, the work
// activities, holds the task's O*NET Detailed Work Activities when the dataset links them (Tasks to
// DWAs.txt): each activity's ID, its Intermediate Work Activity (the ID's stem) and its title's words.
// The human annotators of the label set labelled work activities, and an activity is shared by many
// occupations, so it tells a held-out occupation's task by what the same activity scored elsewhere.

export type Block = 'word' | 'char' | 'title' | 'context' | 'activity';
export const BLOCKS: readonly Block[] = ['word', 'char', 'title', 'context', 'activity'];

/** A Detailed Work Activity linked to a task: "4.A.2.a.4.I09.D03", "Analyze data to inform operational decisions." */
export interface TaskActivity {
  id: string;
  title: string;
}

export interface FeatureSpace {
  /** Feature names: "w:draft", "b:draft reports", "c:raf", "t:editors", "x:draft" (context), and for work
   * activities "d:4.A.2.a.4.I09.D03" (the activity), "i:4.A.2.a.4.I09" (its intermediate activity), "g:analyze" (a title word). */
  vocab: string[];
  idf: number[];
  /** `context` and `activity` are absent in models trained without them, which then have no "x:" or "d:" / "i:" / "g:" features. */
  blockWeights: Record<Block, number>;
}

/** One occurrence of a term, with the task words it came from (for rationales). */
export interface Term {
  name: string;
  block: Block;
  /** Indices into `words`; empty for title and activity terms. */
  from: number[];
}

export interface TermList {
  words: string[];
  titleWords: string[];
  terms: Term[];
}

const WORD = /[a-z0-9]+/g;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

const ACTIVITY_PREFIXES = new Set(['d', 'i', 'g']);

export function blockOf(name: string): Block {
  if (name.charCodeAt(1) === 58 && ACTIVITY_PREFIXES.has(name[0]!)) return 'activity';
  return name.startsWith('t:') ? 'title' : name.startsWith('c:') ? 'char' : name.startsWith('x:') ? 'context' : 'word';
}

/** The Intermediate Work Activity of a DWA ID: the ID without its ".Dnn" suffix. */
export function intermediateActivity(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? id.slice(0, dot) : id;
}

/** The terms of one work activity, in a fixed order: its ID, its intermediate activity, its title's words. */
export function activityTerms(activity: TaskActivity): string[] {
  return [`d:${activity.id}`, `i:${intermediateActivity(activity.id)}`, ...tokenize(activity.title).map((w) => `g:${w}`)];
}

/** Every term occurrence of a task, in a fixed order (so vectors, and rationales, are deterministic). */
export function extractTerms(text: string, title: string, activities: readonly TaskActivity[] = []): TermList {
  const words = tokenize(text);
  const titleWords = tokenize(title);
  const terms: Term[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    terms.push({ name: `w:${w}`, block: 'word', from: [i] });
    if (i + 1 < words.length) terms.push({ name: `b:${w} ${words[i + 1]}`, block: 'word', from: [i, i + 1] });
    // Character n-grams inside word boundaries catch inflections and compounds ("analy" in analyse/analysis).
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) terms.push({ name: `c:${padded.slice(s, s + n)}`, block: 'char', from: [i] });
    }
  }
  // The leading verb ("Prepare", "Operate", "Install") says what kind of work the statement is; only kept
  // when the vocabulary options ask for it.
  if (words.length > 0) terms.push({ name: `v:${words[0]}`, block: 'word', from: [0] });
  for (const w of titleWords) terms.push({ name: `t:${w}`, block: 'title', from: [] });
  for (const activity of activities) for (const name of activityTerms(activity)) terms.push({ name, block: 'activity', from: [] });
  return { words, titleWords, terms };
}

export interface SparseVector {
  indices: number[];
  values: number[];
}

/** A feature space ready for lookups: name -> index and each feature's block. */
export interface Vectorizer {
  space: FeatureSpace;
  index: Map<string, number>;
  blocks: Block[];
  /** Word -> its context feature ("x:word"), so building contexts names no strings. */
  context: Map<string, number>;
}

export function makeVectorizer(space: FeatureSpace): Vectorizer {
  const context = new Map<string, number>();
  space.vocab.forEach((name, i) => name.startsWith('x:') && context.set(name.slice(2), i));
  return { space, index: new Map(space.vocab.map((name, i) => [name, i])), blocks: space.vocab.map(blockOf), context };
}

/** Sublinear tf times idf, each block L2-normalised then weighted; features ascending. */
function weigh(counts: Map<number, number>, vz: Vectorizer): SparseVector {
  const indices = Array.from(counts.keys()).sort((a, b) => a - b);
  const values = new Array<number>(indices.length);
  const norms: Record<Block, number> = { word: 0, char: 0, title: 0, context: 0, activity: 0 };
  for (let k = 0; k < indices.length; k++) {
    const f = indices[k]!;
    const v = (1 + Math.log(counts.get(f)!)) * vz.space.idf[f]!;
    values[k] = v;
    norms[vz.blocks[f]!] += v ** 2;
  }
  const root: Record<Block, number> = {
    word: Math.sqrt(norms.word),
    char: Math.sqrt(norms.char),
    title: Math.sqrt(norms.title),
    context: Math.sqrt(norms.context),
    activity: Math.sqrt(norms.activity),
  };
  for (let k = 0; k < indices.length; k++) {
    const block = vz.blocks[indices[k]!]!;
    values[k] = (values[k]! / root[block]) * vz.space.blockWeights[block];
  }
  return { indices, values };
}

function add(counts: Map<number, number>, f: number | undefined): void {
  if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
}

/** The weighted tf-idf vector of a term list (training; scoring builds the same vector in encoder.ts). Terms outside the vocabulary are dropped. */
export function vectorize(terms: readonly Term[], vz: Vectorizer): SparseVector {
  const counts = new Map<number, number>();
  for (const term of terms) add(counts, vz.index.get(term.name));
  return weigh(counts, vz);
}

export interface VocabularyOptions {
  /** Least number of training tasks a task-text term must appear in. */
  minDf: Record<'word' | 'char', number>;
  /** Least number of training occupations a title word must appear in: rarer ones only name one occupation. */
  minTitleOccupations: number;
  blockWeights: Record<Block, number>;
  /** Keep the task's first word as a feature of its own ("v:prepare"), in the word block. */
  leadWord?: boolean;
}

/** Builds the vocabulary and idf from training tasks (document frequency counted per task). */
export function buildFeatureSpace(
  docs: readonly { terms: TermList; occupationCode: string }[],
  options: VocabularyOptions,
): FeatureSpace {
  const df = new Map<string, number>();
  const titleOccupations = new Map<string, Set<string>>();
  for (const doc of docs) {
    for (const name of new Set(doc.terms.terms.map((t) => t.name))) {
      df.set(name, (df.get(name) ?? 0) + 1);
      if (name.startsWith('t:')) {
        const set = titleOccupations.get(name) ?? new Set<string>();
        set.add(doc.occupationCode);
        titleOccupations.set(name, set);
      }
    }
  }
  const vocab = [...df.keys()]
    .filter((name) => {
      const block = blockOf(name);
      if (name.startsWith('v:') && !options.leadWord) return false;
      if (block === 'title') return titleOccupations.get(name)!.size >= options.minTitleOccupations;
      if (block === 'activity') return (options.blockWeights.activity ?? 0) > 0;
      return df.get(name)! >= options.minDf[block as 'word' | 'char'];
    })
    .sort();
  // Every task-word unigram is also a context feature, with the same document frequency.
  if ((options.blockWeights.context ?? 0) > 0) {
    for (const name of vocab.filter((v) => v.startsWith('w:'))) df.set(`x:${name.slice(2)}`, df.get(name)!);
    vocab.push(...vocab.filter((v) => v.startsWith('w:')).map((v) => `x:${v.slice(2)}`));
    vocab.sort();
  }
  const n = docs.length;
  // sklearn's smooth idf, so results are comparable with the usual TF-IDF baseline.
  const idf = vocab.map((name) => Math.log((1 + n) / (1 + df.get(name)!)) + 1);
  return { vocab, idf, blockWeights: options.blockWeights };
}
