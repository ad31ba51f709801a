// `ai-frontier check`: the stratified sample, the kappa verdict, and the command against the loopback
// OpenAI-compatible server (real SDK over real HTTP; its labels are a hash of the task text, so agreement
// with GPT-4 and the humans must come out at chance and be called so) and with the offline model.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskKey } from '../src/data/types.js';
import { bootstrapKappa, verdictOf } from '../src/score/check/figures.js';
import { BUNDLED_LABELS } from '../src/score/check/bundled.js';
import { readCheckLabels } from '../src/score/check/labels.js';
import { proportionalQuotas, stratifiedSample } from '../src/score/check/sample.js';
import { seededRandom } from '../src/score/random.js';
import { openStore } from '../src/score/store/store.js';
import { EXPOSURE_LEVELS, type Exposure } from '../src/score/types.js';
import { ensureBuilt } from './global-setup.js';
import { runCli, spawnCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

describe('the stratified sample', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ id: i, group: ['11', '15', '47'][i % 3]!, label: i % 10 < 6 ? 'E0' : i % 10 < 8 ? 'E1' : 'E2' }));
  const stratum = (x: (typeof items)[number]) => `${x.group} ${x.label}`;

  it('gives each stratum its proportional share, in the input order, the same for the same seed', () => {
    const sample = stratifiedSample(items, { size: 200, seed: 3, stratum });
    expect(sample).toHaveLength(200);
    expect(sample.map((x) => x.id)).toEqual([...sample.map((x) => x.id)].sort((a, b) => a - b));
    const count = (label: string) => sample.filter((x) => x.label === label).length;
    expect([count('E0'), count('E1'), count('E2')]).toEqual([120, 40, 40]);
    for (const group of ['11', '15', '47']) expect(Math.abs(sample.filter((x) => x.group === group).length - 200 / 3)).toBeLessThanOrEqual(3);
    expect(stratifiedSample(items, { size: 200, seed: 3, stratum })).toEqual(sample);
    expect(stratifiedSample(items, { size: 200, seed: 4, stratum })).not.toEqual(sample);
  });

  it('splits a total by largest remainders, never beyond a stratum', () => {
    expect(proportionalQuotas([5, 3, 2], 5)).toEqual([3, 1, 1]);
    expect(proportionalQuotas([1, 1, 1], 2).reduce((a, b) => a + b)).toBe(2);
    expect(proportionalQuotas([1, 100], 101)).toEqual([1, 100]);
  });
});

describe('the kappa verdict', () => {
  it('calls random labels no better than chance, and copies almost perfect', () => {
    const random = seededRandom(11);
    const draw = (): Exposure[] => Array.from({ length: 300 }, () => EXPOSURE_LEVELS[Math.floor(random() * 3)]!);
    const a = draw();
    const interval = bootstrapKappa(a, draw(), 1);
    expect(interval[0]).toBeLessThan(0);
    expect(interval[1]).toBeGreaterThan(0);
    expect(verdictOf(0.02, interval)).toBe('no better than chance');
    const same = bootstrapKappa(a, a, 1);
    expect(same).toEqual([1, 1]);
    expect(verdictOf(1, same)).toBe('almost perfect');
    expect(verdictOf(0.5, [0.4, 0.6])).toBe('moderate');
  });
});

