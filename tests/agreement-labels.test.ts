// Several scorers on the real GPTs-are-GPTs label set: the human and GPT-4 labels and the offline model,
// compared (held out from the offline model's training by default) and joined in a consensus.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfflineModel } from '../src/score/offline/model.js';
import { runCli, SHARED_DATA, tempHome } from './helpers/cli.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const haveLabels = existsSync(LABELS);
if (!haveLabels) console.warn(`skipping the several-scorer tests on the label set: ${LABELS} is absent`);

describe.skipIf(!haveLabels)('compare and consensus on the GPTs-are-GPTs label set', () => {
  const env = { AI_FRONTIER_HOME: tempHome() };
  const store = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-agreement-labels-')), 'scores.db');
  const run = async (args: string[]) => {
    const result = await runCli([...args, '--store', store], { env });
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    await run(['scores', 'import', LABELS, '--name', 'gpt4', '--automation-column', 'gpt4_automation']);
    await run(['scores', 'import', LABELS, '--name', 'human', '--column', 'human_exposure_agg']);
  });

  it('human and GPT-4 labels: alpha beside the pair kappa, the same interval every run', async () => {
    const pair = JSON.parse((await run(['--json', 'compare', 'human', 'gpt4', '--dataset', LABELS, '--alpha'])).stdout);
    console.log(`human vs gpt4: kappa ${pair.exposure.kappa.toFixed(3)}, alpha ${pair.krippendorff.exposure.alpha.toFixed(3)} (${pair.krippendorff.exposure.low.toFixed(3)} to ${pair.krippendorff.exposure.high.toFixed(3)})`);
    expect(pair.krippendorff.exposure.alpha.toFixed(3)).toBe('0.433');
    expect(pair.krippendorff.exposure).toMatchObject({ tasks: 19_265, values: 38_530 });
    expect(pair.krippendorff.exposure.low).toBeGreaterThan(0.41);
    expect(pair.krippendorff.exposure.high).toBeLessThan(0.46);
    expect(pair.krippendorff.automation).toBeNull();
    const again = JSON.parse((await run(['--json', 'compare', 'human', 'gpt4', '--dataset', LABELS, '--alpha'])).stdout);
    expect(again.krippendorff).toEqual(pair.krippendorff);
  });

  it('with the offline model, compares on the tasks it never saw and says so', async () => {
    const recorded = (loadOfflineModel().file.metrics as { targets: Record<string, { tasks: number }> }).targets;
    const several = JSON.parse((await run(['--json', 'compare', 'human', 'gpt4', 'offline', '--dataset', LABELS])).stdout);
    expect(several.offlineSample).toMatchObject({ scope: 'held-out', heldOutTasks: recorded.both!.tasks });
    expect(several.tasksByAll).toBe(recorded.both!.tasks);
    expect(several.pairs.map((p: { a: string; b: string; tasks: number }) => [p.a, p.b, p.tasks])).toEqual([
      ['human', 'gpt4', recorded.both!.tasks],
      ['human', 'offline', recorded.both!.tasks],
      ['gpt4', 'offline', recorded.both!.tasks],
    ]);
    expect(several.kappaMatrix[2][1]).toBe(several.pairs[2].exposure.kappa);
    console.log(`human, gpt4, offline (held out): exposure alpha ${several.alpha.exposure.alpha.toFixed(3)}, automation alpha ${several.alpha.automation.alpha.toFixed(3)}`);
    expect(several.alpha.automation).toMatchObject({ metric: 'ordinal', tasks: recorded.both!.tasks, values: 2 * recorded.both!.tasks });
  });

  it('a consensus of the three is stored with its ties and shown by frontier', async () => {
    const made = JSON.parse((await run(['--json', 'scores', 'consensus', 'human', 'gpt4', 'offline', '--name', 'panel', '--dataset', LABELS])).stdout);
    expect(made).toMatchObject({ tasks: 19_265, passedOver: 0, default: false });
    expect(made.ties.exposure).toBeGreaterThan(0);
    const frontier = JSON.parse((await run(['--json', 'frontier', '--dataset', LABELS, '--scorer', 'panel'])).stdout);
    expect(frontier.headline.scorer).toBe('panel');
    expect(frontier.headline.scoredTasks).toBe(19_265);
  });
});
