// `npm run bench`: runs each benchmark in a child process, prints every figure with its unit,
// and writes them all to bench-results.json. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../data/package-root.js';
import { hasSharedData, SHARED_DATA, type Figures } from './harness.js';

interface Benchmark {
  name: string;
  needsSharedData: boolean;
  /** Why the benchmark cannot run here (a missing tool), checked before it starts. */
  unavailable?: () => Promise<string | undefined>;
  run: () => Promise<Figures>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'data', needsSharedData: true, run: async () => (await import('./data.js')).benchData() },
  { name: 'offline', needsSharedData: true, run: async () => (await import('./offline.js')).benchOffline() },
  { name: 'report', needsSharedData: true, run: async () => (await import('./report.js')).benchReport() },
  { name: 'frontier', needsSharedData: true, run: async () => (await import('./frontier.js')).benchFrontier() },
  { name: 'view', needsSharedData: true, run: async () => (await import('./view.js')).benchView() },
  { name: 'scoring', needsSharedData: false, run: async () => (await import('./scoring.js')).benchScoring() },
  { name: 'injection', needsSharedData: false, run: async () => (await import('./injection.js')).benchInjection() },
  { name: 'startup', needsSharedData: false, run: async () => (await import('./startup.js')).benchStartup() },
  { name: 'offline-score', needsSharedData: true, run: async () => (await import('./offline-score.js')).benchOfflineScore() },
  {
    name: 'pandas',
    needsSharedData: true,
    unavailable: async () => (await import('./pandas.js')).pandasUnavailable(),
    run: async () => (await import('./pandas.js')).benchPandas(),
  },
];

async function runOne(name: string): Promise<void> {
  const bench = BENCHMARKS.find((b) => b.name === name);
  if (!bench) throw new Error(`unknown benchmark ${name}`);
  process.stdout.write(`${JSON.stringify(await bench.run())}\n`);
}

async function runAll(only: string[]): Promise<void> {
  const results: Record<string, Figures | { skipped: string }> = {};
  for (const bench of BENCHMARKS) {
    if (only.length && !only.includes(bench.name)) continue;
    const missing = bench.needsSharedData && !hasSharedData() ? `${SHARED_DATA} is absent` : await bench.unavailable?.();
    if (missing) {
      const reason = `skipped: ${missing}`;
      process.stderr.write(`${bench.name}: ${reason}\n`);
      results[bench.name] = { skipped: reason };
      continue;
    }
    process.stderr.write(`running ${bench.name}…\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--one', bench.name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      process.stderr.write(`${bench.name}: failed (exit ${child.status})\n`);
      process.exitCode = 1;
      continue;
    }
    const figures = JSON.parse(line) as Figures;
    results[bench.name] = figures;
    for (const [label, f] of Object.entries(figures)) {
      const value = Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : f.value.toFixed(f.value < 10 ? 3 : 1);
      process.stdout.write(`${label.padEnd(64)} ${value.padStart(12)} ${f.unit}${f.note ? `  (${f.note})` : ''}\n`);
    }
  }
  const out = path.join(PACKAGE_ROOT, 'bench-results.json');
  writeFileSync(out, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
  process.stderr.write(`figures written to ${out}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--one' && args[1]) await runOne(args[1]);
else await runAll(args);
