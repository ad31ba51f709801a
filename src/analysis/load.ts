// Gathers what an analysis needs from disk: the dataset (with employment), one scorer's task scores
// from the store (or the offline model, run on the spot), and the new-work examples. Then analyzes.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OccupationWeighting, TaskWeighting } from '../aggregate/types.js';
import type { Dataset } from '../data/types.js';
import { resolveDataset } from '../data/resolve.js';
import type { FrontierOptions } from '../frontier/index.js';
import { resolveStorePath } from '../score/config.js';
import { OFFLINE_SCORER, offlineScores, scoresOf } from '../score/scorers.js';
import { openStore } from '../score/store.js';
import type { TaskScore } from '../score/types.js';
import { analyze, emergingTaskExamples } from './analyze.js';
import { storedNewWork } from './new-work-store.js';
import type { Analysis, NewWorkExample } from './types.js';

const require = createRequire(import.meta.url);
export const TOOL_VERSION = (require('../../package.json') as { version: string }).version;

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
    if (request.scorer === OFFLINE_SCORER || (!request.scorer && !store)) {
      return { scorer: OFFLINE_SCORER, scores: offlineScores(dataset), note: offlineNote(request.scorer), newWork };
    }
    if (request.scorer) {
      const scores = scoresOf({ scorer: request.scorer, dataset, store, storePath });
      return { scorer: request.scorer, scores, note: `scores from ${request.scorer} (${storePath})`, newWork };
    }
    const best = bestStoredScorer(dataset, store!);
    if (!best) return { scorer: OFFLINE_SCORER, scores: offlineScores(dataset), note: offlineNote(undefined), newWork };
    return {
      scorer: best.scorer,
      scores: best.scores,
      note: `scores from ${best.scorer}, the stored scorer covering most of ${dataset.name} (${best.covered} of ${dataset.tasks.length} tasks); --scorer picks another`,
      newWork,
    };
  } finally {
    store?.close();
  }
}

function bestStoredScorer(dataset: Dataset, store: ReturnType<typeof openStore>) {
  const tasks = new Set(dataset.tasks.map((t) => `${t.occupationCode}\u0000${t.id}`));
  let best: { scorer: string; scores: TaskScore[]; covered: number } | undefined;
  for (const { scorer } of store.listScorers()) {
    const scores = store.scoresFor({ scorer });
    const covered = new Set(scores.map((s) => `${s.occupationCode}\u0000${s.taskId}`).filter((k) => tasks.has(k))).size;
    if (covered > 0 && (!best || covered > best.covered)) best = { scorer, scores, covered };
  }
  return best;
}

function offlineNote(requested: string | undefined): string {
  return requested
    ? 'scores from the offline scorer'
    : 'scores from the offline scorer (no stored scores for this dataset); run `ai-frontier score` with a model to use one';
}
