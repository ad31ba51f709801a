// The CSV reports as plain tables: Analysis in, { header, rows } out. Pure, so tests can compare cells
// with the Analysis they came from, and the CSV writer stays the only place that escapes.
//
// Conventions for every table:
// - column names are snake_case;
// - shares are fractions 0..1 and numbers are written unrounded (a spreadsheet rounds for display);
// - an empty cell means "not available" (an unscored task, an occupation without employment).
//
// Columns:
// tasks.csv            task_id, occupation_code, occupation_title, task_type, task, importance, frequency,
//                      exposure (E0/E1/E2), alpha, beta, zeta (the task's exposure measures), automation (T0..T4),
//                      automation_share (0..1), mode, horizon (year), confidence, rationale, scorer, model, rubric_version
// occupations.csv      code, soc, major_group, title, employment, median_wage, mean_wage, task_count,
//                      scored_task_count, alpha, beta, zeta, automation, automate_share, augment_share, mean_horizon,
//                      task_weighting, frontier_exposed (the frontier measure's weighted mean), dark_<horizon year>,
//                      grey_<horizon year>, notes
// groups.csv           major_group, name, weighted_by, occupation_count, covered_occupation_count, employment,
//                      employment_covered, alpha, beta, zeta, automation, automate_share, augment_share, mean_horizon,
//                      <measure>_exposed_10 / <measure>_exposed_50 (share of workers in occupations at least 10% / 50%
//                      exposed) for alpha, beta and zeta, dark_<horizon year>, grey_<horizon year>, notes;
//                      the last row, major_group "total", is the whole workforce
// frontier.csv         year, dark, white, grey, total (shares of base-year employment), dark_jobs, white_jobs,
//                      grey_jobs, net_jobs (grey_jobs - dark_jobs)
// frontier-detail.csv  the frontier per occupation and per major group, long form: level (occupation | group), code,
//                      title, employment, year, dark, white, grey
// new-work.csv         text, kind (task | role), occupation_code, occupation_title, major_group, group_name, year,
//                      draws_from (O*NET-SOC codes separated by "; "), rationale, source

import { EXPOSURE_MEASURES, type ExposureSummary } from '../aggregate/types.js';
import { majorGroupName } from '../aggregate/major-groups.js';
import type { Analysis } from '../analysis/types.js';
import { automationShare, exposureMeasures } from '../score/types.js';

export type Cell = string | number | null | undefined;

export interface Table {
  header: string[];
  rows: Cell[][];
}

export function tasksTable(analysis: Analysis): Table {
  const header = [
    'task_id', 'occupation_code', 'occupation_title', 'task_type', 'task', 'importance', 'frequency',
    'exposure', 'alpha', 'beta', 'zeta', 'automation', 'automation_share', 'mode', 'horizon', 'confidence',
    'rationale', 'scorer', 'model', 'rubric_version',
  ];
  const rows = analysis.tasks.map(({ task, occupationTitle, score }) => {
    const measures = score ? exposureMeasures(score.exposure) : undefined;
    return [
      task.id, task.occupationCode, occupationTitle, task.type, task.text, task.importance, task.frequency,
      score?.exposure, measures?.alpha, measures?.beta, measures?.zeta, score?.automation,
      score?.automation ? automationShare(score.automation) : undefined, score?.mode, score?.horizon,
      score?.confidence, score?.rationale, score?.scorer, score?.model, score?.rubricVersion,
    ];
  });
  return { header, rows };
}

export function occupationsTable(analysis: Analysis): Table {
  const { horizonYear } = analysis.frontier.params;
  const last = analysis.frontier.years.length - 1;
  const frontierByCode = new Map(analysis.frontier.byOccupation.map((o) => [o.code, o]));
  const header = [
    'code', 'soc', 'major_group', 'title', 'employment', 'median_wage', 'mean_wage', 'task_count', 'scored_task_count',
    'alpha', 'beta', 'zeta', 'automation', 'automate_share', 'augment_share', 'mean_horizon', 'task_weighting',
    'frontier_exposed', `dark_${horizonYear}`, `grey_${horizonYear}`, 'notes',
  ];
  const rows = analysis.occupations.map((o) => {
    const frontier = frontierByCode.get(o.code);
    return [
      o.code, o.soc, o.majorGroup, o.title, o.employment, o.medianWage, o.meanWage, o.taskCount, o.scoredTaskCount,
      o.alpha, o.beta, o.zeta, o.automation, o.automateShare, o.augmentShare, o.meanHorizon, o.taskWeighting,
      frontier?.exposed, frontier?.dark[last], frontier?.grey[last], o.notes.join('; '),
    ];
  });
  return { header, rows };
}

