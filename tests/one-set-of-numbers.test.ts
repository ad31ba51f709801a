// Issue 10: the same inputs give the same figures in every command, and every gap is said out loud.
// On a small O*NET release written by the tests (tests/helpers/mini-onet.ts), through the real CLI.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseScorer } from '../src/analysis/scorer-choice.js';
import { loadOnet } from '../src/data/onet.js';
import { openStore } from '../src/score/store/store.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';
import { MINI_TASKS, MINI_WORKERS, MINI_WORKERS_WITH_TASKS, writeMiniLabelTable, writeMiniOews, writeMiniOewsZip, writeMiniOnet } from './helpers/mini-onet.js';

const SECRET = 'sk-test-one-set-of-numbers';
const HORIZON = new Date().getFullYear() + 20;

let dir: string;
let onet: string;
let server: FakeLlmServer;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-numbers-'));
  onet = writeMiniOnet(dir);
  server = await startFakeLlmServer({ apiKey: SECRET });
});
afterEach(async () => {
  await server.close();
});

const home = () => path.join(dir, 'home');
const store = () => path.join(dir, 'scores.db');
const env = () => ({ AI_FRONTIER_HOME: home(), OPENAI_API_KEY: SECRET, SOURCE_DATE_EPOCH: '1767225600' });
const offlineEnv = () => ({ AI_FRONTIER_HOME: home(), SOURCE_DATE_EPOCH: '1767225600' });
const oews = () => writeMiniOews(dir);

