// Issue 12 item 3 end to end: two model runs from the loopback server and an imported label set (which
// misses a task) compared with `compare A B C`, alpha checked against a reference computed here from the
// stored scores, and a consensus stored with `scores consensus` and used by `frontier` through the built CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorerScoresFor } from '../src/analysis/scorer-choice.js';
import { loadOnet } from '../src/data/onet.js';
import { openStore } from '../src/score/store/store.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type TaskScore } from '../src/score/types.js';
import { runCli, spawnCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';
import { MINI_TASKS, writeMiniLabelTable, writeMiniOews, writeMiniOnet } from './helpers/mini-onet.js';

const KEY = 'sk-test-agreement';
const A = 'custom:model-a';
const B = 'custom:model-b';
let dir: string;
let onet: string;
let servers: FakeLlmServer[] = [];

const store = () => path.join(dir, 'scores.db');
const env = () => ({ AI_FRONTIER_HOME: path.join(dir, 'home'), OPENAI_API_KEY: KEY, SOURCE_DATE_EPOCH: '1767225600' });

async function ok(args: string[]) {
  const result = await runCli([...args, '--store', store()], { env: env(), cwd: dir });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-agreement-'));
  onet = writeMiniOnet(dir);
  // Model a answers from each task's text; model b from the schema alone (its minimum, maximum, then random
  // instances), so the two disagree on some tasks.
  servers = [await startFakeLlmServer({ apiKey: KEY, model: 'model-a' }), await startFakeLlmServer({ apiKey: KEY, model: 'model-b', answerFromSchema: true })];
  for (const [server, model] of [[servers[0]!, 'model-a'], [servers[1]!, 'model-b']] as const) {
    await ok(['score', '--dataset', onet, '--base-url', server.baseURL, '--model', model, '--batch-size', '3']);
  }
  // Labels for 9 of the 10 tasks (task 202 was reworded): a scorer with a missing value.
  await ok(['scores', 'import', writeMiniLabelTable(dir), '--name', 'labels']);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Krippendorff's alpha written out from its definition over pairs of values, apart from the code under test. */
function referenceAlpha(units: (number | undefined)[][], metric: 'nominal' | 'ordinal'): number {
  const pairable = units.map((u) => u.filter((v): v is number => v !== undefined)).filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  const count = (v: number) => all.filter((x) => x === v).length;
  const delta = (c: number, k: number) => {
    if (c === k) return 0;
    if (metric === 'nominal') return 1;
    let between = 0;
    for (let g = Math.min(c, k); g <= Math.max(c, k); g++) between += count(g);
    return (between - (count(c) + count(k)) / 2) ** 2;
  };
  let within = 0;
  for (const u of pairable) {
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) within += delta(u[i]!, u[j]!) / (u.length - 1);
  }
  let between = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += delta(all[i]!, all[j]!);
  return 1 - ((n - 1) * within) / between;
}

describe('compare with several scorers', () => {
  it("prints the kappa matrix and Krippendorff's alpha with its interval, and alpha matches the reference", async () => {
    const json = JSON.parse((await ok(['--json', 'compare', A, B, 'labels', '--dataset', onet, '--resamples', '300'])).stdout);
    expect(json.scorers).toEqual([A, B, 'labels']);
    expect(json.tasksByScorer).toEqual({ [A]: 10, [B]: 10, labels: 9 });
    expect(json).toMatchObject({ tasksByTwo: 10, tasksByAll: 9, bootstrap: { resamples: 300, level: 0.95, seed: 1, unit: 'task', method: 'percentile' } });
    expect(json.kappaMatrix).toHaveLength(3);

    const dataset = await loadOnet(onet);
    const s = openStore(store(), { readonly: true });
    const scores = [A, B, 'labels'].map((scorer) => scorerScoresFor({ dataset, store: s, storePath: store(), scorer }));
    s.close();
    const byTask = (list: TaskScore[]) => new Map(list.map((x) => [`${x.occupationCode}/${x.taskId}`, x]));
    const maps = scores.map(byTask);
    const units = (field: 'exposure' | 'automation', levels: readonly string[]) =>
      dataset.tasks.map((t) => maps.map((m) => {
        const value = m.get(`${t.occupationCode}/${t.id}`)?.[field];
        return value === undefined ? undefined : levels.indexOf(value);
      }));
    expect(json.alpha.exposure.alpha).toBeCloseTo(referenceAlpha(units('exposure', EXPOSURE_LEVELS), 'nominal'), 12);
    expect(json.alpha.automation.alpha).toBeCloseTo(referenceAlpha(units('automation', AUTOMATION_LEVELS), 'ordinal'), 12);
    expect(json.alpha.exposure.tasks).toBe(10);
    expect(json.alpha.exposure.values).toBe(29);
    expect(json.alpha.exposure.low).toBeLessThanOrEqual(json.alpha.exposure.alpha);
    expect(json.alpha.exposure.high).toBeGreaterThanOrEqual(json.alpha.exposure.alpha);

    const text = (await ok(['compare', A, B, 'labels', '--dataset', onet, '--resamples', '300', '--level', '0.9', '--seed', '5'])).stdout;
    expect(text).toMatch(/9 tasks scored by all 3, 10 by at least two/);
    expect(text).toMatch(/Cohen's kappa, exposure E0\/E1\/E2/);
    expect(text).toMatch(/90% interval from 300 bootstrap resamples of tasks, seed 5/);
    expect(text).toMatch(new RegExp(`exposure \\(nominal, E0/E1/E2\\)\\s+${json.alpha.exposure.alpha.toFixed(3).replace('.', '\\.')}\\s+-?[\\d.]+ to -?[\\d.]+\\s+10\\s+29`));
  });

  it('gives the same interval for the same seed, run after run', async () => {
    const run = async () => JSON.parse((await ok(['--json', 'compare', A, B, 'labels', '--dataset', onet, '--resamples', '200'])).stdout).alpha;
    expect(await run()).toEqual(await run());
  });

  it('keeps the two-scorer report as it was, and adds alpha with --alpha', async () => {
    const plain = JSON.parse((await ok(['--json', 'compare', A, B, '--dataset', onet])).stdout);
    expect(plain.krippendorff).toBeUndefined();
    expect(plain.tasks).toBe(10);
    const withAlpha = JSON.parse((await ok(['--json', 'compare', A, B, '--dataset', onet, '--alpha', '--resamples', '100'])).stdout);
    expect(withAlpha).toMatchObject({ ...plain, krippendorff: { bootstrap: { resamples: 100 } } });
    const text = (await ok(['compare', A, B, '--dataset', onet, '--alpha', '--resamples', '100'])).stdout;
    expect(text).toMatch(/^custom:model-a vs custom:model-b on .*: 10 tasks scored by both/);
    expect(text).toMatch(/Krippendorff's alpha/);
  });

  it('refuses one scorer, a scorer named twice, and an unknown scorer', async () => {
    for (const [args, message] of [
      [[A], /at least two scorers/],
      [[A, B, A], /named twice/],
      [[A, B, 'nope'], /no scores from scorer "nope"/],
    ] as const) {
      const result = await runCli(['compare', ...args, '--dataset', onet, '--store', store()], { env: env(), cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('scores consensus', () => {
  it('stores a consensus that frontier uses with --scorer, through the built CLI', async () => {
    const spawn = (args: string[]) => spawnCli([...args, '--store', store()], { env: env(), cwd: dir });
    const made = await spawn(['--json', 'scores', 'consensus', A, B, 'labels', '--name', 'panel', '--dataset', onet, '--min-scorers', '2']);
    expect(made.code, made.stderr).toBe(0);
    const result = JSON.parse(made.stdout);
    expect(result).toMatchObject({ scorer: 'panel', scorers: [A, B, 'labels'], tasks: 10, minScorers: 2, passedOver: 0, default: false, replaced: null });
    expect(result.ties.exposure + result.ties.automation + result.ties.mode).toBeGreaterThanOrEqual(result.tasksWithTies);

    const frontier = await spawn(['frontier', '--no-chart', '--dataset', onet, '--oews', writeMiniOews(dir), '--scorer', 'panel']);
    expect(frontier.code, frontier.stderr).toBe(0);
    expect(frontier.stdout).toMatch(/^Scores: panel \(consensus of custom:model-a, custom:model-b, labels\), as asked with --scorer; 10 of 10 tasks\./m);
    // Not the default: frontier without --scorer keeps the scorer `score` last ran.
    const plain = await spawn(['frontier', '--no-chart', '--dataset', onet, '--oews', writeMiniOews(dir)]);
    expect(plain.stdout).toMatch(/^Scores: custom:model-b .*the scorer `score` last ran/m);

    // Each task's consensus is the majority of the three (all three agree or two outvote one where no tie).
    const dataset = await loadOnet(onet);
    const s = openStore(store(), { readonly: true });
    const [a, b, labels, panel] = [A, B, 'labels', 'panel'].map((scorer) => scorerScoresFor({ dataset, store: s, storePath: store(), scorer }));
    s.close();
    for (const score of panel!) {
      const votes = [a, b, labels].map((list) => list!.find((x) => x.taskId === score.taskId)?.exposure).filter(Boolean);
      const most = Math.max(...votes.map((v) => votes.filter((w) => w === v).length));
      expect(votes.filter((v) => v === score.exposure)).toHaveLength(most);
      expect(score.rationale).toMatch(/^Consensus of /);
    }
  });

  it('refuses fewer than two scorers, an unknown one, a name taken by another kind of scorer, and no task in common', async () => {
    const run = (args: string[]) => runCli(['scores', 'consensus', ...args, '--dataset', onet, '--store', store()], { env: env(), cwd: dir });
    const cases: [string[], RegExp][] = [
      [[A, '--name', 'p'], /at least two scorers/],
      [[A, 'nope', '--name', 'p'], /no scores from scorer "nope"/],
      [[A, B, '--name', 'labels'], /already has a scorer "labels" \(imported labels\).*--replace/],
      [[A, B, '--name', A], /cannot take the name of one of its own scorers/],
      [[A, B, '--name', 'offline'], /choose another name/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const sample = await runCli(['scores', 'consensus', A, 'labels', '--name', 'p', '--store', store()], { env: env(), cwd: dir });
    expect(sample.code).toBe(2);
    expect(sample.stderr).toMatch(/has no scores for the tasks of sample/);
    // A label set of task 202 alone shares no task with `labels`, which lacks 202.
    const only202 = path.join(dir, 'only-202.tsv');
    const task202 = MINI_TASKS.find(([, id]) => id === '202')!;
    writeFileSync(only202, `O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\tgpt4_exposure\n${task202[0]}\tData Entry Keyers\t202\t${task202[2]}\tCore\tE2\n`);
    await ok(['scores', 'import', only202, '--name', 'just-202']);
    const apart = await run(['labels', 'just-202', '--name', 'p']);
    expect(apart.code).toBe(2);
    expect(apart.stderr).toMatch(/no task of .* is scored by all of labels, just-202; nothing stored/);
    const list = JSON.parse((await ok(['--json', 'scores', 'list'])).stdout) as { scorers: { scorer: string }[] };
    expect(list.scorers.map((x) => x.scorer)).not.toContain('p');
  });

  it('replaces an earlier consensus of the same name, and another scorer only with --replace', async () => {
    await ok(['scores', 'consensus', A, B, '--name', 'pair', '--dataset', onet]);
    const again = await ok(['scores', 'consensus', A, 'labels', '--name', 'pair', '--dataset', onet]);
    expect(again.stdout).toMatch(/consensus "pair" of custom:model-a, labels on .*: 9 tasks scored by both/);
    expect(again.stderr).toMatch(/replaced the earlier consensus "pair"/);
    await ok(['scores', 'import', writeMiniLabelTable(dir), '--name', 'spare']);
    const replaced = await ok(['--json', 'scores', 'consensus', A, B, '--name', 'spare', '--dataset', onet, '--replace']);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ scorer: 'spare', replaced: 'import', tasks: 10 });
  });
});
