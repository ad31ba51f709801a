// What `datasets info` reports about a loaded dataset: counts, coverage and the employment join.
import type { Dataset, JoinReport } from './types.js';

export interface MajorGroupSummary {
  code: string;
  occupations: number;
  tasks: number;
  employment: number;
}

export interface DatasetSummary {
  name: string;
  kind: Dataset['kind'];
  source: string;
  version?: string;
  occupations: number;
  tasks: number;
  coreTasks: number;
  supplementalTasks: number;
  untypedTasks: number;
  /** Core tasks over typed and untyped tasks together. */
  coreShare: number;
  tasksWithRatings: number;
  emergingTasks: number;
  /** Emerging tasks new to their occupation (the rest revise existing tasks). */
  emergingNewTasks: number;
  occupationsWithoutTasks: number;
  /** Workers joined to occupations without tasks (0 without employment). */
  occupationsWithoutTasksEmployment: number;
  majorGroups: MajorGroupSummary[];
  employment?: {
    covered: number;
    oewsDetailedTotal: number;
    share: number;
    matchedOccupations: number;
    viaBroaderGroup: number;
    unmatched: JoinReport['unmatchedCodes'];
    rules: string[];
    source: string;
  };
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const counts = { Core: 0, Supplemental: 0, untyped: 0 };
  const tasksByOccupation = new Map<string, number>();
  let withRatings = 0;
  for (const task of dataset.tasks) {
    if (task.type === 'Core') counts.Core++;
    else if (task.type === 'Supplemental') counts.Supplemental++;
    else counts.untyped++;
    if (task.importance !== undefined) withRatings++;
    tasksByOccupation.set(task.occupationCode, (tasksByOccupation.get(task.occupationCode) ?? 0) + 1);
  }

  const groups = new Map<string, MajorGroupSummary>();
  for (const occupation of dataset.occupations) {
    const group = groups.get(occupation.majorGroup) ?? { code: occupation.majorGroup, occupations: 0, tasks: 0, employment: 0 };
    group.occupations++;
    group.tasks += tasksByOccupation.get(occupation.code) ?? 0;
    group.employment += occupation.employment ?? 0;
    groups.set(occupation.majorGroup, group);
  }

  const join = dataset.join;
  const withoutTasks = dataset.occupations.filter((o) => !tasksByOccupation.has(o.code));
  return {
    name: dataset.name,
    kind: dataset.kind,
    source: dataset.source,
    version: dataset.version,
    occupations: dataset.occupations.length,
    tasks: dataset.tasks.length,
    coreTasks: counts.Core,
    supplementalTasks: counts.Supplemental,
    untypedTasks: counts.untyped,
    coreShare: dataset.tasks.length ? counts.Core / dataset.tasks.length : 0,
    tasksWithRatings: withRatings,
    emergingTasks: dataset.emergingTasks.length,
    emergingNewTasks: dataset.emergingTasks.filter((t) => t.category === 'New').length,
    occupationsWithoutTasks: withoutTasks.length,
    occupationsWithoutTasksEmployment: withoutTasks.reduce((sum, o) => sum + (o.employment ?? 0), 0),
    majorGroups: [...groups.values()].sort((a, b) => a.code.localeCompare(b.code)),
    employment: join && {
      covered: join.matchedEmployment,
      oewsDetailedTotal: join.oewsDetailedEmployment,
      share: join.oewsDetailedEmployment ? join.matchedEmployment / join.oewsDetailedEmployment : 0,
      matchedOccupations: join.matchedOccupations,
      viaBroaderGroup: join.viaBroaderGroup.length,
      unmatched: join.unmatchedCodes,
      rules: join.rules,
      source: join.oewsSource,
    },
  };
}
