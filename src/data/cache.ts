// The parsed-dataset cache: what the loaders made of a source (an O*NET release, a task table, an OEWS
// file, a dataset joined to employment), kept as one file in the user cache folder so a second run reads
// that file instead of parsing text and xlsx again.
//
// An entry is found by what was asked for (its kind and the paths given) and trusted only while every
// source file it was built from has the same size, modification time and content hash, while its stamp
// (what it depends on that is not a file, such as the score store's state) is the same, and while the
// code that made it is the same; otherwise it is rebuilt. Each file is a header line (JSON: format version,
// loader fingerprint, sources, payload length and SHA-256) and the payload (JSON). A truncated, garbled or
// foreign file fails those checks and is rebuilt. Files are written under a temporary name and renamed,
// so a concurrent run sees the old entry or the new one, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFolder } from '../folders.js';
import { cacheDisabled } from './cache-switch.js';
import { appPaths } from './paths.js';

export const CACHE_FORMAT = 'ai-frontier parsed dataset';
/** Bumped when the file layout changes; the loaders' own changes are caught by the fingerprint. */
export const CACHE_FORMAT_VERSION = 2;
/** The cache's folder inside the user cache folder (downloads live beside it). */
export const PARSED_FOLDER = 'parsed';

export interface SourceIdentity {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Header {
  format: string;
  version: number;
  loader: string;
  kind: string;
  key: string[];
  sources: SourceIdentity[];
  stamp: string[];
  payloadBytes: number;
  payloadSha256: string;
}

export interface CacheEntry {
  /** What the entry holds: 'onet', 'table', 'oews', 'join'. */
  kind: string;
  /** What was asked for (resolved paths): names the entry's file, so different sources never share one. */
  key: readonly string[];
  /** Every file the value is built from; an empty list (a missing source) is never cached unless stamped. */
  sources: readonly string[];
  /**
   * What else the value depends on, as strings that change whenever it does (a store's state, a digest of
   * other entries, the code that derives the value); the entry is trusted only while they are the same.
   * Values derived from the loaders' output give the code that derives them here (`codeFingerprint`).
   */
  stamp?: readonly string[];
}

export type CacheOutcome = 'hit' | 'built' | 'off';

export interface DatasetCache {
  readonly dir: string;
  /** The cached value when every source is unchanged, else `build()`'s, which is then stored. */
  get<T>(entry: CacheEntry, build: () => Promise<T>): Promise<T>;
  /**
   * The same, with the SHA-256 of the value as the cache holds it (its JSON): a name for its content that
   * entries derived from it can be stamped with. No digest when the cache is off.
   */
  getWithDigest<T>(entry: CacheEntry, build: () => Promise<T>): Promise<{ value: T; digest?: string }>;
  /** The cached value if it still holds, without building one. */
  read<T>(entry: CacheEntry): T | undefined;
  /** Stores a value made elsewhere (when the cache is on). */
  write(entry: CacheEntry, value: unknown): void;
  /** How each entry asked for through this cache was served, in the order they finished (what tests check). */
  readonly outcomes: { kind: string; outcome: CacheOutcome }[];
}

export function parsedCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(appPaths(env).cache, PARSED_FOLDER);
}

/** The cache under AI_FRONTIER_HOME or the user cache folder, or one that only builds when disabled. */
export function datasetCache(env: NodeJS.ProcessEnv): DatasetCache {
  return cacheAt(parsedCacheDir(env), { enabled: !cacheDisabled(env) });
}

export function cacheAt(dir: string, options: { enabled: boolean }): DatasetCache {
  const outcomes: DatasetCache['outcomes'] = [];
  type Lookup = { file: string; entry: CacheEntry & { loader: string }; sources: SourceIdentity[] | undefined };
  // Where the entry lives and what it must match, or null when it is not to be cached.
  const lookup = (entry: CacheEntry): Lookup | null => {
    const loader = options.enabled && (entry.sources.length > 0 || entry.stamp !== undefined) ? loaderFingerprint() : null;
    if (loader === null) return null;
    return { file: path.join(dir, entryFileName(entry)), entry: { ...entry, loader }, sources: identify(entry.sources) };
  };
  const hit = (found: Lookup): { value: unknown; digest: string } | undefined => {
    const cached = found.sources ? readEntry(found.file, found.entry, found.sources) : undefined;
    if (cached !== undefined) outcomes.push({ kind: found.entry.kind, outcome: 'hit' });
    return cached;
  };
  const store = (found: Lookup, value: unknown): string => {
    // A source that vanished or could not be read while identifying it is left to the loader to report.
    const digest = found.sources ? writeEntry(found.file, found.entry, found.sources, value) : payloadOf(value).digest;
    outcomes.push({ kind: found.entry.kind, outcome: 'built' });
    return digest;
  };
  const off = (entry: CacheEntry) => outcomes.push({ kind: entry.kind, outcome: 'off' });
  const cache: DatasetCache = {
    dir,
    outcomes,
    async getWithDigest<T>(entry: CacheEntry, build: () => Promise<T>) {
      const found = lookup(entry);
      if (!found) {
        off(entry);
        return { value: await build() };
      }
      const cached = hit(found);
      if (cached) return { value: cached.value as T, digest: cached.digest };
      const value = await build();
      return { value, digest: store(found, value) };
    },
    async get<T>(entry: CacheEntry, build: () => Promise<T>): Promise<T> {
      return (await cache.getWithDigest(entry, build)).value;
    },
    read<T>(entry: CacheEntry): T | undefined {
      const found = lookup(entry);
      return found ? (hit(found)?.value as T | undefined) : undefined;
    },
    write(entry: CacheEntry, value: unknown): void {
      const found = lookup(entry);
      if (found) store(found, value);
    },
  };
  return cache;
}

