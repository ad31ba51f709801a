// The pipeline after scoring, as one pure function: task scores -> occupations -> groups and workforce
// -> frontier, with the new-work examples attached. Every output of the tool is drawn from its result.
import { aggregateGroups, aggregateWorkforce, occupationScore, pairScores, scoredOccupationsOf } from '../aggregate/index.js';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import type { Dataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { frontierSeries, type FrontierOptions } from '../frontier/index.js';
import type { TaskScore } from '../score/types.js';
import { coverageOf } from './coverage.js';
import { emergingTaskCounts, emergingTaskExamples } from './new-work-examples.js';
import type { Analysis, EmploymentSource, NewWorkExample, ScorerChoiceSummary, TaskRow } from './types.js';

export interface AnalyzeOptions {
  dataset: Dataset;
  /** One score per task at most, matched to this dataset's tasks (src/analysis/scorer-choice.ts). */
  scores: readonly TaskScore[];
  scorer: string;
  /** Why this scorer, for the reports; absent when the caller chose it by hand (tests, benchmarks). */
  scorerChoice?: ScorerChoiceSummary;
  /** Where the employment came from; by default "given" when the dataset has a join, else "none". */
  employment?: EmploymentSource;
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
  if (taskWeights === 'importance' && !dataset.tasks.some((t) => typeof t.importance === 'number' && t.importance > 0)) {
    throw new UsageError(
      `--task-weights importance needs O*NET importance ratings (Task Ratings.txt), and ${dataset.name} has none; ` +
        'use --task-weights core (Core 2, other 1) or equal, or a release that includes Task Ratings.txt',
    );
  }
  // At most one score per task (the first; callers match scores to tasks first), paired once for the
  // occupation means and the frontier.
  const { scoreOfTask, matched: scores } = pairScores(dataset.tasks, options.scores, 'first');
  const scored = scoredOccupationsOf(dataset, scoreOfTask, taskWeights);

  const occupations = scored.map(occupationScore);
  const frontier = frontierSeries({ ...options.frontier, dataset, scores, scored, taskWeights, weight });

  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  const tasks: TaskRow[] = dataset.tasks.map((task, i) => ({
    task,
    occupationTitle: titles.get(task.occupationCode) ?? task.occupationCode,
    score: scoreOfTask[i],
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
      emergingTasks: emergingTaskCounts(dataset),
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
      ...(options.scorerChoice ? { choice: options.scorerChoice } : {}),
    },
    employment: options.employment ?? (dataset.join ? { how: 'given', file: dataset.join.oewsSource } : { how: 'none' }),
    coverage: coverageOf(occupations),
    params: { scorer: options.scorer, taskWeights, weight },
    tasks,
    occupations,
    groups: aggregateGroups(occupations, { weight }),
    workforce: aggregateWorkforce(occupations, { weight }),
    frontier,
    newWork: options.newWork ?? emergingTaskExamples(dataset),
  };
}

/** The distinct values of one field over the scores, sorted; one pass, no intermediate arrays. */
function distinct(scores: readonly TaskScore[], field: (score: TaskScore) => string | undefined): string[] {
  const seen = new Set<string>();
  // Scores of one run share their values: comparing with the last one skips hashing each score's own string.
  let last: string | undefined;
  for (let i = 0; i < scores.length; i++) {
    const value = field(scores[i]!);
    if (value && value !== last) {
      seen.add(value);
      last = value;
    }
  }
  return [...seen].sort();
}