async function ok(args: string[], options: { env?: NodeJS.ProcessEnv } = {}) {
  const result = await runCli(args, { env: options.env ?? offlineEnv(), cwd: dir });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

const scoreModel = (dataset = onet, extra: string[] = []) =>
  ok(['score', '--dataset', dataset, '--oews', oews(), '--base-url', server.baseURL, '--model', 'fake-model', '--store', store(), '--batch-size', '4', ...extra], { env: env() });
const scoreOffline = (dataset = onet, extra: string[] = []) => ok(['score', '--dataset', dataset, '--oews', oews(), '--store', store(), ...extra]);

/** The headline each command prints for the mini release: scorer, and dark share and net jobs at the horizon year. */
interface Shown {
  scorer: string;
  dark: string;
  net: string;
}

function fromScoreText(stdout: string): Shown {
  // year, dark, its band, white, grey, net jobs
  const row = new RegExp(`^${HORIZON}\\s+([\\d.]+%)\\s+[\\d.]+%-[\\d.]+%\\s+[\\d.]+%\\s+[\\d.]+%\\s+([+-][\\d,]+)$`, 'm').exec(stdout);
  return { scorer: /^Scores: (\S+)/m.exec(stdout)![1]!, dark: row![1]!, net: row![2]! };
}

function fromFrontierText(stdout: string): Shown {
  // year, feasible, in use, dark, band, white, grey, band, jobs automated, new jobs, net
  const share = '[\\d.]+%';
  const band = '[\\d.]+-[\\d.]+';
  const row = new RegExp(`^${HORIZON}\\s+${share}\\s+${share}\\s+(${share})\\s+${band}\\s+${share}\\s+${share}\\s+${band}\\s+[\\d,]+\\s+[\\d,]+\\s+([+-][\\d,]+)$`, 'm').exec(stdout);
  return { scorer: /^Scores: (\S+)/m.exec(stdout)![1]!, dark: row![1]!, net: row![2]! };
}

/** The static view's rings: "<year>  net <jobs>" over "dark <share> grey <share>", blocks side by side. */
function fromViewText(stdout: string): Shown {
  const lines = stdout.split('\n');
  const at = lines.findIndex((line) => line.includes(`${HORIZON}  net`));
  const column = lines[at]!.indexOf(`${HORIZON}  net`);
  const net = /net ([+-][\d,]+)/.exec(lines[at]!.slice(column));
  const dark = /dark ([\d.]+%)/.exec(lines[at + 1]!.slice(column));
  return { scorer: /^Scores: (\S+)/m.exec(stdout)![1]!, dark: dark![1]!, net: net![1]! };
}

/** The static view wraps long lines with a two-space indent; this joins them back. */
function unwrapped(text: string): string {
  return text.replace(/\n {2}(?!- |\s)/g, ' ');
}

function fromReport(outDir: string): Shown {
  const report = JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8'));
  const point = report.frontier.years.find((p: { year: number }) => p.year === HORIZON);
  const net = Math.round(point.netJobs);
  return { scorer: report.scorer.name, dark: `${(point.dark * 100).toFixed(1)}%`, net: `${net < 0 ? '-' : '+'}${Math.abs(net).toLocaleString('en-US')}` };
}

async function shownByEveryCommand(order: ('frontier' | 'export' | 'view')[]): Promise<Shown[]> {
  const shown: Shown[] = [];
  for (const command of order) {
    const args = ['--dataset', onet, '--oews', oews(), '--store', store()];
    if (command === 'frontier') shown.push(fromFrontierText((await ok(['frontier', '--no-chart', ...args])).stdout));
    if (command === 'view') shown.push(fromViewText((await ok(['view', ...args])).stdout));
    if (command === 'export') {
      const out = path.join(dir, `out-${shown.length}`);
      await ok(['export', '--format', 'json', '--out', out, ...args]);
      shown.push(fromReport(out));
    }
  }
  return shown;
}

describe('item 1: one scorer rule for every command', () => {
  it('score, frontier, export and view show the scorer `score` last ran, whatever ran before and in any order', async () => {
    await scoreModel();
    const offline = fromScoreText((await scoreOffline()).stdout);
    expect(offline.scorer).toBe('offline');
    for (const order of [['frontier', 'export', 'view'], ['view', 'export', 'frontier']] as const) {
      expect(await shownByEveryCommand([...order])).toEqual([offline, offline, offline]);
    }

    // The other order of runs: the model last, so every command shows the model.
    const model = fromScoreText((await scoreModel()).stdout);
    expect(model.scorer).toBe('custom:fake-model');
    expect(model).not.toEqual(offline);
    expect(await shownByEveryCommand(['export', 'frontier', 'view'])).toEqual([model, model, model]);
  });

  it('says on stdout which scorer and why, with the others and how to pick one, even with --quiet', async () => {
    await scoreModel();
    await scoreOffline();
    const frontier = await ok(['--quiet', 'frontier', '--no-chart', '--dataset', onet, '--store', store()]);
    expect(frontier.stdout).toMatch(/^Scores: offline \(offline-v\d+\), the scorer `score` last ran on .*mini-onet .*; 10 of 10 tasks\. Other scorers: custom:fake-model \(10 tasks\); --scorer NAME picks one\./m);
    const picked = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store(), '--scorer', 'custom:fake-model']);
    expect(picked.stdout).toMatch(/^Scores: custom:fake-model \(fake-model\), as asked with --scorer; 10 of 10 tasks\./m);
  });

  it('score --scorer runs the scorer it names; a name it cannot run is refused with the way to show it', async () => {
    const offline = await ok(['score', '--dataset', onet, '--store', store(), '--scorer', 'offline'], { env: env() });
    expect(offline.stdout).toMatch(/^scorer\s+offline$/m);
    const model = await ok(['score', '--dataset', onet, '--store', store(), '--scorer', 'custom:fake-model', '--base-url', server.baseURL], { env: env() });
    expect(model.stdout).toMatch(/^scorer\s+custom:fake-model$/m);
    const label = await runCli(['score', '--dataset', onet, '--store', store(), '--scorer', 'gpt4'], { env: env(), cwd: dir });
    expect(label.code).toBe(2);
    expect(label.stderr).toContain('use `ai-frontier frontier --scorer gpt4`');
  });

  it('the default falls back to the stored scorer covering most, then to offline, and never lists a scorer twice', async () => {
    const empty = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store()]);
    expect(empty.stdout).toMatch(/^Scores: offline \(offline-v\d+\), the default, since `score` has not run on .*; 10 of 10 tasks, 10 of them computed now/m);
    await ok(['scores', 'import', writeMiniLabelTable(dir), '--name', 'labels', '--store', store()]);
    const imported = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store()]);
    expect(imported.stdout).toMatch(/^Scores: labels, the stored scorer covering most of .*, on which `score` has not run; 9 of 10 tasks\./m);
    await scoreOffline();
    const unknown = await runCli(['frontier', '--dataset', onet, '--store', store(), '--scorer', 'nope'], { env: offlineEnv(), cwd: dir });
    expect(unknown.code).toBe(2);
    // The offline model's targets ("offline" is its default, so "offline:both" is not listed again), then the store's.
    expect(unknown.stderr).toMatch(/known scorers: offline, offline:human, offline:gpt4, labels\n/);
  });
});

