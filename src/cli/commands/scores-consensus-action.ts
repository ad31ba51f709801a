// What `scores consensus A B C --name N` does once parsed: each scorer's scores on the dataset's tasks, their
// consensus (src/score/agreement/consensus.ts), stored under N (src/score/store/store.ts saveConsensus).
import { scorerScoresFor } from '../../analysis/scorer-choice.js';
import { resolveDataset } from '../../data/resolve.js';
import { UsageError } from '../../errors.js';
import { consensusOf, TIE_RULE } from '../../score/agreement/consensus.js';
import { resolveStorePath } from '../../score/config.js';
import { isOfflineScorer } from '../../score/scorers.js';
import { openStore } from '../../score/store/store.js';
import type { CommandContext } from '../context.js';
import { formatInteger } from '../format.js';

export interface ConsensusFlags {
  name: string;
  dataset: string;
  minScorers?: number;
  replace?: boolean;
  store?: string;
}

export async function consensusAction(ctx: CommandContext, scorers: string[], flags: ConsensusFlags): Promise<void> {
  const { name } = flags;
  if (scorers.length < 2) throw new UsageError(`a consensus needs at least two scorers, got ${scorers.length}: \`ai-frontier scores consensus A B [C ...] --name N\``);
  const repeated = scorers.find((s, i) => scorers.indexOf(s) !== i);
  if (repeated) throw new UsageError(`scorer "${repeated}" is named twice; name each scorer once`);
  if (scorers.includes(name)) throw new UsageError(`--name ${name}: the consensus cannot take the name of one of its own scorers`);
  if (isOfflineScorer(name) || name.includes(':')) throw new UsageError(`--name ${name}: choose another name ("offline" and names with ":" belong to scorers the tool runs)`);
  if (flags.minScorers !== undefined && (flags.minScorers < 2 || flags.minScorers > scorers.length)) {
    throw new UsageError(`--min-scorers ${flags.minScorers}: expected 2 to ${scorers.length}, the number of scorers named`);
  }

  const dataset = await resolveDataset(flags.dataset, { env: ctx.env, cwd: ctx.cwd });
  const storePath = resolveStorePath(flags.store, { env: ctx.env, cwd: ctx.cwd });
  const store = openStore(storePath);
  try {
    const existing = store.scorerKind(name);
    if (existing && existing !== 'consensus' && !flags.replace) {
      throw new UsageError(`--name ${name}: the store already has a scorer "${name}" (${existing === 'import' ? 'imported labels' : 'a model run'}); choose another name, or pass --replace to delete its scores`);
    }
    const inputs = scorers.map((scorer) => ({ name: scorer, scores: scorerScoresFor({ dataset, store, storePath, scorer }) }));
    const empty = inputs.find((input) => input.scores.length === 0);
    if (empty) throw new UsageError(`scorer "${empty.name}" has no scores for the tasks of ${dataset.name}; pass the dataset it scored with --dataset`);
    const minScorers = flags.minScorers ?? scorers.length;
    const consensus = consensusOf({ name, tasks: dataset.tasks, scorers: inputs, minScorers });
    if (consensus.tasks === 0) {
      throw new UsageError(
        `no task of ${dataset.name} is scored by ${minScorers === scorers.length ? `all of ${scorers.join(', ')}` : `at least ${minScorers} of them`}; nothing stored` +
          (minScorers > 2 ? ' (--min-scorers 2 takes tasks any two scored)' : ''),
      );
    }
    const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
    const texts = new Map(dataset.tasks.map((t) => [`${t.occupationCode}\u0000${t.id}`, t.text]));
    const rubrics = [...new Set(inputs.flatMap((input) => input.scores.map((s) => s.rubricVersion ?? '')).filter(Boolean))].sort();
    store.saveConsensus(
      name,
      consensus.scores.map((score) => ({ ...score, title: titles.get(score.occupationCode) ?? '', text: texts.get(`${score.occupationCode}\u0000${score.taskId}`) ?? '' })),
      { model: `consensus of ${scorers.join(', ')}`, rubricVersion: `consensus of ${rubrics.join(', ') || 'none'}` },
    );
    const result = {
      scorer: name,
      scorers,
      dataset: dataset.name,
      store: store.file,
      tasks: consensus.tasks,
      minScorers,
      passedOver: consensus.skipped,
      ties: consensus.ties,
      tasksWithTies: consensus.tasksWithTies,
      tieRule: TIE_RULE,
      replaced: existing ?? null,
      default: false,
    };
    if (ctx.out.options.json) return ctx.out.json(result);
    const { bold, dim } = ctx.out.style;
    const by = minScorers < scorers.length ? `at least ${minScorers} of the ${scorers.length}` : scorers.length === 2 ? 'both' : `all ${scorers.length}`;
    ctx.out.data(
      `${bold(`consensus "${name}"`)} of ${scorers.join(', ')} on ${dataset.name}: ${formatInteger(consensus.tasks)} tasks scored by ${by}` +
        (consensus.skipped ? dim(` (${formatInteger(consensus.skipped)} tasks with fewer scores passed over)`) : ''),
    );
    ctx.out.data(
      `ties: exposure ${formatInteger(consensus.ties.exposure)}, automation ${formatInteger(consensus.ties.automation)}, mode ${formatInteger(consensus.ties.mode)} ` +
        `in ${formatInteger(consensus.tasksWithTies)} tasks ${dim("(each named with the votes in the task's rationale)")}`,
    );
    ctx.out.data(dim(`tie rule: ${TIE_RULE}`));
    if (existing) ctx.out.info(existing === 'consensus' ? `replaced the earlier consensus "${name}"` : `replaced the scores of "${name}" (${existing === 'import' ? 'imported labels' : 'a model run'}), as --replace asked`);
    ctx.out.info(
      `stored in ${store.file}. It is not the dataset's default scorer (that stays the scorer \`score\` last ran); ` +
        `use it with --scorer ${name}, e.g. \`ai-frontier frontier --dataset ${flags.dataset} --scorer ${name}\``,
    );
  } finally {
    store.close();
  }
}