describe('check against the loopback server', () => {
  const SECRET = 'sk-test-check-5b2e8d1f';
  let server: FakeLlmServer;
  let dir: string;
  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    server = await startFakeLlmServer({ apiKey: SECRET });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-check-'));
  });
  afterEach(async () => {
    await server.close();
  });
  const args = () => ['check', '--base-url', server.baseURL, '--model', 'fake-model', '--store', path.join(dir, 'scores.db')];
  const env = () => ({ OPENAI_API_KEY: SECRET, AI_FRONTIER_HOME: path.join(dir, 'home') });

  it('finds kappa near 0 and says so in words, sends each task with its own text and title, and a rerun sends nothing', async () => {
    const first = await spawnCli(args(), { env: env() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/custom:fake-model vs GPT-4 +200 .* no better than chance/);
    expect(first.stdout).toMatch(/custom:fake-model vs human +200 .* no better than chance/);
    expect(first.stdout).toMatch(/Verdict: custom:fake-model agrees with GPT-4's labels and with the human annotators' no more than chance would/);
    // The offline reference line, held out, on the same 200 tasks.
    expect(first.stdout).toMatch(/offline \(reference\) vs GPT-4, held out +200 /);
    expect(first.stdout).toMatch(/Full O\*NET 29\.1 \(18,796 task statements\): \$0 \(server on this machine\), about/);
    expect(first.stderr).toMatch(/scoring 200\/200 scored/);

    // What the model saw is each sampled task's own statement and occupation title, as labelled.
    const labels = await readCheckLabels(BUNDLED_LABELS);
    const byText = new Map(labels.rows.map((row) => [row.task, row]));
    const sent = server.requests.flatMap((r) => r.tasks).filter((t) => byText.has(t.task));
    expect(new Set(sent.map((t) => t.task)).size).toBe(200);
    for (const task of sent) expect(task.occupation).toBe(byText.get(task.task)!.title);

    const requests = server.requests.length;
    const again = await runCli(['--json', ...args()], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests.length).toBe(requests);
    const report = JSON.parse(again.stdout);
    expect(report.run).toMatchObject({ scoredNow: 0, alreadyStored: 200, requests: 0 });
    expect(report.rate.source).toBe('stored');
    expect(report.perThousand.inputTokens).toBeGreaterThan(0);
    // Scores matched to labels by code and task id: the fake model's labels are a hash of the text, so its
    // agreement is chance; its confusion matrix counts every sampled task once.
    for (const side of ['gpt4', 'human'] as const) {
      const figures = report.checked[side];
      expect(figures.tasks).toBe(200);
      expect(Math.abs(figures.kappa)).toBeLessThan(0.15);
      expect(figures.kappaInterval[0]).toBeLessThan(0);
      expect(figures.verdict).toBe('no better than chance');
      expect(figures.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(200);
    }
    expect(report.offline.heldOut).toMatchObject({ tasks: 200, of: 200 });
    expect(report.offline.gpt4.kappa).toBeGreaterThan(0.4);
  });

  it('does not make the check the scorer frontier shows for the label set', async () => {
    const run = await runCli([...args(), '--sample', '20'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const store = openStore(path.join(dir, 'scores.db'));
    expect(store.scorerNames()).toEqual(['custom:fake-model']);
    expect(store.db.prepare('SELECT COUNT(*) FROM score_runs').pluck().get()).toBe(0);
    store.close();
  });
});

describe('check with the offline model', () => {
  it('judges it on held-out tasks only, marked as such, and stores its scores', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-check-home-'));
    const run = await runCli(['check', '--scorer', 'offline'], { env: { AI_FRONTIER_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/offline vs GPT-4, held out +200 /);
    expect(run.stdout).toMatch(/held out: offline judged on the 200 of 200 sampled tasks whose occupation and statement offline-v\d+ never trained on\./);
    expect(run.stdout).not.toMatch(/IN-SAMPLE/);
    expect(run.stdout).toMatch(/\$0 \(offline model\)/);
    const json = JSON.parse((await runCli(['--json', 'check', '--scorer', 'offline'], { env: { AI_FRONTIER_HOME: home } })).stdout);
    expect(json.run).toMatchObject({ scoredNow: 0, alreadyStored: 200 });
    expect(json.offline).toBeNull();
    expect(json.checked.heldOut.tasks).toBe(200);
    expect(json.checked.gpt4.kappa).toBeGreaterThan(0.4);
  });

  it('marks in-sample figures on a label set holding tasks the model trained on', async () => {
    const labels = await readCheckLabels(BUNDLED_LABELS);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-check-labels-'));
    const file = path.join(dir, 'mixed.tsv');
    const { readFileSync } = await import('node:fs');
    const { readModelFile } = await import('../src/score/offline/model.js');
    // Two labelled tasks from occupations the model trained on, beside the excerpt's first 30.
    const trained = readModelFile().split.trainingOccupations!.slice(0, 2);
    const lines = readFileSync(BUNDLED_LABELS, 'utf8').split('\n');
    const extra = trained.map((code, i) => `${9000 + i}\t${code}\t${90000 + i}.0\tPrepare written reports about the work done.\tCore\tSome Title\tE1\tE1\tE1\tFalse\tT2\t1.0\t1.0\t1.0\t0.5\tE1`);
    writeFileSync(file, [...lines.slice(0, 31), ...extra].join('\n') + '\n');
    const json = JSON.parse((await runCli(['--json', 'check', '--scorer', 'offline', '--labels', file, '--sample', '32'])).stdout);
    expect(json.checked.heldOut).toMatchObject({ tasks: 30, of: 32 });
    expect(json.checked.inSample.tasks).toBe(32);
    expect(labels.rows.length).toBe(595);
    const text = (await runCli(['check', '--scorer', 'offline', '--labels', file, '--sample', '32'])).stdout;
    expect(text).toMatch(/offline vs GPT-4, IN-SAMPLE: trained on 2 +32 /);
    expect(text).toMatch(/IN-SAMPLE rows count all 32, and flatter it/);
  });
});

describe('check on bad input', () => {
  it('refuses a missing file, missing columns, --sample 0 and a sample larger than the set, with exit 2', async () => {
    const missing = await runCli(['check', '--offline', '--labels', '/nonexistent/labels.tsv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\/nonexistent\/labels\.tsv.*no such file/);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-check-bad-'));
    const noHuman = path.join(dir, 'no-human.tsv');
    writeFileSync(noHuman, 'O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\tgpt4_exposure\n15-1252.00\t1\tWrite code.\tCore\tSoftware Developers\tE1\n');
    const columns = await runCli(['check', '--offline', '--labels', noHuman]);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toMatch(/no-human\.tsv:1.*missing column human_exposure_agg/);

    const zero = await runCli(['check', '--offline', '--sample', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--sample/);

    const large = await runCli(['check', '--offline', '--sample', '5000']);
    expect(large.code).toBe(2);
    expect(large.stderr).toMatch(/--sample 5000: .*labels\.tsv has only 595 labelled tasks/);
    for (const run of [missing, columns, zero, large]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('samples the same tasks for the same seed and others for another', async () => {
    const labels = await readCheckLabels(BUNDLED_LABELS);
    const keys = (seed: number) => stratifiedSample(labels.rows, { size: 50, seed, stratum: (r) => `${r.occupationCode.slice(0, 2)} ${r.exposure}` }).map((r) => taskKey(r.occupationCode, r.taskId));
    expect(keys(5)).toEqual(keys(5));
    expect(keys(5)).not.toEqual(keys(6));
  });
});
