// What `check` does once parsed: runCheck with the score progress on stderr, then one screen of figures on
// stdout (or one JSON document). Ctrl-C stops sending as in `score`; what arrived is stored.
import { ExitError } from '../../errors.js';
import { runCheck } from '../../score/check/run-check.js';
import type { CommandContext } from '../context.js';
import { createScoreProgress } from '../score-progress.js';
import { printCheck } from './check-messages.js';
import type { ScoreFlags } from '../../score/config.js';
import { scorerFlags, stopOnCtrlC } from './score-action.js';
import { printOffline, printPlan } from './score-messages.js';

/** `score`'s scoring settings, one scorer (--scorer), the sample and the label set. */
export interface CheckOptions extends ScoreFlags {
  scorer?: string;
  labels?: string;
  sample?: number;
  seed?: number;
  dryRun?: boolean;
  timeout?: number;
}

export async function checkAction({ out, env, cwd }: CommandContext, options: CheckOptions): Promise<void> {
  const { scorer, labels, sample, seed, dryRun, timeout, ...settings } = options;
  const flags = scorer === undefined ? settings : scorerFlags(settings, scorer);
  const ctrlC = stopOnCtrlC(out);
  const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let outcome: Awaited<ReturnType<typeof runCheck>>;
  try {
    outcome = await runCheck(
      {
        labels,
        sample,
        seed,
        flags: { ...flags, timeoutMs: timeout !== undefined ? timeout * 1000 : undefined },
        dryRun,
        env,
        cwd,
        signal: ctrlC.signal,
      },
      {
        onEvent: (event) => {
          if (event.type === 'offline' && !out.options.json) printOffline(out, event);
          if (event.type === 'plan' && !out.options.json && !dryRun) printPlan(out, event.plan);
          view.onEvent(event);
        },
      },
    );
  } finally {
    view.stop();
    ctrlC.dispose();
  }
  if (out.options.json) out.json(outcome);
  else if (outcome.dryRun) {
    out.data(`Check sample: ${outcome.sample.tasks} of ${outcome.labels.tasks} labelled tasks (${outcome.labels.bundled ? 'the bundled excerpt' : outcome.labels.file}, seed ${outcome.sample.seed})`);
    printPlan(out, outcome.plan, { asData: true });
    out.info('Dry run: nothing was sent.');
  } else printCheck(out, outcome);
  if (outcome.dryRun) return;
  if (outcome.run.status === 'interrupted') throw new ExitError(130);
  if (outcome.run.status === 'budget' || outcome.run.status === 'failures') throw new ExitError(1);
}
