// What `datasets list|info|validate` do once parsed: load, summarise or check, then print.
import { clearCache, parsedCacheDir } from '../../data/cache.js';
import { listDatasets } from '../../data/catalog.js';
import { formatBytes } from '../../data/download.js';
import { resolveDataset } from '../../data/resolve.js';
import { summarizeDataset } from '../../data/summary.js';
import { validateSource } from '../../data/validate.js';
import { ExitError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { formatInteger } from '../format.js';
import { printCatalog, printProblems, printSummary } from './datasets-messages.js';

export async function listAction(ctx: CommandContext): Promise<void> {
  const entries = await listDatasets({ env: ctx.env, cwd: ctx.cwd });
  if (ctx.out.options.json) ctx.out.json(entries);
  else printCatalog(ctx.out, entries);
}

export async function infoAction(ctx: CommandContext, spec: string, options: { oews?: string }): Promise<void> {
  const dataset = await resolveDataset(spec, { env: ctx.env, cwd: ctx.cwd, oews: options.oews });
  const summary = summarizeDataset(dataset);
  if (ctx.out.options.json) ctx.out.json(summary);
  else printSummary(ctx.out, summary, { oewsGiven: options.oews !== undefined && options.oews !== 'none' });
}

export async function validateAction(ctx: CommandContext, file: string): Promise<void> {
  const report = await validateSource(file, { env: ctx.env, cwd: ctx.cwd });
  if (ctx.out.options.json) ctx.out.json(report);
  else printProblems(ctx.out, report);
  if (report.problems.some((p) => p.severity === 'error')) throw new ExitError(1);
}

export async function clearCacheAction(ctx: CommandContext): Promise<void> {
  const dir = parsedCacheDir(ctx.env);
  const removed = clearCache(dir);
  if (ctx.out.options.json) ctx.out.json({ dir, removed: removed.files, bytes: removed.bytes });
  else ctx.out.info(`removed ${formatInteger(removed.files)} cached files, parsed datasets and matched scores (${formatBytes(removed.bytes)}), from ${dir}`);
}
