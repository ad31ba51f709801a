// Offline scoring on two threads: the worker thread runs the built code, so this test drives the compiled
// module (dist/) the CLI uses. Chunks come back whole, each once, with the scores one thread gives; a worker
// that cannot start gives its chunks back to the main thread and the run still completes.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './global-setup.js';
import { REPO_ROOT } from './helpers/cli.js';

type Threads = typeof import('../src/score/offline/threads.js');
type Model = typeof import('../src/score/offline/model.js');
type Score = typeof import('../src/score/offline/score.js');

const built = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(REPO_ROOT, 'dist', file)).href)) as T;

/** Every other task carries O*NET work activities, as tasks of a dataset that links DWAs do. */
function tasks(count: number, options: { activities: boolean } = { activities: true }) {
  const verbs = ['Prepare', 'Review', 'Inspect', 'Schedule', 'Repair', 'Draft', 'Calibrate', 'Negotiate'];
  const activities = [
    [{ id: '4.A.3.b.6.I12.D07', title: 'Prepare informational or reference materials.' }],
    [{ id: '4.A.3.a.2.I01.D15', title: 'Install electrical components, equipment, or systems.' }],
  ];
  return Array.from({ length: count }, (_, i) => ({
    taskId: String(7000 + i),
    occupationCode: ['13-2011.00', '47-2111.00', '43-4051.00'][i % 3]!,
    title: ['Accountants and Auditors', 'Electricians', 'Customer Service Representatives'][i % 3]!,
    text: `${verbs[i % verbs.length]} the ${['ledgers', 'circuits', 'complaints'][i % 3]} for case ${i}.`,
    ...(options.activities && i % 2 === 0 ? { activities: activities[i % 4 === 0 ? 0 : 1] } : {}),
  }));
}

describe('offline scoring on two threads (built code)', () => {
  let threads: Threads;
  let model: ReturnType<Model['loadOfflineModel']>;
  let score: Score;
  beforeAll(async () => {
    ensureBuilt();
    threads = await built<Threads>('score/offline/threads.js');
    model = (await built<Model>('score/offline/model.js')).loadOfflineModel();
    score = await built<Score>('score/offline/score.js');
  });

  const run = async (options: { threads: string; modelPath?: string; activities?: boolean }) => {
    const all = tasks(2100, { activities: options.activities ?? true });
    const chunks = Array.from({ length: Math.ceil(all.length / 300) }, (_, i) => all.slice(i * 300, (i + 1) * 300));
    const context = score.occupationTexts(all);
    const seen: { first: string; scores: { taskId: string; exposure: string; rationale?: string }[] }[] = [];
    await threads.scoreOfflineChunks({
      model,
      chunks,
      context,
      env: { [threads.OFFLINE_THREADS_ENV]: options.threads },
      modelPath: options.modelPath,
      onChunk: (chunk, scores) => seen.push({ first: chunk[0]!.taskId, scores }),
    });
    return { chunks: chunks.length, byChunk: new Map(seen.map((s) => [s.first, s.scores])), calls: seen.length };
  };

  it('scores every chunk once, and the same as one thread does, work activities included', async () => {
    const one = await run({ threads: '1' });
    const two = await run({ threads: '2' });
    expect(two.calls).toBe(two.chunks);
    expect(two.byChunk).toEqual(one.byChunk);
    // The activities reach the worker: without them the scores differ.
    const textOnly = await run({ threads: '2', activities: false });
    expect(textOnly.byChunk).not.toEqual(two.byChunk);
  });

  it('scores on this thread what a worker that cannot start was given', async () => {
    const one = await run({ threads: '1' });
    const failed = await run({ threads: '2', modelPath: path.join(REPO_ROOT, 'models', 'no-such-model.json') });
    expect(failed.calls).toBe(failed.chunks);
    expect(failed.byChunk).toEqual(one.byChunk);
  });
});
