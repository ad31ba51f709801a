// The frontier's time axis through the command line: the band in the table and the CSVs, --from, --explain,
// --backtest, and the options each time model refuses.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED_DATA } from './helpers/cli.js';

const base = ['--base-year', '2026'];

describe('frontier with the calibrated time axis (the sample, offline scores)', () => {
  it('prints feasible, in use, dark and grey with their bands, and says where the time axis comes from', async () => {
    const { code, stdout } = await runCli(['frontier', '--no-chart', ...base]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/calibrated time model: AI time horizons on the trend since 2023: doubling every \d+ days/);
    expect(stdout).toMatch(/adoption anchored on observed use in Computer and Mathematical and Office and Administrative Support/);
    expect(stdout).toMatch(/^year +feasible +in use +dark +band +white +grey +band +jobs automated +new jobs +net$/m);
    const row = /^2026 +([\d.]+)% +([\d.]+)% +([\d.]+)% +([\d.]+)-([\d.]+) /m.exec(stdout)!;
    const [feasible, inUse, dark, low, high] = row.slice(1).map(Number);
    expect(dark).toBeGreaterThan(0);
    expect(inUse).toBeLessThanOrEqual(feasible!);
    expect(dark).toBeLessThanOrEqual(inUse!);
    expect(low).toBeLessThanOrEqual(dark!);
    expect(high).toBeGreaterThanOrEqual(dark!);
    expect(stdout).toMatch(/Note: [\d,]+ of [\d,]+ exposed tasks have no duration from the scorer and use the prior/);
  });

  it('shows the path so far with --from, the years before the base marked', async () => {
    const { code, stdout } = await runCli(['frontier', '--no-chart', '--from', '2023', ...base]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2023\* /m);
    expect(stdout).toContain('* before the base year 2026');
    const early = await runCli(['frontier', '--from', '2020', ...base]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/starts in 2023/);
  });

  it('refuses options the chosen time model would ignore, and impossible ones, with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--adoption-lag', '8'], /--adoption-lag applies to --time-model legacy/],
      [['--time-model', 'legacy', '--capability', 'slowdown'], /--capability applies to the calibrated time model/],
      [['--capability', 'slowdown', '--doubling-days', '100'], /not both/],
      [['--as-of', '2024-13'], /--as-of "2024-13": not a calendar date/],
      [['--capability', 'fast'], /argument 'fast' is invalid|Allowed choices/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(['frontier', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
    const legacy = await runCli(['frontier', '--no-chart', '--time-model', 'legacy', '--adoption-lag', '8', ...base]);
    expect(legacy.code).toBe(0);
    expect(legacy.stdout).toContain('legacy time model: adoption from each score\'s horizon year, lag 8 y');
  });

  it('moves with the capability preset: the 2019-2025 trend and the slowdown darken less by 2028 than the default', async () => {
    const dark2028 = async (extra: string[]) => {
      const { stdout } = await runCli(['--json', 'frontier', ...base, ...extra]);
      return (JSON.parse(stdout).years as { year: number; dark: number }[]).find((y) => y.year === 2028)!.dark;
    };
    const central = await dark2028([]);
    expect(await dark2028(['--capability', 'trend-2019'])).toBeLessThan(central);
    expect(await dark2028(['--capability', 'slowdown'])).toBeLessThan(await dark2028(['--capability', 'trend-2019']));
    expect(await dark2028(['--doubling-days', '60'])).toBeGreaterThan(central);
  });

  it('explains one occupation: its path, each task with duration and years, every parameter with a source', async () => {
    const { code, stdout } = await runCli(['frontier', '--explain', '15-1252', ...base]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^15-1252\.00 Software Developers: [\d,]+ workers, Job Zone 4; [\d.]+% of its work exposed \(beta\)\./m);
    expect(stdout).toMatch(/prior: Job Zone 4/);
    expect(stdout).toMatch(/in use from 20\d\d-\d\d \(adoption then \d+%\)/);
    expect(stdout).toMatch(/not exposed: never dark/);
    expect(stdout).toContain('Parameters and their sources');
    expect(stdout).toMatch(/source: .*METR/);
    expect(stdout).toMatch(/source: .*Bick, Blandin and Deming/);
    const missing = await runCli(['frontier', '--explain', '99-9999.00']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no scored occupation with that code/);
  });

  it('uses the duration a scorer gave a task, and the prior only where it gave none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontier-duration-'));
    const table = path.join(dir, 'labels.tsv');
    writeFileSync(
      table,
      [
        'O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\tgpt4_exposure\thours',
        '15-1252.00\t1\tWrite code for new features.\tCore\tSoftware Developers\tE1\t0.5',
        '15-1252.00\t2\tReview code written by others.\tCore\tSoftware Developers\tE1\t',
      ].join('\n'),
    );
    const store = ['--store', path.join(dir, 'scores.db')];
    const env = { AI_FRONTIER_HOME: path.join(dir, 'home') };
    expect((await runCli(['scores', 'import', table, '--name', 'timed', '--duration-column', 'hours', ...store], { env })).code).toBe(0);
    const { code, stdout } = await runCli(['--json', 'frontier', '--dataset', table, '--scorer', 'timed', '--explain', '15-1252.00', ...store, ...base], { env });
    expect(code).toBe(0);
    const tasks = JSON.parse(stdout).tasks as { id: string; durationHours: number; durationBasis: string }[];
    expect(tasks.map((t) => [t.id, t.durationHours, t.durationBasis])).toEqual([
      ['1', 0.5, 'from the scorer'],
      ['2', expect.any(Number), expect.stringMatching(/^prior: /)],
    ]);
  });

  it('backtests: refit with what was known before 2024-12, every later fact predicted beside what was observed', async () => {
    const { code, stdout } = await runCli(['frontier', '--backtest', '--as-of', '2024-12', ...base]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Backtest: the time axis refitted with the \d+ facts known before 2024-12/);
    expect(stdout).toMatch(/^GPT-5: 50% time horizon +2025-08-07 +3\.5 h +[\d.]+ (min|h) +x[\d.]+ +no/m);
    expect(stdout).toMatch(/Computer and Mathematical: observed use/);
    const json = JSON.parse((await runCli(['--json', 'frontier', '--backtest', ...base])).stdout);
    expect(json.asOf).toBe('2024-12');
    expect(json.rows.filter((r: { known: boolean }) => !r.known).length).toBe(json.laterFacts);
  });

  it('writes the band, exposed, feasible and in-use columns to frontier.csv and frontier-detail.csv', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'frontier-csv-'));
    const { code } = await runCli(['export', '--format', 'csv', '--out', out, ...base]);
    expect(code).toBe(0);
    const frontier = parse(readFileSync(path.join(out, 'frontier.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(frontier[0]!)).toEqual(expect.arrayContaining(['dark_low', 'dark_high', 'grey_low', 'grey_high']));
    for (const row of frontier) {
      expect(Number(row.dark_low)).toBeLessThanOrEqual(Number(row.dark));
      expect(Number(row.dark_high)).toBeGreaterThanOrEqual(Number(row.dark));
    }
    const detail = parse(readFileSync(path.join(out, 'frontier-detail.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(detail[0]!)).toEqual(['level', 'code', 'title', 'employment', 'year', 'dark', 'white', 'grey', 'exposed', 'feasible', 'in_use', 'dark_low', 'dark_high', 'grey_low', 'grey_high']);
    expect(detail.filter((r) => r.level === 'group').every((r) => /^\d\d$/.test(r.code!))).toBe(true);
    const software = detail.filter((r) => r.code === '15-1252.00');
    expect(software).toHaveLength(21);
    expect(new Set(software.map((r) => r.exposed)).size).toBe(1);
    for (const r of software) {
      expect(Number(r.feasible)).toBeLessThanOrEqual(Number(r.exposed));
      expect(Number(r.in_use)).toBeLessThanOrEqual(Number(r.feasible));
      expect(Number(r.dark)).toBeLessThanOrEqual(Number(r.in_use));
    }
  });
});

const onet = path.join(SHARED_DATA, 'onet-29.1');
const xlsx = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
if (!existsSync(onet)) console.warn(`frontier-cli.test.ts: ${onet} is absent; skipping --explain on the full O*NET release.`);

describe.skipIf(!existsSync(onet))('frontier --explain on O*NET 29.1 (shared reference data)', () => {
  it('reads Software Developers\' chain from its 17 tasks, durations from Job Zone 4', async () => {
    const { code, stdout } = await runCli(['frontier', '--dataset', onet, '--oews', xlsx, '--explain', '15-1252.00', ...base]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^15-1252\.00 Software Developers: [\d,]+ workers, Job Zone 4/m);
    expect((stdout.match(/prior: Job Zone 4/g) ?? []).length).toBeGreaterThan(5);
    expect(stdout).toContain('Parameters and their sources');
  }, 120_000);
});
