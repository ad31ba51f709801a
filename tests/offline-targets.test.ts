// The offline scorer's targets (both label sets, the human labels, GPT-4's), what the model file records
// about its training sample, and rationales that name words a reader can act on.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../src/data/resolve.js';
import { readTrainingLabels } from '../src/score/offline/heldout.js';
import { loadOfflineModel, modelFromFile, type ModelFile, type OfflineModel } from '../src/score/offline/model.js';
import { occupationTexts, scoreOffline, type OfflineTask } from '../src/score/offline/score.js';
import { heldOutTaskKeys, isHeldOutTask, normalisedText, textDigest, trainingSample } from '../src/score/offline/seen.js';
import { isHeldOut } from '../src/score/offline/split.js';
import { offlineTargetOf, scoresOf } from '../src/score/scorers.js';
import { taskKey } from '../src/data/types.js';
import { UsageError } from '../src/errors.js';
import { openStore } from '../src/score/store/store.js';
import { runCli, SHARED_DATA, tempHome } from './helpers/cli.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
if (!existsSync(LABELS)) console.warn(`skipping the clean hold-out check against the label set: ${LABELS} is absent`);

let model: OfflineModel;
beforeAll(() => {
  model = loadOfflineModel();
});

const tasksOf = async (): Promise<OfflineTask[]> => {
  const dataset = await resolveDataset('sample', { env: { AI_FRONTIER_HOME: tempHome() }, cwd: process.cwd() });
  const titles = new Map(dataset.occupations.map((o) => [o.code, o.title]));
  return dataset.tasks.map((t) => ({ taskId: t.id, occupationCode: t.occupationCode, text: t.text, title: titles.get(t.occupationCode)!, type: t.type }));
};

describe('offline targets', () => {
  it('scores for each target under its own scorer name, and the targets disagree where the label sets do', async () => {
    const tasks = await tasksOf();
    const context = occupationTexts(tasks);
    const both = scoreOffline(model, tasks, { context });
    const human = scoreOffline(model, tasks, { context, target: 'human' });
    const gpt4 = scoreOffline(model, tasks, { context, target: 'gpt4' });
    expect(both.every((s) => s.scorer === 'offline')).toBe(true);
    expect(human.every((s) => s.scorer === 'offline:human')).toBe(true);
    expect(gpt4.every((s) => s.scorer === 'offline:gpt4')).toBe(true);
    expect(scoreOffline(model, tasks, { context, target: 'both' })).toEqual(both);
    const differ = (a: typeof both, b: typeof both) => a.filter((s, i) => s.exposure !== b[i]!.exposure).length;
    // The human annotators rate fewer tasks exposed than GPT-4 does; the heads learnt that.
    const exposed = (scores: typeof both) => scores.filter((s) => s.exposure !== 'E0').length;
    expect(exposed(human)).toBeLessThan(exposed(gpt4));
    expect(differ(human, gpt4)).toBeGreaterThan(10);
    console.log(`sample, ${tasks.length} tasks: exposed both ${exposed(both)}, human ${exposed(human)}, gpt4 ${exposed(gpt4)}`);
  });

  it('reads scorer names: offline is the default target, offline:<target> a named one, anything else the store', () => {
    expect(offlineTargetOf('offline')).toBeNull();
    expect(offlineTargetOf('offline:human')).toBe('human');
    expect(offlineTargetOf('gpt4')).toBeUndefined();
    expect(offlineTargetOf('offline-v3:both')).toBeUndefined();
    expect(() => offlineTargetOf('offline:people')).toThrow(UsageError);
  });

  it('loads a format-1 file (offline-v2) as a GPT-4 head whose only target is gpt4', () => {
    const head = { labels: ['E0', 'E1', 'E2'], l2: 1e-5, temperature: 1, bias: [0, 0, 0], featureGaps: [0], weights: [-2, 2, 0], scale: 1 };
    const automation = { ...head, labels: ['T0', 'T1', 'T2', 'T3', 'T4'], bias: [0, 0, 0, 0, 0], weights: [0, 0, 0, 0, 0] };
    const v1 = {
      format: 'ai-frontier-offline-model', formatVersion: 1, name: 'tiny-v1', rubricVersion: 'r', baseYear: 2025,
      features: { vocab: 'w:draft', idf: [1], blockWeights: { word: 1, char: 1, title: 0.3 } },
      heads: { exposure: head, automation }, training: {}, split: { seed: 1, fraction: 0.2, testOccupations: [] }, metrics: {},
    } as unknown as ModelFile;
    const tiny = modelFromFile(v1);
    expect(tiny.defaultTarget).toBe('gpt4');
    expect(scoreOffline(tiny, [{ taskId: '1', occupationCode: '1', text: 'Draft', title: '' }])[0]!.exposure).toBe('E1');
    expect(() => scoreOffline(tiny, [], { target: 'human' })).toThrow(/has no target "human"; it has gpt4/);
  });

  it('loads a format-2 file without the activity block (offline-v3): its tasks score the same with or without work activities', () => {
    const head = { labels: ['E0', 'E1', 'E2'], l2: 1e-5, temperature: 1, bias: [0, 0, 0], featureGaps: [0], weights: [-2, 2, 0], scale: 1 };
    const automation = { ...head, labels: ['T0', 'T1', 'T2', 'T3', 'T4'], bias: [0, 0, 0, 0, 0], weights: [0, 0, 0, 0, 0] };
    const v3 = {
      format: 'ai-frontier-offline-model', formatVersion: 2, name: 'tiny-v3', rubricVersion: 'r', baseYear: 2025,
      features: { vocab: 'w:draft', idf: [1], blockWeights: { word: 1, char: 1, title: 0.3, context: 0.75 } },
      heads: { human: { ...head, weights: [2, -2, 0] }, gpt4: head, automation }, targets: { both: 0.4, human: 1, gpt4: 0 }, defaultTarget: 'both',
      training: {}, split: { seed: 1, fraction: 0.2, testOccupations: [] }, metrics: {},
    } as unknown as ModelFile;
    const tiny = modelFromFile(v3);
    const task = { taskId: '1', occupationCode: '1', text: 'Draft', title: '' };
    const plain = scoreOffline(tiny, [task], { target: 'human' });
    expect(plain[0]!.exposure).toBe('E0');
    expect(scoreOffline(tiny, [{ ...task, activities: [{ id: '4.A.3.b.6.I12.D07', title: 'Prepare informational or reference materials.' }] }], { target: 'human' })).toEqual(plain);
  });
});

