// How `datasets` results read in a terminal. Only formatting: the data comes from src/data.
import type { CatalogEntry } from '../../data/catalog.js';
import type { DatasetSummary } from '../../data/summary.js';
import type { ValidationReport } from '../../data/validate.js';
import { formatLocation } from '../../errors.js';
import { MAJOR_GROUPS, MILITARY_GROUP, majorGroupName } from '../../data/major-groups.js';
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

const KIND_LABELS: Record<DatasetSummary['kind'], string> = { onet: 'text release', table: 'task table', sample: 'bundled sample' };

/** "O*NET 29.1 text release", "bundled sample", "task table": what the dataset is, without repeating its name. */
function describeKind(s: DatasetSummary): string {
  if (s.kind === 'onet') return `O*NET${s.version ? ` ${s.version}` : ''} ${KIND_LABELS.onet}`;
  if (s.kind === 'sample') return 'bundled sample (O*NET codes and titles, tasks written for this project)';
  return KIND_LABELS[s.kind];
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

export function printSummary(out: Output, s: DatasetSummary, options: { oewsGiven?: boolean } = {}): void {
  const { bold } = out.style;
  const withoutTasks = s.occupationsWithoutTasks
    ? `  (${formatInteger(s.occupationsWithoutTasks)} without tasks${s.employment ? `: ${formatInteger(s.occupationsWithoutTasksEmployment)} workers, in no exposure or frontier figure` : ''})`
    : '';
  const revisions = s.emergingTasks - s.emergingNewTasks;
  const emerging =
    s.kind === 'sample'
      ? `${plural(s.emergingNewTasks, 'example')} of new work written for this project`
      : `${plural(s.emergingTasks, 'row')}: ${plural(s.emergingNewTasks, 'task')} new to their occupation (the examples of new work), ` +
        `${plural(revisions, 'revision')} of existing tasks`;
  const lines = [
    `${bold(s.name)}  ${describeKind(s)}  (${s.source})`,
    `occupations   ${formatInteger(s.occupations)}${withoutTasks}`,
    `tasks         ${formatInteger(s.tasks)}  Core ${formatPercent(s.coreShare)}, Supplemental ${formatInteger(s.supplementalTasks)}, untyped ${formatInteger(s.untypedTasks)}`,
    `emerging      ${emerging}`,
  ];
  if (s.tasksWithRatings) lines.push(`ratings       ${formatInteger(s.tasksWithRatings)} tasks with importance ratings`);
  out.data(lines.join('\n'));

  const civilian = s.majorGroups.filter((g) => g.code in MAJOR_GROUPS).length;
  const military = s.majorGroups.some((g) => g.code === MILITARY_GROUP);
  const others = s.majorGroups.length - civilian - (military ? 1 : 0);
  const groupsLine =
    `${formatInteger(civilian)} of the 22 civilian SOC groups` +
    (military ? `, and ${MILITARY_GROUP} ${majorGroupName(MILITARY_GROUP)} (not surveyed by BLS OEWS)` : '') +
    (others ? `, and ${plural(others, 'code')} outside SOC` : '');
  out.data(`\n${bold('major groups')} ${groupsLine}`);
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
    out.data(
      '\nNo employment data: pass --oews <national_M2024_dl.xlsx | year>, or run `ai-frontier datasets fetch oews` ' +
        '(every command then uses the newest fetched file).',
    );
    return;
  }
  const chosen = s.kind === 'sample' && !options.oewsGiven ? 'bundled' : options.oewsGiven ? '--oews' : 'the newest fetched; --oews picks another, --oews none for none';
  out.data(
    [
      `\n${bold('employment')} (${e.source}; ${chosen})`,
      `covered       ${formatInteger(e.covered)} of ${formatInteger(e.oewsDetailedTotal)} workers in detailed BLS occupations (${formatPercent(e.share)})`,
      `matched       ${plural(e.matchedOccupations, 'occupation')}, ${formatInteger(e.viaBroaderGroup)} through a broader BLS group`,
      `unmatched     ${plural(e.unmatched.length, 'occupation')}`,
      ...e.unmatched.slice(0, 12).map((u) => `  ${u.code}  ${truncate(u.title, 48)}  ${u.reason}`),
      ...(e.unmatched.length > 12 ? [`  … and ${formatInteger(e.unmatched.length - 12)} more (--json lists all)`] : []),
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
