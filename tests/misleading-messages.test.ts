// Files and servers taken for what they are: a workbook is not bad UTF-8, the OEWS file itself is not a
// wrong zip, a server without a Batch API is not an "unexpected error". (NUL bytes, UTF-16 text and a folder
// where Task Statements.txt goes are in the malformed corpus, tests/fixtures/malformed.)
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchDataset } from '../src/data/fetch.js';
import { appPaths } from '../src/data/paths.js';
import { loadOews } from '../src/data/oews.js';
import { runCli, SHARED_DATA } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';
import { minimalXlsx } from './fixtures/oews/xlsx.js';

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-msg-'));
const OEWS_XLSX = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
const OEWS_CSV = path.join(SHARED_DATA, 'oews', 'national_May2021_dl.csv');

/** A small OEWS national workbook, as BLS lays it out. */
function oewsWorkbook(): Uint8Array {
  return minimalXlsx([
    {
      name: 'national_M2024_dl',
      rows: [
        ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'A_MEAN', 'A_MEDIAN'],
        ['00-0000', 'All Occupations', 'total', 1000, 60000, 50000],
        ['15-1252', 'Software Developers', 'detailed', 40, 130000, 120000],
      ],
    },
  ]);
}

function write(name: string, content: Uint8Array | string): string {
  const file = path.join(scratch(), name);
  writeFileSync(file, content);
  return file;
}

describe('a workbook or an employment table given as the dataset', () => {
  it('the OEWS xlsx as --dataset: named as a workbook, with --oews as the way to use it', async () => {
    const file = existsSync(OEWS_XLSX) ? OEWS_XLSX : write('national_M2024_dl.xlsx', oewsWorkbook());
    for (const args of [['datasets', 'info', file], ['score', '--dataset', file, '--dry-run']]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`ai-frontier: ${file}: is an Excel workbook (xlsx), not a task table`);
      expect(result.stderr).toContain('If this is the BLS OEWS employment file, pass it with --oews');
      expect(result.stderr).not.toMatch(/UTF-8/);
    }
  });

  it('the OEWS CSV as --dataset: named as the employment table', async () => {
    const file = existsSync(OEWS_CSV) ? OEWS_CSV : write('oews.csv', 'OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP\n00-0000,All Occupations,total,1000\n');
    const result = await runCli(['datasets', 'info', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:1: is the BLS OEWS employment table (OCC_CODE, TOT_EMP), not a task table: pass it with --oews`);
  });

  it('the xlsx renamed .zip: not an O*NET release, said so', async () => {
    const file = write('release.zip', oewsWorkbook());
    const result = await runCli(['datasets', 'info', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: is an Excel workbook (xlsx), not an O*NET text release`);
  });
});

describe('datasets fetch oews --url given the xlsx itself', () => {
  it('keeps the workbook as the fetched OEWS file, and --oews 2024 then finds it', async () => {
    const home = scratch();
    const file = write('national_M2024_dl.xlsx', oewsWorkbook());
    const entry = await fetchDataset({ kind: 'oews', year: 2024, url: file, paths: appPaths({ AI_FRONTIER_HOME: home }) });
    expect(path.basename(entry.path)).toBe('national_M2024_dl.xlsx');
    expect((await loadOews(entry.path)).records.length).toBe(2);
    // Only the folder with the workbook: no temporary file, and no archive, since the workbook is its own.
    expect(readdirSync(path.join(home, 'cache'))).toEqual(['oews-2024']);
    const info = await runCli(['datasets', 'info', 'sample', '--oews', '2024'], { env: { AI_FRONTIER_HOME: home } });
    expect(info.code, info.stderr).toBe(0);
  });

  it('a workbook that is not the OEWS table: named for what it is, nothing kept', async () => {
    const home = scratch();
    const file = write('budget.xlsx', minimalXlsx([{ name: 'Budget', rows: [['Item', 'Cost'], ['Paper', 12]] }]));
    const paths = appPaths({ AI_FRONTIER_HOME: home });
    await expect(fetchDataset({ kind: 'oews', url: file, paths })).rejects.toThrow(`${file} is an Excel workbook but not the OEWS national file: `);
    expect(existsSync(path.join(paths.cache, 'oews-2024'))).toBe(false);
  });

  it('a workbook for onet: not a zip of the release, said so', async () => {
    const file = write('national_M2024_dl.xlsx', oewsWorkbook());
    await expect(fetchDataset({ kind: 'onet', url: file, paths: appPaths({ AI_FRONTIER_HOME: scratch() }) })).rejects.toThrow(
      `${file} is an Excel workbook (xlsx), not a zip archive: expected the O*NET 29.1 text release`,
    );
  });
});

describe('--batch-api against a server that has no Batch API', () => {
  let server: FakeLlmServer;
  afterEach(async () => server?.close());

  it('says so and what to do, exit 1, and leaves no request file behind', async () => {
    server = await startFakeLlmServer();
    const dir = scratch();
    const result = await runCli(['score', '--base-url', server.baseURL, '--model', server.model, '--store', path.join(dir, 'scores.db'), '--limit', '5', '--batch-api'], {
      env: { OPENAI_API_KEY: server.apiKey },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ai-frontier: ${server.baseURL} has no Batch API (uploading the requests answered HTTP 404`);
    expect(result.stderr).toContain('drop --batch-api to score this endpoint request by request');
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(readdirSync(path.join(dir, 'batches'))).toEqual([]);
  });
});
