// What scoring cost on a check, per 1,000 tasks, and what a whole O*NET release would cost at that rate.
// The rate is what this run observed (tokens, dollars, seconds over the tasks it scored); when every score
// was already stored, it is what the stored requests that made them used, and time is not known.
import { DEFAULT_ONET_RELEASE, ONET_TASK_COUNTS } from '../../data/releases.js';
import type { RequestUsage } from '../store/requests.js';
import type { Progress } from '../score-run.js';

export interface ObservedRate {
  /** 'this run': requests this check sent; 'stored': the requests that stored the scores earlier; 'offline': the offline model, no requests. */
  source: 'this run' | 'stored' | 'offline';
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  /** null when the model has no price in the table; 0 for a server on this machine or the offline model. */
  costUsd: number | null;
  /** null when nothing was scored in this run (the time of the earlier run is not stored). */
  seconds: number | null;
}

export interface PerThousand {
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  seconds: number | null;
}

export interface Projection {
  release: string;
  tasks: number;
  costUsd: number | null;
  seconds: number | null;
}

export function rateOfRun(progress: Progress, source: 'this run' | 'offline'): ObservedRate {
  return {
    source,
    tasks: progress.done,
    inputTokens: progress.inputTokens,
    outputTokens: progress.outputTokens,
    costUsd: progress.costUsd,
    seconds: progress.done > 0 ? Math.max(0, progress.updatedAt - progress.startedAt) / 1000 : null,
  };
}

export function rateOfStored(usage: RequestUsage, price: 'known' | 'free' | 'unknown'): ObservedRate {
  return {
    source: 'stored',
    tasks: usage.tasks,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: price === 'free' ? 0 : usage.costUsd,
    seconds: null,
  };
}

export function perThousand(rate: ObservedRate): PerThousand | null {
  if (rate.tasks === 0) return null;
  const scale = (x: number) => (x * 1000) / rate.tasks;
  return {
    inputTokens: Math.round(scale(rate.inputTokens)),
    outputTokens: Math.round(scale(rate.outputTokens)),
    costUsd: rate.costUsd === null ? null : scale(rate.costUsd),
    seconds: rate.seconds === null ? null : scale(rate.seconds),
  };
}

/** A whole O*NET release (the default one `datasets fetch onet` gets) at the observed rate. */
export function fullReleaseProjection(rate: PerThousand | null, release = DEFAULT_ONET_RELEASE): Projection {
  const tasks = ONET_TASK_COUNTS[release]!;
  return {
    release,
    tasks,
    costUsd: rate?.costUsd == null ? null : (rate.costUsd * tasks) / 1000,
    seconds: rate?.seconds == null ? null : (rate.seconds * tasks) / 1000,
  };
}
