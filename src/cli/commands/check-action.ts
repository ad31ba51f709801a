// What `check` does once parsed: runCheck with the score progress on stderr, then one screen of figures on
// stdout (or one JSON document). Ctrl-C stops sending as in `score`; what arrived is stored.
import { ExitError } from '../../errors.js';
import { runCheck } from '../../score/check/run-check.js';
import type { CommandContext } from '../context.js';
import { createScoreProgress } from '../score-progress.js';
import { printCheck } from './check-messages.js';
import { scorerFlags, type ScoreOptions } from './score-action.js';
import { printOffline, printPlan } from './score-messages.js';

/** `score`'s scoring options (the settings and --scorer), and the label set. */
export interface CheckOptions extends ScoreOptions {
  labels?: string;
}

export async function checkAction({ out, env, cwd }: CommandContext, options: CheckOptions): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    out.warn('Stopping: waiting for replies already on their way (Ctrl-C again to quit now)...');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const flags = scorerFlags(options);
  const view = createScoreProgress(out, { stream: process.stderr, stdinIsTTY: Boolean(process.stdin.isTTY) });
  let outcome: Awaited<ReturnType<typeof runCheck>>;
  try {
    outcome = await runCheck(
      {
        labels: options.labels,
        sample: options.sample,
        seed: options.seed,
        flags: { ...flags, timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined },
        dryRun: options.dryRun,
        env,
        cwd,
        signal: controller.signal,
      },
      {
        onEvent: (event) => {
          if (event.type === 'offline' && !out.options.json) printOffline(out, event);
          if (event.type === 'plan' && !out.options.json && !options.dryRun) printPlan(out, event.plan);
          view.onEvent(event);
        },
      },
    );
  } finally {
    view.stop();
    process.off('SIGINT', onSigint);
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
