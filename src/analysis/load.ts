// Gathers what an analysis needs from disk: the dataset (with employment), one scorer's task scores
// from the store (or the offline model, run on the spot), and the new-work examples. Then analyzes.
import { existsSync } from 'node:fs';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import type { Dataset } from '../data/types.js';
import { TOOL_VERSION } from '../data/package-root.js';
import { resolveDataset } from '../data/resolve.js';
import type { FrontierOptions } from '../frontier/index.js';
import { resolveStorePath } from '../score/config.js';
import { chooseScorer, OFFLINE_SCORER, offlineTargetOf, type ScorerChoice } from '../score/scorers.js';
import { openStore } from '../score/store.js';
import type { TaskScore } from '../score/types.js';
import { analyze, emergingTaskExamples } from './analyze.js';
import { storedNewWork } from './new-work-store.js';
import type { Analysis, NewWorkExample } from './types.js';

export interface AnalysisRequest {
  dataset: string;
  oews?: string;
  /** A scorer in the store, or "offline". Unset: the stored scorer covering most of the dataset, else offline. */
  scorer?: string;
  store?: string;
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
  /** Why this scorer was used, for one line on stderr. */
  scorerNote: string;
  /** Re-runs the pure part with other settings (the view's scenario keys). */
  reanalyze: (changes: Partial<Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'>>) => Analysis;
}

export async function loadAnalysis(request: AnalysisRequest): Promise<LoadedAnalysis> {
  const dataset = await resolveDataset(request.dataset, { env: request.env, cwd: request.cwd, oews: request.oews });
  const { scorer, scores, note, newWork } = pickScores(dataset, request);
  const run = (changes: Partial<Pick<AnalysisRequest, 'taskWeights' | 'weight' | 'frontier'>> = {}) =>
    analyze({
      dataset,
      scores,
      scorer,
      taskWeights: changes.taskWeights ?? request.taskWeights,
      weight: changes.weight ?? request.weight,
      frontier: { ...request.frontier, ...changes.frontier },
      newWork: [...emergingTaskExamples(dataset), ...newWork],
      toolVersion: TOOL_VERSION,
    });
  return { analysis: run(), dataset, scores, scorerNote: note, reanalyze: run };
}

interface PickedScores {
  scorer: string;
  scores: TaskScore[];
  note: string;
  newWork: NewWorkExample[];
}

function pickScores(dataset: Dataset, request: AnalysisRequest): PickedScores {
  const storePath = resolveStorePath(request.store, { env: request.env, cwd: request.cwd });
  const store = existsSync(storePath) ? openStore(storePath) : undefined;
  try {
    const newWork: NewWorkExample[] = store ? storedNewWork(store, dataset) : [];
    const choice = chooseScorer({ dataset, store, storePath, requested: request.scorer });
    return { scorer: choice.scorer, scores: choice.scores, note: scorerNote(choice, dataset, storePath), newWork };
  } finally {
    store?.close();
  }
}

function scorerNote(choice: ScorerChoice, dataset: Dataset, storePath: string): string {
  if (choice.reason === 'offline-default') {
    return 'scores from the offline scorer (no stored scores for this dataset); run `ai-frontier score` with a model to use one';
  }
  if (choice.reason === 'requested') {
    if (choice.scorer === OFFLINE_SCORER) return 'scores from the offline scorer';
    return offlineTargetOf(choice.scorer) !== undefined ? `scores from the offline scorer, ${choice.scorer}` : `scores from ${choice.scorer} (${storePath})`;
  }
  return `scores from ${choice.scorer}, the stored scorer covering most of ${dataset.name} (${choice.covered} of ${dataset.tasks.length} tasks); --scorer picks another`;
}
