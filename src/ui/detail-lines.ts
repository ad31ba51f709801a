// One occupation in full, as lines of text: its figures, every task with every score field and the
// rationale, and the new-work examples that grow in it. The view scrolls through these lines.
import type { Analysis } from '../analysis/types.js';
import { formatJobs, formatShare } from '../chart/format.js';
import { wrap } from './text.js';

export interface DetailOptions {
  width: number;
  yearIndex: number;
}

export function detailLines(analysis: Analysis, code: string, options: DetailOptions): string[] {
  const { width } = options;
  const occupation = analysis.occupations.find((o) => o.code === code);
  if (!occupation) return [`No occupation ${code} in this analysis.`];
  const series = analysis.frontier.byOccupation.find((s) => s.code === code);
  const year = analysis.frontier.params.firstYear + options.yearIndex;
  const pct = (v: number | null) => (v === null ? '–' : formatShare(v));
  const group = analysis.groups.find((g) => g.majorGroup === occupation.majorGroup);

  const lines: string[] = [
    ...wrap(`${occupation.code}  ${occupation.title}  (${group?.label ?? occupation.majorGroup})`, width),
    ...wrap(
      `employment ${occupation.employment === null ? 'unknown' : formatJobs(occupation.employment)}` +
        `  median wage ${occupation.medianWage === null ? '–' : `$${occupation.medianWage.toLocaleString('en-US')}`}` +
        `  tasks ${occupation.scoredTaskCount}/${occupation.taskCount} scored`,
      width,
    ),
    ...wrap(
      `alpha ${pct(occupation.alpha)}  beta ${pct(occupation.beta)}  zeta ${pct(occupation.zeta)}  automation ${pct(occupation.automation)}` +
        `  automate ${pct(occupation.automateShare)}  augment ${pct(occupation.augmentShare)}` +
        `  mean horizon ${occupation.meanHorizon === null ? '–' : Math.round(occupation.meanHorizon)}`,
      width,
    ),
  ];
  if (series && occupation.employment !== null) {
    const y = Math.min(options.yearIndex, series.dark.length - 1);
    lines.push(
      ...wrap(
        `by ${year}: displaced ${formatShare(series.dark[y]!)} (${formatJobs(series.dark[y]! * occupation.employment)} jobs)` +
          `  new work ${formatShare(series.grey[y]!)} (${formatJobs(series.grey[y]! * occupation.employment)} jobs)`,
        width,
      ),
    );
  }
  for (const note of occupation.notes) lines.push(...wrap(`note: ${note}`, width, '  '));

  const tasks = analysis.tasks.filter((row) => row.task.occupationCode === code);
  lines.push('', `Tasks (${tasks.length})`);
  for (const { task, score } of tasks) {
    lines.push(...wrap(`• [${task.type ?? 'untyped'}] ${task.id}: ${task.text}`, width, '    '));
    if (!score) {
      lines.push('    not scored');
      continue;
    }
    const fields = [
      `exposure ${score.exposure}`,
      `automation ${score.automation ?? '–'}`,
      `mode ${score.mode ?? '–'}`,
      `horizon ${score.horizon ?? '–'}`,
      `confidence ${score.confidence === undefined ? '–' : score.confidence.toFixed(2)}`,
      `scorer ${score.scorer}${score.model ? ` (${score.model})` : ''}`,
    ];
    lines.push(...indented(fields.join('  '), width));
    if (score.rationale) lines.push(...indented(`rationale: ${score.rationale}`, width));
  }

  const examples = analysis.newWork.filter(
    (e) => e.occupationCode === code || (e.occupationCode === undefined && e.majorGroup === occupation.majorGroup) || e.drawsFrom.includes(code),
  );
  lines.push('', `New work examples (${examples.length})`);
  if (examples.length === 0) lines.push('  none recorded for this occupation');
  for (const e of examples) {
    const meta = [e.kind, e.year, e.source].filter((v) => v !== undefined).join(', ');
    lines.push(...wrap(`+ ${e.text} (${meta})`, width, '    '));
    if (e.rationale) lines.push(...indented(`rationale: ${e.rationale}`, width));
  }
  return lines;
}

function indented(text: string, width: number, indent = '    '): string[] {
  return wrap(text, Math.max(8, width - indent.length)).map((line) => indent + line);
}
