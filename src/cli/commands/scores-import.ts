// `ai-frontier scores import FILE --name NAME`: published labels become a scorer like any model run.
import type { Command } from 'commander';
import path from 'node:path';
import { resolveStorePath } from '../../score/config.js';
import { labelScores, readLabelSet } from '../../score/labels.js';
import { OFFLINE_SCORER } from '../../score/scorers.js';
import { openStore } from '../../score/store.js';
import { UsageError } from '../../errors.js';
import { subcommand, type ContextFactory } from '../context.js';
import { formatInteger } from '../format.js';

interface ImportFlags {
  name: string;
  column: string;
  automationColumn?: string;
  durationColumn?: string;
  store?: string;
}

export function registerScoresImport(scores: Command, context: ContextFactory): void {
  subcommand(scores, 'import')
    .description('import published task labels (GPTs-are-GPTs form) as a scorer named NAME')
    .argument('<file>', 'a TSV with O*NET-SOC Code, Task ID, Task, Task Type, Title and a label column')
    .requiredOption('--name <name>', 'the scorer name to give the labels (used with --scorer and compare)')
    .option('--column <column>', 'the column with E0/E1/E2 labels', 'gpt4_exposure')
    .option('--automation-column <column>', 'a column with T0..T4 automation levels (e.g. gpt4_automation)')
    .option('--duration-column <column>', 'a column with hours per instance of each task (the frontier uses its prior where empty)')
    .option('--store <path>', 'score store file (default: the user data folder)')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-frontier scores import full_labelset.tsv --name gpt4 --automation-column gpt4_automation
  $ ai-frontier scores import full_labelset.tsv --name human --column human_exposure_agg
  $ ai-frontier export --dataset full_labelset.tsv --scorer gpt4`,
    )
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      const ctx = context(command);
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
    });
}
