// The calibrated time model: capability from METR's measured horizons, adoption from surveys and observed use,
// checked against the facts it is fitted to (calibration/frontier-facts.json, from ../shared/CALIBRATION.md)
// and for the limits any such model must respect.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoredOccupations } from '../src/aggregate/index.js';
import type { Dataset, Occupation, Task } from '../src/data/types.js';
import { resolveDataset } from '../src/data/resolve.js';
import { backtest } from '../src/frontier/backtest.js';
import { calibrate } from '../src/frontier/calibrate.js';
import { centralAt } from '../src/frontier/calibrated.js';
import { capabilityScenario, fitHorizonTrend, horizonLog2, yearFeasible } from '../src/frontier/capability.js';
import { fitDiffusionSpeed } from '../src/frontier/diffusion.js';
import { explainOccupation } from '../src/frontier/explain.js';
import { decimalYear, factsOfKind, parseCalibrationFile } from '../src/frontier/facts.js';
import { loadCalibrationFile } from '../src/frontier/facts-file.js';
import { frontierSeries } from '../src/frontier/index.js';
import { logistic, logit } from '../src/frontier/regression.js';
import { prepareTaskInputs } from '../src/frontier/task-inputs.js';
import { offlineScores } from '../src/score/scorers.js';
import type { Exposure, TaskScore } from '../src/score/types.js';
import { SHARED_DATA } from './helpers/cli.js';

const facts = loadCalibrationFile();

function occupation(code: string, employment: number, jobZone?: number): Occupation {
  return { code, soc: code.slice(0, 7), majorGroup: code.slice(0, 2), title: `Occupation ${code}`, employment, ...(jobZone ? { jobZone } : {}) };
}

function task(id: string, occupationCode: string, text = `Review report ${id}`): Task {
  return { id, occupationCode, text, type: 'Core' };
}

function score(t: Task, exposure: Exposure, extra: Partial<TaskScore> = {}): TaskScore {
  return { taskId: t.id, occupationCode: t.occupationCode, exposure, scorer: 'test', mode: 'automate', automation: 'T4', ...extra };
}

// A small workforce with a computer occupation, an office occupation and a roofer, tasks of several lengths.
const tasks = [
  task('1', '15-1252.00'),
  task('2', '15-1252.00', 'Design a new system'),
  task('3', '43-4051.00', 'Answer customer questions'),
  task('4', '43-4051.00'),
  task('5', '47-2181.00', 'Install roofing'),
  task('6', '47-2181.00'),
];
const data: Pick<Dataset, 'occupations' | 'tasks'> = {
  occupations: [occupation('15-1252.00', 1000, 4), occupation('43-4051.00', 2000, 2), occupation('47-2181.00', 3000, 2)],
  tasks,
};
const scores = [
  score(tasks[0]!, 'E1'),
  score(tasks[1]!, 'E2', { duration: 40 }),
  score(tasks[2]!, 'E1', { mode: 'augment', automation: 'T2' }),
  score(tasks[3]!, 'E2'),
  score(tasks[4]!, 'E0', { mode: 'none', automation: 'T0' }),
  score(tasks[5]!, 'E1', { automation: 'T1' }),
];
const run = (extra: Parameters<typeof frontierSeries>[0] extends infer O ? Partial<O> : never = {}) =>
  frontierSeries({ dataset: data, scores, baseYear: 2026, horizonYear: 2046, ...extra });

