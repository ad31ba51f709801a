// Turns what a person types after --dataset (a name or a path) into a loaded Dataset, joined to employment:
// the OEWS file given with --oews, else the bundled one for the sample, else the newest one fetched.
// Parsed sources and their join come from the parsed-dataset cache when their files are unchanged
// (cache.ts); the loaders load only on a miss.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { datasetCache, type DatasetCache } from './cache.js';
import { binaryKind } from './file-kind.js';
import { releaseSourceFiles } from './onet-folder.js';
import { SAMPLE_DIR, SAMPLE_OEWS } from './package-root.js';
import { appPaths } from './paths.js';
import { findRegistered, listRegistered, type RegisteredDataset } from './registry.js';
import type { Dataset, OewsTable } from './types.js';

export const DEFAULT_DATASET = 'sample';

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** An OEWS file path, a survey year whose file was fetched (`datasets fetch oews --year`), or "none". */
  oews?: string;
  /** Where parsed datasets are kept; by default the user cache folder (off with AI_FRONTIER_NO_CACHE). */
  cache?: DatasetCache;
}

/** `--oews none`: no employment, even where a default exists. */
export const NO_OEWS = 'none';

/** A dataset source found from its name or path, before anything is read. */
interface Located {
  kind: 'sample' | 'onet' | 'table';
  path: string;
  /** Name and version as the command line gave them, applied after loading (or reading the cache). */
  finish: (dataset: Dataset) => Dataset;
}

/** Loads a dataset by name ("sample", a fetched "onet-29.1") or by path (O*NET folder or zip, task table). */
export async function resolveDataset(spec: string, options: ResolveOptions): Promise<Dataset> {
  const cache = options.cache ?? datasetCache(options.env);
  const located = locate(spec, options);
  const oewsFile = oewsFileFor(located.kind, options);
  // The parsed release or table, named by the digest of what the cache holds of it (Dataset.parsedDigest).
  const load = async () => {
    const sources = located.kind === 'table' ? [located.path] : releaseSourceFiles(located.path);
    const parse = () => (located.kind === 'table' ? parseTable(located.path) : parseOnet(located.path));
    const { value, digest } = await cache.getWithDigest(datasetEntry(located.kind, located.path, sources), parse);
    return digest ? { ...value, parsedDigest: digest } : value;
  };
  if (!oewsFile) return located.finish(await load());
  const sources = located.kind === 'table' ? [located.path] : releaseSourceFiles(located.path);
  const joined = await cache.get({ kind: 'join', key: [located.path, oewsFile], sources: sources.length ? [...sources, oewsFile] : [] }, async () => {
    const { joinEmployment } = await import('./join.js');
    return joinEmployment(await load(), await loadOewsCached(oewsFile, cache));
  });
  return located.finish(joined);
}

function datasetEntry(kind: Located['kind'], source: string, sources: readonly string[]) {
  return kind === 'table' ? { kind: 'table', key: [source], sources } : { kind: 'onet', key: [source], sources };
}

/** Joins the employment `options.oews` names, or the default one (see the file comment); none when there is none. */
export async function withEmployment(dataset: Dataset, options: ResolveOptions): Promise<Dataset> {
  const oewsFile = oewsFileFor(dataset.kind, options);
  if (!oewsFile) return dataset;
  const { joinEmployment } = await import('./join.js');
  return joinEmployment(dataset, await loadOewsCached(oewsFile, options.cache ?? datasetCache(options.env)));
}

/** The OEWS file to join: the one `--oews` names, else the default for this kind of dataset; none for `--oews none`. */
function oewsFileFor(kind: Dataset['kind'], options: ResolveOptions): string | undefined {
  if (options.oews === NO_OEWS) return undefined;
  if (options.oews) return resolveOewsFile(options.oews, options);
  if (kind === 'sample') return SAMPLE_OEWS;
  return newestFetchedOews(options)?.path;
}

/**
 * What a dataset is across runs, for the score store's record of which scorer ran on it: the sample, or the
 * absolute folder or file it was read from (so a fetched name and its folder's path are the same dataset).
 */
