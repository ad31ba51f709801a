// What is derived from a dataset and the scores stored for it, kept beside the parsed datasets
// (src/data/cache.ts) so a command run again on the same dataset and store reads one file instead of
// reading, keying and matching every stored score.
//
// An entry names the store file, the dataset (its parsedDigest) and what was derived; it holds only while the
// store's scores version (schema.ts: a count of every score row changed, and a token new with each change)
// and the code that derived it are the same. Nothing is cached for a store without a version or a dataset
// without a digest, and with the cache off (`--no-cache`) nothing is read or written.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint, type CacheEntry, type DatasetCache } from '../data/cache.js';
import type { Dataset } from '../data/types.js';
import type { OfflineTarget } from './offline/targets.js';
import type { ScoresVersion } from './store/store.js';
import type { TaskScore } from './types.js';

/** The scoring code (this folder and below): keys, the store's reads and the offline model. */
const SCORE_CODE = path.dirname(fileURLToPath(import.meta.url));

export interface DerivedEntryOptions {
  storeFile: string;
  /** Read before anything the value is made from, so an entry is never stamped newer than what it holds. */
  version: ScoresVersion | undefined;
  dataset: Pick<Dataset, 'parsedDigest'>;
  /** What was derived (a scorer's name, a target). */
  key: readonly string[];
  /** Files the value also depends on (the offline model). */
  sources?: readonly string[];
  /** Code outside src/score that derives the value (a module's import.meta.url path). */
  code?: readonly string[];
}

/** The cache entry for a derived value, or undefined when the store or dataset cannot name one. */
export function derivedEntry(kind: string, options: DerivedEntryOptions): CacheEntry | undefined {
  const { version, dataset } = options;
  if (!version || !dataset.parsedDigest) return undefined;
  const code = codeFingerprint([SCORE_CODE, ...(options.code ?? [])]);
  if (code === null) return undefined;
  return {
    kind,
    key: [path.resolve(options.storeFile), dataset.parsedDigest, ...options.key],
    sources: options.sources ?? [],
    stamp: [`${version.token}:${version.changes}`, code],
  };
}

/**
 * The offline model's stored scores for every task of a dataset, in dataset order, as the store gives them
 * back. Kept by `score` when it knows the store holds every one of them at a version (its own writes counted)
 * and by a results command that found them all; `score` and every results command read it instead of keying
 * the dataset and reading the store.
 */
export interface StoredOfflineScores {
  /** The scorer name ("offline", "offline:human") and the model file's name and rubric version. */
  scorer: string;
  model: { name: string; rubricVersion: string };
  target: OfflineTarget;
  scores: TaskScore[];
}

export const STORED_OFFLINE_KIND = 'offline-scores';

/** The entry for one target of the model (undefined: the model's default target) over a dataset in a store. */
export function storedOfflineEntry(options: Omit<DerivedEntryOptions, 'key' | 'sources'> & { target: OfflineTarget | undefined; modelPath: string }): CacheEntry | undefined {
  return derivedEntry(STORED_OFFLINE_KIND, { ...options, key: [options.target ?? 'default'], sources: [options.modelPath] });
}

/** The kept scores when they are whole for this dataset: one score per task. */
export function readWhole(cache: DatasetCache, entry: CacheEntry, dataset: Pick<Dataset, 'tasks'>): StoredOfflineScores | undefined {
  const kept = cache.read<Omit<StoredOfflineScores, 'scores'> & { scores: PackedScores }>(entry);
  const scores = unpackScores(kept?.scores);
  return kept && scores && scores.length === dataset.tasks.length ? { ...kept, scores } : undefined;
}

export function writeWhole(cache: DatasetCache, entry: CacheEntry, value: StoredOfflineScores): void {
  cache.write(entry, { ...value, scores: packScores(value.scores) });
}

/** How a value is kept: as it is, or in another form (score lists packed). */
interface KeptForm<T> {
  keep: (value: T) => unknown;
  /** The value back, or undefined for anything that is not one. */
  restore: (kept: unknown) => T | undefined;
}

function asIs<T>(): KeptForm<T> {
  return { keep: (value) => value, restore: (value) => value as T | undefined };
}

/** A value derived from the store: read from the entry while it holds, else made now and kept. */
export function kept<T>(cache: DatasetCache, entry: CacheEntry | undefined, make: () => T, form: KeptForm<T> = asIs<T>()): T {
  if (!entry) return make();
  const found = form.restore(cache.read(entry));
  if (found !== undefined) return found;
  const made = make();
  cache.write(entry, form.keep(made));
  return made;
}

/** The same for a list of scores, kept packed. */
export function keptScores(cache: DatasetCache, entry: CacheEntry | undefined, make: () => TaskScore[]): TaskScore[] {
  return kept(cache, entry, make, { keep: packScores, restore: (value) => unpackScores(value as PackedScores | undefined) });
}

/**
 * Every field of a TaskScore and its place in the order the store's reads give them (what a packed list
 * unpacks to). A Record, so a field added to TaskScore and not placed here does not compile (it would be lost
 * on the way through the cache).
 */
const FIELD_PLACE: Record<keyof TaskScore, number> = {
  taskId: 0, occupationCode: 1, exposure: 2, scorer: 3, automation: 4, mode: 5, horizon: 6, duration: 7, confidence: 8, rationale: 9, model: 10, rubricVersion: 11,
};
const SCORE_FIELDS = (Object.keys(FIELD_PLACE) as (keyof TaskScore)[]).sort((a, b) => FIELD_PLACE[a] - FIELD_PLACE[b]);

/** A field's values: one value every score shares (or none has), or one per score (null where absent). */
type PackedField = { all: unknown } | { each: unknown[] };

/**
 * Scores as the cache keeps them: one column per field, and a field the whole list shares (the scorer, the
 * model, the rubric) once. About half the bytes of a list of objects, so read, checked and parsed in half the time.
 */
export interface PackedScores {
  count: number;
  fields: Partial<Record<keyof TaskScore, PackedField>>;
}

export function packScores(scores: readonly TaskScore[]): PackedScores {
  const fields: PackedScores['fields'] = {};
  for (const field of SCORE_FIELDS) {
    const values = scores.map((score) => score[field] ?? null);
    if (values.every((value) => value === null)) continue;
    fields[field] = values.every((value) => value === values[0]) ? { all: values[0] } : { each: values };
  }
  return { count: scores.length, fields };
}

/** The scores packScores was given, field for field; undefined for anything that is not such a list. */
export function unpackScores(packed: PackedScores | undefined): TaskScore[] | undefined {
  if (!packed || !Number.isSafeInteger(packed.count) || typeof packed.fields !== 'object' || packed.fields === null) return undefined;
  const columns: { field: keyof TaskScore; all?: unknown; each?: unknown[] }[] = [];
  for (const field of SCORE_FIELDS) {
    const column = packed.fields[field];
    if (column === undefined) continue;
    if ('each' in column && (!Array.isArray(column.each) || column.each.length !== packed.count)) return undefined;
    columns.push({ field, ...column });
  }
  const scores: TaskScore[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const score: Record<string, unknown> = {};
    for (const column of columns) {
      const value = column.each ? column.each[i] : column.all;
      if (value !== null) score[column.field] = value;
    }
    scores[i] = score as unknown as TaskScore;
  }
  return scores;
}