export function groupsTable(analysis: Analysis): Table {
  const { horizonYear } = analysis.frontier.params;
  const last = analysis.frontier.years.length - 1;
  const frontierByGroup = new Map(analysis.frontier.byGroup.map((g) => [g.majorGroup, g]));
  const header = [
    'major_group', 'name', 'weighted_by', 'occupation_count', 'covered_occupation_count', 'employment',
    'employment_covered', 'alpha', 'beta', 'zeta', 'automation', 'automate_share', 'augment_share', 'mean_horizon',
    ...EXPOSURE_MEASURES.flatMap((m) => [`${m}_exposed_10`, `${m}_exposed_50`]),
    `dark_${horizonYear}`, `grey_${horizonYear}`, 'notes',
  ];
  const summaryCells = (s: ExposureSummary): Cell[] => [
    s.weightedBy, s.occupationCount, s.coveredOccupationCount, s.employment, s.employmentCovered,
    s.alpha, s.beta, s.zeta, s.automation, s.automateShare, s.augmentShare, s.meanHorizon,
    ...EXPOSURE_MEASURES.flatMap((m) => [s.exposed[m]?.atLeast10, s.exposed[m]?.atLeast50]),
  ];
  const rows: Cell[][] = analysis.groups.map((g) => {
    const frontier = frontierByGroup.get(g.majorGroup);
    return [g.majorGroup, g.name, ...summaryCells(g), frontier?.dark[last], frontier?.grey[last], g.notes.join('; ')];
  });
  const workforceEnd = analysis.frontier.years[last];
  rows.push([
    'total', 'All occupations', ...summaryCells(analysis.workforce),
    workforceEnd?.dark, workforceEnd?.grey, analysis.workforce.notes.join('; '),
  ]);
  return { header, rows };
}

export function frontierTable(analysis: Analysis): Table {
  const header = ['year', 'dark', 'white', 'grey', 'total', 'dark_jobs', 'white_jobs', 'grey_jobs', 'net_jobs'];
  const rows = analysis.frontier.years.map((p) => [
    p.year, p.dark, p.white, p.grey, p.total, p.darkJobs, p.whiteJobs, p.greyJobs, p.netJobs,
  ]);
  return { header, rows };
}

export function frontierDetailTable(analysis: Analysis): Table {
  const header = ['level', 'code', 'title', 'employment', 'year', 'dark', 'white', 'grey'];
  const { baseYear } = analysis.frontier.params;
  const rows: Cell[][] = [];
  const add = (level: string, code: string, title: string, employment: number | null, dark: number[], grey: number[]) => {
    dark.forEach((d, i) => rows.push([level, code, title, employment, baseYear + i, d, 1 - d, grey[i]]));
  };
  for (const g of analysis.frontier.byGroup) add('group', g.majorGroup, g.name, g.employment, g.dark, g.grey);
  for (const o of analysis.frontier.byOccupation) add('occupation', o.code, o.title, o.employment, o.dark, o.grey);
  return { header, rows };
}

export function newWorkTable(analysis: Analysis): Table {
  const titles = new Map(analysis.occupations.map((o) => [o.code, o.title]));
  const header = [
    'text', 'kind', 'occupation_code', 'occupation_title', 'major_group', 'group_name', 'year', 'draws_from',
    'rationale', 'source',
  ];
  const rows = analysis.newWork.map((w) => {
    const group = w.majorGroup ?? w.occupationCode?.slice(0, 2);
    return [
      w.text, w.kind, w.occupationCode, w.occupationCode ? titles.get(w.occupationCode) : undefined, group,
      group ? majorGroupName(group) : undefined, w.year, w.drawsFrom.join('; '), w.rationale, w.source,
    ];
  });
  return { header, rows };
}

/** Every CSV report by file name, in the order they are written. */
export function csvTables(analysis: Analysis): Record<string, Table> {
  return {
    'tasks.csv': tasksTable(analysis),
    'occupations.csv': occupationsTable(analysis),
    'groups.csv': groupsTable(analysis),
    'frontier.csv': frontierTable(analysis),
    'frontier-detail.csv': frontierDetailTable(analysis),
    'new-work.csv': newWorkTable(analysis),
  };
}