describe('the calibration facts file', () => {
  it('names a listed source for every fact and carries every kind the model needs', () => {
    expect(facts.facts.length).toBeGreaterThan(40);
    for (const fact of facts.facts) expect(facts.sources[fact.source], fact.id).toBeDefined();
  });

  it('refuses a fact with a missing or impossible field, naming the file, the fact and the field', () => {
    const withFact = (fact: object) => ({ ...facts, facts: [...facts.facts, fact] });
    const horizon = { id: 'new-model', kind: 'horizon', model: 'M', date: '2026-01-01', source: 'metr-2025' };
    expect(() => parseCalibrationFile(withFact(horizon), 'f.json')).toThrow(/f\.json: calibration facts: facts\[\d+\] \(new-model\)\.minutes: missing/);
    expect(() => parseCalibrationFile(withFact({ ...horizon, minutes: -3 }), 'f.json')).toThrow(/\.minutes: expected a number above 0/);
    expect(() => parseCalibrationFile(withFact({ ...horizon, minutes: 3, range: [9, 2] }), 'f.json')).toThrow(/\.range: expected a range \[low, high\]/);
    expect(() => parseCalibrationFile(withFact({ ...horizon, kind: 'rumour' }), 'f.json')).toThrow(/\.kind: expected one of horizon, doubling/);
    expect(() => parseCalibrationFile(withFact({ ...horizon, minutes: 3, date: 'soon' }), 'f.json')).toThrow(/\.date: expected a date/);
    expect(parseCalibrationFile(withFact({ ...horizon, minutes: 300 }), 'f.json').facts.at(-1)).toMatchObject({ id: 'new-model', minutes: 300 });
  });

  it('refuses a file whose fact cites an unlisted source, naming the file and the fact', () => {
    const broken = { ...facts, facts: [...facts.facts, { ...facts.facts[0]!, id: 'extra', source: 'nowhere' }] };
    expect(() => parseCalibrationFile(broken, 'facts.json')).toThrow(/facts\.json.*"extra".*"nowhere"/);
  });
});

describe('capability: the 50% time horizon fitted from METR measurements', () => {
  const horizons = factsOfKind(facts.facts, 'horizon');

  it('reproduces the published doubling time since 2023 inside its 95% interval, and covers it with its own', () => {
    const published = factsOfKind(facts.facts, 'doubling').find((d) => d.window === '2023')!;
    const trend = fitHorizonTrend(horizons, 2023);
    expect(trend.doublingDays).toBeGreaterThanOrEqual(published.range[0]);
    expect(trend.doublingDays).toBeLessThanOrEqual(published.range[1]);
    expect(trend.doublingInterval![0]).toBeLessThan(published.days);
    expect(trend.doublingInterval![1]).toBeGreaterThan(published.days);
  });

  it('reproduces the faster trend since 2024 within the two published estimates (89 and 109 days)', () => {
    const published = factsOfKind(facts.facts, 'doubling').find((d) => d.window === '2024')!;
    const days = fitHorizonTrend(horizons, 2024).doublingDays;
    expect(days).toBeGreaterThanOrEqual(published.range[0]);
    expect(days).toBeLessThanOrEqual(published.range[1]);
  });

  it('passes through every measured horizon within its 95% interval where METR gives one, else within a factor of 2.5', () => {
    const scenario = capabilityScenario(facts.facts, {});
    for (const h of horizons) {
      const fitted = 2 ** horizonLog2(scenario, decimalYear(h.date));
      console.log(`${h.model}: fitted ${fitted.toFixed(1)} min, measured ${h.minutes}`);
      const [low, high] = h.rangeKind === '95% CI' ? h.range! : [h.minutes / 2.5, h.minutes * 2.5];
      expect(fitted, h.model).toBeGreaterThanOrEqual(low);
      expect(fitted, h.model).toBeLessThanOrEqual(high);
    }
  });

  it('has the 2019-2025 preset slower than the default, and the slowdown slower still', () => {
    const days = (preset: 'trend-2023' | 'trend-2019' | 'slowdown') => capabilityScenario(facts.facts, { preset }).doublingDays.central;
    expect(days('trend-2019')).toBeGreaterThan(days('trend-2023'));
    expect(days('slowdown')).toBeGreaterThan(days('trend-2019'));
  });

  it('makes a task feasible smoothly: 50% when the horizon equals its length, 80% at a fifth to a tenth of it', () => {
    const scenario = capabilityScenario(facts.facts, {});
    const at = (ratio: number) => logistic(scenario.successSlope * Math.log2(ratio));
    expect(at(1)).toBeCloseTo(0.5, 12);
    expect(at(scenario.horizonRatio.central)).toBeCloseTo(0.8, 12);
    expect(at(2)).toBeGreaterThan(0.5);
    expect(at(2)).toBeLessThan(0.8);
  });

  it('reaches E2 work later than E1 work of the same length', () => {
    const scenario = capabilityScenario(facts.facts, {});
    expect(yearFeasible(scenario, Math.log2(60), true)).toBeGreaterThan(yearFeasible(scenario, Math.log2(60), false) + 1);
  });

  it('reproduces GDPval (whole expert deliverables) within 0.2 from the horizons alone', () => {
    const scenario = capabilityScenario(facts.facts, {});
    for (const g of factsOfKind(facts.facts, 'gdpval')) {
      const p = logistic(scenario.successSlope * (horizonLog2(scenario, decimalYear(g.date)) - Math.log2(g.taskMinutes)));
      expect(Math.abs(p - g.winOrTie), g.model).toBeLessThan(0.2);
    }
  });
});