describe('item 2: a score comes from the chosen scorer for this dataset\'s own task', () => {
  it('scoring another dataset with the same task ids into the store leaves this dataset\'s exports byte-identical', async () => {
    await scoreOffline();
    await scoreModel();
    const args = ['--dataset', onet, '--oews', oews(), '--store', store()];
    await ok(['export', '--out', path.join(dir, 'before'), ...args]);
    const labels = writeMiniLabelTable(dir);
    await scoreOffline(labels);
    await scoreModel(labels);
    await ok(['export', '--out', path.join(dir, 'after'), ...args]);
    const files = readdirSync(path.join(dir, 'before')).sort();
    expect(files).toEqual(['frontier-detail.csv', 'frontier.csv', 'groups.csv', 'new-work.csv', 'occupations.csv', 'report.html', 'report.json', 'tasks.csv']);
    for (const file of files) {
      expect(readFileSync(path.join(dir, 'after', file)).equals(readFileSync(path.join(dir, 'before', file))), file).toBe(true);
    }
  });

  it('an imported label attaches to its task only while the task text is the one labelled', async () => {
    const dataset = await loadOnet(onet);
    const labels = openStore(store());
    const task = (id: string) => MINI_TASKS.find(([, taskId]) => taskId === id)!;
    labels.importScores('labels', [
      { taskId: '201', occupationCode: '43-9021.00', text: task('201')[2], exposure: 'E1', scorer: 'labels' },
      { taskId: '202', occupationCode: '43-9021.00', text: 'Check keyed data against the original forms and correct any errors.', exposure: 'E1', scorer: 'labels' },
    ]);
    const choice = chooseScorer({ dataset, store: labels, storePath: store(), requested: 'labels' });
    labels.close();
    expect(choice.scores.map((s) => s.taskId)).toEqual(['201']);
  });

  it('a model score belongs to every task with its title and text, whatever its id; the newest of several settings wins', async () => {
    const dataset = await loadOnet(onet);
    const [code, id, text] = MINI_TASKS[0]!;
    const scores = openStore(store());
    const save = (key: string, exposure: 'E0' | 'E1', at: string) => {
      vi.setSystemTime(new Date(at));
      const item = { key, taskId: '999', occupationCode: '99-9999.00', title: 'Software Developers', text: `  ${text} ` };
      scores.saveOutcome(
        { requestId: key, scores: [{ key, score: { taskId: '999', occupationCode: '99-9999.00', exposure, scorer: 'm' } }], failed: [], usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 } },
        { scorer: 'm', model: 'm', provider: 'custom', rubricVersion: 'r1', costUsd: 0, items: new Map([[key, item]]) },
      );
    };
    // The newer score has the smaller key, so only its time can make it win.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      save('b', 'E0', '2026-01-01T00:00:00Z');
      save('a', 'E1', '2026-02-01T00:00:00Z');
    } finally {
      vi.useRealTimers();
    }
    const choice = chooseScorer({ dataset, store: scores, storePath: store(), requested: 'm' });
    scores.close();
    expect(choice.scores).toEqual([{ taskId: id, occupationCode: code, exposure: 'E1', scorer: 'm', model: 'm', rubricVersion: 'r1' }]);
  });
});

