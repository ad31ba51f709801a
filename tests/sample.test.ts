// Checks the bundled sample dataset's shape on its own files, with no loader from src/ involved, so a
// broken sample shows up here rather than as a puzzling failure in every command's tests. The checks
// against the real O*NET and BLS files run when ../shared/data is present and skip otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(REPO, 'datasets', 'sample');
const SHARED = path.resolve(REPO, '../shared/data');
const ONET = path.join(SHARED, 'onet-29.1');
const XLSX = path.join(SHARED, 'oews', 'national_M2024_dl.xlsx');

const MAJOR_GROUPS = ['11', '13', '15', '17', '19', '21', '23', '25', '27', '29', '31', '33', '35', '37', '39', '41', '43', '45', '47', '49', '51', '53'];
const OCCUPATION_HEADER = ['O*NET-SOC Code', 'Title', 'Description'];
const TASK_HEADER = ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'];
const EMERGING_HEADER = ['O*NET-SOC Code', 'Task', 'Category', 'Original Task ID', 'Original Task', 'Date', 'Domain Source'];
const OEWS_HEADER = ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'A_MEAN', 'A_MEDIAN'];

/** An O*NET text file as rows of cells: tab-separated, no quoting (task text may hold `"`), every row the header's width. */
function readOnetFile(file: string): { header: string[]; rows: string[][] } {
  const records = parse(readFileSync(file, 'utf8'), { delimiter: '\t', quote: false, relax_column_count: false }) as string[][];
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

function readSampleOews(): Record<string, string>[] {
  return parse(readFileSync(path.join(SAMPLE, 'oews-2024.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
}

const occupations = readOnetFile(path.join(SAMPLE, 'Occupation Data.txt'));
const tasks = readOnetFile(path.join(SAMPLE, 'Task Statements.txt'));
const emerging = readOnetFile(path.join(SAMPLE, 'Emerging Tasks.txt'));
const sampleCodes = occupations.rows.map((row) => row[0] ?? '');
const sampleSoc = new Set(sampleCodes.map((code) => code.slice(0, 7)));

describe('bundled sample: O*NET-format files', () => {
  it('keeps O*NET headers and CRLF line ends on every line', () => {
    expect(occupations.header).toEqual(OCCUPATION_HEADER);
    expect(tasks.header).toEqual(TASK_HEADER);
    expect(emerging.header).toEqual(EMERGING_HEADER);
    for (const name of ['Occupation Data.txt', 'Task Statements.txt', 'Emerging Tasks.txt', 'Job Zones.txt']) {
      const text = readFileSync(path.join(SAMPLE, name), 'utf8');
      expect(text.endsWith('\r\n'), name).toBe(true);
      expect(text.split('\r\n').every((line) => !line.includes('\n')), `${name} has a bare LF`).toBe(true);
    }
  });

  it('has at least 40 distinct occupations covering all 22 SOC major groups, two or more each', () => {
    expect(occupations.rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(sampleCodes).size).toBe(sampleCodes.length);
    for (const code of sampleCodes) expect(code).toMatch(/^\d\d-\d{4}\.\d\d$/);
    for (const group of MAJOR_GROUPS) {
      expect(sampleCodes.filter((code) => code.startsWith(`${group}-`)).length, `major group ${group}`).toBeGreaterThanOrEqual(2);
    }
    for (const [code, title, description] of occupations.rows) {
      expect(title, code).not.toBe('');
      expect(description?.length ?? 0, `${code} description`).toBeGreaterThan(20);
    }
  });

  it('gives every occupation 6 to 12 tasks with unique IDs from 900001 up, marked as the sample', () => {
    const perOccupation = new Map<string, number>();
    for (const [code = ''] of tasks.rows) perOccupation.set(code, (perOccupation.get(code) ?? 0) + 1);
    expect([...perOccupation.keys()].sort()).toEqual([...sampleCodes].sort());
    for (const [code, count] of perOccupation) {
      expect(count, code).toBeGreaterThanOrEqual(6);
      expect(count, code).toBeLessThanOrEqual(12);
    }
    const ids = tasks.rows.map((row) => row[1] ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^\d+$/);
      expect(Number(id)).toBeGreaterThanOrEqual(900001);
    }
    for (const row of tasks.rows) expect(row.slice(4)).toEqual(['n/a', '11/2026', 'ai-frontier sample']);
    const texts = tasks.rows.map((row) => (row[2] ?? '').toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('mixes Core and Supplemental tasks, about 70% Core', () => {
    const types = tasks.rows.map((row) => row[3]);
    expect(new Set(types)).toEqual(new Set(['Core', 'Supplemental']));
    const coreShare = types.filter((type) => type === 'Core').length / types.length;
    expect(coreShare).toBeGreaterThan(0.6);
    expect(coreShare).toBeLessThan(0.8);
  });

  it('lists 15 to 30 new emerging tasks spread over several sample occupations', () => {
    expect(emerging.rows.length).toBeGreaterThanOrEqual(15);
    expect(emerging.rows.length).toBeLessThanOrEqual(30);
    for (const [code = '', text = '', ...rest] of emerging.rows) {
      expect(sampleCodes).toContain(code);
      expect(text.length).toBeGreaterThan(20);
      expect(rest).toEqual(['New', 'n/a', 'n/a', '11/2026', 'ai-frontier sample']);
    }
    expect(new Set(emerging.rows.map((row) => row[0])).size).toBeGreaterThanOrEqual(5);
  });
});

describe('bundled sample: BLS OEWS file', () => {
  const records = readSampleOews();

  it('has the total, the 22 major groups and one detailed row per sample SOC code', () => {
    const header = readFileSync(path.join(SAMPLE, 'oews-2024.csv'), 'utf8').split('\n')[0];
    expect(header).toBe(OEWS_HEADER.join(','));
    expect(records.filter((r) => r.O_GROUP === 'total').map((r) => r.OCC_CODE)).toEqual(['00-0000']);
    expect(records.filter((r) => r.O_GROUP === 'major').map((r) => r.OCC_CODE)).toEqual(MAJOR_GROUPS.map((g) => `${g}-0000`));
    const detailed = records.filter((r) => r.O_GROUP === 'detailed').map((r) => r.OCC_CODE);
    expect(detailed.length).toBe(records.length - 23);
    expect(new Set(detailed)).toEqual(sampleSoc);
    expect(detailed.length).toBe(sampleSoc.size);
  });

  it('writes numbers plainly and keeps only BLS special markers otherwise', () => {
    for (const record of records) {
      for (const column of ['TOT_EMP', 'A_MEAN', 'A_MEDIAN']) {
        expect(record[column], `${record.OCC_CODE} ${column}`).toMatch(/^(\d+|\*|\*\*|#)$/);
      }
    }
    const detailedEmployment = records.filter((r) => r.O_GROUP === 'detailed').reduce((sum, r) => sum + Number(r.TOT_EMP), 0);
    const total = Number(records.find((r) => r.OCC_CODE === '00-0000')?.TOT_EMP);
    expect(detailedEmployment).toBeGreaterThan(0);
    expect(detailedEmployment).toBeLessThan(total);
  });
});

if (!existsSync(SHARED)) {
  console.warn(`sample.test.ts: ${SHARED} is absent; skipping the checks against real O*NET 29.1 and BLS OEWS files.`);
}

describe.skipIf(!existsSync(SHARED))('bundled sample against the real O*NET 29.1 and BLS May 2024 files', () => {
  it('uses real O*NET 29.1 codes with their exact titles', () => {
    const onet = new Map(readOnetFile(path.join(ONET, 'Occupation Data.txt')).rows.map((row) => [row[0], row[1]]));
    for (const [code = '', title] of occupations.rows) expect(onet.get(code), code).toBe(title);
  });

  it('shares no task sentence or description with O*NET', () => {
    const onetSentences = new Set([
      ...readOnetFile(path.join(ONET, 'Task Statements.txt')).rows.map((row) => (row[2] ?? '').toLowerCase()),
      ...readOnetFile(path.join(ONET, 'Emerging Tasks.txt')).rows.map((row) => (row[1] ?? '').toLowerCase()),
      ...readOnetFile(path.join(ONET, 'Occupation Data.txt')).rows.map((row) => (row[2] ?? '').toLowerCase()),
    ]);
    expect(onetSentences.size).toBeGreaterThan(18_000);
    const copied = [
      ...tasks.rows.map((row) => row[2] ?? ''),
      ...emerging.rows.map((row) => row[1] ?? ''),
      ...occupations.rows.map((row) => row[2] ?? ''),
    ].filter((text) => onetSentences.has(text.toLowerCase()));
    expect(copied).toEqual([]);
  });

  it('copies every OEWS figure exactly from the BLS xlsx cross-industry rows', async () => {
    const sheets = await readXlsxFile(XLSX);
    const data = sheets.find((sheet) => sheet.data[0]?.includes('OCC_CODE'))?.data ?? [];
    const header = (data[0] ?? []).map(String);
    const at = (name: string) => header.indexOf(name);
    // Keyed by code and level: a few BLS codes appear twice, as a broad and a detailed row.
    const bls = new Map<string, string[]>();
    for (const row of data.slice(1)) {
      if (row[at('I_GROUP')] !== 'cross-industry') continue;
      const cells = OEWS_HEADER.map((name) => {
        const value = row[at(name)];
        return value === null || value === undefined ? '' : String(value);
      });
      bls.set(`${cells[0]}|${cells[2]}`, cells);
    }
    for (const record of readSampleOews()) {
      const key = `${record.OCC_CODE}|${record.O_GROUP}`;
      expect(OEWS_HEADER.map((name) => record[name]), key).toEqual(bls.get(key));
    }
  });

  it('has each occupation\'s Job Zone exactly as O*NET 29.1, reproduced byte for byte by its script', () => {
    const jobZones = path.join(ONET, 'Job Zones.txt');
    const onet = new Map(readOnetFile(jobZones).rows.map((row) => [row[0], row[1]]));
    const sample = readOnetFile(path.join(SAMPLE, 'Job Zones.txt'));
    expect(sample.rows.map((row) => row[0])).toEqual(sampleCodes);
    for (const [code = '', zone] of sample.rows) expect(zone, code).toBe(onet.get(code));
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-sample-')), 'Job Zones.txt');
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build-sample-job-zones.mjs'), jobZones, '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(SAMPLE, 'Job Zones.txt'), 'utf8'));
  });

  it('is reproduced byte for byte by scripts/build-sample-oews.mjs', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-sample-')), 'oews.csv');
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build-sample-oews.mjs'), XLSX, '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(SAMPLE, 'oews-2024.csv'), 'utf8'));
  });
});
