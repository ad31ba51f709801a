// `ai-frontier datasets fetch onet|oews`: download, verify, unpack and register an official release.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Argument, type Command } from 'commander';
import { formatBytes, isRemote } from '../../data/download.js';
import {
  DEFAULT_OEWS_YEAR,
  DEFAULT_ONET_RELEASE,
  FETCH_KINDS,
  datasetSource,
  fetchDataset,
  type FetchKind,
} from '../../data/fetch.js';
import { appPaths } from '../../data/paths.js';
import { findRegistered, type RegisteredDataset } from '../../data/registry.js';
import { ExitError } from '../../errors.js';
import type { Output } from '../output.js';
import { subcommand, type ContextFactory } from '../context.js';
import { createProgressView } from './fetch-progress.js';
import { year } from '../option-parsers.js';

interface FetchFlags {
  release?: string;
  year?: number;
  url?: string;
  force?: boolean;
}

const EXAMPLES = `
Examples:
  $ ai-frontier datasets fetch onet                         O*NET ${DEFAULT_ONET_RELEASE} text release from onetcenter.org
  $ ai-frontier datasets fetch onet --release 28.3          an earlier O*NET release
  $ ai-frontier datasets fetch oews --year 2023             BLS OEWS national file, May 2023
  $ ai-frontier datasets fetch oews --url ./oesm24nat.zip   a zip you downloaded in a browser
  $ ai-frontier datasets fetch onet --json                  print the registered entry as JSON

Files go to the user cache folder (AI_FRONTIER_HOME overrides it); fetched names such as
onet-${DEFAULT_ONET_RELEASE} and oews-${DEFAULT_OEWS_YEAR} then work wherever a dataset or --oews is asked for.`;


export function registerFetch(datasets: Command, context: ContextFactory): void {
  subcommand(datasets, 'fetch')
    .description('download an official O*NET or BLS OEWS release into the cache, verify it and register it')
    .addArgument(
      new Argument('<kind>', 'onet (O*NET text release) or oews (BLS OEWS national employment and wages)').choices(FETCH_KINDS),
    )
    .option('--release <version>', `O*NET release to fetch (default ${DEFAULT_ONET_RELEASE})`)
    .option('--year <yyyy>', `OEWS survey year, May of that year (default ${DEFAULT_OEWS_YEAR})`, year(2024))
    .option('--url <url>', 'download from this URL, or copy this local zip, instead of the official address')
    .option('--force', 'download again even when the same release is already fetched')
    .addHelpText('after', EXAMPLES)
    .action(async (kind: FetchKind, flags: FetchFlags, command: Command) => {
      const { out, env, cwd } = context(command);
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
    });
}

function printResult(out: Output, entry: RegisteredDataset): void {
  out.info(
    `fetched ${out.style.bold(entry.name)} (${formatBytes(entry.bytes)}, sha256 ${entry.sha256.slice(0, 12)}…) into ${entry.path}`,
  );
  if (out.options.json) out.json(entry);
}
