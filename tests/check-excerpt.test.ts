// The bundled GPTs-are-GPTs excerpt that `check` uses by default: held out from the committed offline model
// (a retrain whose split takes in any of its tasks fails here: regenerate it with the build script), within the
// bound, licensed and attributed, and exactly what the build script makes from ../shared/data. With
// ../shared/data present, the real figures: the offline model on a 200-task sample of the full label set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../src/data/resolve.js';
import { DEFAULT_ONET_RELEASE, ONET_TASK_COUNTS } from '../src/data/releases.js';
import { taskKey } from '../src/data/types.js';
import { BUNDLED_LABELS, EXCERPT_MAX_TASKS } from '../src/score/check/bundled.js';
import { readModelFile } from '../src/score/offline/model.js';
import { heldOutTaskKeys } from '../src/score/offline/seen.js';
import { ensureBuilt } from './global-setup.js';
import { REPO_ROOT, runCli, SHARED_DATA, tempHome } from './helpers/cli.js';

const FULL_LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const HAS_SHARED = existsSync(FULL_LABELS);
if (!HAS_SHARED) console.warn(`[skipped] the excerpt's build and the real check figures need ${FULL_LABELS} (absent on a fresh clone)`);

describe('the bundled excerpt', () => {
  it('holds no task the committed offline model trained on, by occupation or by statement', async () => {
    const dataset = await resolveDataset(BUNDLED_LABELS, { env: { AI_FRONTIER_HOME: tempHome() }, cwd: REPO_ROOT });
    const file = readModelFile();
    const held = heldOutTaskKeys(file, dataset.tasks, taskKey);
    const trained = dataset.tasks.filter((t) => !held.keys.has(taskKey(t.occupationCode, t.id))).map((t) => `${t.occupationCode} ${t.id}`);
    expect(trained, `tasks of the excerpt ${file.name} trained on: run scripts/build-check-excerpt.mjs again`).toEqual([]);
    expect(dataset.tasks.length).toBeLessThanOrEqual(EXCERPT_MAX_TASKS);
    expect(dataset.tasks.length).toBeGreaterThan(EXCERPT_MAX_TASKS * 0.9);
    expect(new Set(dataset.tasks.map((t) => t.occupationCode.slice(0, 2))).size).toBe(22);
  });

  it('ships with the MIT licence of the label set and the O*NET attribution', () => {
    const folder = path.dirname(BUNDLED_LABELS);
    expect(readFileSync(path.join(folder, 'LICENSE'), 'utf8')).toMatch(/MIT License\s+Copyright \(c\) 2024 OpenAI/);
    const readme = readFileSync(path.join(folder, 'README.md'), 'utf8');
    expect(readme).toMatch(/Eloundou, Manning, Mishkin and Rock/);
    expect(readme).toMatch(/O\*NET Database by the U\.S\. Department of Labor.*CC BY 4\.0/s);
  });
});

describe.skipIf(!HAS_SHARED)('the excerpt and the check against the real label set (../shared/data)', () => {
  beforeAll(() => ensureBuilt());

  it('is exactly what scripts/build-check-excerpt.mjs makes from full_labelset.tsv and the committed model', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-excerpt-'));
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-check-excerpt.mjs'), FULL_LABELS, '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'labels.tsv'), 'utf8')).toBe(readFileSync(BUNDLED_LABELS, 'utf8'));
    // Every row is the full set's row, byte for byte.
    const full = new Set(readFileSync(FULL_LABELS, 'utf8').split('\n'));
    for (const line of readFileSync(BUNDLED_LABELS, 'utf8').split('\n').filter(Boolean)) expect(full.has(line)).toBe(true);
  });

  it("projects from the release's own task count", () => {
    const file = path.join(SHARED_DATA, `onet-${DEFAULT_ONET_RELEASE}`, 'Task Statements.txt');
    const rows = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).length - 1;
    expect(ONET_TASK_COUNTS[DEFAULT_ONET_RELEASE]).toBe(rows);
  });

  it('offline on 200 tasks of the full label set: held-out figures apart, in-sample ones marked', async () => {
    const run = await runCli(['--json', 'check', '--scorer', 'offline', '--labels', FULL_LABELS]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sample).toMatchObject({ tasks: 200, majorGroups: 22 });
    const { heldOut, gpt4, human, inSample } = report.checked;
    expect(heldOut.of).toBe(200);
    expect(heldOut.tasks).toBeGreaterThan(10);
    expect(heldOut.tasks).toBeLessThan(100);
    expect(inSample.tasks).toBe(200);
    // In-sample figures flatter the model against the labels it was trained towards.
    expect(inSample.gpt4.kappa).toBeGreaterThan(gpt4.kappa);
    console.log(
      `check --scorer offline --labels full_labelset.tsv (seed 0): held out ${heldOut.tasks} of 200: kappa vs GPT-4 ${gpt4.kappa.toFixed(3)}, ` +
        `vs human ${human.kappa.toFixed(3)}; in-sample all 200: ${inSample.gpt4.kappa.toFixed(3)}, ${inSample.human.kappa.toFixed(3)}`,
    );
  });
});
