// What `new-work` does once parsed: runNewWork, then each subject's proposals (stdout), the plan and
// progress (stderr). Offline it prints the examples of the grey there are, and how to get a model's.
import type { NewWorkExample } from '../../analysis/types.js';
import { majorGroupName } from '../../data/major-groups.js';
import { ExitError } from '../../errors.js';
import { runNewWork, type NewWorkEvent, type NewWorkFlags, type NewWorkPlan, type RunNewWorkResult, type SubjectProposals } from '../../newwork/run.js';
import type { CommandContext } from '../context.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';
import { createWaitNotices, type WaitNotices } from '../wait-notices.js';
import { formatUsd } from '../score-progress.js';

export interface NewWorkOptions extends NewWorkFlags {
  by: 'occupation' | 'group';
  occupation?: string[];
  majorGroup?: string[];
  limit?: number;
  dryRun?: boolean;
  timeout?: number;
}

export async function newWorkAction({ out, env, cwd }: CommandContext, options: NewWorkOptions): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    out.warn('Stopping: waiting for replies already on their way...');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const waits = createWaitNotices(out);
  let result: RunNewWorkResult;
  try {
    result = await runNewWork(
      {
        flags: { ...options, timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined },
        subjects: { by: options.by, occupations: options.occupation, majorGroups: options.majorGroup, limit: options.limit },
        dryRun: options.dryRun,
        env,
        cwd,
        signal: controller.signal,
      },
      { onEvent: (event) => progress(out, event, Boolean(options.dryRun), waits) },
    );
  } finally {
    waits.stop();
    process.off('SIGINT', onSigint);
  }
  if (out.options.json) out.json(resultJson(result));
  else if (result.status === 'offline') printOffline(out, result);
  else if (result.status === 'dry-run') out.info('Dry run: nothing was sent.');
  else printResult(out, result);
  if (result.status === 'interrupted') throw new ExitError(130);
  if (result.status === 'budget' || result.status === 'failures') throw new ExitError(1);
}

function progress(out: Output, event: NewWorkEvent, dryRun: boolean, waits: WaitNotices): void {
  if (out.options.json) return;
  if (event.type === 'plan') printPlan(out, event.plan, dryRun);
  if (event.type === 'plan' && event.plan.requests > 0) waits.start();
  if (event.type === 'engine') waits.engine(event.event);
  if (event.type === 'subject') {
    waits.reply();
    const p = event.progress;
    out.info(`proposed ${event.proposals} for ${event.subject} ${event.title} (${p.done + p.failed}/${p.total}, ${formatInteger(p.inputTokens + p.outputTokens)} tokens${p.costUsd !== null ? `, ${formatUsd(p.costUsd)}` : ''})`);
  }
}

/** Messages before a run; the data itself of a dry run (stdout, even with --quiet). */
function printPlan(out: Output, plan: NewWorkPlan, asData: boolean): void {
  const print = asData ? out.data : out.info;
  const cost = plan.price === 'free' ? '$0 (local server)' : plan.price === 'unknown' ? 'unknown: no price listed for this model' : `${formatUsd(plan.estCostUsd)}, prices read ${plan.pricesReadOn}`;
  print(`Plan: new work for ${plan.dataset} by ${plan.scope} with ${plan.proposer} (exposed tasks from ${plan.scorer})`);
  print(
    table([
      ['  subjects', formatInteger(plan.subjects)],
      ['  already stored', formatInteger(plan.alreadyStored)],
      ['  requests to send', formatInteger(plan.requests)],
      ['  est. input tokens', formatInteger(plan.estInputTokens)],
      ['  est. output tokens', formatInteger(plan.estOutputTokens)],
      ['  est. cost', cost],
    ]),
  );
}

function subjectHeading(scope: 'occupation' | 'group', subject: string, title: string): string {
  return scope === 'group' ? `${subject}-0000  ${title} (major group)` : `${subject}  ${title}`;
}

