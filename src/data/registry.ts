// The list of datasets fetched or registered on this machine: `datasets.json` in the data folder.
// Reads are synchronous because name lookup happens while resolving command-line arguments;
// writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeFolder } from '../folders.js';
import { z } from 'zod';
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

const entrySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['onet', 'oews']),
  path: z.string().min(1),
  version: z.string(),
  source: z.string(),
  fetchedAt: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const fileSchema = z.object({
  version: z.literal(REGISTRY_VERSION),
  datasets: z.array(entrySchema),
});

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
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new InputError(
      `expected {"version": ${REGISTRY_VERSION}, "datasets": [...]} with name, kind, path, version, source, fetchedAt, bytes and sha256 per dataset; ` +
        `${issue?.message ?? 'invalid'}${where}`,
      { file },
    );
  }
  return parsed.data.datasets;
}

export function findRegistered(name: string, paths: AppPaths): RegisteredDataset | undefined {
  return listRegistered(paths).find((entry) => entry.name === name);
}

/** Adds the dataset, replacing any entry with the same name. Returns the list as written. */
export function register(entry: RegisteredDataset, paths: AppPaths): RegisteredDataset[] {
  const datasets = listRegistered(paths).filter((existing) => existing.name !== entry.name);
  datasets.push(entrySchema.parse(entry));
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
