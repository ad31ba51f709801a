// The list of datasets fetched or registered on this machine: `datasets.json` in the data folder.
// Reads are synchronous because name lookup happens while resolving command-line arguments;
// writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeFolder } from '../folders.js';
import { InputError } from '../errors.js';
import type { AppPaths } from './paths.js';

export interface RegisteredDataset {
  /** "onet-29.1", "oews-2024". */
  name: string;
  kind: 'onet' | 'oews';
  /** The unpacked O*NET folder, or the OEWS xlsx file. */
  path: string;
  /** "29.1" for O*NET, "2024" for OEWS. */
  version: string;
  /** URL (or local file) it was fetched from. */
  source: string;
  /** ISO 8601 time the download finished. */
  fetchedAt: string;
  /** Size of the downloaded archive. */
  bytes: number;
  /** SHA-256 of the downloaded archive, hex. */
  sha256: string;
}

const REGISTRY_FILE = 'datasets.json';
const REGISTRY_VERSION = 1;

// Checked by hand rather than with zod: every command that takes a dataset name reads this file, and zod
// takes longer to load than the rest of such a command's start-up.
const ENTRY_FIELDS: Record<keyof RegisteredDataset, (value: unknown) => boolean> = {
  name: (v) => typeof v === 'string' && v.length > 0,
  kind: (v) => v === 'onet' || v === 'oews',
  path: (v) => typeof v === 'string' && v.length > 0,
  version: (v) => typeof v === 'string',
  source: (v) => typeof v === 'string',
  fetchedAt: (v) => typeof v === 'string',
  bytes: (v) => Number.isInteger(v) && (v as number) >= 0,
  sha256: (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
};

/** The first thing wrong with a registry file's content, as "what at where", or undefined when it is sound. */
function registryProblem(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return 'not an object';
  const { version, datasets } = json as { version?: unknown; datasets?: unknown };
  if (version !== REGISTRY_VERSION) return `version ${JSON.stringify(version)} at version`;
  if (!Array.isArray(datasets)) return 'no list at datasets';
  for (const [i, entry] of datasets.entries()) {
    if (!entry || typeof entry !== 'object') return `not an object at datasets.${i}`;
    for (const [field, valid] of Object.entries(ENTRY_FIELDS)) {
      if (!valid((entry as Record<string, unknown>)[field])) return `invalid ${field} at datasets.${i}.${field}`;
    }
  }
  return undefined;
}

/** Only the known fields, so what is written back is exactly a RegisteredDataset. */
function entryOf(entry: RegisteredDataset): RegisteredDataset {
  const { name, kind, path, version, source, fetchedAt, bytes, sha256 } = entry;
  return { name, kind, path, version, source, fetchedAt, bytes, sha256 };
}

export function registryFile(paths: AppPaths): string {
  return path.join(paths.data, REGISTRY_FILE);
}

export function listRegistered(paths: AppPaths): RegisteredDataset[] {
  const file = registryFile(paths);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message}); delete the file and fetch the datasets again`, { file });
  }
  const problem = registryProblem(json);
  if (problem) {
    throw new InputError(
      `expected {"version": ${REGISTRY_VERSION}, "datasets": [...]} with name, kind, path, version, source, fetchedAt, bytes and sha256 per dataset; ` +
        problem,
      { file },
    );
  }
  return (json as { datasets: RegisteredDataset[] }).datasets.map(entryOf);
}

export function findRegistered(name: string, paths: AppPaths): RegisteredDataset | undefined {
  return listRegistered(paths).find((entry) => entry.name === name);
}

/** Adds the dataset, replacing any entry with the same name. Returns the list as written. */
export function register(entry: RegisteredDataset, paths: AppPaths): RegisteredDataset[] {
  const datasets = listRegistered(paths).filter((existing) => existing.name !== entry.name);
  const problem = registryProblem({ version: REGISTRY_VERSION, datasets: [entry] });
  if (problem) throw new Error(`cannot register ${entry.name}: ${problem}`);
  datasets.push(entryOf(entry));
  datasets.sort((a, b) => a.name.localeCompare(b.name));
  writeAtomically(registryFile(paths), `${JSON.stringify({ version: REGISTRY_VERSION, datasets }, null, 2)}\n`);
  return datasets;
}

function writeAtomically(file: string, text: string): void {
  makeFolder(path.dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
