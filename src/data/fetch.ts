// `datasets fetch`: downloads an official release into the cache, checks that it is what it claims to be,
// unpacks the files the tool reads, and records it in the registry. Nothing is left behind on failure:
// the archive is written to a temporary name, unpacked into a temporary folder, and both are renamed into
// place only once everything has been checked.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { FailureError, InputError, UsageError } from '../errors.js';
import { makeFolder, writeProblem } from '../folders.js';
import { download, formatBytes, type DownloadProgress } from './download.js';
import { loadOews } from './oews.js';
import type { AppPaths } from './paths.js';
import { register, type RegisteredDataset } from './registry.js';

import { DEFAULT_OEWS_YEAR, DEFAULT_ONET_RELEASE, FETCH_KINDS, type FetchKind } from './releases.js';

export { DEFAULT_OEWS_YEAR, DEFAULT_ONET_RELEASE, FETCH_KINDS, type FetchKind } from './releases.js';

/**
 * The O*NET files the loaders read (required, optional extras, and the references and readme that explain
 * them). The rest of the release (abilities, skills, work context...) stays in the kept zip.
 */
export const ONET_FILES = [
  'Occupation Data.txt',
  'Task Statements.txt',
  'Task Ratings.txt',
  'Emerging Tasks.txt',
  'Tasks to DWAs.txt',
  'DWA Reference.txt',
  'IWA Reference.txt',
  'Job Zones.txt',
  'Job Zone Reference.txt',
  'Alternate Titles.txt',
  'Scales Reference.txt',
  'Task Categories.txt',
  'Read Me.txt',
] as const;
const ONET_REQUIRED = ['Occupation Data.txt', 'Task Statements.txt'];

export interface SourceOptions {
  kind: FetchKind;
  /** O*NET release, "29.1". */
  release?: string;
  /** OEWS survey year (May of that year), 2024. */
  year?: number;
  /** Overrides the official URL: another mirror, a local zip, a test server. */
  url?: string;
}

export interface DatasetSource {
  kind: FetchKind;
  name: string;
  version: string;
  url: string;
  /** True when `url` is the official address rather than one the user gave. */
  official: boolean;
}

