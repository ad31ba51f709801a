import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { heldOutMetrics, readTrainingLabels, type HeldOutFigures, type LabelledTask } from '../src/score/offline/heldout.js';
import { DEFAULT_MODEL_PATH, loadOfflineModel, type OfflineModel } from '../src/score/offline/model.js';
import { occupationTexts, offlineHorizon, offlineMode, scoreOffline, type OfflineTask } from '../src/score/offline/score.js';
import { contextsFor, contextVector, occupationContext } from '../src/score/offline/context.js';
import { isHeldOut } from '../src/score/offline/split.js';
import { encodeTask } from '../src/score/offline/encoder.js';
import { extractTerms, makeVectorizer, vectorize } from '../src/score/offline/features.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, MODES } from '../src/score/types.js';
import { InputError } from '../src/errors.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = path.resolve(REPO, '../shared/data/gpts-are-gpts/full_labelset.tsv');
const ONET = path.resolve(REPO, '../shared/data/onet-29.1');

const TASKS: OfflineTask[] = [
  { taskId: '1', occupationCode: '19-3022.00', text: 'Write reports summarising survey results.', title: 'Survey Researchers', type: 'Core' },
  { taskId: '2', occupationCode: '47-2181.00', text: 'Climb ladders to repair roofs.', title: 'Roofers', type: 'Core' },
  { taskId: '3', occupationCode: '43-6014.00', text: 'Draft routine correspondence and answer email enquiries.', title: 'Secretaries', type: null },
];

let model: OfflineModel;
beforeAll(() => {
  model = loadOfflineModel();
});

