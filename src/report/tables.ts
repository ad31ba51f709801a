// The CSV reports as plain tables: Analysis in, { header, rows } out. Pure, so tests can compare cells
// with the Analysis they came from, and the CSV writer stays the only place that escapes.
//
// Conventions for every table:
// - column names are snake_case;
// - people (employment, jobs) and wages are whole numbers; shares and measures are fractions 0..1 rounded to
//   4 decimal places (0.01 percentage point), confidence too; mean horizons to 0.01 of a year. report.json
//   keeps every figure at full precision, so totals here may differ from sums of rounded rows by a unit;
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
//                      exposed) for alpha, beta and zeta, dark_<horizon year>, grey_<horizon year>,
//                      without_tasks_occupations, without_tasks_employment (occupations the dataset lists with no task:
//                      counted in employment, in no figure), notes; the last row, major_group "total", is the whole
//                      workforce. Weighted by employment: employment = employment_covered + without_tasks_employment
//                      + the workers of occupations whose tasks have no score
// frontier.csv         year, dark, white, grey, total (shares of base-year employment; of the wage bill under
//                      --weight wages), dark_jobs, white_jobs, grey_jobs, net_jobs (grey_jobs - dark_jobs),
//                      dark_low, dark_high, grey_low, grey_high (the band: lowest and highest over the scenarios)
// frontier-detail.csv  the frontier per major group and per occupation, long form (one row per year): level
//                      (group | occupation), code (the 2-digit SOC major group for groups), title, employment, year,
//                      dark, white, grey, exposed (the theoretical share of work exposed, the measure: the same every
//                      year), feasible (share technically feasible that year), in_use (share of all work where AI is
//                      in use that year, automating or augmenting), dark_low, dark_high, grey_low, grey_high
// new-work.csv         text, kind (task | role), occupation_code, occupation_title, major_group, group_name, year,
//                      draws_from (O*NET-SOC codes separated by "; "), rationale, source

import { EXPOSURE_MEASURES, type ExposureSummary } from '../aggregate/types.js';
import { majorGroupName } from '../aggregate/major-groups.js';
import type { Analysis } from '../analysis/types.js';
import type { FrontierGroupSeries, FrontierOccupationSeries } from '../frontier/types.js';
import { automationShare, exposureMeasures } from '../score/types.js';

export type Cell = string | number | null | undefined;

/** People, jobs and wages: whole numbers. */
function whole(value: number | null | undefined): number | null | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : value;
}

/** Shares and measures (0..1): 4 decimal places, 0.01 percentage point. */
function share(value: number | null | undefined): number | null | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : value;
}

/** Mean horizon years: to 0.01 of a year. */
function year(value: number | null | undefined): number | null | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) / 100 : value;
}

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
      share(score?.confidence), score?.rationale, score?.scorer, score?.model, score?.rubricVersion,
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
      o.code, o.soc, o.majorGroup, o.title, whole(o.employment), whole(o.medianWage), whole(o.meanWage), o.taskCount, o.scoredTaskCount,
      share(o.alpha), share(o.beta), share(o.zeta), share(o.automation), share(o.automateShare), share(o.augmentShare),
      year(o.meanHorizon), o.taskWeighting, share(frontier?.exposed), share(frontier?.dark[last]), share(frontier?.grey[last]),
      o.notes.join('; '),
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
    `dark_${horizonYear}`, `grey_${horizonYear}`, 'without_tasks_occupations', 'without_tasks_employment', 'notes',
  ];
  const summaryCells = (s: ExposureSummary): Cell[] => [
    s.weightedBy, s.occupationCount, s.coveredOccupationCount, whole(s.employment), whole(s.employmentCovered),
    share(s.alpha), share(s.beta), share(s.zeta), share(s.automation), share(s.automateShare), share(s.augmentShare), year(s.meanHorizon),
    ...EXPOSURE_MEASURES.flatMap((m) => [share(s.exposed[m]?.atLeast10), share(s.exposed[m]?.atLeast50)]),
  ];
  // Occupations the dataset lists without tasks: in each group's employment, in no figure.
  const withoutTasks = (members: readonly { taskCount: number; employment: number | null }[]): Cell[] => {
    const listed = members.filter((o) => o.taskCount === 0);
    return [listed.length, whole(listed.reduce((sum, o) => sum + (o.employment ?? 0), 0))];
  };
  const rows: Cell[][] = analysis.groups.map((g) => {
    const frontier = frontierByGroup.get(g.majorGroup);
    const members = analysis.occupations.filter((o) => o.majorGroup === g.majorGroup);
    return [g.majorGroup, g.name, ...summaryCells(g), share(frontier?.dark[last]), share(frontier?.grey[last]), ...withoutTasks(members), g.notes.join('; ')];
  });
  const workforceEnd = analysis.frontier.years[last];
  rows.push([
    'total', 'All occupations', ...summaryCells(analysis.workforce),
    share(workforceEnd?.dark), share(workforceEnd?.grey), ...withoutTasks(analysis.occupations), analysis.workforce.notes.join('; '),
  ]);
  return { header, rows };
}

export function frontierTable(analysis: Analysis): Table {
  const header = ['year', 'dark', 'white', 'grey', 'total', 'dark_jobs', 'white_jobs', 'grey_jobs', 'net_jobs', 'dark_low', 'dark_high', 'grey_low', 'grey_high'];
  const rows = analysis.frontier.years.map((p) => [
    p.year, share(p.dark), share(p.white), share(p.grey), share(p.total), whole(p.darkJobs), whole(p.whiteJobs), whole(p.greyJobs), whole(p.netJobs),
    share(p.darkLow), share(p.darkHigh), share(p.greyLow), share(p.greyHigh),
  ]);
  return { header, rows };
}

export function frontierDetailTable(analysis: Analysis): Table {
  const header = [
    'level', 'code', 'title', 'employment', 'year', 'dark', 'white', 'grey',
    'exposed', 'feasible', 'in_use', 'dark_low', 'dark_high', 'grey_low', 'grey_high',
  ];
  const { firstYear } = analysis.frontier.params;
  const rows: Cell[][] = [];
  const add = (level: string, code: string, title: string, s: FrontierGroupSeries | FrontierOccupationSeries) => {
    s.dark.forEach((d, i) =>
      rows.push([
        level, code, title, whole(s.employment), firstYear + i, share(d), share(1 - d), share(s.grey[i]),
        share(s.exposed), share(s.feasible[i]), share(s.inUse[i]), share(s.darkLow[i]), share(s.darkHigh[i]), share(s.greyLow[i]), share(s.greyHigh[i]),
      ]),
    );
  };
  for (const g of analysis.frontier.byGroup) add('group', g.majorGroup, g.name, g);
  for (const o of analysis.frontier.byOccupation) add('occupation', o.code, o.title, o);
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
