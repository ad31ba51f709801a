// What `scores import` does once parsed: read the label file, then replace the scorer's rows in the store.
import path from 'node:path';
import { resolveStorePath } from '../../score/config.js';
import { labelScores, readLabelSet } from '../../score/labels.js';
import { OFFLINE_SCORER } from '../../score/scorers.js';
import { openStore } from '../../score/store/store.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { formatInteger } from '../format.js';

export interface ImportFlags {
  name: string;
  column: string;
  automationColumn?: string;
  durationColumn?: string;
  store?: string;
}

export async function importAction(ctx: CommandContext, file: string, flags: ImportFlags): Promise<void> {
  if (flags.name === OFFLINE_SCORER || flags.name.includes(':')) {
    throw new UsageError(`--name ${flags.name}: choose another name ("offline" and names with ":" belong to scorers the tool runs)`);
  }
  const set = await readLabelSet(path.resolve(ctx.cwd, file), {
    exposureColumn: flags.column,
    automationColumn: flags.automationColumn,
    durationColumn: flags.durationColumn,
  });
  const rows = labelScores(set, { scorer: flags.name, rubricVersion: `import:${flags.column}` }).map((score, i) => ({
    ...score,
    title: set.scores[i]!.title,
    text: set.scores[i]!.task,
  }));
  const storePath = resolveStorePath(flags.store, { env: ctx.env, cwd: ctx.cwd });
  const store = openStore(storePath);
  try {
    store.clear({ scorer: flags.name });
    store.importScores(flags.name, rows);
  } finally {
    store.close();
  }
  const durations = rows.filter((r) => r.duration !== undefined).length;
  const result = {
    scorer: flags.name, file: set.file, column: flags.column, automationColumn: flags.automationColumn ?? null,
    durationColumn: flags.durationColumn ?? null, tasks: rows.length, withDuration: durations, store: storePath,
  };
  if (ctx.out.options.json) ctx.out.json(result);
  else {
    ctx.out.info(`imported ${formatInteger(rows.length)} labels from ${set.file} (${flags.column}) as scorer "${flags.name}" into ${storePath}`);
    if (flags.durationColumn) ctx.out.info(`${formatInteger(durations)} of them with a duration from ${flags.durationColumn}; the frontier uses its duration prior for the rest`);
  }
}