describe('item 3: employment by default, and said when missing', () => {
  it('without employment, score says jobs cannot be counted and how to fix it, and prints no net jobs', async () => {
    const result = await ok(['score', '--dataset', onet, '--store', store()]);
    expect(result.stdout).toContain('No employment data: jobs cannot be counted, worker shares are not shown, and occupations count once each. Run `ai-frontier datasets fetch oews`');
    expect(result.stdout).not.toMatch(/net jobs/);
    expect(result.stdout).toMatch(/no employment: shares only/);
    const frontier = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store()]);
    expect(frontier.stdout).toContain('No employment data: jobs cannot be counted');
    expect(frontier.stdout).toMatch(/occupations counted once each \(no employment: jobs not counted\)/);
    expect(frontier.stdout).not.toMatch(/jobs automated/);
  });

  it('score takes --oews; a fetched OEWS file is then used by every command by default, and named', async () => {
    const given = await ok(['score', '--dataset', onet, '--store', store(), '--oews', oews()]);
    expect(given.stdout).toMatch(/Employment: BLS OEWS mini-oews\.csv \(from --oews\): 1,528 workers/);
    await ok(['datasets', 'fetch', 'oews', '--url', writeMiniOewsZip(dir)]);
    for (const command of [['score'], ['frontier', '--no-chart'], ['view']]) {
      const result = await ok([...command, '--dataset', onet, '--store', store()]);
      expect(unwrapped(result.stdout), command[0]).toMatch(/Employment: BLS OEWS national_M2024_dl\.xlsx \(the newest file fetched with `datasets fetch oews`; --oews picks another\): 1,528 workers/);
    }
    const frontier = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store()]);
    expect(frontier.stdout).toMatch(new RegExp(`${MINI_WORKERS_WITH_TASKS.toLocaleString('en-US')} base-year workers in 4 occupations`));
    const none = await ok(['frontier', '--no-chart', '--dataset', onet, '--store', store(), '--oews', 'none']);
    expect(none.stdout).toContain('No employment data');
  });
});

describe('item 4: workforce totals reconcile inside one report and with datasets info', () => {
  it('occupations without task data are counted with their workers, and every total adds up', async () => {
    await scoreOffline();
    const info = JSON.parse((await ok(['--json', 'datasets', 'info', onet, '--oews', oews()])).stdout);
    expect(info.employment.covered).toBe(MINI_WORKERS);
    expect(info.occupationsWithoutTasks).toBe(2);
    expect(info.occupationsWithoutTasksEmployment).toBe(77);

    const out = path.join(dir, 'out');
    const exported = await ok(['export', '--out', out, '--dataset', onet, '--oews', oews(), '--store', store()]);
    expect(exported.stdout).toContain(`Workers: 1,451 in the 4 occupations with scored tasks + 77 in 2 occupations without task data = 1,528; figures count the first part only.`);
    const groups = csvRows(readFileSync(path.join(out, 'groups.csv'), 'utf8'));
    const total = groups.find((g) => g.major_group === 'total')!;
    expect(Number(total.employment)).toBe(info.employment.covered);
    expect(Number(total.employment)).toBe(Number(total.employment_covered) + Number(total.without_tasks_employment));
    expect(groups.filter((g) => g.major_group !== 'total').reduce((sum, g) => sum + Number(g.employment), 0)).toBe(MINI_WORKERS);
    const frontier = csvRows(readFileSync(path.join(out, 'frontier.csv'), 'utf8'));
    // The frontier starts from the estimated present: white and dark jobs together are the covered workforce.
    expect(Number(frontier[0]!.white_jobs) + Number(frontier[0]!.dark_jobs)).toBe(Number(total.employment_covered));
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.coverage).toMatchObject({ workers: 1528, scored: { occupations: 4, workers: 1451 }, withoutTasks: { occupations: 2, workers: 77 } });
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('of which in 2 occupations without task data (in no figure)</th><td>77</td>');
    expect(html).toContain('1,451 in the 4 occupations with scored tasks + 77 in 2 occupations without task data = 1,528');
  });

  it('workers shared by two occupations of one SOC code are split in whole workers that add up', async () => {
    const out = path.join(dir, 'out');
    await ok(['export', '--format', 'csv', '--out', out, '--dataset', onet, '--oews', oews(), '--store', store()]);
    const keyers = csvRows(readFileSync(path.join(out, 'occupations.csv'), 'utf8')).filter((o) => o.soc === '43-9021');
    expect(keyers.map((o) => o.employment)).toEqual(['151', '150']);
  });
});

