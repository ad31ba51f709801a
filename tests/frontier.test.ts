// The frontier model: adoption, dark / white / grey, the new-work presets against the histories they
// are calibrated on, and a full O*NET-sized run.
import { describe, expect, it } from 'vitest';
import { aggregateGroups, aggregateOccupations, aggregateWorkforce } from '../src/aggregate/index.js';
import type { Dataset, Occupation, Task } from '../src/data/types.js';
import { UsageError } from '../src/errors.js';
import {
  adoption,
  FRONTIER_DEFAULTS,
  frontierSeries,
  NEW_WORK_PRESETS,
  NEW_WORK_PRESET_IDS,
  newWorkPath,
} from '../src/frontier/index.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, type Exposure, type TaskScore } from '../src/score/types.js';

const BASE = 2025;

function occupation(code: string, employment?: number): Occupation {
  return { code, soc: code.slice(0, 7), majorGroup: code.slice(0, 2), title: `Occupation ${code}`, employment };
}

function task(id: string, occupationCode: string, type: Task['type'] = 'Core'): Task {
  return { id, occupationCode, text: `Task ${id}`, type };
}

function score(t: Task, exposure: Exposure, extra: Partial<TaskScore> = {}): TaskScore {
  return { taskId: t.id, occupationCode: t.occupationCode, exposure, scorer: 'test', ...extra };
}

// Two occupations in two groups: a programmer (1,000 workers) with early exposed tasks, a roofer (3,000) with a late one.
const tasks = [
  task('1', '15-1252.00'),
  task('2', '15-1252.00', 'Supplemental'),
  task('3', '15-1252.00', null),
  task('4', '47-2181.00'),
  task('5', '47-2181.00'),
];
const data: Pick<Dataset, 'occupations' | 'tasks'> = {
  occupations: [occupation('15-1252.00', 1000), occupation('47-2181.00', 3000)],
  tasks,
};
const scores = [
  score(tasks[0]!, 'E1', { horizon: 2026, automation: 'T3' }),
  score(tasks[1]!, 'E2', { horizon: 2030, automation: 'T2' }),
  score(tasks[2]!, 'E0', { automation: 'T0' }),
  score(tasks[3]!, 'E2', { horizon: 2035, automation: 'T1' }),
  score(tasks[4]!, 'E0', { automation: 'T0' }),
];

