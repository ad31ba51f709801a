// What a scorer says about one task. Every scorer (a model through the API, the offline model,
// imported published labels) produces this shape, so aggregation and reports never ask which one it was.

export const EXPOSURE_LEVELS = ['E0', 'E1', 'E2'] as const;
export type Exposure = (typeof EXPOSURE_LEVELS)[number];

export const AUTOMATION_LEVELS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;
export type Automation = (typeof AUTOMATION_LEVELS)[number];

export const MODES = ['automate', 'augment', 'none'] as const;
export type Mode = (typeof MODES)[number];

/** T0..T4 as the fraction of the task a system does on its own (GPTs-are-GPTs: 0, 0.25, 0.5, 0.75, 1). */
export function automationShare(level: Automation): number {
  return AUTOMATION_LEVELS.indexOf(level) / 4;
}

/** Per-task exposure measures from the paper: alpha counts E1 only, beta half-weights E2, zeta counts both. */
const MEASURES: Readonly<Record<Exposure, Readonly<{ alpha: number; beta: number; zeta: number }>>> = {
  E0: Object.freeze({ alpha: 0, beta: 0, zeta: 0 }),
  E1: Object.freeze({ alpha: 1, beta: 1, zeta: 1 }),
  E2: Object.freeze({ alpha: 0, beta: 0.5, zeta: 1 }),
};

/** The measures of one exposure level: a shared, frozen object, so the hot loops over every task allocate nothing. */
export function exposureMeasures(exposure: Exposure): Readonly<{ alpha: number; beta: number; zeta: number }> {
  return MEASURES[exposure] ?? MEASURES.E0;
}

export interface TaskScore {
  taskId: string;
  occupationCode: string;
  exposure: Exposure;
  /** Absent for label sets that carry exposure only. */
  automation?: Automation;
  mode?: Mode;
  /** Year by which the exposure is practical at scale (used by the legacy time model). */
  horizon?: number;
  /** Hours one instance of the task takes a worker in the occupation (rubric r2, or imported). */
  duration?: number;
  /** 0..1 */
  confidence?: number;
  rationale?: string;
  /** Scorer name: "offline", an import name ("gpt4"), or "<provider>:<model>". */
  scorer: string;
  model?: string;
  rubricVersion?: string;
}

/**
 * A score's own fields that are set (absent and null left out), under the given task ids: the form every
 * read of a stored score gives, whichever task or store it came from.
 */
export function scoreUnder(ids: { taskId: string; occupationCode: string }, score: TaskScore): TaskScore {
  const out: TaskScore = { taskId: ids.taskId, occupationCode: ids.occupationCode, exposure: score.exposure, scorer: score.scorer };
  if (score.automation != null) out.automation = score.automation;
  if (score.mode != null) out.mode = score.mode;
  if (score.horizon != null) out.horizon = score.horizon;
  if (score.duration != null) out.duration = score.duration;
  if (score.confidence != null) out.confidence = score.confidence;
  if (score.rationale != null) out.rationale = score.rationale;
  if (score.model != null) out.model = score.model;
  if (score.rubricVersion != null) out.rubricVersion = score.rubricVersion;
  return out;
}