describe('the shipped offline model', () => {
  it('loads from the package by default and stays small', () => {
    expect(model.file.name).toBe('offline-v4');
    expect(model.defaultTarget).toBe('both');
    expect(Object.keys(model.targets).sort()).toEqual(['both', 'gpt4', 'human']);
    expect(statSync(DEFAULT_MODEL_PATH).size).toBeLessThan(5 * 1024 * 1024);
    expect(model.vectorizer.space.vocab.length).toBe(model.file.features.idf.length);
  });

  it('returns valid TaskScores from the offline scorer', () => {
    const scores = scoreOffline(model, TASKS);
    expect(scores).toHaveLength(3);
    for (const s of scores) {
      expect(EXPOSURE_LEVELS).toContain(s.exposure);
      expect(AUTOMATION_LEVELS).toContain(s.automation);
      expect(MODES).toContain(s.mode);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.rationale!.split(/\s+/).length).toBeLessThanOrEqual(25);
      expect(s).toMatchObject({ scorer: 'offline', model: 'offline-v4', rubricVersion: model.file.rubricVersion });
      if (s.exposure === 'E0') expect(s.horizon).toBeUndefined();
      else expect(s.horizon).toBeGreaterThan(model.file.baseYear);
    }
    console.log(scores.map((s) => `${s.taskId} ${s.exposure} ${s.automation} ${s.mode} ${s.horizon} ${s.confidence}: ${s.rationale}`).join('\n'));
  });

  it('scores a writing task as exposed and a roofing task as not', () => {
    const [write, climb] = scoreOffline(model, TASKS);
    expect(write!.exposure).not.toBe('E0');
    expect(write!.rationale).toMatch(/'(reports|write|summarising|survey|results)'/);
    expect(climb!.exposure).toBe('E0');
    expect(climb!.mode).toBe('none');
  });

  it('builds at scoring time exactly the vector training builds, repeated words and titles included', () => {
    const cases = [
      ...TASKS.map((t) => [t.text, t.title] as const),
      ['Review, review and re-review the reviews of reviewers; the the the.', 'Reviewers and Review Clerks'] as const,
      ['', ''] as const,
      ['Zxqv qqqq 12345 analyse analysis analysed', 'Unknown Title Words'] as const,
    ];
    // Twice, so the second pass runs from the encoder's word and title caches.
    for (let pass = 0; pass < 2; pass++) {
      for (const [text, title] of cases) {
        const fast = encodeTask(model.encoder, text, title);
        const slow = vectorize(extractTerms(text, title).terms, model.vectorizer);
        expect(fast.indices).toEqual(slow.indices);
        expect(fast.values).toEqual(slow.values);
      }
    }
  });

  it('builds at scoring time exactly the vector training builds for a task read with its work activities', () => {
    const activities = [
      { id: '4.A.2.a.4.I07.D12', title: 'Analyze data to inform operational decisions or activities.' },
      { id: '4.A.3.b.6.I14.D02', title: 'Prepare reports related to compliance zzqx matters.' },
      { id: '9.Z.9.z.9.I99.D99', title: 'Zzqx vvqz.' },
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (const [text, title] of TASKS.map((t) => [t.text, t.title] as const)) {
        const fast = encodeTask(model.encoder, text, title, activities);
        const slow = vectorize(extractTerms(text, title, activities).terms, model.vectorizer);
        expect(fast.indices).toEqual(slow.indices);
        expect(fast.values).toEqual(slow.values);
        expect(fast.withActivities).toBe(true);
        // Without activities (or with none whose id or title words the model knows) the task's own blocks are as before.
        const plain = encodeTask(model.encoder, text, title);
        expect(plain.withActivities).toBe(false);
        expect(encodeTask(model.encoder, text, title, [activities[2]!])).toEqual(plain);
      }
    }
  });

  it('reads a task\'s work activities when the dataset links them, and scores without them when it does not', () => {
    expect(model.vectorizer.space.blockWeights.activity).toBeGreaterThan(0);
    const office: OfflineTask = { ...TASKS[2]!, activities: [{ id: '4.A.3.b.6.I12.D07', title: 'Prepare informational or reference materials.' }] };
    const site: OfflineTask = { ...TASKS[2]!, activities: [{ id: '4.A.3.a.2.I01.D15', title: 'Install roofing materials.' }] };
    const [withOffice] = scoreOffline(model, [office]);
    const [withSite] = scoreOffline(model, [site]);
    const [without] = scoreOffline(model, [TASKS[2]!]);
    expect([withOffice!.exposure, withOffice!.confidence]).not.toEqual([withSite!.exposure, withSite!.confidence]);
    expect(without).toEqual(scoreOffline(model, [{ ...TASKS[2]!, activities: [] }])[0]);
  });

  it('is deterministic, and horizons follow the base year', () => {
    expect(scoreOffline(model, TASKS)).toEqual(scoreOffline(loadOfflineModel(), TASKS));
    const later = scoreOffline(model, TASKS, { baseYear: model.file.baseYear + 10 });
    const now = scoreOffline(model, TASKS);
    later.forEach((s, i) => {
      if (s.horizon !== undefined) expect(s.horizon).toBe(now[i]!.horizon! + 10);
    });
  });

  it('scores a task the same whether it is scored alone, in a subset, in chunks or with the whole dataset', () => {
    const all: OfflineTask[] = [
      ...TASKS,
      { taskId: '4', occupationCode: '19-3022.00', text: 'Analyze survey data with statistical software.', title: 'Survey Researchers', type: 'Core' },
      { taskId: '5', occupationCode: '19-3022.00', text: 'Conduct telephone interviews with respondents.', title: 'Survey Researchers', type: 'Supplemental' },
      { taskId: '6', occupationCode: '47-2181.00', text: 'Install shingles and flashing on pitched roofs.', title: 'Roofers', type: 'Core' },
      { taskId: '7', occupationCode: '47-2181.00', text: 'Climb ladders to repair roofs.', title: 'Roofers', type: 'Core' },
    ];
    const context = occupationTexts(all);
    const whole = scoreOffline(model, all);
    expect(scoreOffline(model, all, { context })).toEqual(whole);
    expect(scoreOffline(model, [...all].reverse(), { context }).reverse()).toEqual(whole);
    const picked = [4, 0, 6];
    expect(scoreOffline(model, picked.map((i) => all[i]!), { context })).toEqual(picked.map((i) => whole[i]));
    const chunked = [0, 3, 6].flatMap((i) => scoreOffline(model, all.slice(i, i + 3), { context }));
    expect(chunked).toEqual(whole);
  });

  it('reads a task in the light of the other tasks of its occupation', () => {
    expect(model.vectorizer.space.blockWeights.context).toBeGreaterThan(0);
    const statement = 'Inspect work areas and prepare reports.';
    const office: OfflineTask[] = ['Draft memos and correspondence.', 'Analyze budgets with spreadsheets.', statement].map((text, i) => ({ taskId: `o${i}`, occupationCode: '13-1111.00', text, title: 'Analysts', type: 'Core' }));
    const site: OfflineTask[] = ['Climb scaffolds and lay bricks.', 'Operate cranes and forklifts.', statement].map((text, i) => ({ taskId: `s${i}`, occupationCode: '47-1011.00', text, title: 'Analysts', type: 'Core' }));
    const a = scoreOffline(model, office)[2]!;
    const b = scoreOffline(model, site)[2]!;
    expect([a.exposure, a.confidence]).not.toEqual([b.exposure, b.confidence]);
  });

  it('derives mode and horizon by the documented rules', () => {
    expect(offlineMode('E0', [0, 0, 0, 0.5, 0.5])).toBe('none');
    expect(offlineMode('E1', [0, 0, 0.4, 0.5, 0.1])).toBe('automate');
    expect(offlineMode('E2', [0, 0, 0.4, 0.5, 0.1])).toBe('augment');
    expect(offlineMode('E1', [0.2, 0.4, 0.3, 0.1, 0])).toBe('augment');
    expect(offlineHorizon('E1', 0.9, 2025)).toBe(2026);
    expect(offlineHorizon('E1', 0.5, 2025)).toBe(2027);
    expect(offlineHorizon('E2', 0.9, 2025)).toBe(2028);
    expect(offlineHorizon('E2', 0.5, 2025)).toBe(2030);
    expect(offlineHorizon('E0', 0.9, 2025)).toBeUndefined();
  });

  it('records its held-out figures for every target, and reports them against the aims', () => {
    const { split, metrics } = model.file;
    expect(split.testOccupations.length).toBeGreaterThan(100);
    for (const code of split.testOccupations) expect(isHeldOut(code, split)).toBe(true);
    const { targets, withoutActivities } = metrics as unknown as HeldOutFigures;
    const textOnly = withoutActivities!.targets;
    const aims = { kappaHuman: 0.46, kappaGpt4: 0.72, betaGpt4: 0.95, betaHuman: 0.92 };
    for (const [reading, target, m] of [...Object.entries(targets).map(([t, m]) => ['with work activities', t, m] as const), ...Object.entries(textOnly).map(([t, m]) => ['text only', t, m] as const)]) {
      const reached = (value: number, aim: number) => `${value} (aim ${aim}${value >= aim ? ', reached' : ', NOT reached'})`;
      console.log(
        `held out, ${reading}, target ${target} (${m.tasks} tasks of ${m.occupations} occupations): kappa vs human ${reached(m.vsHuman!.kappa, aims.kappaHuman)}, ` +
          `vs GPT-4 ${reached(m.vsGpt4.kappa, aims.kappaGpt4)}; occupation beta r vs GPT-4 ${reached(m.occupationBeta.pearsonGpt4, aims.betaGpt4)}, ` +
          `vs human ${reached(m.occupationBeta.pearsonHuman!, aims.betaHuman)}; calibration error ${m.reliability.calibrationError}`,
      );
    }
    // Floors just under the shipped model's figures (offline-v4), so a retrained model cannot slip back unnoticed.
    // Tasks read with their work activities (as O*NET releases give them): the default target (both) reaches the
    // human kappa aim and the GPT-4 beta aim, and is closer to people than the GPT-4 head, within 0.03 of that
    // head's kappa against GPT-4; the human target keeps the two human aims; every target above the TF-IDF
    // baseline's 0.623 against GPT-4.
    const { both, human, gpt4 } = targets;
    expect(both!.vsHuman!.kappa).toBeGreaterThan(0.5);
    expect(both!.vsHuman!.kappa).toBeGreaterThan(gpt4!.vsHuman!.kappa + 0.05);
    expect(both!.vsGpt4.kappa).toBeGreaterThan(gpt4!.vsGpt4.kappa - 0.03);
    expect(both!.occupationBeta.pearsonGpt4).toBeGreaterThanOrEqual(aims.betaGpt4);
    expect(human!.vsHuman!.kappa).toBeGreaterThan(0.68);
    expect(human!.occupationBeta.pearsonHuman).toBeGreaterThanOrEqual(aims.betaHuman);
    expect(gpt4!.vsGpt4.kappa).toBeGreaterThan(0.68);
    // Read from their text alone (the sample, the check excerpt, a task table): weaker, recorded beside them.
    expect(textOnly.both!.vsHuman!.kappa).toBeGreaterThan(0.42);
    expect(textOnly.both!.vsGpt4.kappa).toBeGreaterThan(0.66);
    expect(textOnly.human!.vsHuman!.kappa).toBeGreaterThan(0.5);
    // Confidence is calibrated: within 0.04 of observed agreement on average, for every target and both readings.
    for (const m of Object.values(textOnly)) expect(m.reliability.calibrationError).toBeLessThan(0.04);
    for (const m of Object.values(targets)) expect(m.reliability.calibrationError).toBeLessThan(0.04);
  });

  it('says which file is wrong when the model cannot be read', () => {
    expect(() => loadOfflineModel(path.join(REPO, 'no-such-model.json'))).toThrow(InputError);
    expect(() => loadOfflineModel(path.join(REPO, 'package.json'))).toThrow(/package\.json: expected an ai-frontier offline model/);
  });
});

