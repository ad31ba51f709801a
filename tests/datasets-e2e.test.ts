// The built binary, as a user runs it: the headline checks on the real O*NET and BLS files,
// and a fetch from a loopback server that then works as a dataset name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA, spawnCli, tempHome } from './helpers/cli.js';
import { closedPort, startServer, type TestServer } from './helpers/http-server.js';

const ONET = path.join(SHARED_DATA, 'onet-29.1');
const XLSX = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
const haveShared = existsSync(ONET) && existsSync(XLSX);
if (!haveShared) console.warn(`skipping real-data CLI tests: ${SHARED_DATA} is absent`);

describe('npx ai-frontier datasets (built CLI)', () => {
  it('info sample works on a fresh home with no network', async () => {
    const result = await spawnCli(['datasets', 'info', 'sample']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/occupations\s+48/);
    expect(result.stdout).toMatch(/major groups 22 of the 22 civilian SOC groups$/m);
    expect(result.stdout).toMatch(/covered\s+[\d,]+ of/);
  });

  it.skipIf(!haveShared)('info on O*NET 29.1 reports 1,016 occupations and 18,796 tasks', async () => {
    const result = await spawnCli(['datasets', 'info', ONET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/occupations\s+1,016\b/);
    expect(result.stdout).toMatch(/tasks\s+18,796\b/);
  });

  it.skipIf(!haveShared)('with the OEWS 2024 xlsx it reports employment covered and the unmatched codes', async () => {
    const result = await spawnCli(['datasets', 'info', ONET, '--oews', XLSX]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/covered\s+154,186,290 of 154,186,300 workers/);
    expect(result.stdout).toMatch(/unmatched\s+20 occupations/);
    expect(result.stdout).toContain('55-1011.00');
    const json = await spawnCli(['--json', 'datasets', 'info', ONET, '--oews', XLSX]);
    const summary = JSON.parse(json.stdout);
    expect(summary.employment.unmatched).toHaveLength(20);
  });
});

describe('datasets fetch then use by name (built CLI, loopback server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  it('fetches a release, lists it, and loads it as a dataset name', async () => {
    const occupations = 'O*NET-SOC Code\tTitle\tDescription\r\n15-1252.00\tSoftware Developers\tBuild software.\r\n';
    const tasks =
      'O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n' +
      '15-1252.00\t1\tWrite code for new features.\tCore\tn/a\t11/2026\tTest\r\n';
    const zip = zipSync({
      'db_29_1_text/Occupation Data.txt': strToU8(occupations),
      'db_29_1_text/Task Statements.txt': strToU8(tasks),
    });
    server.route('/db_29_1_text.zip', { body: zip });
    const home = tempHome();
    const url = server.url('/db_29_1_text.zip');
    const fetched = await spawnCli(['datasets', 'fetch', 'onet', '--url', url], { env: { AI_FRONTIER_HOME: home } });
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toBe('');

    const list = await spawnCli(['datasets', 'list'], { env: { AI_FRONTIER_HOME: home } });
    expect(list.stdout).toMatch(/onet-29\.1\s+fetched\s+onet\s+1\s+1/);
    const info = await spawnCli(['--json', 'datasets', 'info', 'onet-29.1'], { env: { AI_FRONTIER_HOME: home } });
    expect(JSON.parse(info.stdout)).toMatchObject({ occupations: 1, tasks: 1 });
    const cached = readdirSync(path.join(home, 'cache'));
    expect(cached.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(readFileSync(path.join(home, 'data', 'datasets.json'), 'utf8')).toContain('onet-29.1');
  });

  it('offline: one clear sentence and exit 1', async () => {
    const port = await closedPort();
    const result = await spawnCli(['datasets', 'fetch', 'onet', '--url', `http://127.0.0.1:${port}/db.zip`]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/could not download .*connection refused/);
  });
});
