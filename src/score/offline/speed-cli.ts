// Scoring speed of offline model files side by side, in one process, interleaved so that a loaded machine
// slows them alike: every task scored by each model, after one warm-up pass, the median of N by wall time
// and by CPU time (the CPU figure moves less when other processes share the cores). The tasks are an O*NET
// release's, read as `score --dataset onet-29.1` reads them (with the work activities it links), or the label
// set's (text alone, or with --onet the activities that release links to each Task ID):
//   node dist/score/offline/speed-cli.js --onet ../shared/data/onet-29.1 [--runs 5] models/offline-v4.json old-offline-v3.json
//   node dist/score/offline/speed-cli.js --labels PATH [--onet ONET-FOLDER] [--runs 5] MODEL.json ...

import { parseArgs } from 'node:util';
import { median } from '../../bench/processes.js';
import { loadOnet } from '../../data/onet.js';
import { readLabelSet } from '../labels.js';
import { activitiesByTask } from './heldout.js';
import { loadOfflineModel } from './model.js';
import { offlineTasksOf, scoreOffline, type OfflineTask } from './score.js';

async function readTasks(labels: string | undefined, onet: string | undefined): Promise<{ tasks: OfflineTask[]; what: string }> {
  if (!labels) {
    const dataset = await loadOnet(onet!);
    return { tasks: offlineTasksOf(dataset, dataset.tasks), what: `tasks of ${onet}` };
  }
  const set = await readLabelSet(labels);
  const activities = onet ? await activitiesByTask(onet) : undefined;
  const tasks = set.scores.map((r) => {
    const linked = activities?.get(r.taskId);
    return { taskId: r.taskId, occupationCode: r.occupationCode, text: r.task, title: r.title, type: r.taskType, ...(linked ? { activities: linked } : {}) };
  });
  return { tasks, what: 'label-set tasks' };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { labels: { type: 'string' }, onet: { type: 'string' }, runs: { type: 'string', default: '5' } }, allowPositionals: true });
  if ((!values.labels && !values.onet) || positionals.length === 0) {
    process.stderr.write('usage: speed-cli (--onet onet-folder | --labels full_labelset.tsv [--onet onet-folder]) [--runs 5] MODEL.json [MODEL.json ...]\n');
    process.exitCode = 2;
    return;
  }
  const { tasks, what } = await readTasks(values.labels, values.onet);
  const models = positionals.map((file) => loadOfflineModel(file));
  const wall: number[][] = models.map(() => []);
  const cpu: number[][] = models.map(() => []);
  for (const model of models) scoreOffline(model, tasks);
  for (let run = 0; run < Number(values.runs); run++) {
    models.forEach((model, i) => {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      scoreOffline(model, tasks);
      wall[i]!.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu[i]!.push((used.user + used.system) / 1000);
    });
  }
  const linked = tasks.filter((t) => t.activities).length;
  process.stdout.write(`scoring ${tasks.length.toLocaleString('en-US')} ${what}, ${linked.toLocaleString('en-US')} with work activities, median of ${values.runs} after a warm-up pass:\n`);
  models.forEach((model, i) =>
    process.stdout.write(`  ${model.file.name} (${positionals[i]}): ${median(wall[i]!).toFixed(0)} ms wall, ${median(cpu[i]!).toFixed(0)} ms CPU, ${model.vectorizer.space.vocab.length.toLocaleString('en-US')} features\n`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