describe('the occupation context block', () => {
  const vz = makeVectorizer({
    vocab: ['w:draft', 'x:climb', 'x:draft', 'x:reports', 'x:roofs'],
    idf: [1, 2, 1, 1.5, 2],
    blockWeights: { word: 1, char: 1, title: 0.3, context: 0.5, activity: 0 },
  });

  it('is the other tasks of the occupation, never the task itself, normalised and weighted', () => {
    const ctx = occupationContext(['Draft reports.', 'Climb roofs.'], vz);
    const own = contextVector(ctx, 'Draft reports.', vz);
    // Only "Climb roofs." remains: climb and roofs, idf 2 each, unit length times the weight 0.5.
    expect(own.indices).toEqual([1, 4]);
    own.values.forEach((v) => expect(v).toBeCloseTo(0.5 / Math.SQRT2, 12));
    expect(contextVector(occupationContext(['Draft reports.'], vz), 'Draft reports.', vz)).toEqual({ indices: [], values: [] });
    // A repeated statement leaves one copy in its own context.
    expect(contextVector(occupationContext(['Draft reports.', 'Draft reports.'], vz), 'Draft reports.', vz).indices).toEqual([2, 3]);
  });

  it('does not depend on the order of the occupation\'s tasks, and is empty for models without the block', () => {
    const a = contextVector(occupationContext(['Draft reports.', 'Climb roofs.', 'Draft roofs.'], vz), 'Climb roofs.', vz);
    const b = contextVector(occupationContext(['Draft roofs.', 'Climb roofs.', 'Draft reports.'], vz), 'Climb roofs.', vz);
    expect(a).toEqual(b);
    const without = makeVectorizer({ ...vz.space, blockWeights: { ...vz.space.blockWeights, context: 0 } });
    expect(contextsFor([{ occupationCode: '1', text: 'Draft reports.' }], without).size).toBe(0);
  });
});

