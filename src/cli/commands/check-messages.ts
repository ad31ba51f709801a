// What `check` prints: one screen on stdout. The agreement table (the model, the offline model on the same
// tasks, and the two label sets against each other), a verdict in words, the confusion matrices, and what the
// run cost with the projection to a whole O*NET release.
import type { AgreementFigures } from '../../score/check/figures.js';
import type { CheckReport, ScorerFigures } from '../../score/check/run-check.js';
import { EXPOSURE_LEVELS } from '../../score/types.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';
import { formatDuration, formatUsd } from '../score-progress.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

export function printCheck(out: Output, report: CheckReport): void {
  const { bold, dim } = out.style;
  const where = report.labels.bundled ? 'the bundled GPTs-are-GPTs excerpt' : report.labels.file;
  const s = report.sample;
  out.data(bold(`Check of ${report.scorer.name}: ${formatInteger(s.tasks)} of ${formatInteger(report.labels.tasks)} labelled tasks of ${where}`));
  out.data(
    dim(
      `  stratified by major group and GPT-4 label, seed ${s.seed}: ${s.majorGroups} major groups, ${s.occupations} occupations; ` +
        `GPT-4 labels ${EXPOSURE_LEVELS.map((e) => `${e} ${s.gpt4Labels[e] ?? 0}`).join(', ')}`,
    ),
  );
  out.data('');
  out.data(agreementTable(report));
  for (const line of tableNotes(report)) out.data(dim(line));
  out.data('');
  out.data(wrap(verdictText(report)));
  const gpt4 = report.checked.gpt4;
  const human = report.checked.human;
  if (gpt4 || human) {
    out.data('');
    out.data(confusionTable(report.checked));
  }
  out.data('');
  for (const line of costLines(report)) out.data(line);
}

function agreementTable(report: CheckReport): string {
  const rows: string[][] = [];
  const add = (name: string, figures: AgreementFigures | null, empty: string) => {
    if (!figures) {
      rows.push([name, '0', empty]);
      return;
    }
    const [lo, hi] = figures.kappaInterval;
    rows.push([
      name,
      formatInteger(figures.tasks),
      f3(figures.accuracy),
      f3(figures.kappa),
      `${f2(lo)} to ${f2(hi)}`,
      figures.verdict,
      `${f3(figures.betaPearson)} (${figures.occupations})`,
    ]);
  };
  const scorerRows = (figures: ScorerFigures, name: string) => {
    const held = figures.heldOut;
    const tag = held ? ', held out' : '';
    const none = held ? `no task of this sample is held out from ${held.model}` : 'no task scored';
    add(`${name} vs GPT-4${tag}`, figures.gpt4, none);
    add(`${name} vs human${tag}`, figures.human, none);
    if (figures.inSample) {
      const trained = figures.inSample.tasks - (held?.tasks ?? 0);
      add(`${name} vs GPT-4, IN-SAMPLE: trained on ${trained}`, figures.inSample.gpt4, none);
      add(`${name} vs human, IN-SAMPLE: trained on ${trained}`, figures.inSample.human, none);
    }
  };
  scorerRows(report.checked, report.checked.scorer);
  if (report.offline) scorerRows(report.offline, `${report.offline.scorer} (reference)`);
  add('GPT-4 labels vs human labels', report.labelsAgree, 'no task');
  return table(rows, {
    header: ['exposure E0/E1/E2', 'tasks', 'accuracy', 'kappa', '95% interval', 'in words', 'beta r (occ.)'],
    align: ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
  });
}

/** What the table's marks mean: held out, in-sample, and how few tasks each occupation's beta rests on. */
function tableNotes(report: CheckReport): string[] {
  const notes: string[] = [];
  const all = report.labelsAgree;
  if (all) {
    const each = all.tasksPerOccupation === 1 ? '1 task' : `${all.tasksPerOccupation} tasks`;
    notes.push(
      `kappa: Cohen's, with a 95% bootstrap interval over tasks. beta r: Pearson's r of occupation beta (Core tasks weigh 2) over ` +
        `the occupations in brackets; the sample has a median of ${each} per occupation${all.tasksPerOccupation < 3 ? ', so it is close to a task-level figure' : ''}.`,
    );
  }
  for (const figures of [report.checked, report.offline]) {
    const held = figures?.heldOut;
    if (!figures || !held) continue;
    notes.push(
      `held out: ${figures.scorer} judged on the ${held.tasks} of ${held.of} sampled tasks whose occupation and statement ${held.model} never trained on` +
        (figures.inSample ? `; IN-SAMPLE rows count all ${figures.inSample.tasks}, and flatter it.` : '.'),
    );
  }
  return notes;
}