describe('the adoption curve', () => {
  const params = { lag: 5, speed: 0.6, ceiling: 0.8 };
  it('is 0 up to the horizon year, rises monotonically after it and tends to the ceiling', () => {
    expect(adoption(2029, 2030, params)).toBe(0);
    expect(adoption(2030, 2030, params)).toBe(0);
    let previous = 0;
    for (let year = 2031; year <= 2060; year++) {
      const value = adoption(year, 2030, params);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    expect(adoption(2035, 2030, params)).toBeCloseTo(0.4, 1);
    expect(adoption(2080, 2030, params)).toBeCloseTo(0.8, 9);
  });
});

// The legacy time model, kept for reproducing earlier results (tests/frontier-calibrated.test.ts covers the default).
const LEGACY = { time: { model: 'legacy' as const } };

describe('the frontier series under the legacy time model', () => {
  const series = frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, horizonYear: BASE + 20, newWork: { rho: 0.01, eta: 0.5 } });

  it('runs year by year from the base year to the horizon year, with nothing dark or grey at the base', () => {
    expect(series.years.map((p) => p.year)).toEqual(Array.from({ length: 21 }, (_, i) => BASE + i));
    expect(series.years[0]).toMatchObject({ dark: 0, grey: 0, white: 1, netJobs: 0 });
  });

  it('grows dark monotonically as adoption spreads, up to the employment-weighted exposure', () => {
    const dark = series.years.map((p) => p.dark);
    for (let i = 1; i < dark.length; i++) expect(dark[i]).toBeGreaterThanOrEqual(dark[i - 1]!);
    // beta: programmer (2*1 + 1*0.5 + 0)/4 = 0.625, roofer 0.5/2 = 0.25; weighted 1000 : 3000
    const ceiling = (1000 * 0.625 + 3000 * 0.25) / 4000;
    expect(dark.at(-1)).toBeLessThan(ceiling);
    expect(dark.at(-1)).toBeGreaterThan(0.8 * ceiling);
    expect(series.byOccupation.map((o) => o.exposed)).toEqual([0.625, 0.25]);
  });

  it('keeps white = 1 - dark on the base-year workforce and turns shares into jobs', () => {
    for (const point of series.years) {
      expect(point.white).toBe(1 - point.dark);
      expect(point.total).toBe(point.white + point.grey);
      expect(point.darkJobs).toBeCloseTo(point.dark * 4000, 9);
      expect(point.whiteJobs).toBeCloseTo(point.white * 4000, 9);
      expect(point.netJobs).toBeCloseTo(point.greyJobs - point.darkJobs, 9);
    }
    expect(series.params.employment).toBe(4000);
  });

  it('follows the grey recurrence G(y) = G(y-1) + rho (W+G)(y-1) + eta (D(y) - D(y-1))', () => {
    const y = series.years;
    for (let i = 1; i < y.length; i++) {
      const expected = y[i - 1]!.grey + 0.01 * (y[i - 1]!.white + y[i - 1]!.grey) + 0.5 * (y[i]!.dark - y[i - 1]!.dark);
      expect(y[i]!.grey).toBeCloseTo(expected, 12);
    }
  });

  it('weights occupations by base-year employment, and groups agree with the workforce', () => {
    const [programmer, roofer] = series.byOccupation;
    for (let i = 0; i < series.years.length; i++) {
      expect(series.years[i]!.dark).toBeCloseTo((1000 * programmer!.dark[i]! + 3000 * roofer!.dark[i]!) / 4000, 12);
      expect(series.years[i]!.grey).toBeCloseTo((1000 * programmer!.grey[i]! + 3000 * roofer!.grey[i]!) / 4000, 12);
    }
    expect(series.byGroup.map((g) => [g.label, g.employment])).toEqual([
      ['15 Computer and Mathematical', 1000],
      ['47 Construction and Extraction', 3000],
    ]);
    series.byGroup[1]!.dark.forEach((dark, i) => expect(dark).toBeCloseTo(roofer!.dark[i]!, 15));
  });

  it('takes tasks without a horizon as practical five years after the base year', () => {
    const untimed = scores.map(({ horizon: _horizon, ...rest }) => rest);
    const result = frontierSeries({ ...LEGACY, dataset: data, scores: untimed, baseYear: BASE });
    const firstDark = result.years.find((p) => p.dark > 0)!.year;
    expect(firstDark).toBe(BASE + FRONTIER_DEFAULTS.untimedHorizonYears + 1);
    expect(result.params.tasksWithoutHorizon).toBe(5);
    expect(result.params.notes.join(' ')).toContain(`taken as practical in ${BASE + 5}`);
  });

  it('counts only uptake after the base year for a task already past its horizon', () => {
    const early = [score(tasks[0]!, 'E1', { horizon: 2015 })];
    const result = frontierSeries({ ...LEGACY, dataset: data, scores: early, baseYear: BASE });
    expect(result.years[0]!.dark).toBe(0);
    expect(result.years[1]!.dark).toBeGreaterThan(0);
  });

  it('takes up the automation level with --measure automation', () => {
    const result = frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, measure: 'automation' });
    // programmer: (2*0.75 + 1*0.5 + 0)/4; roofer: (0.25 + 0)/2
    expect(result.byOccupation.map((o) => o.exposed)).toEqual([0.5, 0.125]);
  });

  it('counts each occupation once, with no jobs, when no occupation has employment', () => {
    const bare = { ...data, occupations: data.occupations.map((o) => ({ ...o, employment: undefined })) };
    const result = frontierSeries({ ...LEGACY, dataset: bare, scores, baseYear: BASE });
    expect(result.params.weightedBy).toBe('occupations');
    const [programmer, roofer] = result.byOccupation;
    expect(result.years.at(-1)!.dark).toBeCloseTo((programmer!.dark.at(-1)! + roofer!.dark.at(-1)!) / 2, 12);
    expect(result.years.at(-1)!.darkJobs).toBe(0);
    expect(result.params.notes.join(' ')).toContain('each occupation counts once');
  });

  it('makes no grey with the `none` preset', () => {
    const result = frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, newWork: 'none' });
    expect(result.years.every((p) => p.grey === 0)).toBe(true);
    expect(result.years.at(-1)!.netJobs).toBeLessThan(0);
    expect(result.params.newWork.preset).toBe('none');
  });

  it('rejects impossible settings with a message naming what is expected', () => {
    expect(() => frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, newWork: 'kamradt' as never })).toThrow(UsageError);
    expect(() => frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, horizonYear: BASE - 1 })).toThrow(/horizon year/);
    expect(() => frontierSeries({ ...LEGACY, dataset: data, scores, baseYear: BASE, adoption: { ceiling: 1.5 } })).toThrow(/ceiling/);
  });
});

// Synthetic histories: displacement along an S-curve over each period's years, starting from 0.
function history(years: number, total: number): number[] {
  return Array.from({ length: years + 1 }, (_, i) => total * (3 * (i / years) ** 2 - 2 * (i / years) ** 3));
}

