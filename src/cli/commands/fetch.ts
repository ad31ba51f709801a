// `ai-frontier datasets fetch onet|oews`: download, verify, unpack and register an official release.
// The definition only; the downloader loads when the command runs (fetch-action.ts).
import { Argument, type Command } from 'commander';
import { DEFAULT_OEWS_YEAR, DEFAULT_ONET_RELEASE, FETCH_KINDS, type FetchKind } from '../../data/releases.js';
import { subcommand, type ContextFactory } from '../context.js';
import { year } from '../option-parsers.js';
import type { FetchFlags } from './fetch-action.js';

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
      const { fetchAction } = await import('./fetch-action.js');
      await fetchAction(context(command), kind, flags);
    });
}
