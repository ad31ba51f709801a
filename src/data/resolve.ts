// Turns what a person types after --dataset (a name or a path) into a loaded Dataset,
// joined to employment when an OEWS file is given or bundled. Parsed sources and their join come from the
// parsed-dataset cache when their files are unchanged (cache.ts); the loaders load only on a miss.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { datasetCache, type DatasetCache } from './cache.js';
import { releaseSourceFiles } from './onet-folder.js';
import { SAMPLE_DIR, SAMPLE_OEWS } from './package-root.js';
import { appPaths } from './paths.js';
import { findRegistered, listRegistered } from './registry.js';
import type { Dataset, OewsTable } from './types.js';

export const DEFAULT_DATASET = 'sample';

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** An OEWS file path, or a survey year whose file was fetched (`datasets fetch oews --year`). */
  oews?: string;
  /** Where parsed datasets are kept; by default the user cache folder (off with AI_FRONTIER_NO_CACHE). */
  cache?: DatasetCache;
}

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
  const oewsFile = options.oews ? resolveOewsFile(options.oews, options) : located.kind === 'sample' ? SAMPLE_OEWS : undefined;
  const load = () => (located.kind === 'table' ? loadTableCached(located.path, cache) : loadOnetCached(located.path, cache));
  if (!oewsFile) return located.finish(await load());
  const sources = located.kind === 'table' ? [located.path] : releaseSourceFiles(located.path);
  const joined = await cache.get({ kind: 'join', key: [located.path, oewsFile], sources: sources.length ? [...sources, oewsFile] : [] }, async () => {
    const { joinEmployment } = await import('./join.js');
    return joinEmployment(await load(), await loadOewsCached(oewsFile, cache));
  });
  return located.finish(joined);
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
  const isRelease = statSync(file).isDirectory() || file.toLowerCase().endsWith('.zip');
  return { kind: isRelease ? 'onet' : 'table', path: file, finish: (d) => ({ ...d, name: spec }) };
}

/** An O*NET release (folder or zip), parsed or from the cache. */
export async function loadOnetCached(source: string, cache: DatasetCache): Promise<Dataset> {
  return cache.get({ kind: 'onet', key: [source], sources: releaseSourceFiles(source) }, async () => {
    const { loadOnet } = await import('./onet.js');
    return loadOnet(source);
  });
}

/** A task table, parsed or from the cache. */
export async function loadTableCached(file: string, cache: DatasetCache): Promise<Dataset> {
  return cache.get({ kind: 'table', key: [file], sources: [file] }, async () => {
    const { loadTaskTable } = await import('./table.js');
    return loadTaskTable(file);
  });
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