/** Removes every cached dataset (and any temporary file a killed run left). */
export function clearCache(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { files, bytes };
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      bytes += statSync(file).size;
      rmSync(file, { force: true });
      if (name.endsWith('.json')) files += 1;
    } catch {
      // Removed by a concurrent clear: nothing left to do.
    }
  }
  return { files, bytes };
}

function entryFileName(entry: CacheEntry): string {
  const digest = createHash('sha256').update(JSON.stringify([entry.kind, ...entry.key])).digest('hex').slice(0, 24);
  return `${entry.kind}-${digest}.json`;
}

function identify(files: readonly string[]): SourceIdentity[] | undefined {
  try {
    return files.map((file) => {
      const bytes = readFileSync(file);
      const stat = statSync(file);
      return { path: file, size: stat.size, mtimeMs: stat.mtimeMs, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  } catch {
    return undefined;
  }
}

function sameSources(a: readonly SourceIdentity[], b: readonly SourceIdentity[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.path === b[i]!.path && s.size === b[i]!.size && s.mtimeMs === b[i]!.mtimeMs && s.sha256 === b[i]!.sha256)
  );
}

/** The payload (and its digest) when the file is whole, of this format and code, built from these very sources and stamp. */
function readEntry(file: string, entry: CacheEntry & { loader: string }, sources: readonly SourceIdentity[]): { value: unknown; digest: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (
    header?.format !== CACHE_FORMAT ||
    header.version !== CACHE_FORMAT_VERSION ||
    header.loader !== entry.loader ||
    header.kind !== entry.kind ||
    JSON.stringify(header.key) !== JSON.stringify(entry.key) ||
    JSON.stringify(header.stamp) !== JSON.stringify(entry.stamp ?? []) ||
    !Array.isArray(header.sources) ||
    !sameSources(header.sources, sources)
  ) {
    return undefined;
  }
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== header.payloadBytes) return undefined;
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) return undefined;
  try {
    return { value: JSON.parse(payload.toString('utf8')), digest: header.payloadSha256 };
  } catch {
    return undefined;
  }
}

function payloadOf(value: unknown): { bytes: Buffer; digest: string } {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  return { bytes, digest: createHash('sha256').update(bytes).digest('hex') };
}

/** Stores the value (when the cache folder can be written) and returns its digest. */
function writeEntry(file: string, entry: CacheEntry & { loader: string }, sources: SourceIdentity[], value: unknown): string {
  const { bytes: payload, digest } = payloadOf(value);
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_FORMAT_VERSION,
    loader: entry.loader,
    kind: entry.kind,
    key: [...entry.key],
    sources,
    stamp: [...(entry.stamp ?? [])],
    payloadBytes: payload.length,
    payloadSha256: digest,
  };
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // One level at a time: Node's recursive mkdir spins for ever under /proc or /sys (see folders.ts).
    makeFolder(path.dirname(file));
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), payload]));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written (read-only or full disk) only costs the next run a parse.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Not even removable: a stray .tmp file, which `datasets cache clear` removes.
    }
  }
  return digest;
}

/**
 * A digest of the data loaders' own code (this folder's modules): a new version of the tool, or any change
 * to how a source is parsed or joined, stops old entries from matching without anyone bumping a number.
 * null when the folder cannot be read, and then nothing is cached.
 */
export function loaderFingerprint(): string | null {
  return codeFingerprint([path.dirname(fileURLToPath(import.meta.url))]);
}

/** Fingerprints made in this process, by the places they cover: the code does not change while it runs. */
const fingerprints = new Map<string, string | null>();

/**
 * A digest of the modules in these folders (and their subfolders) or files: what a derived entry puts in its
 * stamp so that a change to the code deriving it stops old entries from matching. null when one cannot be read.
 */
export function codeFingerprint(places: readonly string[]): string | null {
  const id = places.join('\0');
  if (!fingerprints.has(id)) fingerprints.set(id, digestOfCode(places));
  return fingerprints.get(id)!;
}

function digestOfCode(places: readonly string[]): string | null {
  const hash = createHash('sha256');
  const add = (place: string): void => {
    if (statSync(place).isFile()) {
      hash.update(`${place}\0`).update(readFileSync(place));
      return;
    }
    for (const entry of readdirSync(place, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory() || /\.(js|ts)$/.test(entry.name)) add(path.join(place, entry.name));
    }
  };
  try {
    for (const place of places) add(place);
    return hash.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}
