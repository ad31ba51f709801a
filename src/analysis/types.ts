// One analysis of one dataset under one scorer: everything the terminal, the reports and the view show.
// Plain data: `analyze` builds it, and printers, exporters and the ink app only read it.
import type { GroupScore, OccupationScore, OccupationWeighting, TaskWeighting, WorkforceScore } from '../aggregate/types.js';
import type { Task } from '../data/types.js';
import type { FrontierSeries } from '../frontier/types.js';
import type { TaskScore } from '../score/types.js';
import type { Coverage } from './coverage.js';
import type { EmergingTaskCounts } from './new-work-examples.js';
import type { ScorerReason } from './scorer-choice.js';

/** Why these scores: see src/analysis/scorer-choice.ts for the rule every command follows. */
export interface ScorerChoiceSummary {
  reason: ScorerReason;
  /** When `score` last ran this scorer on the dataset ('last-run'). */
  lastRunAt?: string;
  /** Offline model: scores computed now because the store had none for those tasks. */
  computedNow?: number;
  /** Other scorers --scorer could name, with the dataset tasks each covers. */
  alternatives: { scorer: string; covered: number }[];
}

/**
 * Where the employment came from: the file given with --oews, the sample's bundled file, the newest file
 * fetched with `datasets fetch oews` (the default for other datasets), or none (jobs cannot be counted).
 */
export interface EmploymentSource {
  how: 'given' | 'bundled' | 'fetched' | 'none';
  file?: string;
}

/** A concrete example of the grey: new work that grows around automated tasks. */
export interface NewWorkExample {
  /** Occupation it grows in, when tied to one. */
  occupationCode?: string;
  /** Major group it grows in ("15"), for group-level proposals. */
  majorGroup?: string;
  /** A task statement or a role title with its description. */
  text: string;
  kind: 'task' | 'role';
  /** Year it emerges (a model's proposal) or was reported (O*NET's MM/YYYY year). */
  year?: number;
  /** O*NET-SOC codes of the occupations whose automated work it draws on. */
  drawsFrom: string[];
  rationale?: string;
  /** Where it comes from, truthfully: "O*NET 29.1 Emerging Tasks (new to the occupation, reported by incumbents)",
   * the sample's own written examples, or the provider:model that proposed it. */
  source: string;
  /** What kind of source, so summaries can rank and label examples without reading `source`. */
  origin: 'onet-emerging' | 'sample' | 'proposal';
}

export interface TaskRow {
  task: Task;
  occupationTitle: string;
  score?: TaskScore;
}

export interface AnalysisParams {
  scorer: string;
  taskWeights: TaskWeighting;
  weight: OccupationWeighting;
}

export interface Analysis {
  generatedAt: string;
  toolVersion: string;
  dataset: {
    name: string;
    kind: string;
    source: string;
    version?: string;
    occupations: number;
    tasks: number;
    /** Rows of the dataset's Emerging Tasks: new to their occupation, and revisions (not new work). */
    emergingTasks: EmergingTaskCounts;
    oewsSource?: string;
    files: string[];
    /** How employment was joined, when it was (see src/data/join.ts for the rules). */
    join?: {
      rules: string[];
      oewsDetailedEmployment: number;
      matchedEmployment: number;
      matchedOccupations: number;
      viaBroaderGroup: number;
      unmatchedCodes: string[];
    };
  };
  scorer: {
    name: string;
    models: string[];
    rubricVersions: string[];
    scoredTasks: number;
    tasks: number;
    choice?: ScorerChoiceSummary;
  };
  employment: EmploymentSource;
  /** Tasks, occupations and workers the figures cover, reconciling to the dataset's totals. */
  coverage: Coverage;
  params: AnalysisParams;
  tasks: TaskRow[];
  occupations: OccupationScore[];
  groups: GroupScore[];
  workforce: WorkforceScore;
  frontier: FrontierSeries;
  newWork: NewWorkExample[];
}