export function datasetIdentity(dataset: Pick<Dataset, 'kind' | 'source'>): string {
  return dataset.kind === 'sample' ? 'sample' : path.resolve(dataset.source);
}

function locate(spec: string, options: ResolveOptions): Located {
  if (spec === DEFAULT_DATASET) {
    return { kind: 'sample', path: SAMPLE_DIR, finish: (d) => ({ ...d, name: 'sample', kind: 'sample' }) };
  }
  const registered = findRegistered(spec, appPaths(options.env));
  if (registered && registered.kind === 'onet') {
    return { kind: 'onet', path: registered.path, finish: (d) => ({ ...d, name: registered.name, version: d.version ?? registered.version }) };
  }
  const file = path.resolve(options.cwd, spec);
  if (!existsSync(file)) {
    const names = [DEFAULT_DATASET, ...listRegistered(appPaths(options.env)).filter((d) => d.kind === 'onet').map((d) => d.name)];
    throw new InputError(
      `no dataset named "${spec}" and no such file or folder; known datasets: ${names.join(', ')} ` +
        `(fetch the O*NET release with \`ai-frontier datasets fetch onet\`)`,
    );
  }
  // A zip is an O*NET release whatever its name; a workbook is refused by the table loader, in words.
  const isRelease = statSync(file).isDirectory() || file.toLowerCase().endsWith('.zip') || startsLikeZip(file);
  return { kind: isRelease ? 'onet' : 'table', path: file, finish: (d) => ({ ...d, name: spec }) };
}

function startsLikeZip(file: string): boolean {
  const head = new Uint8Array(64 * 1024);
  const fd = openSync(file, 'r');
  try {
    return binaryKind(head.subarray(0, readSync(fd, head, 0, head.length, 0))) === 'zip';
  } finally {
    closeSync(fd);
  }
}

/** The fetched OEWS file of the latest survey year, if any was fetched. */
export function newestFetchedOews(options: Pick<ResolveOptions, 'env'>): RegisteredDataset | undefined {
  const fetched = listRegistered(appPaths(options.env)).filter((d) => d.kind === 'oews');
  return fetched.sort((a, b) => Number(b.version) - Number(a.version))[0];
}

/** An O*NET release (folder or zip), parsed or from the cache. */
export async function loadOnetCached(source: string, cache: DatasetCache): Promise<Dataset> {
  return cache.get(datasetEntry('onet', source, releaseSourceFiles(source)), () => parseOnet(source));
}

async function parseOnet(source: string): Promise<Dataset> {
  const { loadOnet } = await import('./onet.js');
  return loadOnet(source);
}

async function parseTable(file: string): Promise<Dataset> {
  const { loadTaskTable } = await import('./table.js');
  return loadTaskTable(file);
}

/** A task table, parsed or from the cache. */
export async function loadTableCached(file: string, cache: DatasetCache): Promise<Dataset> {
  return cache.get(datasetEntry('table', file, [file]), () => parseTable(file));
}

/** An OEWS table, parsed or from the cache. */
export async function loadOewsCached(file: string, cache: DatasetCache): Promise<OewsTable> {
  return cache.get({ kind: 'oews', key: [file], sources: [file] }, async () => {
    const { loadOews } = await import('./oews.js');
    return loadOews(file);
  });
}

/** `--oews 2024` finds the fetched file for that year; anything else is a path. */
export function resolveOewsFile(value: string, options: ResolveOptions): string {
  if (/^\d{4}$/.test(value)) {
    const name = `oews-${value}`;
    const registered = findRegistered(name, appPaths(options.env));
    if (registered) return registered.path;
    throw new InputError(`no OEWS file for ${value} has been fetched; run \`ai-frontier datasets fetch oews --year ${value}\` or pass a path`);
  }
  const file = path.resolve(options.cwd, value);
  if (!existsSync(file)) throw new InputError(`${value}: no such OEWS file (expected BLS national_M<year>_dl.xlsx or its CSV form)`);
  return file;
}
