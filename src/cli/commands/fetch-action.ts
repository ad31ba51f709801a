// What `datasets fetch` does once parsed: download, verify, unpack and register, with progress on stderr.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatBytes, isRemote } from '../../data/download.js';
import { datasetSource, fetchDataset, type FetchKind } from '../../data/fetch.js';
import { appPaths } from '../../data/paths.js';
import { findRegistered, type RegisteredDataset } from '../../data/registry.js';
import { ExitError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import type { Output } from '../output.js';
import { createProgressView } from './fetch-progress.js';

export interface FetchFlags {
  release?: string;
  year?: number;
  url?: string;
  force?: boolean;
}

export async function fetchAction({ out, env, cwd }: CommandContext, kind: FetchKind, flags: FetchFlags): Promise<void> {
  const paths = appPaths(env);
  const url = flags.url && !isRemote(flags.url) && !/^file:/i.test(flags.url) ? path.resolve(cwd, flags.url) : flags.url;
  const source = datasetSource({ kind, release: flags.release, year: flags.year, url });

  const existing = findRegistered(source.name, paths);
  if (existing && !flags.force && existing.source === source.url && existsSync(existing.path)) {
    out.info(`${existing.name} is already fetched into ${existing.path}; pass --force to download it again`);
    if (out.options.json) out.json(existing);
    return;
  }

  const write = out.progress;
  const progress = createProgressView({ out, write, label: `downloading ${source.url}` });
  // Ctrl-C aborts the download so its temporary files are removed before the process ends.
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let entry: RegisteredDataset;
  try {
    entry = await fetchDataset({
      kind,
      release: flags.release,
      year: flags.year,
      url,
      paths,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    });
  } catch (error) {
    if (controller.signal.aborted) {
      progress.stop();
      out.warn('download cancelled; nothing was kept');
      throw new ExitError(130);
    }
    throw error;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
  printResult(out, entry);
}

function printResult(out: Output, entry: RegisteredDataset): void {
  out.info(
    `fetched ${out.style.bold(entry.name)} (${formatBytes(entry.bytes)}, sha256 ${entry.sha256.slice(0, 12)}…) into ${entry.path}`,
  );
  if (out.options.json) out.json(entry);
}