describe('item 5: partial runs say what they cover', () => {
  it('a sampled run and every command after it say PARTIAL with the share of tasks and workers', async () => {
    const scored = await scoreModel(onet, ['--sample', '4', '--seed', '1']);
    const partial = /^PARTIAL: these figures cover 4 of 10 tasks \(40\.0%\), \d of 4 occupations with tasks and [\d.]+% of workers \([\d,]+ of 1,528\)\./m;
    expect(scored.stdout).toMatch(partial);
    for (const command of [['frontier', '--no-chart'], ['view'], ['export', '--out', path.join(dir, 'out')]]) {
      const result = await ok([...command, '--dataset', onet, '--oews', oews(), '--store', store()]);
      expect(unwrapped(result.stdout), command[0]).toMatch(partial);
    }
    expect(readFileSync(path.join(dir, 'out', 'report.html'), 'utf8')).toMatch(/<p class="partial" data-coverage>PARTIAL: these figures cover 4 of 10 tasks/);
    const complete = await scoreModel();
    expect(complete.stdout).not.toContain('PARTIAL');
  });
});

describe('item 7: new-work examples that are new, labelled truthfully, with counts that reconcile', () => {
  it('examples naming a technology and most recent come first; revisions are counted apart', async () => {
    const frontier = await ok(['frontier', '--no-chart', '--dataset', onet, '--oews', oews(), '--store', store()]);
    expect(frontier.stdout).toContain('Examples of new work (the grey; they show its kind, not its size): 2 tasks new to their occupation in O*NET Emerging Tasks, naming a technology and most recent first (its 1 revisions of existing tasks are not new work).');
    const examples = frontier.stdout.split('\n').filter((line) => line.startsWith('  - '));
    expect(examples).toEqual(['  - Review code suggested by AI assistants before it is merged. [15-1252.00, 2024]', '  - Sort incoming mail by department. [43-9021.00, 2012]']);
    const info = await ok(['datasets', 'info', onet]);
    expect(info.stdout).toMatch(/^emerging {6}3 rows: 2 tasks new to their occupation \(the examples of new work\), 1 revision of existing tasks$/m);
  });

  it('the sample\'s examples are never called O*NET Emerging Tasks', async () => {
    const out = path.join(dir, 'out');
    await ok(['export', '--format', 'csv', '--out', out]);
    const sources = new Set(csvRows(readFileSync(path.join(out, 'new-work.csv'), 'utf8')).map((r) => r.source));
    expect([...sources]).toEqual(['ai-frontier sample: written for this project to illustrate new work (not O*NET data)']);
    const frontier = await ok(['frontier', '--no-chart']);
    expect(frontier.stdout).not.toContain('O*NET Emerging Tasks');
  });
});

