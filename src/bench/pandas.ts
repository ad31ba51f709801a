// The data path against pandas: `frontier --json` on the GPTs-are-GPTs label set with the OEWS May 2024
// xlsx, beside bench/pandas_frontier.py, which reads the same two files and computes the same occupation
// alpha / beta / zeta, employment join and worker shares. Both are measured alike by bench/measure.py
// (wall time and peak memory of one process), runs interleaved, medians of BENCH_RUNS (at least 5).
// ai-frontier is timed with its parsed-dataset cache warm (the second run of a command) and cold (the
// cache emptied before each run); the aims are warm at most 0.5x pandas' wall time and 150 MiB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../data/package-root.js';
import { SHARED_DATA, type Figures } from './harness.js';
import { BIN, benchRuns, loadAverage, measuredCommand, median, runCommand } from './processes.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const OEWS = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
const SCRIPT = path.join(PACKAGE_ROOT, 'bench', 'pandas_frontier.py');
const MEASURE = path.join(PACKAGE_ROOT, 'bench', 'measure.py');

/** A python3 that imports pandas and openpyxl (BENCH_PYTHON, else the first on PATH, else Debian's). */
export function findPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  return candidates.find((python) => spawnSync(python, ['-c', 'import pandas, openpyxl'], { stdio: 'ignore' }).status === 0);
}

export function pandasUnavailable(): string | undefined {
  if (!findPython()) return 'no python3 with pandas and openpyxl (Debian: apt install python3-pandas python3-openpyxl; or set BENCH_PYTHON)';
  return undefined;
}

interface Measured {
  wallMs: number;
  peakMiB: number;
  stdout: string;
}

function measured(python: string, command: string[], env: NodeJS.ProcessEnv): Measured {
  const [file, argv] = measuredCommand(python, [MEASURE, ...command], env);
  const child = spawnSync(file, argv, { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  const last = child.stderr.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`${command.join(' ')} failed (exit ${child.status}): ${child.stderr}`);
  const { wallMs, peakKiB } = JSON.parse(last) as { wallMs: number; peakKiB: number };
  return { wallMs, peakMiB: peakKiB / 1024, stdout: child.stdout };
}

interface WorkersExposed {
  employmentCovered: number;
  workersExposed: Record<'alpha' | 'beta' | 'zeta', { atLeast10: number; atLeast50: number }>;
}

/** The largest difference between the two tools' worker shares (and covered employment, relative). */
function disagreement(a: WorkersExposed, b: WorkersExposed): number {
  let most = Math.abs(a.employmentCovered - b.employmentCovered) / b.employmentCovered;
  for (const m of ['alpha', 'beta', 'zeta'] as const) {
    for (const t of ['atLeast10', 'atLeast50'] as const) most = Math.max(most, Math.abs(a.workersExposed[m][t] - b.workersExposed[m][t]));
  }
  return most;
}

export async function benchPandas(): Promise<Figures> {
  const python = findPython()!;
  const runs = benchRuns();
  const home = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-bench-'));
  const env = { ...process.env, AI_FRONTIER_HOME: home };
  const parsed = path.join(home, 'cache', 'parsed');
  try {
    runCommand(process.execPath, [BIN, '-q', 'scores', 'import', LABELS, '--name', 'gpt4'], env);
    const pandasCommand = [python, SCRIPT, LABELS, OEWS];
    const toolCommand = [process.execPath, BIN, '-q', 'frontier', '--json', '--dataset', LABELS, '--oews', OEWS];
    const load = loadAverage();
    const results = { pandas: [] as Measured[], warm: [] as Measured[], cold: [] as Measured[] };
    // Warm-up: disk caches for both, and the parsed-dataset cache for the warm runs.
    measured(python, pandasCommand, env);
    measured(python, toolCommand, env);
    for (let i = 0; i < runs; i++) {
      results.pandas.push(measured(python, pandasCommand, env));
      results.warm.push(measured(python, toolCommand, env));
      rmSync(parsed, { recursive: true, force: true });
      results.cold.push(measured(python, toolCommand, env));
    }
    const wall = (list: Measured[]) => median(list.map((m) => m.wallMs));
    const peak = (list: Measured[]) => median(list.map((m) => m.peakMiB));
    const theirs = JSON.parse(results.pandas[0]!.stdout) as WorkersExposed;
    const ours = (JSON.parse(results.warm[0]!.stdout) as { headline: WorkersExposed }).headline;
    const note = `median of ${runs}, load average ${load}`;
    return {
      'pandas: pandas script, wall': { value: wall(results.pandas), unit: 'ms', note },
      'pandas: ai-frontier frontier --json, cache warm, wall': { value: wall(results.warm), unit: 'ms', note },
      'pandas: ai-frontier frontier --json, cache cold, wall': { value: wall(results.cold), unit: 'ms', note },
      'pandas: wall ratio, ai-frontier warm / pandas': { value: wall(results.warm) / wall(results.pandas), unit: 'x', note: 'aim: at most 0.5' },
      'pandas: wall ratio, ai-frontier cold / pandas': { value: wall(results.cold) / wall(results.pandas), unit: 'x' },
      'pandas: pandas script, peak memory': { value: peak(results.pandas), unit: 'MiB' },
      'pandas: ai-frontier, cache warm, peak memory': { value: peak(results.warm), unit: 'MiB', note: 'aim: at most 150' },
      'pandas: ai-frontier, cache cold, peak memory': { value: peak(results.cold), unit: 'MiB' },
      'pandas: memory ratio, ai-frontier warm / pandas': { value: peak(results.warm) / peak(results.pandas), unit: 'x' },
      'pandas: largest difference in worker shares': { value: disagreement(ours, theirs), unit: '', note: 'both compute the same figures' },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
