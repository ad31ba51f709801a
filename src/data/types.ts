// The data model every loader produces and every later stage reads. Plain data only:
// no classes, no methods, so results serialise to JSON and cross worker boundaries as they are.

/** O*NET task type. Generic tables (such as the GPTs-are-GPTs label set) leave some tasks untyped. */
export type TaskType = 'Core' | 'Supplemental' | null;

export interface Task {
  /** O*NET Task ID as written without decoration ("8823", never "8823.0"). Unique within a dataset. */
  id: string;
  /** O*NET-SOC code of the occupation the task belongs to ("15-1252.00"). */
  occupationCode: string;
  text: string;
  type: TaskType;
  /** Task Ratings "IM" scale mean (1..5), when the release has Task Ratings.txt. */
  importance?: number;
  /** Task Ratings "FT" scale: mean frequency category (1 = yearly or less .. 7 = hourly or more). */
  frequency?: number;
  /** Detailed Work Activity IDs linked by Tasks to DWAs.txt. */
  dwaIds?: string[];
}

export interface Occupation {
  /** O*NET-SOC code, "15-1252.00". */
  code: string;
  /** The SOC 2018 code it belongs to, "15-1252" (the O*NET code without its ".NN" suffix). */
  soc: string;
  /** SOC major group, the first two digits ("15"). */
  majorGroup: string;
  title: string;
  description?: string;
  /** O*NET Job Zone 1..5 (preparation needed). */
  jobZone?: number;
  /** Number of alternate titles listed for the occupation. */
  alternateTitleCount?: number;
  /** Workers attributed to this occupation by the employment join (see src/data/join.ts). */
  employment?: number;
  /** Annual median wage in USD of the BLS row it was joined to. */
  medianWage?: number;
  /** Annual mean wage in USD of the BLS row it was joined to. */
  meanWage?: number;
}

/** A task that incumbents reported as new or changed (O*NET Emerging Tasks.txt): the grey in the frontier. */
export interface EmergingTask {
  occupationCode: string;
  text: string;
  category: 'New' | 'Revision';
  originalTaskId?: string;
  /** "MM/YYYY" as O*NET writes it. */
  date?: string;
}

export interface WorkActivity {
  id: string;
  title: string;
}

/** One row of a BLS OEWS national table. */
export interface OewsRecord {
  /** SOC code as BLS writes it: "15-1252", "15-1250" (broad), "15-0000" (major), "00-0000" (total). */
  soc: string;
  title: string;
  level: 'total' | 'major' | 'minor' | 'broad' | 'detailed';
  /** null where BLS reports `*` or `**` (not available). */
  employment: number | null;
  /** Annual wages in USD; null where not available. `#` (at or above the top reported value) is
   * kept as that top value with `wageTopCoded` set, since it is a lower bound, not a gap. */
  medianWage: number | null;
  meanWage: number | null;
  wageTopCoded: boolean;
}

export interface OewsTable {
  /** File it was read from. */
  source: string;
  /** Survey year when it can be told from the file name or contents (May 2024 -> 2024). */
  year?: number;
  records: OewsRecord[];
}

/** What the employment join matched and what it did not, so every employment figure can be traced. */
export interface JoinReport {
  oewsSource: string;
  /** The rule applied, in one sentence per case, for printing beside the figures. */
  rules: string[];
  /** Workers in all detailed OEWS rows (the denominator for coverage). */
  oewsDetailedEmployment: number;
  /** Workers attributed to the dataset's occupations. */
  matchedEmployment: number;
  matchedOccupations: number;
  /** Occupations joined through a broader BLS group rather than their own detailed row. */
  viaBroaderGroup: { code: string; oewsSoc: string }[];
  /** Occupations whose SOC code has no usable OEWS row at any level, or only rows without employment. */
  unmatchedCodes: { code: string; title: string; reason: string }[];
  /** Detailed OEWS rows that no occupation in the dataset claimed. */
  unclaimedOewsCodes: { soc: string; title: string; employment: number | null }[];
}

export type DatasetKind = 'onet' | 'table' | 'sample';

export interface Dataset {
  /** Short name used on the command line ("sample", "onet-29.1", or the path given). */
  name: string;
  kind: DatasetKind;
  /** Folder, zip or file it was loaded from. */
  source: string;
  /** Release or version, e.g. "29.1", when known. */
  version?: string;
  occupations: Occupation[];
  tasks: Task[];
  emergingTasks: EmergingTask[];
  /** DWA ID -> title, when the release has DWA Reference.txt. */
  workActivities?: Record<string, WorkActivity>;
  /** Files actually read, for provenance in reports. */
  files: string[];
  /** Set after an employment join. */
  join?: JoinReport;
  /**
   * SHA-256 of the release or task table as the parsed-dataset cache holds it (its JSON, before any employment
   * join): names its tasks, occupations and work activities for caches of what is derived from them, such as
   * the scores matched to its tasks. Set by resolveDataset and kept by the join; unset when the cache is off.
   */
  parsedDigest?: string;
}

/** A task's identity across datasets and scorers: Task IDs are unique only within an occupation in some tables. */
export function taskKey(occupationCode: string, taskId: string): string {
  return `${occupationCode}\u0000${taskId}`;
}
