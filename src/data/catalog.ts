// The datasets the tool can see without being given a path: the bundled sample and what was fetched.
import { datasetCache } from './cache.js';
import { loadOewsCached, loadOnetCached } from './resolve.js';
import { SAMPLE_DIR } from './package-root.js';
import { appPaths } from './paths.js';
import { listRegistered } from './registry.js';

export interface CatalogEntry {
  name: string;
  kind: 'sample' | 'onet' | 'oews';
  origin: 'bundled' | 'fetched';
  path: string;
  version?: string;
  occupations?: number;
  tasks?: number;
  /** OEWS files: detailed occupation rows. */
  detailedRows?: number;
  /** Why the counts are missing, when the files could not be read. */
  problem?: string;
}

export async function listDatasets(options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<CatalogEntry[]> {
  const cache = datasetCache(options.env);
  const sample = await loadOnetCached(SAMPLE_DIR, cache);
  const entries: CatalogEntry[] = [
    { name: 'sample', kind: 'sample', origin: 'bundled', path: SAMPLE_DIR, occupations: sample.occupations.length, tasks: sample.tasks.length },
  ];
  for (const registered of listRegistered(appPaths(options.env))) {
    const entry: CatalogEntry = { name: registered.name, kind: registered.kind, origin: 'fetched', path: registered.path, version: registered.version };
    try {
      if (registered.kind === 'onet') {
        const dataset = await loadOnetCached(registered.path, cache);
        entry.occupations = dataset.occupations.length;
        entry.tasks = dataset.tasks.length;
      } else {
        const table = await loadOewsCached(registered.path, cache);
        entry.detailedRows = table.records.filter((r) => r.level === 'detailed').length;
      }
    } catch (error) {
      // A removed or damaged download should not hide the rest of the list.
      entry.problem = error instanceof Error ? error.message : String(error);
    }
    entries.push(entry);
  }
  return entries;
}
