// Start-up: `ai-frontier --version` and `--help` against bare `node -e 0`, each a fresh process, medians
// of BENCH_RUNS (at least 5) after a warm-up run, the commands interleaved so load falls on all alike.
// The aim: at most 0.15 s more than bare Node.
import { BIN, benchRuns, loadAverage, median, runCommand } from './processes.js';
import type { Figures } from './harness.js';

const COMMANDS: { label: string; args: string[] }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'ai-frontier --version', args: [BIN, '--version'] },
  { label: 'ai-frontier --help', args: [BIN, '--help'] },
  { label: 'ai-frontier frontier --help', args: [BIN, 'frontier', '--help'] },
];

export async function benchStartup(): Promise<Figures> {
  const runs = benchRuns();
  const times = new Map<string, number[]>(COMMANDS.map((c) => [c.label, []]));
  const load = loadAverage();
  for (const c of COMMANDS) runCommand(process.execPath, c.args);
  for (let i = 0; i < runs; i++) for (const c of COMMANDS) times.get(c.label)!.push(runCommand(process.execPath, c.args).wallMs);
  const node = median(times.get('node -e 0')!);
  const figures: Figures = { 'startup: node -e 0': { value: node, unit: 'ms', note: `median of ${runs}, load average ${load}` } };
  for (const c of COMMANDS.slice(1)) {
    const ms = median(times.get(c.label)!);
    figures[`startup: ${c.label}`] = { value: ms, unit: 'ms', note: `median of ${runs}` };
    figures[`startup: ${c.label}, over node -e 0`] = { value: ms - node, unit: 'ms', note: 'aim: at most 150' };
  }
  return figures;
}