function proposalLines(items: { year?: number; kind: string; text: string; drawsFrom: string[]; source?: string }[]): string {
  const rows: string[][] = [];
  for (const item of items) {
    rows.push([`  ${item.year ?? '    '}`, item.kind, item.text]);
    rows.push(['', '', `draws from ${item.drawsFrom.join(', ')}${item.source ? ` · ${item.source}` : ''}`]);
  }
  return table(rows);
}

function printResult(out: Output, result: RunNewWorkResult): void {
  for (const s of result.subjects) {
    out.data(out.style.bold(subjectHeading(s.scope, s.subject, s.title)));
    if (!s.proposals.length) out.data('  (no proposals)');
    else out.data(proposalLines(s.proposals.map((p) => ({ ...p, text: p.title ? `${p.title}: ${p.text}` : p.text }))));
    out.data('');
  }
  const p = result.progress;
  out.info(
    `${formatInteger(p.done)} subjects proposed now, ${formatInteger(result.plan?.alreadyStored ?? 0)} from the store; ` +
      `${formatInteger(p.requests)} requests, ${formatInteger(p.inputTokens)} in / ${formatInteger(p.outputTokens)} out tokens, ${formatUsd(p.costUsd)}; store ${result.storeFile}`,
  );
  if (result.dropped.invalidProposals || result.dropped.unknownCodes) {
    out.info(`dropped ${result.dropped.invalidProposals} invalid proposals and ${result.dropped.unknownCodes} draws_from codes that were not sent`);
  }
  for (const f of result.failures) out.warn(`failed: ${f.subject}: ${f.reason}`);
  if (result.status === 'budget') out.warn('Stopped at the --max-cost budget; raise it and run the same command again to finish.');
  if (result.status === 'failures' || result.status === 'interrupted') out.warn('Run the same command again to ask for the subjects left.');
}

function printOffline(out: Output, result: RunNewWorkResult): void {
  const titles = new Map(result.dataset.occupations.map((o) => [o.code, o.title]));
  const bySubject = new Map<string, NewWorkExample[]>();
  for (const e of result.examples) {
    const subject = e.occupationCode ?? e.majorGroup ?? '';
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), e]);
  }
  out.data(`Examples of new work (the grey) for ${result.dataset.name}: ${formatInteger(result.examples.length)}`);
  out.data('');
  for (const [subject, examples] of [...bySubject].sort(([a], [b]) => a.localeCompare(b))) {
    const heading = titles.has(subject) ? subjectHeading('occupation', subject, titles.get(subject)!) : subjectHeading('group', subject, majorGroupName(subject));
    out.data(out.style.bold(heading));
    out.data(proposalLines(examples));
    out.data('');
  }
  const why = result.offlineReason === 'requested' ? 'Offline was requested' : 'No API key or base URL set';
  out.info(`${why}: a model is needed to propose new work; set OPENAI_API_KEY, or pass --provider ollama / --base-url http://localhost:11434/v1.`);
}

function subjectJson(s: SubjectProposals) {
  return {
    scope: s.scope,
    subject: s.subject,
    title: s.title,
    proposals: s.proposals.map((p) => ({ kind: p.kind, text: p.text, ...(p.title ? { title: p.title } : {}), year: p.year, drawsFrom: p.drawsFrom, rationale: p.rationale, model: p.model, provider: p.provider, promptVersion: p.promptVersion })),
  };
}

function resultJson(result: RunNewWorkResult): Record<string, unknown> {
  return {
    status: result.status,
    dataset: result.dataset.name,
    store: result.storeFile,
    ...(result.status === 'offline'
      ? { offline: true, note: 'a model is needed to propose new work; set OPENAI_API_KEY, or pass --provider / --base-url', examples: result.examples }
      : {
          plan: result.plan,
          subjects: result.subjects.map(subjectJson),
          requests: result.progress.requests,
          usage: { inputTokens: result.progress.inputTokens, outputTokens: result.progress.outputTokens, cachedInputTokens: result.progress.cachedInputTokens },
          costUsd: result.progress.costUsd,
          dropped: result.dropped,
          failures: result.failures,
        }),
    elapsedMs: result.elapsedMs,
  };
}
