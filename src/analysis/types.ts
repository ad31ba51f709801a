// One analysis of one dataset under one scorer: everything the terminal, the reports and the view show.
// Plain data: `analyze` builds it, and printers, exporters and the ink app only read it.
import type { GroupScore, OccupationScore, OccupationWeighting, TaskWeighting, WorkforceScore } from '../aggregate/types.js';
import type { Task } from '../data/types.js';
import type { FrontierSeries } from '../frontier/types.js';
import type { TaskScore } from '../score/types.js';

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
  /** Where it comes from: "O*NET Emerging Tasks 29.1", or the scorer/model that proposed it. */
  source: string;
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
  };
  params: AnalysisParams;
  tasks: TaskRow[];
  occupations: OccupationScore[];
  groups: GroupScore[];
  workforce: WorkforceScore;
  frontier: FrontierSeries;
  newWork: NewWorkExample[];
}
