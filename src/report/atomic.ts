// Reports are written to a temporary name beside the target and renamed into place, so a failed
// or interrupted export never leaves a half-written file where a finished one is expected.
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from '../folders.js';

function tempName(file: string, purpose: 'tmp' | 'old'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.${purpose}`);
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ path: file, content }]);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

interface Staged {
  target: string;
  temp: string;
  /** Where the previous file was moved while the new one was put in place. */
  backup?: string;
  committed: boolean;
}

/**
 * Writes several files so that either all appear or none do. Every file is first written to a
 * temporary name; only when all are written are they renamed into place, each previous file kept
 * aside until the last rename succeeds. Any failure removes the temporary files and puts the
 * previous files back, so the folder looks as it did before.
 */
export async function writeFilesAtomic(files: { path: string; content: string | Uint8Array }[]): Promise<void> {
  const staged: Staged[] = [];
  try {
    for (const file of files) {
      makeFolder(path.dirname(file.path));
      const entry: Staged = { target: file.path, temp: tempName(file.path, 'tmp'), committed: false };
      staged.push(entry);
      await writeFile(entry.temp, file.content);
    }
    for (const entry of staged) {
      if (await isFile(entry.target)) {
        entry.backup = tempName(entry.target, 'old');
        await rename(entry.target, entry.backup);
      }
      await rename(entry.temp, entry.target);
      entry.committed = true;
    }
  } catch (error) {
    await rollBack(staged);
    throw error;
  }
  await Promise.all(staged.map((entry) => (entry.backup ? rm(entry.backup, { force: true }) : undefined)));
}

async function rollBack(staged: Staged[]): Promise<void> {
  for (const entry of [...staged].reverse()) {
    if (entry.committed) await rm(entry.target, { force: true }).catch(() => undefined);
    else await rm(entry.temp, { force: true }).catch(() => undefined);
    if (entry.backup) await rename(entry.backup, entry.target).catch(() => undefined);
  }
}