describe('adoption: a diffusion fitted to survey series', () => {
  it('fits every primary survey measurement of a series with two or more points within 0.05', () => {
    const speed = fitDiffusionSpeed(facts.facts);
    for (const series of speed.series) {
      for (const f of factsOfKind(facts.facts, 'adoption').filter((a) => a.series === series.series && !a.secondary)) {
        const fitted = logistic(series.meanLogit + speed.speed * (decimalYear(f.date) - series.meanDate));
        expect(Math.abs(fitted - f.share), f.id).toBeLessThan(0.05);
      }
    }
    expect(speed.interval[0]).toBeLessThan(speed.speed);
    expect(speed.interval[1]).toBeGreaterThan(speed.speed);
  });

  it('predicts the secondary August 2025 figure for adults within 0.1 from the primary series growth', () => {
    const speed = fitDiffusionSpeed(facts.facts);
    const [before, after] = factsOfKind(facts.facts, 'adoption').filter((a) => a.series === 'adults-ever-secondary');
    const predicted = logistic(logit(before!.share) + speed.speed * (decimalYear(after!.date) - decimalYear(before!.date)));
    expect(Math.abs(predicted - after!.share)).toBeLessThan(0.1);
  });
});

describe('the calibrated frontier', () => {
  const central = run();

  it('starts from the estimated present: something is already in use and automated in the base year', () => {
    const base = central.years[0]!;
    expect(base.year).toBe(2026);
    expect(base.dark).toBeGreaterThan(0);
    expect(base.inUse).toBeGreaterThan(base.dark);
    expect(base.feasible).toBeGreaterThanOrEqual(base.inUse);
    expect(base.exposed).toBeGreaterThanOrEqual(base.feasible);
  });

  it('shows the path so far with --from, the same figures for the years both show', () => {
    const sofar = run({ firstYear: 2023 });
    expect(sofar.years[0]!.year).toBe(2023);
    expect(sofar.years[0]!.dark).toBeLessThan(central.years[0]!.dark);
    expect(sofar.years.slice(3)).toEqual(central.years);
    expect(() => run({ firstYear: 2020 })).toThrow(/starts in 2023/);
  });

  it('never darkens E0 work, whatever the capability', () => {
    const roofer = frontierSeries({
      dataset: data,
      scores: scores.map((s) => ({ ...s, exposure: 'E0' as const })),
      baseYear: 2026,
      time: { doublingDays: 30 },
    });
    for (const point of roofer.years) expect(point.dark + point.inUse + point.feasible).toBe(0);
  });

  it('moves every task earlier with a faster doubling: dark and in use are higher in every year', () => {
    const fast = run({ time: { doublingDays: 90 } });
    const slow = run({ time: { doublingDays: 300 } });
    fast.years.forEach((p, i) => {
      expect(p.feasible).toBeGreaterThanOrEqual(slow.years[i]!.feasible);
      expect(p.dark).toBeGreaterThanOrEqual(slow.years[i]!.dark - 1e-12);
    });
    expect(fast.years[4]!.dark).toBeGreaterThan(slow.years[4]!.dark);
  });

  it('keeps the central path inside the band, at every level, and the band opens after the base year', () => {
    const within = (low: number, value: number, high: number) => low <= value + 1e-12 && value <= high + 1e-12;
    for (const p of central.years) {
      expect(within(p.darkLow, p.dark, p.darkHigh), `${p.year}`).toBe(true);
      expect(within(p.greyLow, p.grey, p.greyHigh), `${p.year}`).toBe(true);
    }
    for (const o of [...central.byOccupation, ...central.byGroup]) {
      o.dark.forEach((d, i) => expect(within(o.darkLow[i]!, d, o.darkHigh[i]!)).toBe(true));
      o.grey.forEach((g, i) => expect(within(o.greyLow[i]!, g, o.greyHigh[i]!)).toBe(true));
    }
    const later = central.years[3]!;
    expect(later.darkHigh - later.darkLow).toBeGreaterThan(0);
  });

  it('keeps exposed >= feasible >= in use >= dark for every occupation and year', () => {
    for (const o of central.byOccupation) {
      o.dark.forEach((d, i) => {
        expect(o.feasible[i]!).toBeLessThanOrEqual(o.exposed + 1e-12);
        expect(o.inUse[i]!).toBeLessThanOrEqual(o.feasible[i]! + 1e-12);
        expect(d).toBeLessThanOrEqual(o.inUse[i]! + 1e-12);
      });
    }
  });

  it('takes a scorer\'s duration over the prior, and says how many tasks used the prior', () => {
    expect(central.params.priors).toEqual({ exposedTasks: 5, durations: 4, automation: 0 });
    expect(central.params.notes.join(' ')).toMatch(/4 of 5 exposed tasks .* prior/);
  });

  it('uses the observed automation share for scores without a mode, and says so', () => {
    const modeless = run({ scores: scores.map(({ mode: _mode, ...rest }) => rest) });
    expect(modeless.params.priors.automation).toBe(5);
    expect(modeless.params.notes.join(' ')).toMatch(/observed automation share/);
  });

  it('refits as of a date: with the facts before December 2024, the doubling time is slower', () => {
    const then = run({ time: { asOf: '2024-12' } });
    expect(then.params.calibration!.capability.doublingDays.central).toBeGreaterThan(central.params.calibration!.capability.doublingDays.central);
    expect(then.params.calibration!.adoption.anchor.basis).toBe('workers');
    expect(then.params.notes.join(' ')).toMatch(/anchored on workers' use/);
  });

  it('keeps the legacy model as a preset with its own, different figures', () => {
    const legacy = run({ time: { model: 'legacy' } });
    expect(legacy.years[0]!.dark).toBe(0);
    expect(legacy.params.calibration).toBeNull();
    expect(legacy.years.at(-1)!.dark).not.toBeCloseTo(central.years.at(-1)!.dark, 3);
  });

  it('gives the same series from the pairing of tasks and scores analyze hands it, under both time models and a selection', () => {
    for (const extra of [{}, { time: { model: 'legacy' as const } }, { occupations: [{ code: '43-4051.00', employment: 500 }] }]) {
      const scored = scoredOccupations({ dataset: data, scores, taskWeights: 'core' });
      expect(run({ ...extra, scored })).toEqual(run(extra));
    }
    // It is the pairing the series reads: one without the first task's score gives other figures.
    const fewer = scoredOccupations({ dataset: data, scores: scores.slice(1), taskWeights: 'core' });
    expect(run({ scored: fewer }).years.at(-1)!.dark).not.toBe(central.years.at(-1)!.dark);
  });

  it('explains an occupation: each task\'s duration, the years it comes into use and is automated, every parameter sourced', () => {
    const explained = explainOccupation({ code: '15-1252.00', series: central, facts, inputs: { dataset: data, scores, measure: 'beta', taskWeights: 'core' } });
    expect(explained.tasks).toHaveLength(2);
    const [first, second] = explained.tasks;
    expect(first!.durationBasis).toMatch(/prior: Job Zone 4/);
    expect(second!.durationHours).toBe(40);
    expect(second!.durationBasis).toBe('from the scorer');
    expect(second!.inUseFrom!).toBeGreaterThan(first!.inUseFrom!);
    expect(first!.automatedFrom!).toBeGreaterThan(first!.inUseFrom!);
    expect(explained.parameters.every((p) => p.sources.length > 0)).toBe(true);
    expect(explained.parameters.map((p) => p.sources.join(' ')).join(' ')).toMatch(/METR/);
  });
});

describe('the backtest', () => {
  const inputs = prepareTaskInputs({ dataset: data, scores, measure: 'beta', taskWeights: 'core', durationPrior: facts.durationPrior, automationPrior: 0.49 });
  const model = { baseYear: 2026, horizonYear: 2046, ceiling: 1, weightOf: (o: { employment: number | null }) => o.employment ?? 0 };

  it('predicts every fact known only after the as-of date, and uses none of them', () => {
    const result = backtest({ asOf: '2024-12', file: facts, inputs, model });
    const asOf = decimalYear('2024-12-01');
    const later = facts.facts.filter((f) => decimalYear('published' in f ? f.published : f.date) >= asOf);
    expect(result.rows.filter((r) => !r.known).map((r) => r.factId).sort()).toEqual(later.map((f) => f.id).sort());
    expect(result.rows).toHaveLength(facts.facts.length);
    expect(result.knownFacts + result.laterFacts).toBe(facts.facts.length);
    const horizon = result.rows.filter((r) => r.kind === 'horizon' && !r.known);
    expect(horizon.map((r) => r.factId)).toEqual(['horizon-o1', 'horizon-claude-3-7-sonnet', 'horizon-o3', 'horizon-gpt-5']);
    for (const row of horizon) expect(row.predicted! / row.observed!).toBeCloseTo(row.error!, 12);
    // Refit on the 2023-2024 models, the trend under-predicts the faster 2025 models.
    expect(horizon.at(-1)!.error!).toBeLessThan(1);
    expect(result.rows.find((r) => r.factId === 'observed-computer-math')!.predicted).not.toBeNull();
  });

  it('refits nothing it was not given: a later as-of date knows more facts and predicts fewer', () => {
    const early = backtest({ asOf: '2024-06', file: facts, inputs, model });
    const late = backtest({ asOf: '2025-06', file: facts, inputs, model });
    expect(late.knownFacts).toBeGreaterThan(early.knownFacts);
    expect(late.rows.filter((r) => !r.known).length).toBeLessThan(early.rows.filter((r) => !r.known).length);
    // A survey figure is predicted from the rest of its series, never from itself.
    const gallup = late.rows.find((r) => r.factId === 'workers-work-gallup-2023')!;
    expect(gallup.known).toBe(true);
    expect(gallup.predicted).not.toBeCloseTo(gallup.observed!, 6);
  });
});

const shared = existsSync(path.join(SHARED_DATA, 'onet-29.1')) && existsSync(path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx'));
if (!shared) console.warn(`skipping the observed-use check on O*NET 29.1: ${SHARED_DATA} is absent`);

describe.skipIf(!shared)('observed use at the start of 2026, on O*NET 29.1 with the offline scores and BLS May 2024', () => {
  let inputs: ReturnType<typeof prepareTaskInputs>;
  const weightOf = (o: { employment: number | null }) => ((o.employment ?? 0) > 0 ? o.employment! : 0);
  beforeAll(async () => {
    const dataset = await resolveDataset(path.join(SHARED_DATA, 'onet-29.1'), { env: {}, cwd: process.cwd(), oews: path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx') });
    inputs = prepareTaskInputs({ dataset, scores: offlineScores(dataset), measure: 'beta', taskWeights: 'core', durationPrior: facts.durationPrior, automationPrior: 0.49 });
  }, 120_000);

  it('lands the in-use share of exposed work within 0.1 of the observed ratios for Computer and Mathematical and Office and Administrative Support', () => {
    const calibration = calibrate(facts);
    const start = decimalYear('2026-01-01');
    const at = centralAt(inputs, calibration, { baseYear: 2026, horizonYear: 2046, ceiling: 1, weightOf }, [start]);
    for (const observed of calibration.observed) {
      let used = 0;
      let exposed = 0;
      inputs.occupations.forEach((entry, o) => {
        if (entry.occupation.majorGroup !== observed.majorGroup) return;
        used += weightOf(entry) * at.inUse[o]![0]!;
        exposed += (weightOf(entry) * entry.exposedSum) / entry.weightSum;
      });
      console.log(`${observed.group}: model ${(used / exposed).toFixed(3)}, observed ${observed.central.toFixed(3)}`);
      expect(Math.abs(used / exposed - observed.central), observed.group).toBeLessThan(0.1);
    }
  });
});