const REFERENCE = existsSync(LABELS) && existsSync(ONET);

describe.skipIf(!REFERENCE)('held-out figures reproduce from the label set and O*NET (shared reference data)', () => {
  if (!REFERENCE) console.warn(`skipping held-out recomputation: ${LABELS} or ${ONET} is absent`);

  let tasks: LabelledTask[];
  beforeAll(async () => {
    if (REFERENCE) tasks = await readTrainingLabels(LABELS, { onet: ONET });
  });

  it('recomputes the stored metrics on the recorded test occupations, with and without work activities', () => {
    expect(tasks.filter((t) => t.activities).length).toBe(18_451);
    const metrics = heldOutMetrics(model, tasks, model.file.split.testOccupations);
    const { trainingSeconds: _ignored, ...stored } = model.file.metrics as Record<string, unknown>;
    expect(metrics).toEqual(stored);
    // Both readings are recorded: a dataset with DWAs (O*NET releases) and one without (the sample, the excerpt).
    expect(Object.keys(metrics.withoutActivities!.targets).sort()).toEqual(['both', 'gpt4', 'human']);
  });

  it('builds the training-time vector for the tasks of the label set, read with their work activities', () => {
    // Every 4th task: some 4,800 statements keep the check quick; the benchmark scores them all.
    let differing = 0;
    for (const t of tasks.filter((_, i) => i % 4 === 0)) {
      const fast = encodeTask(model.encoder, t.task, t.title, t.activities);
      const slow = vectorize(extractTerms(t.task, t.title, t.activities).terms, model.vectorizer);
      if (fast.indices.join() !== slow.indices.join() || fast.values.some((v, j) => v !== slow.values[j])) differing++;
    }
    expect(differing).toBe(0);
  });
});
