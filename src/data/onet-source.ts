// Where an O*NET text release comes from: a folder of .txt files or the official zip
// (db_29_1_text.zip, files under a top folder). Both look the same to the loader: files by base name.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { listNames } from './delimited.js';
import { findName, locateFolder } from './onet-folder.js';
import type { Reporter } from './problems.js';

export interface ReleaseFiles {
  /** The folder or zip as the user gave it. */
  source: string;
  kind: 'folder' | 'zip';
  /** Every file the folder or zip holds (zip entry paths), for messages about what is missing. */
  entries: string[];
  has(name: string): boolean;
  /** Bytes of a release file by its base name ("Task Statements.txt"); undefined when absent. */
  read(name: string): Uint8Array | undefined;
  /** Path shown in messages: "<folder>/Task Statements.txt" or "<zip>!/db_29_1_text/Task Statements.txt". */
  displayPath(name: string): string;
}

/**
 * Opens a release, reading (or, for a zip, inflating) only the files named in `wanted`.
 * Reports and returns undefined when the source is missing or unreadable.
 */
export function openRelease(source: string, wanted: readonly string[], reporter: Reporter): ReleaseFiles | undefined {
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    reporter.error('no such file or folder: expected an O*NET text release (a folder or its zip)', { file: source });
    return undefined;
  }
  return isDir ? openFolder(source, wanted, reporter) : openZip(source, wanted, reporter);
}

function openFolder(source: string, wanted: readonly string[], reporter: Reporter): ReleaseFiles {
  const { folder, names, byName } = locateFolder(source, wanted);
  return {
    source,
    kind: 'folder',
    entries: names,
    has: (name) => byName.has(name),
    read: (name) => {
      const actual = byName.get(name);
      if (actual === undefined) return undefined;
      const file = path.join(folder, actual);
      try {
        return readFileSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const what = code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? (error as Error).message})`;
        reporter.error(`${what}: expected the tab-separated O*NET file ${name}`, { file });
        return undefined;
      }
    },
    displayPath: (name) => path.join(folder, byName.get(name) ?? name),
  };
}

function openZip(source: string, wanted: readonly string[], reporter: Reporter): ReleaseFiles | undefined {
  const entries: string[] = [];
  const chosen = new Map<string, string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(readFileSync(source), {
      filter: (file) => {
        entries.push(file.name);
        const base = file.name.split('/').pop() ?? '';
        // macOS zips carry resource forks (__MACOSX/, ._name) beside the real files.
        if (file.name.startsWith('__MACOSX/') || base.startsWith('._')) return false;
        const w = findName(wanted, base);
        if (w === undefined) return false;
        const previous = chosen.get(w);
        if (previous !== undefined && previous.length <= file.name.length) return false;
        chosen.set(w, file.name);
        return true;
      },
    });
  } catch (error) {
    reporter.error(
      `not a readable zip archive (${(error as Error).message}): expected an O*NET text release as a folder or as its zip`,
      { file: source },
    );
    return undefined;
  }
  if (entries.includes('xl/workbook.xml')) {
    reporter.error('is an Excel workbook (xlsx), not an O*NET text release: expected the release as a folder or its zip (db_29_1_text.zip); if this is the BLS OEWS employment file, pass it with --oews', { file: source });
    return undefined;
  }
  return {
    source,
    kind: 'zip',
    entries: entries.filter((e) => !e.endsWith('/')),
    has: (name) => chosen.has(name),
    read: (name) => {
      const entry = chosen.get(name);
      return entry === undefined ? undefined : files[entry];
    },
    displayPath: (name) => `${source}!/${chosen.get(name) ?? name}`,
  };
}

/** "it has: a.txt, b.txt" (or "it is empty"), for messages about missing release files. */
export function describeEntries(release: ReleaseFiles): string {
  if (release.entries.length === 0) return `the ${release.kind} is empty`;
  return `the ${release.kind} has ${listNames(release.entries, 12)}`;
}
