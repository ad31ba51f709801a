// The frontier model alone over the full O*NET 29.1 with OEWS May 2024 and offline scores, after loading and
// scoring: the calibrated time axis with its band against the legacy model (the frontier before it). Warm: in one
// process, alternating, median of several runs after one of each. Cold, as a command meets it: one call in a fresh
// process (reading the calibration facts included), median over several processes of each.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinEmployment } from '../data/join.js';
import { loadOews } from '../data/oews.js';
import { loadOnet } from '../data/onet.js';
import { frontierSeries } from '../frontier/index.js';
import { offlineScores } from '../score/scorers.js';
import { SHARED_DATA, timed, type Figures } from './harness.js';

const RUNS = 9;
const COLD_RUNS = 5;

function coldCall(model: 'calibrated' | 'legacy'): number {
  const script = fileURLToPath(new URL('./frontier-once.js', import.meta.url));
  const child = spawnSync(process.execPath, [script, model], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`frontier-once ${model} exited ${child.status}`);
  return (JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
}

export async function benchFrontier(): Promise<Figures> {
  const [onet, table] = await Promise.all([loadOnet(path.join(SHARED_DATA, 'onet-29.1')), loadOews(path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx'))]);
  const dataset = joinEmployment(onet, table);
  const scores = offlineScores(dataset);
  const run = (model: 'calibrated' | 'legacy') => frontierSeries({ dataset, scores, baseYear: 2026, horizonYear: 2046, time: { model } });
  const first = { calibrated: (await timed(() => run('calibrated'))).ms, legacy: (await timed(() => run('legacy'))).ms };
  const times: Record<'calibrated' | 'legacy', number[]> = { calibrated: [], legacy: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const model of ['calibrated', 'legacy'] as const) times[model].push((await timed(() => run(model))).ms);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const calibrated = median(times.calibrated);
  const legacy = median(times.legacy);
  const cold: Record<'calibrated' | 'legacy', number[]> = { calibrated: [], legacy: [] };
  for (let i = 0; i < COLD_RUNS; i++) for (const model of ['legacy', 'calibrated'] as const) cold[model].push(coldCall(model));
  return {
    'frontier: calibrated with band, one cold call (median)': { value: median(cold.calibrated), unit: 'ms', note: `${COLD_RUNS} processes` },
    'frontier: legacy model, one cold call (median)': { value: median(cold.legacy), unit: 'ms', note: `${COLD_RUNS} processes` },
    'frontier: calibrated / legacy, cold': { value: median(cold.calibrated) / median(cold.legacy), unit: 'x', note: 'target at most 2' },
    'frontier: calibrated with band, 2026-2046 (median)': { value: calibrated, unit: 'ms', note: `${RUNS} runs; first call ${first.calibrated.toFixed(1)} ms` },
    'frontier: legacy model, the frontier before the band (median)': { value: legacy, unit: 'ms', note: `${RUNS} runs; first call ${first.legacy.toFixed(1)} ms` },
    'frontier: calibrated / legacy': { value: calibrated / legacy, unit: 'x', note: 'target at most 2' },
  };
}