describe('what the model file says it learnt from', () => {
  it('records its training occupations apart from the held-out ones, and a digest per training statement', () => {
    const { split } = model.file;
    const test = new Set(split.testOccupations);
    expect(split.trainingOccupations!.length).toBeGreaterThan(600);
    for (const code of split.trainingOccupations!) {
      expect(test.has(code)).toBe(false);
      expect(isHeldOut(code, split)).toBe(false);
    }
    expect(split.trainingTexts!.length).toBeGreaterThan(10_000);
    const seen = trainingSample(model.file)!;
    // A held-out occupation's unseen statement is held out; the same statement under a training occupation is not.
    const heldCode = split.testOccupations[0]!;
    expect(isHeldOutTask(seen, { occupationCode: heldCode, text: 'Zzyx a statement nobody wrote.' })).toBe(true);
    expect(isHeldOutTask(seen, { occupationCode: split.trainingOccupations![0]!, text: 'Zzyx a statement nobody wrote.' })).toBe(false);
    expect(normalisedText('Prepare  REPORTS, then file them.')).toBe('prepare reports then file them');
    expect(textDigest('Prepare reports.')).toBe(textDigest('prepare   reports'));
  });

  it.skipIf(!existsSync(LABELS))('holds out whole occupations none of whose statements it trained on (shared reference data)', async () => {
    const tasks = await readTrainingLabels(LABELS);
    const { split } = model.file;
    const test = new Set(split.testOccupations);
    const training = new Set(split.trainingOccupations);
    expect(new Set(tasks.map((t) => t.occupationCode)).size).toBe(test.size + training.size);
    const trainedTexts = new Set(split.trainingTexts);
    const held = tasks.filter((t) => test.has(t.occupationCode));
    // No held-out statement was trained on, under any occupation: the hold-out is clean.
    expect(held.filter((t) => trainedTexts.has(textDigest(t.task)))).toEqual([]);
    // Some statements of training occupations are also held-out statements: those were left out of training.
    const heldTexts = new Set(held.map((t) => normalisedText(t.task)));
    const shared = tasks.filter((t) => training.has(t.occupationCode) && heldTexts.has(normalisedText(t.task)));
    expect(shared.length).toBeGreaterThan(300);
    expect(shared.filter((t) => trainedTexts.has(textDigest(t.task)))).toEqual([]);
    const { keys, sample } = heldOutTaskKeys(model.file, tasks.map((t) => ({ id: t.taskId, occupationCode: t.occupationCode, text: t.task })), taskKey);
    expect(sample.heldOutTasks).toBe(held.length);
    expect([...keys].sort()).toEqual(held.map((t) => taskKey(t.occupationCode, t.taskId)).sort());
  });
});