export interface FetchOptions extends SourceOptions {
  paths: AppPaths;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

/** Name, version and URL of what `fetchDataset` would download, without downloading. */
export function datasetSource(options: SourceOptions): DatasetSource {
  if (options.kind === 'onet') {
    if (options.year !== undefined) throw new UsageError('--year applies to oews; O*NET releases are chosen with --release');
    const release = options.release ?? DEFAULT_ONET_RELEASE;
    if (!/^\d{1,2}\.\d$/.test(release)) {
      throw new UsageError(`O*NET release "${release}": expected a release number such as ${DEFAULT_ONET_RELEASE}`);
    }
    const official = `https://www.onetcenter.org/dl_files/database/db_${release.replace('.', '_')}_text.zip`;
    return { kind: 'onet', name: `onet-${release}`, version: release, url: options.url ?? official, official: !options.url };
  }
  if (options.kind === 'oews') {
    if (options.release !== undefined) throw new UsageError('--release applies to onet; OEWS files are chosen with --year');
    const year = options.year ?? DEFAULT_OEWS_YEAR;
    if (!Number.isInteger(year) || year < 1997 || year > 2099) {
      throw new UsageError(`OEWS year "${year}": expected a four-digit survey year such as ${DEFAULT_OEWS_YEAR}`);
    }
    const yy = String(year).slice(2);
    const official = `https://www.bls.gov/oes/special-requests/oesm${yy}nat.zip`;
    return { kind: 'oews', name: `oews-${year}`, version: String(year), url: options.url ?? official, official: !options.url };
  }
  throw new UsageError(`dataset kind "${String(options.kind)}": expected one of ${FETCH_KINDS.join(', ')}`);
}

/** Where a fetched dataset's files go: `<cache>/<name>/`, with the downloaded archive kept as `<cache>/<name>.zip`. */
export function fetchedLocation(name: string, paths: AppPaths): { folder: string; archive: string } {
  return { folder: path.join(paths.cache, name), archive: path.join(paths.cache, `${name}.zip`) };
}

export async function fetchDataset(options: FetchOptions): Promise<RegisteredDataset> {
  const source = datasetSource(options);
  const { folder, archive } = fetchedLocation(source.name, options.paths);
  try {
    makeFolder(options.paths.cache);
  } catch (error) {
    throw writeProblem(error, { what: `the ${source.name} download`, folder: options.paths.cache, instead: 'set AI_FRONTIER_HOME to a folder you can write to' });
  }
  const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tempArchive = path.join(options.paths.cache, `.${source.name}.${stamp}.zip.part`);
  const tempFolder = path.join(options.paths.cache, `.${source.name}.${stamp}.unpack`);
  try {
    const downloaded = await download({
      url: source.url,
      file: tempArchive,
      onProgress: options.onProgress,
      signal: options.signal,
      statusHint: (status) => statusHint(source, status),
    });
    const zip = new Uint8Array(readFileSync(tempArchive));
    const entries = listEntries(zip, source, downloaded.contentType);
    const workbook = entries.includes('xl/workbook.xml');
    const unpacked = workbook ? await keepWorkbook(tempArchive, source, tempFolder) : unpack(zip, entries, source, tempFolder);
    replace(tempFolder, folder);
    // A workbook kept as the dataset's file is its own archive.
    if (!workbook) renameSync(tempArchive, archive);
    const entry: RegisteredDataset = {
      name: source.name,
      kind: source.kind,
      path: unpacked ? path.join(folder, unpacked) : folder,
      version: source.version,
      source: source.url,
      fetchedAt: new Date().toISOString(),
      bytes: downloaded.bytes,
      sha256: downloaded.sha256,
    };
    register(entry, options.paths);
    return entry;
  } finally {
    rmSync(tempArchive, { force: true });
    rmSync(tempFolder, { recursive: true, force: true });
  }
}

function statusHint(source: DatasetSource, status: number): string | undefined {
  if (!source.official) return undefined;
  if (status === 404 && source.kind === 'onet') {
    return `Check that O*NET release ${source.version} exists (https://www.onetcenter.org/database.html), or pass --url to a local copy.`;
  }
  if (status === 404) {
    return `Check that the May ${source.version} survey is published (https://www.bls.gov/oes/tables.htm), or pass --url to a local copy.`;
  }
  if (status === 403 || status === 429) {
    return 'The server refused an automated download; download the file in a browser and pass --url with its path.';
  }
  return undefined;
}

/** Entry names of the zip, read from its central directory without inflating anything. */
function listEntries(zip: Uint8Array, source: DatasetSource, contentType: string | undefined): string[] {
  const names: string[] = [];
  try {
    unzipSync(zip, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    const got = contentType ? `${contentType}, ` : '';
    throw new FailureError(
      `${source.url} is not a zip archive (${got}${formatBytes(zip.length)}, starting "${preview(zip)}"): ` +
        `expected ${expectedFiles(source)} (${(error as Error).message})`,
    );
  }
  return names.filter((name) => !name.endsWith('/') && !name.startsWith('__MACOSX/'));
}

/** Unpacks the files the tool reads into `target`. Returns the OEWS file name, or undefined for an O*NET folder. */
function unpack(zip: Uint8Array, entries: string[], source: DatasetSource, target: string): string | undefined {
  const chosen = source.kind === 'onet' ? onetEntries(entries, source) : [oewsEntry(entries, source)];
  mkdirSync(target, { recursive: true });
  for (const entry of chosen) {
    const bytes = inflate(zip, entry, source);
    writeFileSync(path.join(target, path.posix.basename(entry)), bytes);
  }
  return source.kind === 'oews' ? path.posix.basename(chosen[0]!) : undefined;
}

/**
 * The URL gave the OEWS workbook itself rather than the zip BLS ships it in: keep it as the file, once it
 * reads as an OEWS national table. Anything else that is a workbook is named for what it is.
 */
async function keepWorkbook(file: string, source: DatasetSource, target: string): Promise<string> {
  if (source.kind !== 'oews') {
    throw new FailureError(`${source.url} is an Excel workbook (xlsx), not a zip archive: expected ${expectedFiles(source)}`);
  }
  try {
    await loadOews(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new FailureError(`${source.url} is an Excel workbook but not the OEWS national file: ${error.message.slice(error.message.indexOf(': ') + 2)}`);
  }
  const name = `national_M${source.version}_dl.xlsx`;
  mkdirSync(target);
  copyFileSync(file, path.join(target, name));
  return name;
}

function onetEntries(entries: string[], source: DatasetSource): string[] {
  // The release keeps its files under one top folder (db_29_1_text/); take the folder that holds Occupation Data.txt.
  const anchor = entries.find((name) => path.posix.basename(name) === ONET_REQUIRED[0]);
  const folder = anchor ? path.posix.dirname(anchor) : undefined;
  const inFolder = entries.filter((name) => path.posix.dirname(name) === folder);
  const bases = new Set(inFolder.map((name) => path.posix.basename(name)));
  if (!anchor || !ONET_REQUIRED.every((name) => bases.has(name))) throw missing(entries, source);
  return inFolder.filter((name) => (ONET_FILES as readonly string[]).includes(path.posix.basename(name)));
}

function oewsEntry(entries: string[], source: DatasetSource): string {
  const wanted = `national_m${source.version}_dl.xlsx`;
  const entry = entries.find((name) => path.posix.basename(name).toLowerCase() === wanted);
  if (!entry) throw missing(entries, source);
  return entry;
}

function inflate(zip: Uint8Array, entry: string, source: DatasetSource): Uint8Array {
  try {
    const bytes = unzipSync(zip, { filter: (file) => file.name === entry })[entry];
    if (bytes) return bytes;
  } catch (error) {
    throw new FailureError(`${source.url}: the zip is damaged, ${entry} does not unpack (${(error as Error).message}). Fetch it again.`);
  }
  throw new FailureError(`${source.url}: the zip is damaged, ${entry} does not unpack. Fetch it again.`);
}

function expectedFiles(source: DatasetSource): string {
  if (source.kind === 'onet') {
    const top = `db_${source.version.replace('.', '_')}_text`;
    return `the O*NET ${source.version} text release with ${ONET_REQUIRED.map((f) => `"${f}"`).join(' and ')} under a top folder such as ${top}/`;
  }
  const yy = source.version.slice(2);
  return `the BLS OEWS national file national_M${source.version}_dl.xlsx (as in oesm${yy}nat/national_M${source.version}_dl.xlsx)`;
}

function missing(entries: string[], source: DatasetSource): FailureError {
  const shown = entries.slice(0, 8).join(', ');
  const more = entries.length > 8 ? ` and ${entries.length - 8} more` : '';
  const holds = entries.length === 0 ? 'the zip is empty' : `the zip holds ${shown}${more}`;
  return new FailureError(`${source.url}: expected ${expectedFiles(source)}, but ${holds}`);
}

/** The first bytes as text, so an HTML error page saved as a "zip" is recognisable in the message. */
function preview(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, 24)).toString('latin1');
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '.');
}

/** Moves `from` to `to`, replacing an earlier fetch only once the new folder is complete. */
function replace(from: string, to: string): void {
  if (!existsSync(to)) {
    renameSync(from, to);
    return;
  }
  const old = `${from}.old`;
  renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}
