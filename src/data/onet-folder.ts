// Where an O*NET release's files are, without reading them: the file names the loader reads, and how a
// folder (or its single subfolder) is searched for them. Kept small so the dataset cache can name a
// release's files before deciding whether the loader is needed at all.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ONET_FILES = {
  occupations: 'Occupation Data.txt',
  tasks: 'Task Statements.txt',
  ratings: 'Task Ratings.txt',
  emerging: 'Emerging Tasks.txt',
  taskDwas: 'Tasks to DWAs.txt',
  dwaReference: 'DWA Reference.txt',
  jobZones: 'Job Zones.txt',
  alternateTitles: 'Alternate Titles.txt',
  readMe: 'Read Me.txt',
} as const;

/** The folder holding the release files (the given one, or its single subfolder) and the files found by name. */
export function locateFolder(source: string, wanted: readonly string[]): { folder: string; names: string[]; byName: Map<string, string> } {
  let folder = source;
  let names = readdirSync(folder);
  // An unzipped release often keeps its top folder (db_29_1_text/); look one level down when that is all there is.
  const hasAny = (list: string[]) => list.some((n) => findName(wanted, n) !== undefined);
  if (!hasAny(names)) {
    const subfolders = names.filter((n) => statSync(path.join(folder, n)).isDirectory());
    if (subfolders.length === 1) {
      const inner = path.join(folder, subfolders[0]!);
      const innerNames = readdirSync(inner);
      if (hasAny(innerNames)) {
        folder = inner;
        names = innerNames;
      }
    }
  }
  const byName = new Map<string, string>();
  for (const n of names) {
    const w = findName(wanted, n);
    if (w !== undefined) byName.set(w, n);
  }
  return { folder, names, byName };
}

/**
 * The files a release's loader would read: for a folder, each wanted file present (sorted), for a zip the
 * zip itself. Missing or unreadable sources give an empty list (the loader then reports them).
 */
export function releaseSourceFiles(source: string, wanted: readonly string[] = Object.values(ONET_FILES)): string[] {
  try {
    if (!statSync(source).isDirectory()) return [source];
    const { folder, byName } = locateFolder(source, wanted);
    return [...byName.values()].map((name) => path.join(folder, name)).sort();
  } catch {
    return [];
  }
}

export function findName(wanted: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return wanted.find((w) => w.toLowerCase() === lower);
}