/** The plain-words reading: how the model agrees with each reference, beside the free offline model. */
export function verdictText(report: CheckReport): string {
  const { gpt4, human } = report.checked;
  const name = report.checked.scorer;
  if (!gpt4 || !human) return `Verdict: none; ${name} scored no task that can be judged here.`;
  const chance = (x: AgreementFigures) => x.verdict === 'no better than chance';
  let text: string;
  if (chance(gpt4) && chance(human)) {
    text =
      `Verdict: ${name} agrees with GPT-4's labels and with the human annotators' no more than chance would ` +
      `(kappa ${f3(gpt4.kappa)} and ${f3(human.kappa)}, each interval reaching 0): its labels look like guesses, and a full run would buy nothing.`;
  } else {
    text =
      `Verdict: ${name} shows ${wordsOf(gpt4)} with GPT-4's labels (kappa ${f3(gpt4.kappa)}) and ${wordsOf(human)} with the human annotators' (kappa ${f3(human.kappa)}).`;
  }
  const offline = report.offline;
  if (offline?.gpt4 && offline.human) {
    text += ` The offline model, free, gives ${f3(offline.gpt4.kappa)} and ${f3(offline.human.kappa)} on the ${offline.heldOut?.tasks ?? offline.gpt4.tasks} of these tasks it never trained on.`;
  }
  if (report.labelsAgree) text += ` GPT-4 and the humans agree with each other at kappa ${f3(report.labelsAgree.kappa)} here.`;
  return text;
}

function wordsOf(figures: AgreementFigures): string {
  return figures.verdict === 'no better than chance' ? 'agreement no better than chance' : `${figures.verdict} agreement`;
}

function confusionTable(figures: ScorerFigures): string {
  const sides = [
    ['GPT-4', figures.gpt4],
    ['human', figures.human],
  ] as const;
  const header = ['', ...sides.flatMap(([label]) => EXPOSURE_LEVELS.map((e) => `${label} ${e}`))];
  const rows = EXPOSURE_LEVELS.map((e, i) => [`${figures.scorer} ${e}`, ...sides.flatMap(([, x]) => (x ? x.confusion[i]!.map((n) => formatInteger(n)) : EXPOSURE_LEVELS.map(() => '')))]);
  const note = figures.heldOut ? ' (held-out tasks)' : '';
  return `confusion${note}: rows ${figures.scorer}, columns the labels\n${table(rows, { header, align: ['left', ...header.slice(1).map(() => 'right' as const)] })}`;
}

function costLines(report: CheckReport): string[] {
  const r = report.run;
  const money = (usd: number | null) => {
    if (report.scorer.offline) return '$0 (offline model)';
    if (r.price === 'free') return '$0 (server on this machine)';
    if (usd === null) return 'unknown (no price listed for this model)';
    return formatUsd(usd);
  };
  const lines: string[] = [];
  if (report.scorer.offline) {
    lines.push(`Run: ${formatInteger(r.scoredNow)} tasks scored now, ${formatInteger(r.alreadyStored)} already stored; no requests, no tokens.`);
  } else {
    lines.push(
      `Run: ${formatInteger(r.requests)} requests (${formatInteger(r.plannedRequests)} planned), ${formatInteger(r.retries)} retries and re-asks, ` +
        `${formatInteger(r.rateLimited)} rate-limit waits, ${formatInteger(r.failures.length)} tasks failed; ${formatInteger(r.scoredNow)} tasks scored now, ` +
        `${formatInteger(r.alreadyStored)} already stored.`,
    );
    lines.push(`     tokens ${formatInteger(r.inputTokens)} in, ${formatInteger(r.outputTokens)} out; cost ${money(r.costUsd)}; ${seconds(r.elapsedMs / 1000)} in all.`);
  }
  const per = report.perThousand;
  const rate = report.rate;
  if (!per) {
    lines.push('Per 1,000 tasks: not measured (no task was scored in this run, and no stored request holds these scores).');
  } else {
    const from = rate.source === 'stored' ? ` (from the ${formatInteger(rate.tasks)} stored scores' requests: nothing was sent now)` : '';
    const time = per.seconds === null ? 'time not measured (the store keeps no timings)' : seconds(per.seconds);
    const tokens = report.scorer.offline ? '' : `${formatInteger(per.inputTokens)} input + ${formatInteger(per.outputTokens)} output tokens, `;
    lines.push(`Per 1,000 tasks: ${tokens}${money(per.costUsd)}, ${time}${from}.`);
  }
  const p = report.projection;
  const cost = per ? money(p.costUsd) : 'unknown';
  const pace = report.scorer.offline
    ? "on this machine at this sample's pace (the model's start-up weighs on a small sample; a full run is faster per task)"
    : "at this run's rate (a longer run lets the rate limiter open up; the provider's limits may slow it)";
  const time = p.seconds === null ? 'time unknown' : `about ${seconds(p.seconds)} ${pace}`;
  lines.push(`Full O*NET ${p.release} (${formatInteger(p.tasks)} task statements): ${cost}, ${time}.`);
  return lines;
}

/** Seconds with a decimal while short, as minutes and hours when long. */
function seconds(value: number): string {
  return value < 10 ? `${value.toFixed(1)}s` : formatDuration(value * 1000);
}

/** Long sentences broken at spaces so the screen reads without a wide terminal. */
function wrap(text: string, width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
