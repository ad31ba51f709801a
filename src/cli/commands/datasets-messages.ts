// How `datasets` results read in a terminal. Only formatting: the data comes from src/data.
import type { CatalogEntry } from '../../data/catalog.js';
import type { DatasetSummary } from '../../data/summary.js';
import type { ValidationReport } from '../../data/validate.js';
import { formatLocation } from '../../errors.js';
import { majorGroupName } from '../../data/major-groups.js';
import { formatInteger, formatPercent, table, truncate } from '../format.js';
import type { Output } from '../output.js';

export function printCatalog(out: Output, entries: CatalogEntry[]): void {
  const rows = entries.map((e) => [
    e.name,
    e.origin,
    e.kind,
    e.occupations !== undefined ? formatInteger(e.occupations) : '',
    e.tasks !== undefined ? formatInteger(e.tasks) : e.detailedRows !== undefined ? `${formatInteger(e.detailedRows)} rows` : '',
    e.problem ? `unreadable: ${e.problem}` : e.path,
  ]);
  out.data(table(rows, { header: ['name', 'origin', 'kind', 'occupations', 'tasks', 'path'], align: ['left', 'left', 'left', 'right', 'right'] }));
  if (entries.length === 1) out.info(out.style.dim('Fetch the full O*NET release with `ai-frontier datasets fetch onet`.'));
}

export function printSummary(out: Output, s: DatasetSummary): void {
  const { bold } = out.style;
  const lines = [
    `${bold(s.name)}  ${s.kind}${s.version ? ` ${s.version}` : ''}  (${s.source})`,
    `occupations   ${formatInteger(s.occupations)}${s.occupationsWithoutTasks ? `  (${formatInteger(s.occupationsWithoutTasks)} without tasks)` : ''}`,
    `tasks         ${formatInteger(s.tasks)}  Core ${formatPercent(s.coreShare)}, Supplemental ${formatInteger(s.supplementalTasks)}, untyped ${formatInteger(s.untypedTasks)}`,
    `emerging      ${formatInteger(s.emergingTasks)} new or revised tasks reported by incumbents`,
  ];
  if (s.tasksWithRatings) lines.push(`ratings       ${formatInteger(s.tasksWithRatings)} tasks with importance ratings`);
  out.data(lines.join('\n'));

  out.data(`\n${bold('major groups')} (${s.majorGroups.length} of 22)`);
  const hasEmployment = Boolean(s.employment);
  out.data(
    table(
      s.majorGroups.map((g) => [
        g.code,
        truncate(majorGroupName(g.code), 48),
        formatInteger(g.occupations),
        formatInteger(g.tasks),
        ...(hasEmployment ? [formatInteger(g.employment)] : []),
      ]),
      { header: ['SOC', 'group', 'occupations', 'tasks', ...(hasEmployment ? ['employment'] : [])], align: ['left', 'left', 'right', 'right', 'right'] },
    ),
  );

  const e = s.employment;
  if (!e) {
    out.info(out.style.dim('\nNo employment joined: pass --oews <national_M2024_dl.xlsx | year> to add BLS employment.'));
    return;
  }
  out.data(
    [
      `\n${bold('employment')} (${e.source})`,
      `covered       ${formatInteger(e.covered)} of ${formatInteger(e.oewsDetailedTotal)} workers in detailed BLS occupations (${formatPercent(e.share)})`,
      `matched       ${formatInteger(e.matchedOccupations)} occupations, ${formatInteger(e.viaBroaderGroup)} through a broader BLS group`,
      `unmatched     ${formatInteger(e.unmatched.length)} occupations`,
      ...e.unmatched.slice(0, 12).map((u) => `  ${u.code}  ${truncate(u.title, 48)}  ${u.reason}`),
      ...(e.unmatched.length > 12 ? [`  … and ${e.unmatched.length - 12} more (--json lists all)`] : []),
      `rules`,
      ...e.rules.map((r) => `  - ${r}`),
    ].join('\n'),
  );
}

export function printProblems(out: Output, report: ValidationReport): void {
  const errors = report.problems.filter((p) => p.severity === 'error');
  const warnings = report.problems.length - errors.length;
  for (const p of report.problems) out.data(`${formatLocation(p)}: ${p.severity}: ${p.message}`);
  const verdict = errors.length ? out.style.red(`${errors.length} error(s)`) : out.style.green('no errors');
  out.info(`${report.source}: ${report.kind}, ${verdict}, ${warnings} warning(s)`);
}
