// Offline scorer: load the shipped model, then score every task of the GPTs-are-GPTs label set (19,265
// tasks) with exposure, automation, mode, horizon and rationale, as `score` does without an API key.
import path from 'node:path';
import { readLabelSet } from '../score/labels.js';
import { loadOfflineModel } from '../score/offline/model.js';
import { scoreOffline, type OfflineTask } from '../score/offline/score.js';
import { SHARED_DATA, bestOf, hasSharedData, peakRssMiB, timed, type Figures } from './harness.js';

export async function benchOffline(): Promise<Figures> {
  if (!hasSharedData()) return {};
  const set = await readLabelSet(path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv'));
  const tasks: OfflineTask[] = set.scores.map((r) => ({
    taskId: r.taskId,
    occupationCode: r.occupationCode,
    text: r.task,
    title: r.title,
    type: r.taskType,
  }));
  const load = await timed(() => loadOfflineModel());
  // The first pass also fills the model's word cache, as a one-off CLI run would.
  const cold = await timed(() => scoreOffline(load.result, tasks));
  const warm = await bestOf(3, () => scoreOffline(load.result, tasks));
  return {
    'offline: load model': { value: load.ms, unit: 'ms' },
    [`offline: score ${tasks.length.toLocaleString('en-US')} label-set tasks (first run)`]: { value: cold.ms, unit: 'ms' },
    [`offline: score ${tasks.length.toLocaleString('en-US')} label-set tasks (best of 3)`]: { value: warm.ms, unit: 'ms' },
    'offline: throughput (best of 3)': { value: Math.round(tasks.length / (warm.ms / 1000)), unit: 'tasks/s' },
    'offline: peak memory': { value: peakRssMiB(), unit: 'MiB', note: 'includes reading the label set' },
  };
}