// Function words a reader learns nothing from, listed here apart from the scorer's own list.
const FUNCTION_WORDS = ['it', 'its', 'they', 'them', 'their', 'this', 'these', 'those', 'is', 'are', 'be', 'was', 'has', 'have', 'may', 'can', 'will', 'all', 'any', 'each', 'or', 'and', 'the', 'of', 'to', 'for', 'with', 'as', 'by', 'on', 'in', 'at', 'from', 'into', 'other', 'such', 'that', 'which', 'who', 'when', 'where'];

describe('offline rationales', () => {
  it('never name function words, single letters or bare numbers', async () => {
    const tasks = [
      ...(await tasksOf()),
      { taskId: 'x1', occupationCode: '43-9061.00', text: 'Maintain it, and keep it in order so that they can use it.', title: 'Office Clerks, General' },
      { taskId: 'x2', occupationCode: '43-9061.00', text: 'File forms 1040 and W 2 for all of them.', title: 'Office Clerks, General' },
    ];
    for (const target of ['both', 'human', 'gpt4'] as const) {
      for (const s of scoreOffline(model, tasks, { target })) {
        const named = [...s.rationale!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
        for (const word of named) {
          expect(FUNCTION_WORDS, `${s.rationale}`).not.toContain(word);
          expect(word, s.rationale).toMatch(/^[a-z0-9]*[a-z][a-z0-9]*$/);
          expect(word.length, s.rationale).toBeGreaterThan(1);
        }
      }
    }
  });
});

describe('choosing the offline target', () => {
  it('score --offline-target stores each target apart, and a config file can set it', async () => {
    const home = tempHome();
    const env = { AI_FRONTIER_HOME: home };
    const human = await runCli(['--json', 'score', '--offline-target', 'human'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(JSON.parse(human.stdout).scorer).toBe('offline:human');
    // The default target is another scorer: nothing of the human run is reused for it.
    const both = await runCli(['--json', 'score'], { env });
    expect(JSON.parse(both.stdout)).toMatchObject({ scorer: 'offline', scored: 336 });
    const list = JSON.parse((await runCli(['--json', 'scores', 'list'], { env })).stdout) as { scorers: { scorer: string; count: number }[] };
    expect(list.scorers.map((s) => [s.scorer, s.count])).toEqual([['offline', 336], ['offline:human', 336]]);
    const bad = await runCli(['score', '--offline-target', 'people'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/people/);
  });

  it('refuses --offline-target when a model endpoint is set, unless --offline asks for the offline model', async () => {
    const env = { AI_FRONTIER_HOME: tempHome(), OPENAI_API_KEY: 'sk-test-not-used' };
    const refused = await runCli(['score', '--offline-target', 'human', '--dry-run'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--offline-target chooses what the offline model reproduces, but openai is set to score with; add --offline/);
    const offline = await runCli(['--json', 'score', '--offline', '--offline-target', 'human'], { env });
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout).scorer).toBe('offline:human');
  });

  it('reads the human target from a config file, and `offline:human` names it in every command', async () => {
    const home = tempHome();
    const cwd = tempHome();
    writeFileSync(path.join(cwd, 'ai-frontier.config.json'), JSON.stringify({ offlineTarget: 'human' }));
    const result = await runCli(['--json', 'score'], { env: { AI_FRONTIER_HOME: home }, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).scorer).toBe('offline:human');
    // The stored run is what `--scorer offline:human` computes on the spot in the other commands.
    const dataset = await resolveDataset('sample', { env: { AI_FRONTIER_HOME: home }, cwd });
    const store = openStore(JSON.parse(result.stdout).store);
    const stored = new Map(store.scoresFor({ scorer: 'offline:human' }).map((s) => [taskKey(s.occupationCode, s.taskId), s.exposure]));
    store.close();
    const named = scoresOf({ scorer: 'offline:human', dataset, storePath: 'unused' });
    expect(stored.size).toBe(336);
    expect(named.map((s) => stored.get(taskKey(s.occupationCode, s.taskId)))).toEqual(named.map((s) => s.exposure));
    const defaults = scoresOf({ scorer: 'offline', dataset, storePath: 'unused' });
    expect(defaults.map((s) => s.exposure)).not.toEqual(named.map((s) => s.exposure));
  });
});
