// Benchmark plumbing: each benchmark runs in its own child process so its peak memory is its own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../data/package-root.js';

export interface Figure {
  value: number;
  unit: string;
  note?: string;
}
export type Figures = Record<string, Figure>;

/** The reference data beside the repo (`../shared/data`); benchmarks that need it skip without it. */
export const SHARED_DATA = path.resolve(PACKAGE_ROOT, '..', 'shared', 'data');
export const hasSharedData = (): boolean => existsSync(SHARED_DATA);

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Best of `runs` timings: the least disturbed by the other core's work. */
export async function bestOf<T>(runs: number, fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  let best: { result: T; ms: number } | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await timed(fn);
    if (!best || run.ms < best.ms) best = run;
  }
  return best!;
}

/** Peak resident memory of this process so far, in MiB (getrusage maxrss). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
