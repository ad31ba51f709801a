// Turns what a person types after --dataset (a name or a path) into a loaded Dataset, joined to employment:
// the OEWS file given with --oews, else the bundled one for the sample, else the newest one fetched.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { binaryKind } from './file-kind.js';
import { joinEmployment } from './join.js';
import { loadOews } from './oews.js';
import { loadOnet } from './onet.js';
import { SAMPLE_DIR, SAMPLE_OEWS } from './package-root.js';
import { appPaths } from './paths.js';
import { findRegistered, listRegistered, type RegisteredDataset } from './registry.js';
import { loadTaskTable } from './table.js';
import type { Dataset } from './types.js';

export const DEFAULT_DATASET = 'sample';

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** An OEWS file path, a survey year whose file was fetched (`datasets fetch oews --year`), or "none". */
  oews?: string;
}

/** `--oews none`: no employment, even where a default exists. */
export const NO_OEWS = 'none';

/** Loads a dataset by name ("sample", a fetched "onet-29.1") or by path (O*NET folder or zip, task table). */
export async function resolveDataset(spec: string, options: ResolveOptions): Promise<Dataset> {
  return withEmployment(await loadBySpec(spec, options), options);
}

/** Joins the employment `options.oews` names, or the default one (see the file comment); none when there is none. */
export async function withEmployment(dataset: Dataset, options: ResolveOptions): Promise<Dataset> {
  if (options.oews === NO_OEWS) return dataset;
  const oewsFile = options.oews ? resolveOewsFile(options.oews, options) : defaultOewsFor(dataset, options);
  if (!oewsFile) return dataset;
  return joinEmployment(dataset, await loadOews(oewsFile));
}

/**
 * What a dataset is across runs, for the score store's record of which scorer ran on it: the sample, or the
 * absolute folder or file it was read from (so a fetched name and its folder's path are the same dataset).
 */
export function datasetIdentity(dataset: Pick<Dataset, 'kind' | 'source'>): string {
  return dataset.kind === 'sample' ? 'sample' : path.resolve(dataset.source);
}

async function loadBySpec(spec: string, options: ResolveOptions): Promise<Dataset> {
  if (spec === DEFAULT_DATASET) {
    const sample = await loadOnet(SAMPLE_DIR);
    return { ...sample, name: 'sample', kind: 'sample' };
  }
  const registered = findRegistered(spec, appPaths(options.env));
  if (registered && registered.kind === 'onet') {
    const dataset = await loadOnet(registered.path);
    return { ...dataset, name: registered.name, version: dataset.version ?? registered.version };
  }
  const file = path.resolve(options.cwd, spec);
  if (!existsSync(file)) {
    const names = [DEFAULT_DATASET, ...listRegistered(appPaths(options.env)).filter((d) => d.kind === 'onet').map((d) => d.name)];
    throw new InputError(
      `no dataset named "${spec}" and no such file or folder; known datasets: ${names.join(', ')} ` +
        `(fetch the O*NET release with \`ai-frontier datasets fetch onet\`)`,
    );
  }
  const isFolder = statSync(file).isDirectory();
  // A zip is an O*NET release whatever its name; a workbook is refused by the table loader, in words.
  if (isFolder || file.toLowerCase().endsWith('.zip') || startsLikeZip(file)) {
    const dataset = await loadOnet(file);
    return { ...dataset, name: spec };
  }
  const dataset = await loadTaskTable(file);
  return { ...dataset, name: spec };
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

function defaultOewsFor(dataset: Dataset, options: ResolveOptions): string | undefined {
  if (dataset.kind === 'sample') return SAMPLE_OEWS;
  return newestFetchedOews(options)?.path;
}

/** The fetched OEWS file of the latest survey year, if any was fetched. */
export function newestFetchedOews(options: Pick<ResolveOptions, 'env'>): RegisteredDataset | undefined {
  const fetched = listRegistered(appPaths(options.env)).filter((d) => d.kind === 'oews');
  return fetched.sort((a, b) => Number(b.version) - Number(a.version))[0];
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
