// Published labels imported as scorers, and `compare` between scorers: the figures the paper reports.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SHARED_DATA, tempHome } from './helpers/cli.js';
import { loadOfflineModel } from '../src/score/offline/model.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const haveLabels = existsSync(LABELS);
if (!haveLabels) console.warn(`skipping label import and compare tests: ${LABELS} is absent`);

describe.skipIf(!haveLabels)('scores import and compare on the GPTs-are-GPTs label set', () => {
  const home = tempHome();
  const store = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-compare-')), 'scores.db');
  const env = { AI_FRONTIER_HOME: home };
  const run = (args: string[]) => runCli([...args, '--store', store], { env });

  beforeAll(async () => {
    for (const [name, column] of [['gpt4', 'gpt4_exposure'], ['gpt4-again', 'gpt4_exposure'], ['human', 'human_exposure_agg']]) {
      const result = await run(['scores', 'import', LABELS, '--name', name!, '--column', column!, '--automation-column', 'gpt4_automation']);
      expect(result.code, result.stderr).toBe(0);
    }
  });

  it('lists the imports as scorers with their counts', async () => {
    const result = await run(['--json', 'scores', 'list']);
    const { scorers } = JSON.parse(result.stdout) as { scorers: { scorer: string; count: number }[] };
    expect(scorers.find((s) => s.scorer === 'gpt4')?.count).toBe(19_265);
    expect(scorers.find((s) => s.scorer === 'human')?.count).toBe(19_265);
  });

  it('two imports of the same column agree perfectly', async () => {
    const result = await run(['--json', 'compare', 'gpt4', 'gpt4-again', '--dataset', LABELS]);
    expect(result.code, result.stderr).toBe(0);
    const c = JSON.parse(result.stdout);
    expect(c.tasks).toBe(19_265);
    expect(c.exposure.accuracy).toBe(1);
    expect(c.exposure.kappa).toBe(1);
    expect(c.exposure.kappaExposed).toBe(1);
    expect(c.occupations).toBe(923);
    expect(c.correlation.beta.pearson).toBeCloseTo(1, 12);
  });

  it('human vs GPT-4 reproduces the paper: kappa about 0.44 per task, Pearson about 0.88 on occupation beta', async () => {
    const result = await run(['--json', 'compare', 'human', 'gpt4', '--dataset', LABELS]);
    const c = JSON.parse(result.stdout);
    console.log(`human vs gpt4: kappa ${c.exposure.kappa.toFixed(3)}, beta Pearson ${c.correlation.beta.pearson.toFixed(3)}`);
    expect(c.exposure.kappa).toBeGreaterThan(0.4);
    expect(c.exposure.kappa).toBeLessThan(0.48);
    expect(c.correlation.beta.pearson).toBeGreaterThan(0.85);
    expect(c.correlation.beta.pearson).toBeLessThan(0.91);
    const text = await run(['compare', 'human', 'gpt4', '--dataset', LABELS]);
    expect(text.stdout).toMatch(/Cohen's kappa, E0\/E1\/E2\s+0\.4\d\d/);
    expect(text.stdout).toMatch(/confusion/);
  });

  // The label set links no work activities, so compare reads its tasks as text alone: the figures the model
  // file records without activities.
  type Recorded = Record<string, { tasks: number; vsGpt4: { kappa: number }; vsHuman: { kappa: number } }>;
  const textOnlyFigures = () => (loadOfflineModel().file.metrics as { withoutActivities: { targets: Recorded } }).withoutActivities.targets;

  it('judges the offline scorer on held-out tasks by default, the figures the model file records', async () => {
    const recorded = textOnlyFigures();
    const result = await run(['--json', 'compare', 'offline', 'gpt4', '--dataset', LABELS]);
    expect(result.code, result.stderr).toBe(0);
    const c = JSON.parse(result.stdout);
    expect(c.offlineSample).toEqual({ model: 'offline-v4', scope: 'held-out', heldOutTasks: recorded.both!.tasks, inSampleTasks: 19_265 - recorded.both!.tasks });
    expect(c.tasks).toBe(recorded.both!.tasks);
    expect(c.exposure.kappa).toBeCloseTo(recorded.both!.vsGpt4.kappa, 4);
  });

  it('names a target of the offline scorer, and says in text which tasks it was judged on', async () => {
    const recorded = textOnlyFigures();
    const human = JSON.parse((await run(['--json', 'compare', 'offline:human', 'human', '--dataset', LABELS])).stdout);
    expect(human.exposure.kappa).toBeCloseTo(recorded.human!.vsHuman.kappa, 4);
    const text = await run(['compare', 'offline', 'gpt4', '--dataset', LABELS]);
    expect(text.stdout).toMatch(new RegExp(`held out: only the ${recorded.both!.tasks.toLocaleString('en-US')} tasks the offline model offline-v4 never saw`));
    expect(text.stdout).not.toMatch(/IN-SAMPLE/);
  });

  it('marks in-sample figures as such when asked for every task', async () => {
    const result = await run(['--json', 'compare', 'offline', 'gpt4', '--dataset', LABELS, '--in-sample']);
    const c = JSON.parse(result.stdout);
    expect(c.tasks).toBe(19_265);
    expect(c.offlineSample.scope).toBe('in-sample');
  });

  it('prints in-sample figures under a mark that says so, and marks nothing between two label sets', async () => {
    const text = await run(['compare', 'gpt4', 'offline', '--dataset', LABELS, '--in-sample']);
    expect(text.stdout).toMatch(/IN-SAMPLE: the offline model offline-v4 trained on the occupations or statements of [\d,]+ of these tasks; these figures flatter it/);
    // Two label sets are not the offline model: nothing is held out or marked.
    const labels = JSON.parse((await run(['--json', 'compare', 'human', 'gpt4', '--dataset', LABELS])).stdout);
    expect(labels.offlineSample).toBeUndefined();
  });

  it('an unknown scorer is bad usage that names the known ones', async () => {
    const result = await run(['compare', 'nope', 'gpt4', '--dataset', LABELS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no scores from scorer "nope".*known scorers: offline, .*gpt4/);
  });
});
