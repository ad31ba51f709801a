// Issue 10 on the real data: O*NET 29.1, the GPTs-are-GPTs label set (same task ids, some texts differ) and
// BLS OEWS May 2024, through the CLI with the offline scorer. Skips, saying why, without ../shared/data.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SHARED_DATA } from './helpers/cli.js';

const ONET = path.join(SHARED_DATA, 'onet-29.1');
const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const OEWS = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
const haveData = [ONET, LABELS, OEWS].every((file) => existsSync(file));
if (!haveData) console.warn(`skipping the real-data "one set of numbers" tests: ${SHARED_DATA} (onet-29.1, gpts-are-gpts, oews) is absent`);

let dir: string;
const env = () => ({ AI_FRONTIER_HOME: path.join(dir, 'home'), SOURCE_DATE_EPOCH: '1767225600' });
const store = () => path.join(dir, 'scores.db');

async function ok(args: string[]) {
  const result = await runCli(args, { env: env(), cwd: dir });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

describe.skipIf(!haveData)('O*NET 29.1 with the label set in the same store', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-numbers-real-'));
  });

  it('scoring the label set into the store leaves the O*NET export byte-identical', async () => {
    await ok(['score', '--dataset', ONET, '--store', store()]);
    const exportTo = (name: string) => ok(['export', '--dataset', ONET, '--oews', OEWS, '--store', store(), '--out', path.join(dir, name)]);
    await exportTo('before');
    await ok(['score', '--dataset', LABELS, '--store', store()]);
    await exportTo('after');
    for (const file of readdirSync(path.join(dir, 'before'))) {
      expect(readFileSync(path.join(dir, 'after', file)).equals(readFileSync(path.join(dir, 'before', file))), file).toBe(true);
    }
  }, 120_000);

  it('every workforce total in the report reconciles to datasets info, the 93 occupations without tasks included', async () => {
    const info = JSON.parse((await ok(['--json', 'datasets', 'info', ONET, '--oews', OEWS])).stdout);
    expect(info.employment.covered).toBe(154_186_290);
    expect(info.occupationsWithoutTasks).toBe(93);
    const withoutTasks = info.occupationsWithoutTasksEmployment as number;
    const groups = parse(readFileSync(path.join(dir, 'before', 'groups.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const total = groups.find((g) => g.major_group === 'total')!;
    expect(Number(total.employment)).toBe(info.employment.covered);
    expect(Number(total.without_tasks_employment)).toBe(withoutTasks);
    expect(Number(total.employment_covered) + withoutTasks).toBe(info.employment.covered);
    const report = JSON.parse(readFileSync(path.join(dir, 'before', 'report.json'), 'utf8'));
    // The frontier starts from the estimated present: white and dark jobs together are the covered workforce.
    const base = report.frontier.years[0];
    expect(Math.round(base.whiteJobs + base.darkJobs)).toBe(Number(total.employment_covered));
    const html = readFileSync(path.join(dir, 'before', 'report.html'), 'utf8');
    const count = (n: number) => n.toLocaleString('en-US');
    expect(html).toContain(`of which in 93 occupations without task data (in no figure)</th><td>${count(withoutTasks)}</td>`);
    expect(html).toContain(`${count(Number(total.employment_covered))} in the 923 occupations with scored tasks (1 of them without employment) + ${count(withoutTasks)} in 93 occupations without task data = ${count(info.employment.covered)}`);
  }, 60_000);

  it('new-work examples: technology-related and recent first, counts reconciled with datasets info', async () => {
    const frontier = await ok(['frontier', '--no-chart', '--dataset', ONET, '--oews', OEWS, '--store', store()]);
    expect(frontier.stdout).toContain('194 tasks new to their occupation in O*NET 29.1 Emerging Tasks, naming a technology and most recent first (its 46 revisions of existing tasks are not new work)');
    const examples = frontier.stdout.split('\n').filter((line) => line.startsWith('  - '));
    expect(examples[0]).toBe('  - Construct and manage economic datasets. [19-3011.00, 2024]');
    expect(frontier.stdout).not.toContain('Review and approve payroll for employees.');
    const info = await ok(['datasets', 'info', ONET]);
    expect(info.stdout).toMatch(/^emerging {6}240 rows: 194 tasks new to their occupation \(the examples of new work\), 46 revisions of existing tasks$/m);
    expect(info.stdout).toMatch(/^major groups 22 of the 22 civilian SOC groups, and 55 Military Specific \(not surveyed by BLS OEWS\)$/m);
    expect(info.stdout).toMatch(/O\*NET 29\.1 text release {2}\(/);
    expect(frontier.stdout).toMatch(/Note: [\d,]+ of [\d,]+ exposed tasks have no duration from the scorer and use the prior/);
  }, 60_000);
});
