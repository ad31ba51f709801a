// Scoring speed of offline model files side by side, in one process, interleaved so that a loaded machine
// slows them alike: every label-set task scored by each model, after one warm-up pass, best of N by wall
// time and by CPU time (the CPU figure moves less when other processes share the cores).
//   node dist/score/offline/speed-cli.js --labels PATH [--runs 3] models/offline-v4.json old-offline-v2.json

import { parseArgs } from 'node:util';
import { readLabelSet } from '../labels.js';
import { loadOfflineModel } from './model.js';
import { scoreOffline, type OfflineTask } from './score.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { labels: { type: 'string' }, runs: { type: 'string', default: '3' } }, allowPositionals: true });
  if (!values.labels || positionals.length === 0) {
    process.stderr.write('usage: speed-cli --labels full_labelset.tsv [--runs 3] MODEL.json [MODEL.json ...]\n');
    process.exitCode = 2;
    return;
  }
  const set = await readLabelSet(values.labels);
  const tasks: OfflineTask[] = set.scores.map((r) => ({ taskId: r.taskId, occupationCode: r.occupationCode, text: r.task, title: r.title, type: r.taskType }));
  const models = positionals.map((file) => loadOfflineModel(file));
  const wall = models.map(() => Infinity);
  const cpu = models.map(() => Infinity);
  for (const model of models) scoreOffline(model, tasks);
  for (let run = 0; run < Number(values.runs); run++) {
    models.forEach((model, i) => {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      scoreOffline(model, tasks);
      wall[i] = Math.min(wall[i]!, performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu[i] = Math.min(cpu[i]!, (used.user + used.system) / 1000);
    });
  }
  process.stdout.write(`scoring ${tasks.length.toLocaleString('en-US')} label-set tasks, best of ${values.runs} after a warm-up pass:\n`);
  models.forEach((model, i) =>
    process.stdout.write(`  ${model.file.name} (${positionals[i]}): ${wall[i]!.toFixed(0)} ms wall, ${cpu[i]!.toFixed(0)} ms CPU, ${model.vectorizer.space.vocab.length.toLocaleString('en-US')} features\n`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