describe('item 8: options do what they say, or are refused', () => {
  it('--weight wages weights the frontier by wage bill while jobs stay jobs', async () => {
    await scoreOffline();
    const args = ['--json', 'frontier', '--dataset', onet, '--oews', oews(), '--store', store()];
    const byEmployment = JSON.parse((await ok(args)).stdout);
    const byWages = JSON.parse((await ok([...args, '--weight', 'wages'])).stdout);
    expect(byWages.params.weightedBy).toBe('wages');
    const last = byEmployment.years.length - 1;
    expect(byWages.years[last].dark).not.toBeCloseTo(byEmployment.years[last].dark, 3);
    // Jobs are each occupation's share times its workers under either weighting: the same total.
    expect(byWages.years[last].darkJobs).toBeCloseTo(byEmployment.years[last].darkJobs, 6);
    // The wage-weighted share by hand: occupations' dark shares weighted by employment x mean wage.
    const occupations = JSON.parse((await ok(['--json', 'export', '--format', 'json', '--out', path.join(dir, 'out'), '--dataset', onet, '--oews', oews(), '--store', store()])).stdout);
    expect(occupations.outDir).toBeDefined();
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'));
    const wageOf = new Map(report.occupations.map((o: { code: string; employment: number; meanWage: number }) => [o.code, o.employment * o.meanWage]));
    let sum = 0;
    let weight = 0;
    for (const o of report.frontier.byOccupation as { code: string; dark: number[] }[]) {
      const w = (wageOf.get(o.code) as number) ?? 0;
      sum += w * o.dark[last]!;
      weight += w;
    }
    expect(byWages.years[last].dark).toBeCloseTo(sum / weight, 12);
  });

  it('--task-weights importance is refused when the release has no importance ratings, and used when it has', async () => {
    const refused = await runCli(['frontier', '--dataset', onet, '--store', store(), '--task-weights', 'importance'], { env: offlineEnv(), cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--task-weights importance needs O*NET importance ratings (Task Ratings.txt), and');
    const rated = writeMiniOnet(path.join(dir, 'rated'), { taskRatings: true });
    const used = JSON.parse((await ok(['--json', 'export', '--format', 'json', '--out', path.join(dir, 'out'), '--dataset', rated, '--task-weights', 'importance'])).stdout);
    expect(used.outDir).toBeDefined();
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.occupations.filter((o: { taskCount: number }) => o.taskCount > 0).every((o: { taskWeighting: string }) => o.taskWeighting === 'importance')).toBe(true);
  });

  it('--horizon-year reaches the score headline, the HTML headline and its rings, and the static view\'s rings', async () => {
    const base = new Date().getFullYear();
    const horizon = base + 24;
    const scored = await ok(['score', '--dataset', onet, '--oews', oews(), '--store', store(), '--horizon-year', String(horizon)]);
    expect(scored.stdout).toMatch(new RegExp(`^${horizon}\\s+[\\d.]+%`, 'm'));
    const out = path.join(dir, 'out');
    await ok(['export', '--format', 'html', '--out', out, '--dataset', onet, '--oews', oews(), '--store', store(), '--horizon-year', String(horizon)]);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const headlineYears = [...html.matchAll(/<tr data-year="(\d+)">/g)].map((m) => Number(m[1]));
    expect(headlineYears).toEqual([base, base + 5, base + 10, horizon]);
    expect(html).toContain(`>${horizon}</text>`);
    const view = await ok(['view', '--dataset', onet, '--oews', oews(), '--store', store(), '--horizon-year', String(horizon)]);
    expect(view.stdout).toContain(`${horizon}  net`);
  });
});

describe('item 9: spreadsheet-friendly CSVs, every file described', () => {
  it('people are whole numbers, shares have at most 4 decimals, and no cell carries a 17-digit float', async () => {
    await scoreOffline();
    const out = path.join(dir, 'out');
    await ok(['export', '--format', 'csv', '--out', out, '--dataset', onet, '--oews', oews(), '--store', store(), '--weight', 'wages']);
    const people = /^(employment|employment_covered|without_tasks_employment|dark_jobs|white_jobs|grey_jobs|net_jobs|median_wage|mean_wage)$/;
    for (const file of readdirSync(out)) {
      const rows = csvRows(readFileSync(path.join(out, file), 'utf8'));
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (!/^-?\d+(\.\d+)?$/.test(cell)) continue;
          if (people.test(column)) expect(cell, `${file} ${column}`).toMatch(/^-?\d+$/);
          else expect(cell, `${file} ${column}`).toMatch(/^-?\d+(\.\d{1,4})?$/);
        }
      }
    }
  });

  it('export --help and reports/README.md describe every file export writes', async () => {
    const out = path.join(dir, 'out');
    await ok(['export', '--out', out]);
    const help = (await ok(['export', '--help'])).stdout;
    const readme = readFileSync(path.join(REPO_ROOT, 'reports', 'README.md'), 'utf8');
    for (const file of readdirSync(out)) {
      expect(help, file).toMatch(new RegExp(`^\\s+${file.replace('.', '\\.')}\\s+\\S`, 'm'));
      expect(readme, file).toContain(`| \`${file}\` |`);
    }
  });
});

describe('item 10: labels', () => {
  it('datasets info names groups, kinds and counts properly', async () => {
    const info = await ok(['datasets', 'info', 'mini-onet', '--oews', oews()]);
    expect(info.stdout).toMatch(/^major groups 4 of the 22 civilian SOC groups, and 55 Military Specific \(not surveyed by BLS OEWS\)$/m);
    expect(info.stdout).toMatch(/^55\s+Military Specific\s+1\s+0\s+0$/m);
    expect(info.stdout).not.toMatch(/Group 55|of 22\)/);
    expect(info.stdout).toMatch(/^unmatched {5}1 occupation$/m);
    expect(info.stdout).toMatch(/^mini-onet {2}O\*NET text release {2}\(/m);
    const sample = await ok(['datasets', 'info']);
    expect(sample.stdout).toMatch(/^sample {2}bundled sample \(O\*NET codes and titles, tasks written for this project\)/m);
  });
});

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}
