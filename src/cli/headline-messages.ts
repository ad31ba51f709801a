// The headline as a person reads it in ten seconds.
import type { Headline } from '../analysis/headline.js';
import { formatInteger, formatPercent, formatSigned, table, truncate } from './format.js';
import type { Output } from './output.js';

export function formatHeadline(out: Output, h: Headline): string {
  const { bold, dim } = out.style;
  const lines: string[] = [];
  const beta = h.workersExposed.beta;
  if (beta && h.employmentCovered > 0) {
    lines.push(
      `${bold('Workers exposed')} (beta): ${formatPercent(beta.atLeast10)} of ${formatInteger(h.employmentCovered)} workers are in occupations ` +
        `with at least 10% of tasks exposed, ${formatPercent(beta.atLeast50)} with at least 50%.`,
    );
  }
  if (h.milestones.length) {
    const jobs = h.employment.how !== 'none' && h.frontierEmployment > 0;
    const whose = jobs ? `, jobs of ${formatInteger(h.frontierEmployment)} base-year workers` : ', no employment: shares only';
    lines.push(`${lines.length ? '\n' : ''}${bold('Frontier')} ${dim(`(${h.measure}, new work: ${h.preset ?? 'custom'}${whose})`)}`);
    lines.push(dim(`${h.timeModel[0]!.toUpperCase()}${h.timeModel.slice(1)}.`));
    const header = ['year', 'dark (automated)', ...(h.banded ? ['band'] : []), 'white (human work)', 'grey (new work)', ...(jobs ? ['net jobs'] : [])];
    lines.push(
      table(
        h.milestones.map((p) => [
          String(p.year),
          formatPercent(p.dark),
          ...(h.banded ? [`${formatPercent(p.darkLow)}-${formatPercent(p.darkHigh)}`] : []),
          formatPercent(p.white),
          formatPercent(p.grey),
          ...(jobs ? [formatSigned(p.netJobs)] : []),
        ]),
        { header, align: header.map((_, i) => (i === 0 ? 'left' : 'right')) },
      ),
    );
    for (const note of h.notes) lines.push(dim(`Note: ${note}.`));
  }
  if (h.mostExposed.length) {
    lines.push(`\n${bold('Most exposed occupations')} ${dim('(by workers x beta)')}`);
    lines.push(
      table(
        h.mostExposed.map((o) => [o.code, truncate(o.title, 44), formatInteger(o.employment), formatPercent(o.beta, 0), formatInteger(o.exposedJobs)]),
        { header: ['code', 'occupation', 'employment', 'beta', 'exposed jobs'], align: ['left', 'left', 'right', 'right', 'right'] },
      ),
    );
  }
  if (h.newWork.length) {
    lines.push(`\n${bold('New work, for example')} ${dim('(the grey)')}`);
    for (const e of h.newWork) lines.push(`  - ${e.text} ${dim(`[${e.occupationCode ?? e.majorGroup ?? ''}${e.year ? `, ${e.year}` : ''}; ${e.source}]`)}`);
  }
  return lines.join('\n');
}

