// What the live scoring view shows, folded from runScore's events. Pure: the ink component only renders it.
import type { Progress, RunEvent } from '../score/score-run.js';

/** One finished request, kept on screen above the live line (ink's <Static>). */
export interface FinishedRequest {
  index: number;
  tasks: number;
  failed: number;
  exposure: { E0: number; E1: number; E2: number };
  tokens: number;
}

export interface ScoreProgressState {
  scorer?: string;
  progress?: Progress;
  finished: FinishedRequest[];
  inFlight: number;
  concurrency?: number;
  /** The latest wait or retry, cleared when a new request starts. */
  note?: string;
}

export const initialScoreProgress: ScoreProgressState = { finished: [], inFlight: 0 };

export function reduceScoreProgress(state: ScoreProgressState, event: RunEvent): ScoreProgressState {
  switch (event.type) {
    case 'plan':
      return { ...state, scorer: event.plan.scorer };
    case 'progress':
      return { ...state, progress: event.progress };
    case 'engine': {
      const e = event.event;
      if (e.type === 'request-start') return { ...state, inFlight: e.inFlight, note: undefined };
      if (e.type === 'request-end') return { ...state, inFlight: e.inFlight };
      if (e.type === 'concurrency') return { ...state, concurrency: e.value };
      if (e.type === 'rate-limited') return { ...state, concurrency: e.concurrency, note: `rate limited: waiting ${Math.ceil(e.waitMs / 1000)}s` };
      if (e.type === 'retry') return { ...state, note: `retrying: ${e.reason}` };
      if (e.type === 'batch-done') {
        const exposure = { E0: 0, E1: 0, E2: 0 };
        for (const { score } of e.outcome.scores) exposure[score.exposure]++;
        const finished: FinishedRequest = {
          index: (state.finished.at(-1)?.index ?? 0) + 1,
          tasks: e.outcome.scores.length,
          failed: e.outcome.failed.length,
          exposure,
          tokens: e.outcome.usage.inputTokens + e.outcome.usage.outputTokens,
        };
        return { ...state, finished: [...state.finished, finished] };
      }
      return state;
    }
    case 'batch':
      return { ...state, note: `batch ${event.batchId}: ${event.status}${event.total ? ` ${event.completed ?? 0}/${event.total} requests` : ''}` };
    default:
      return state;
  }
}
