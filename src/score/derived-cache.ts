// What is derived from a dataset and the scores stored for it, kept beside the parsed datasets
// (src/data/cache.ts) so a command run again on the same dataset and store reads one file instead of
// reading, keying and matching every stored score.
//
// An entry names the store file, the dataset (its parsedDigest) and what was derived; it holds only while the
// store's scores version (schema.ts: a count of every score row changed, and a token new with each change)
// and the code that derived it are the same. Nothing is cached for a store without a version or a dataset without a digest
// (the cache turned off), and with the cache off (`--no-cache`) nothing is read or written.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint, type CacheEntry } from '../data/cache.js';
import type { Dataset } from '../data/types.js';
import type { OfflineTarget } from './offline/targets.js';
import type { ScoresVersion } from './store/store.js';
import type { TaskScore } from './types.js';

/** The scoring code (this folder and below): keys, the store's reads and the offline model. */
const SCORE_CODE = path.dirname(fileURLToPath(import.meta.url));

const fingerprints = new Map<string, string | null>();

function fingerprintOf(places: readonly string[]): string | null {
  const id = places.join('\0');
  if (!fingerprints.has(id)) fingerprints.set(id, codeFingerprint(places));
  return fingerprints.get(id)!;
}

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
  const code = fingerprintOf([SCORE_CODE, ...(options.code ?? [])]);
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

/** The stored value when it is whole for this dataset: one score per task. */
export function wholeFor(value: StoredOfflineScores | undefined, dataset: Pick<Dataset, 'tasks'>): StoredOfflineScores | undefined {
  return value && Array.isArray(value.scores) && value.scores.length === dataset.tasks.length ? value : undefined;
}
