// The parsed-dataset cache: what the loaders made of a source (an O*NET release, a task table, an OEWS
// file, a dataset joined to employment), kept as one file in the user cache folder so a second run reads
// that file instead of parsing text and xlsx again.
//
// An entry is found by what was asked for (its kind and the paths given) and trusted only while every
// source file it was built from has the same size, modification time and content hash, and while the
// loaders are the same code; otherwise it is rebuilt. Each file is a header line (JSON: format version,
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
export const CACHE_FORMAT_VERSION = 1;
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
  payloadBytes: number;
  payloadSha256: string;
}

export interface CacheEntry {
  /** What the entry holds: 'onet', 'table', 'oews', 'join'. */
  kind: string;
  /** What was asked for (resolved paths): names the entry's file, so different sources never share one. */
  key: readonly string[];
  /** Every file the value is built from; an empty list (a missing source) is never cached. */
  sources: readonly string[];
}

export type CacheOutcome = 'hit' | 'built' | 'off';

export interface DatasetCache {
  readonly dir: string;
  /** The cached value when every source is unchanged, else `build()`'s, which is then stored. */
  get<T>(entry: CacheEntry, build: () => Promise<T>): Promise<T>;
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
  return {
    dir,
    outcomes,
    async get<T>(entry: CacheEntry, build: () => Promise<T>): Promise<T> {
      const loader = options.enabled && entry.sources.length > 0 ? loaderFingerprint() : null;
      if (loader === null) {
        outcomes.push({ kind: entry.kind, outcome: 'off' });
        return build();
      }
      const file = path.join(dir, entryFileName(entry));
      const sources = identify(entry.sources);
      if (sources) {
        const cached = readEntry(file, { ...entry, loader }, sources);
        if (cached !== undefined) {
          outcomes.push({ kind: entry.kind, outcome: 'hit' });
          return cached as T;
        }
      }
      const value = await build();
      // A source that vanished or could not be read while identifying it is left to the loader to report.
      if (sources) writeEntry(file, { ...entry, loader }, sources, value);
      outcomes.push({ kind: entry.kind, outcome: 'built' });
      return value;
    },
  };
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

/** The payload when the file is whole, of this format and loader, and built from these very sources. */
function readEntry(file: string, entry: CacheEntry & { loader: string }, sources: readonly SourceIdentity[]): unknown {
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
    !Array.isArray(header.sources) ||
    !sameSources(header.sources, sources)
  ) {
    return undefined;
  }
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== header.payloadBytes) return undefined;
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) return undefined;
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: CacheEntry & { loader: string }, sources: SourceIdentity[], value: unknown): void {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  const header: Header = {
    format: CACHE_FORMAT,
    version: CACHE_FORMAT_VERSION,
    loader: entry.loader,
    kind: entry.kind,
    key: [...entry.key],
    sources,
    payloadBytes: payload.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
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
}

let fingerprint: string | null | undefined;

/**
 * A digest of the data loaders' own code (this folder's modules): a new version of the tool, or any change
 * to how a source is parsed or joined, stops old entries from matching without anyone bumping a number.
 * null when the folder cannot be read, and then nothing is cached.
 */
export function loaderFingerprint(): string | null {
  if (fingerprint !== undefined) return fingerprint;
  try {
    const folder = path.dirname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256');
    for (const name of readdirSync(folder).filter((n) => /\.(js|ts)$/.test(n)).sort()) {
      hash.update(`${name}\0`).update(readFileSync(path.join(folder, name)));
    }
    fingerprint = hash.digest('hex').slice(0, 16);
  } catch {
    fingerprint = null;
  }
  return fingerprint;
}
