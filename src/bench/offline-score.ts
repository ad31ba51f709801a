// `score` with the offline model over the full O*NET 29.1 release (18,796 tasks), as a person runs it:
// into an empty store with nothing cached (the very first run), into an empty store with the parsed
// release already cached (say after `datasets info`), and again with every score stored. Fresh processes,
// runs interleaved, medians of BENCH_RUNS (at least 5). Aims: an empty store within 2 s, a rerun within 0.5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHARED_DATA, type Figures } from './harness.js';
import { BIN, benchRuns, loadAverage, median, runCommand } from './processes.js';

const ONET = path.join(SHARED_DATA, 'onet-29.1');

export async function benchOfflineScore(): Promise<Figures> {
  const runs = benchRuns();
  const home = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-bench-'));
  const env = { ...process.env, AI_FRONTIER_HOME: home };
  const store = path.join(home, 'data');
  const parsed = path.join(home, 'cache', 'parsed');
  const score = [BIN, '-q', 'score', '--dataset', ONET, '--json'];
  const times = { first: [] as number[], emptyStore: [] as number[], rerun: [] as number[] };
  let scored = 0;
  try {
    const load = loadAverage();
    runCommand(process.execPath, score, env);
    for (let i = 0; i < runs; i++) {
      rmSync(store, { recursive: true, force: true });
      rmSync(parsed, { recursive: true, force: true });
      times.first.push(runCommand(process.execPath, score, env).wallMs);
      rmSync(store, { recursive: true, force: true });
      const run = runCommand(process.execPath, score, env);
      times.emptyStore.push(run.wallMs);
      scored = (JSON.parse(run.stdout) as { scored: number }).scored;
      times.rerun.push(runCommand(process.execPath, score, env).wallMs);
    }
    const note = `median of ${runs}, load average ${load}`;
    return {
      'offline-score: tasks scored into an empty store': { value: scored, unit: 'tasks' },
      'offline-score: empty store, nothing cached (first run)': { value: median(times.first), unit: 'ms', note },
      'offline-score: empty store, release parsed and cached': { value: median(times.emptyStore), unit: 'ms', note: `${note}; aim: at most 2000` },
      'offline-score: rerun with every score stored': { value: median(times.rerun), unit: 'ms', note: `${note}; aim: at most 500` },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
