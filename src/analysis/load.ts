// Gathers what an analysis needs from disk: the dataset (with employment), one scorer's task scores from the
// store (or the offline model), and the new-work examples. Then analyzes. Every command that shows results
// (score's headline included) goes through here, so one dataset and one store give one set of numbers.
import { existsSync } from 'node:fs';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import { datasetCache, type DatasetCache } from '../data/cache.js';
import type { Dataset } from '../data/types.js';
import { TOOL_VERSION } from '../data/package-root.js';
import { NO_OEWS, resolveDataset } from '../data/resolve.js';
import type { FrontierOptions } from '../frontier/index.js';
import { resolveStorePath } from '../score/config.js';
import { openStore } from '../score/store/store.js';
import type { TaskScore } from '../score/types.js';
import { analyze } from './analyze.js';
import { emergingTaskExamples } from './new-work-examples.js';
import { storedNewWork } from './new-work-store.js';
import { chooseScorer, type HeldScores, type ScorerChoice } from './scorer-choice.js';
import type { Analysis, EmploymentSource, NewWorkExample } from './types.js';

export interface AnalysisRequest {
  dataset: string;
  /** An OEWS file or fetched year, or "none"; unset: the sample's own, else the newest fetched (see resolve.ts). */
  oews?: string;
  /** A scorer in the store, or "offline". Unset: the rule in src/analysis/scorer-choice.ts. */
  scorer?: string;
  store?: string;
  /** Scores the caller has just stored and still holds (score's own run): see HeldScores. */
  held?: HeldScores;
  /** This process opened the store, with its integrity check, moments ago (score's own run): not checked twice. */
  storeChecked?: boolean;
  taskWeights?: TaskWeighting;
  weight?: OccupationWeighting;
  frontier: Omit<FrontierOptions, 'dataset' | 'scores' | 'taskWeights'>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface LoadedAnalysis {
  analysis: Analysis;
  dataset: Dataset;
  scores: TaskScore[];
  choice: Omit<ScorerChoice, 'scores'>;
  storePath: string;
  /** Re-runs the pure part with other settings (the view's scenario keys). */
  reanalyze: (changes: Partial<Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'>>) => Analysis;
}

export async function loadAnalysis(request: AnalysisRequest): Promise<LoadedAnalysis> {
  const dataset = await resolveDataset(request.dataset, { env: request.env, cwd: request.cwd, oews: request.oews });
  return analysisOf(dataset, request);
}

/** The analysis of an already loaded (and joined) dataset: what `score` uses after its run. */
export function analysisOf(dataset: Dataset, request: Omit<AnalysisRequest, 'dataset'>): LoadedAnalysis {
  const storePath = resolveStorePath(request.store, { env: request.env, cwd: request.cwd });
  const { choice, newWork } = pickScores(dataset, request.scorer, storePath, request.held, datasetCache(request.env), request.storeChecked);
  const { scores, ...summary } = choice;
  const employment = employmentSource(dataset, request.oews);
  const run = (changes: Partial<Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'>> = {}) =>
    analyze({
      dataset,
      scores,
      scorer: choice.scorer,
      scorerChoice: { reason: choice.reason, lastRunAt: choice.lastRun?.finishedAt, computedNow: choice.computedNow, alternatives: choice.alternatives },
      employment,
      taskWeights: changes.taskWeights ?? request.taskWeights,
      weight: changes.weight ?? request.weight,
      frontier: { ...request.frontier, ...changes.frontier },
      newWork: [...newWork, ...emergingTaskExamples(dataset)],
      toolVersion: TOOL_VERSION,
      now: reportTime(request.env),
    });
  return { analysis: run(), dataset, scores, choice: summary, storePath, reanalyze: run };
}

/**
 * SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) fixes the time reports say they were made,
 * so two exports of the same inputs can be compared byte for byte.
 */
function reportTime(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return undefined;
  return new Date(Number(epoch.trim()) * 1000);
}

function employmentSource(dataset: Dataset, oews: string | undefined): EmploymentSource {
  if (!dataset.join) return { how: 'none' };
  const file = dataset.join.oewsSource;
  if (oews !== undefined && oews !== NO_OEWS) return { how: 'given', file };
  return { how: dataset.kind === 'sample' ? 'bundled' : 'fetched', file };
}

function pickScores(
  dataset: Dataset,
  requested: string | undefined,
  storePath: string,
  held: HeldScores | undefined,
  cache: DatasetCache,
  checked = false,
): { choice: ScorerChoice; newWork: NewWorkExample[] } {
  const store = existsSync(storePath) ? openStore(storePath, { readonly: true, checked }) : undefined;
  try {
    const newWork: NewWorkExample[] = store ? storedNewWork(store, dataset) : [];
    return { choice: chooseScorer({ dataset, store, storePath, requested, held, cache }), newWork };
  } finally {
    store?.close();
  }
}
