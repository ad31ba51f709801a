// The pipeline after scoring, as one pure function: task scores -> occupations -> groups and workforce
// -> frontier, with the new-work examples attached. Every output of the tool is drawn from its result.
import { aggregateGroups, aggregateOccupations, aggregateWorkforce } from '../aggregate/index.js';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import { taskKey, type Dataset } from '../data/types.js';
import { frontierSeries, type FrontierOptions } from '../frontier/index.js';
import type { TaskScore } from '../score/types.js';
import type { Analysis, NewWorkExample, TaskRow } from './types.js';

export interface AnalyzeOptions {
  dataset: Dataset;
  scores: readonly TaskScore[];
  scorer: string;
  taskWeights?: TaskWeighting;
  weight?: OccupationWeighting;
  /** Frontier settings; dataset, scores and task weights come from above. */
  frontier: Omit<FrontierOptions, 'dataset' | 'scores' | 'taskWeights'>;
  newWork?: NewWorkExample[];
  toolVersion: string;
  now?: Date;
}

export function analyze(options: AnalyzeOptions): Analysis {
  const { dataset } = options;
  const taskWeights = options.taskWeights ?? 'core';
  const weight = options.weight ?? 'employment';
  const byTask = scoresByTask(dataset, options.scores);
  const scores = [...byTask.values()];

  const occupations = aggregateOccupations({ dataset, scores, taskWeights });
  const frontier = frontierSeries({ ...options.frontier, dataset, scores, taskWeights });

  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const tasks: TaskRow[] = dataset.tasks.map((task) => ({
    task,
    occupationTitle: titles.get(task.occupationCode) ?? task.occupationCode,
    score: byTask.get(taskKey(task.occupationCode, task.id)),
  }));

  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    toolVersion: options.toolVersion,
    dataset: {
      name: dataset.name,
      kind: dataset.kind,
      source: dataset.source,
      version: dataset.version,
      occupations: dataset.occupations.length,
      tasks: dataset.tasks.length,
      oewsSource: dataset.join?.oewsSource,
      files: dataset.files,
      join: dataset.join && {
        rules: dataset.join.rules,
        oewsDetailedEmployment: dataset.join.oewsDetailedEmployment,
        matchedEmployment: dataset.join.matchedEmployment,
        matchedOccupations: dataset.join.matchedOccupations,
        viaBroaderGroup: dataset.join.viaBroaderGroup.length,
        unmatchedCodes: dataset.join.unmatchedCodes.map((u) => u.code),
      },
    },
    scorer: {
      name: options.scorer,
      models: distinct(scores, (s) => s.model),
      rubricVersions: distinct(scores, (s) => s.rubricVersion),
      scoredTasks: scores.length,
      tasks: dataset.tasks.length,
    },
    params: { scorer: options.scorer, taskWeights, weight },
    tasks,
    occupations,
    groups: aggregateGroups(occupations, { weight }),
    workforce: aggregateWorkforce(occupations, { weight }),
    frontier,
    newWork: options.newWork ?? emergingTaskExamples(dataset),
  };
}

/** The scores that belong to this dataset's tasks, one per task (the last one wins), by task. */
function scoresByTask(dataset: Dataset, scores: readonly TaskScore[]): Map<string, TaskScore> {
  const wanted = new Set(dataset.tasks.map((t) => taskKey(t.occupationCode, t.id)));
  const byTask = new Map<string, TaskScore>();
  for (const score of scores) {
    const key = taskKey(score.occupationCode, score.taskId);
    if (wanted.has(key)) byTask.set(key, score);
  }
  return byTask;
}

/** O*NET Emerging Tasks: incumbents' reports of new work, the offline examples of the grey. */
export function emergingTaskExamples(dataset: Dataset): NewWorkExample[] {
  const source = `O*NET Emerging Tasks${dataset.version ? ` ${dataset.version}` : ''} (${dataset.name})`;
  return dataset.emergingTasks
    .filter((t) => t.category === 'New')
    .map((t) => ({
      occupationCode: t.occupationCode,
      majorGroup: t.occupationCode.slice(0, 2),
      text: t.text,
      kind: 'task' as const,
      year: t.date ? Number(t.date.slice(-4)) || undefined : undefined,
      drawsFrom: [t.occupationCode],
      source,
    }));
}

/** The distinct values of one field over the scores, sorted; one pass, no intermediate arrays. */
function distinct(scores: readonly TaskScore[], field: (score: TaskScore) => string | undefined): string[] {
  const seen = new Set<string>();
  for (const score of scores) {
    const value = field(score);
    if (value) seen.add(value);
  }
  return [...seen].sort();
}
