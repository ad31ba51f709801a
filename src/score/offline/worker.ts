// A worker thread that scores chunks of tasks with the offline model, for `threads.ts`: it loads
// the model once, then answers each { id, tasks, context } with { id, scores } (or { id, error }).
import { parentPort, workerData } from 'node:worker_threads';
import { loadOfflineModel } from './model.js';
import { scoreOffline, type OfflineTask } from './score.js';
import type { OfflineTarget } from './targets.js';

export interface ChunkRequest {
  id: number;
  tasks: OfflineTask[];
  /** Occupation code -> all its task texts in the dataset, for the occupations of `tasks`. */
  context: [string, string[]][];
  target?: OfflineTarget;
}

const model = loadOfflineModel((workerData as { modelPath: string }).modelPath);

parentPort!.on('message', (request: ChunkRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, scores: scoreOffline(model, request.tasks, { context: new Map(request.context), ...(request.target ? { target: request.target } : {}) }) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
