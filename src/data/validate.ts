// `datasets validate`: run the right loader in collecting mode and return every problem it found.
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { loadOews } from './oews.js';
import { loadOnet } from './onet.js';
import type { Problem } from './problems.js';
import { loadTaskTable } from './table.js';

export type SourceKind = 'onet' | 'oews' | 'table';

export interface ValidationReport {
  source: string;
  kind: SourceKind;
  problems: Problem[];
}

export async function validateSource(spec: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ValidationReport> {
  const source = path.resolve(options.cwd, spec);
  if (!existsSync(source)) throw new InputError(`${spec}: no such file or folder`);
  const kind = sourceKind(source);
  const problems: Problem[] = [];
  if (kind === 'onet') await loadOnet(source, { problems });
  else if (kind === 'oews') await loadOews(source, { problems });
  else await loadTaskTable(source, { problems });
  return { source, kind, problems };
}

/** Folders and zips are O*NET releases; spreadsheets and CSVs with an OCC_CODE header are OEWS; the rest task tables. */
export function sourceKind(source: string): SourceKind {
  if (statSync(source).isDirectory()) return 'onet';
  const ext = path.extname(source).toLowerCase();
  if (ext === '.zip') return 'onet';
  if (ext === '.xlsx' || ext === '.xls') return 'oews';
  if (ext === '.csv' && /\bocc_code\b/i.test(firstBytes(source, 4096))) return 'oews';
  return 'table';
}

function firstBytes(file: string, count: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const read = readSync(fd, buffer, 0, count, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
