// Offline scoring in chunks, on this thread and, for a large run on a machine with a spare core, on one
// worker thread at the same time: the model's arithmetic is most of a full O*NET run, and two cores halve
// it. Each finished chunk goes to `onChunk` on this thread (which stores it), in the order chunks finish.
// Scores do not depend on where they were computed: a task's context is its whole occupation, passed along.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkRequest } from './worker.js';
import { DEFAULT_MODEL_PATH, type OfflineModel } from './model.js';
import { scoreOffline, type OfflineTask } from './score.js';
import type { OfflineTarget } from './targets.js';
import type { TaskScore } from '../types.js';

/** Runs smaller than this many chunks are scored on this thread alone: a worker costs its start-up. */
const MIN_CHUNKS_FOR_WORKER = 4;
/** Chunks handed to the worker ahead, so it never waits for this thread to collect a result. */
const WORKER_AHEAD = 2;
/** Set to 1 to score on this thread only (2, the most used, is the default on a machine with 2+ cores). */
export const OFFLINE_THREADS_ENV = 'AI_FRONTIER_OFFLINE_THREADS';

export interface ChunkedScoring<T extends OfflineTask> {
  model: OfflineModel;
  chunks: T[][];
  /** Occupation code -> all its task texts in the dataset (scoreOffline's `context`). */
  context: ReadonlyMap<string, readonly string[]>;
  /** What the model reproduces (offline/targets.ts); its default when unset. */
  target?: OfflineTarget;
  onChunk: (chunk: T[], scores: TaskScore[]) => void;
  /** Once aborted, no further chunk is started; chunks under way still finish and reach `onChunk`. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  modelPath?: string;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

function threadsFor(chunks: number, env: NodeJS.ProcessEnv): number {
  const asked = Number(env[OFFLINE_THREADS_ENV]);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, 2) : Math.min(cores, 2);
  // The worker runs compiled code: from the TypeScript sources (the tests) there is no worker file.
  return wanted > 1 && chunks >= MIN_CHUNKS_FOR_WORKER && existsSync(fileURLToPath(WORKER_URL)) ? 2 : 1;
}

export async function scoreOfflineChunks<T extends OfflineTask>(options: ChunkedScoring<T>): Promise<void> {
  const { model, chunks, context, onChunk, signal } = options;
  let next = 0;
  // Chunks a failed worker gave back, scored here first.
  const returned: T[][] = [];
  const take = (): T[] | undefined => (signal?.aborted ? undefined : (returned.shift() ?? chunks[next++]));

  const local = async () => {
    for (let chunk = take(); chunk; chunk = take()) {
      onChunk(chunk, scoreOffline(model, chunk, { context, ...(options.target ? { target: options.target } : {}) }));
      // Lets the worker's results (and a Ctrl-C) be seen between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  if (threadsFor(chunks.length, options.env ?? process.env) === 1) return local();

  const worker = new Worker(WORKER_URL, { workerData: { modelPath: options.modelPath ?? DEFAULT_MODEL_PATH } });
  const pending = new Map<number, { resolve: (scores: TaskScore[]) => void; reject: (error: Error) => void }>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: { id: number; scores?: TaskScore[]; error?: string }) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.scores) p?.resolve(reply.scores);
    else p?.reject(new Error(reply.error ?? 'the offline worker gave no scores'));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the offline worker stopped (exit ${code})`)));
  let ids = 0;
  const request = (chunk: T[]): Promise<TaskScore[]> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ids++;
      pending.set(id, { resolve, reject });
      const codes = new Set(chunk.map((t) => t.occupationCode));
      const message: ChunkRequest = { id, tasks: chunk, context: [...codes].map((code) => [code, [...(context.get(code) ?? [])]]), ...(options.target ? { target: options.target } : {}) };
      worker.postMessage(message);
    });
  const remote = async () => {
    for (let chunk = take(); chunk; chunk = take()) {
      let scores: TaskScore[];
      try {
        scores = await request(chunk);
      } catch {
        // Whatever stopped the worker, this thread scores its chunks instead.
        returned.push(chunk);
        return;
      }
      onChunk(chunk, scores);
    }
  };
  try {
    await Promise.all([local(), ...Array.from({ length: WORKER_AHEAD }, remote)]);
    // A chunk given back after this thread's own loop ended.
    await local();
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
