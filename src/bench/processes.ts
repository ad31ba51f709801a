// Timing whole commands as a person runs them: each run a fresh process, figures as medians so one run
// slowed by the other sessions on a shared machine does not decide them.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../data/package-root.js';

export const BIN = path.join(PACKAGE_ROOT, 'bin', 'ai-frontier.js');

/** Runs per measured command: BENCH_RUNS, at least 5. */
export function benchRuns(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(5, Number(env.BENCH_RUNS) || 0);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Run {
  wallMs: number;
  stdout: string;
}

/**
 * The command as it is measured. With BENCH_REALTIME=1 it runs under the round-robin real-time scheduler
 * (`chrt -r 10`, needs root or CAP_SYS_NICE), which keeps other sessions on a shared machine from stretching
 * its timings: close to what an idle machine gives. Off by default.
 */
export function measuredCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): [string, string[]] {
  return env.BENCH_REALTIME === '1' ? ['chrt', ['-r', '10', command, ...args]] : [command, [...args]];
}

/** One run of a command, timed from spawn to exit; throws with its stderr when it fails. */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const [file, argv] = measuredCommand(command, args, env);
  const start = process.hrtime.bigint();
  const child = spawnSync(file, argv, { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { wallMs, stdout: child.stdout };
}

/** The 1-minute load average, to print beside timings taken on a shared machine (and whether real-time was on). */
export function loadAverage(env: NodeJS.ProcessEnv = process.env): string {
  const load = (Math.round(os.loadavg()[0]! * 100) / 100).toString();
  return env.BENCH_REALTIME === '1' ? `${load}, real-time priority` : load;
}