describe('the new-work presets reproduce the history they are calibrated on (tolerance 1e-9)', () => {
  it('cites a source for every preset', () => {
    for (const id of NEW_WORK_PRESET_IDS) {
      expect(NEW_WORK_PRESETS[id].citation.length, id).toBeGreaterThan(20);
      expect(NEW_WORK_PRESETS[id].derivation, id).toMatch(/rho/);
    }
  });

  it('acemoglu-restrepo-1947-1987: 17% displaced over 40 years brings 19% reinstated', () => {
    const dark = history(40, 0.17);
    const grey = newWorkPath(dark, NEW_WORK_PRESETS['acemoglu-restrepo-1947-1987']);
    expect(grey.at(-1)!).toBeCloseTo(0.19, 9);
    expect(Math.abs(grey.at(-1)! / dark.at(-1)! - 19 / 17)).toBeLessThan(1e-9);
  });

  it('acemoglu-restrepo-1987-2016: 16% displaced over 29 years brings 10% reinstated', () => {
    const dark = history(29, 0.16);
    const grey = newWorkPath(dark, NEW_WORK_PRESETS['acemoglu-restrepo-1987-2016']);
    expect(Math.abs(grey.at(-1)! / dark.at(-1)! - 10 / 16)).toBeLessThan(1e-9);
  });

  it('autor-new-titles: after 78 years new work is 60% of employment, about 1.2% a year', () => {
    const preset = NEW_WORK_PRESETS['autor-new-titles'];
    const grey = newWorkPath(new Array(79).fill(0), preset);
    const share = grey.at(-1)! / (1 + grey.at(-1)!);
    expect(Math.abs(share - 0.6)).toBeLessThan(1e-9);
    expect(preset.rho).toBeCloseTo(0.012, 3);
  });

  it('reproduces the ratio through the full model too, whatever the adoption path', () => {
    const one: Pick<Dataset, 'occupations' | 'tasks'> = { occupations: [occupation('15-1252.00', 500)], tasks: [tasks[0]!] };
    const result = frontierSeries({
      ...LEGACY,
      dataset: one,
      scores: [score(tasks[0]!, 'E1', { horizon: 1947 })],
      baseYear: 1947,
      horizonYear: 1987,
      adoption: { lag: 20, speed: 0.3, ceiling: 0.17 },
      newWork: 'acemoglu-restrepo-1947-1987',
    });
    const end = result.years.at(-1)!;
    expect(Math.abs(end.grey / end.dark - 19 / 17)).toBeLessThan(1e-9);
  });
});

describe('at full O*NET scale', () => {
  it('aggregates and runs the frontier for 1,016 occupations, 18,796 tasks and 21 years', () => {
    const occupations: Occupation[] = [];
    const bigTasks: Task[] = [];
    const bigScores: TaskScore[] = [];
    const groups = ['11', '13', '15', '17', '19', '21', '23', '25', '27', '29', '31', '33', '35', '37', '39', '41', '43', '45', '47', '49', '51', '53'];
    for (let o = 0; o < 1016; o++) {
      const code = `${groups[o % groups.length]}-${String(1000 + o).padStart(4, '0')}.00`;
      occupations.push({ ...occupation(code, 1000 + ((o * 7919) % 50_000)), meanWage: 30_000 + ((o * 104_729) % 90_000) });
    }
    for (let t = 0; t < 18_796; t++) {
      const code = occupations[t % 1016]!.code;
      const item: Task = { ...task(String(t + 1), code, t % 3 === 0 ? 'Supplemental' : 'Core'), importance: 1 + (t % 5) };
      bigTasks.push(item);
      bigScores.push(score(item, EXPOSURE_LEVELS[t % 3]!, {
        automation: AUTOMATION_LEVELS[t % 5]!,
        mode: t % 2 ? 'automate' : 'augment',
        horizon: t % 4 === 0 ? undefined : BASE + (t % 15),
      }));
    }
    const big = { occupations, tasks: bigTasks };
    const run = () => {
      const scored = aggregateOccupations({ dataset: big, scores: bigScores, taskWeights: 'core' });
      const groupScores = aggregateGroups(scored, { weight: 'employment' });
      const workforce = aggregateWorkforce(scored, { weight: 'wages' });
      const result = frontierSeries({ dataset: big, scores: bigScores, baseYear: BASE });
      return { scored, groupScores, workforce, result };
    };
    // Timed twice: the first run includes the JIT warming up, as a one-shot CLI run does.
    const started = performance.now();
    run();
    const cold = performance.now() - started;
    const { scored, groupScores, workforce, result } = run();
    const warm = performance.now() - started - cold;
    console.log(`full scale: aggregate + groups + workforce + frontier in ${cold.toFixed(1)} ms (first run), ${warm.toFixed(1)} ms (second)`);
    expect(scored).toHaveLength(1016);
    expect(groupScores).toHaveLength(22);
    expect(workforce.coveredOccupationCount).toBe(1016);
    expect(result.byOccupation).toHaveLength(1016);
    expect(result.years).toHaveLength(21);
  });
});
