import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadOews, topWageForYear, yearFromName } from '../src/data/oews.js';
import type { Problem } from '../src/data/problems.js';
import type { OewsRecord, OewsTable } from '../src/data/types.js';
import { OEWS_BAD_CASES } from './fixtures/oews/cases.js';
import { minimalXlsx } from './fixtures/oews/xlsx.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '../shared/data');
const XLSX_2024 = path.join(SHARED, 'oews', 'national_M2024_dl.xlsx');
const CSV_2021 = path.join(SHARED, 'oews', 'national_May2021_dl.csv');
const HAVE_SHARED = existsSync(XLSX_2024) && existsSync(CSV_2021);
if (!HAVE_SHARED) console.warn(`oews.test: ${SHARED} is absent; skipping the tests on the real BLS files`);

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'oews-')), name);
  writeFileSync(file, content);
  return file;
}

function bySoc(table: OewsTable, soc: string, level?: OewsRecord['level']): OewsRecord {
  const record = table.records.find((r) => r.soc === soc && (!level || r.level === level));
  if (!record) throw new Error(`no row ${soc}`);
  return record;
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe.skipIf(!HAVE_SHARED)('real BLS OEWS files', () => {
  it('reads the May 2024 xlsx as BLS ships it, every level kept', async () => {
    const table = await loadOews(XLSX_2024);
    expect(table.year).toBe(2024);
    expect(table.source).toBe(XLSX_2024);
    const levels = new Set(table.records.map((r) => r.level));
    expect([...levels].sort()).toEqual(['broad', 'detailed', 'major', 'minor', 'total']);
    const total = bySoc(table, '00-0000');
    expect(total).toMatchObject({ level: 'total', title: 'All Occupations', employment: 154_187_380 });
    // Major groups partition the total.
    const majors = table.records.filter((r) => r.level === 'major').reduce((s, r) => s + (r.employment ?? 0), 0);
    expect(majors).toBe(total.employment);
  });

  it('reads the May 2021 CSV (BOM, quoted thousands) into the same shape', async () => {
    const [csv, xlsx] = await Promise.all([loadOews(CSV_2021), loadOews(XLSX_2024)]);
    expect(csv.year).toBe(2021);
    expect(bySoc(csv, '00-0000').employment).toBe(140_886_310);
    expect(Object.keys(csv.records[0]!).sort()).toEqual(Object.keys(xlsx.records[0]!).sort());
    for (const table of [csv, xlsx]) {
      for (const r of table.records) {
        expect(r.soc).toMatch(/^\d{2}-\d{4}$/);
        expect(r.employment === null || Number.isInteger(r.employment)).toBe(true);
      }
    }
    const levelCounts = (t: OewsTable) => t.records.reduce<Record<string, number>>((c, r) => ({ ...c, [r.level]: (c[r.level] ?? 0) + 1 }), {});
    expect(Object.keys(levelCounts(csv)).sort()).toEqual(Object.keys(levelCounts(xlsx)).sort());
    expect(bySoc(csv, '15-1252').title).toBe(bySoc(xlsx, '15-1252').title);
  });

  it('keeps # wages as the top value of their year, marked top-coded, and * as null', async () => {
    const [csv, xlsx] = await Promise.all([loadOews(CSV_2021), loadOews(XLSX_2024)]);
    // Oral and maxillofacial surgeons: median above the top value in both years.
    expect(bySoc(xlsx, '29-1022')).toMatchObject({ medianWage: 239_200, wageTopCoded: true });
    expect(bySoc(csv, '29-1022')).toMatchObject({ medianWage: 208_000, wageTopCoded: true });
    expect(bySoc(xlsx, '29-1022').meanWage).toBeGreaterThan(239_200);
    // Actors: paid by the hour, so BLS gives no annual wage.
    for (const table of [csv, xlsx]) {
      expect(bySoc(table, '27-2011')).toMatchObject({ meanWage: null, medianWage: null, wageTopCoded: false });
      expect(bySoc(table, '27-2011').employment).toBeGreaterThan(0);
    }
    expect(xlsx.records.filter((r) => r.wageTopCoded).every((r) => r.medianWage === 239_200 || r.meanWage === 239_200)).toBe(true);
  });

  it('lists both the broad and the detailed row where BLS publishes a group only as an aggregate', async () => {
    const table = await loadOews(XLSX_2024);
    const rows = table.records.filter((r) => r.soc === '13-1020');
    expect(rows.map((r) => r.level).sort()).toEqual(['broad', 'detailed']);
    expect(rows[0]!.employment).toBe(rows[1]!.employment);
  });
});

const HEADER = 'OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_MEAN,A_MEDIAN';

describe('special values and forms', () => {
  it('reads *, ** and # and thousands separators from a CSV with a BOM', async () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        '00-0000,All Occupations,total,"1,234,560","60,000","50,000"',
        '11-1011,Chief Executives,detailed,"2,000",#,#',
        '27-2011,Actors,detailed,300,*,*',
        '45-2099,"Agricultural Workers, All Other",detailed,**,**,"31,000"',
      ].join('\r\n') +
      '\r\n';
    const table = await loadOews(tempFile('national_M2023_dl.csv', csv));
    expect(table.year).toBe(2023);
    expect(table.records).toEqual([
      { soc: '00-0000', title: 'All Occupations', level: 'total', employment: 1_234_560, meanWage: 60_000, medianWage: 50_000, wageTopCoded: false },
      { soc: '11-1011', title: 'Chief Executives', level: 'detailed', employment: 2000, meanWage: 239_200, medianWage: 239_200, wageTopCoded: true },
      { soc: '27-2011', title: 'Actors', level: 'detailed', employment: 300, meanWage: null, medianWage: null, wageTopCoded: false },
      { soc: '45-2099', title: 'Agricultural Workers, All Other', level: 'detailed', employment: null, meanWage: null, medianWage: 31_000, wageTopCoded: false },
    ]);
  });

  it('finds lower-case columns in any order and tells the level from the code when O_GROUP is absent', async () => {
    const csv = ['tot_emp,occ_title,occ_code', '500,Computer Occupations,15-1200', '100,Software Developers,15-1252', ''].join('\n');
    const table = await loadOews(tempFile('extract.csv', csv));
    expect(table.year).toBeUndefined();
    expect(table.records.map((r) => [r.soc, r.level, r.employment, r.meanWage])).toEqual([
      ['15-1200', 'minor', 500, null],
      ['15-1252', 'detailed', 100, null],
    ]);
  });

  it('reads an xlsx with numeric cells, lower-case headers and a notes sheet giving the top wage', async () => {
    const xlsx = minimalXlsx([
      {
        name: 'national_M2030_dl',
        rows: [
          ['area', 'occ_code', 'occ_title', 'o_group', 'tot_emp', 'a_mean', 'a_median'],
          [99, '00-0000', 'All Occupations', 'total', 1000, 55000.5, 48000],
          [99, '29-1022', 'Surgeons', 'detailed', 10, 300000, '#'],
          [null, null, null, null, null, null, null],
          [99, '27-2011', 'Actors', 'detailed', 20, '*', '*'],
        ],
      },
      { name: 'Field Descriptions', rows: [['May 2030 OEWS Estimates'], ['#  = indicates a wage equal to or greater than $150.00 per hour or $312,000 per year']] },
    ]);
    const table = await loadOews(tempFile('oews.xlsx', xlsx));
    expect(table.year).toBe(2030);
    expect(table.records).toEqual([
      { soc: '00-0000', title: 'All Occupations', level: 'total', employment: 1000, meanWage: 55000.5, medianWage: 48000, wageTopCoded: false },
      { soc: '29-1022', title: 'Surgeons', level: 'detailed', employment: 10, meanWage: 300000, medianWage: 312_000, wageTopCoded: true },
      { soc: '27-2011', title: 'Actors', level: 'detailed', employment: 20, meanWage: null, medianWage: null, wageTopCoded: false },
    ]);
  });

  it('names the sheet row and the column letter of a bad xlsx cell', async () => {
    const xlsx = minimalXlsx([
      {
        name: 'data',
        rows: [
          ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP'],
          ['00-0000', 'All Occupations', 'total', 1000],
          ['15-1252', 'Software Developers', 'detailed', 'lots'],
        ],
      },
    ]);
    const message = await messageOf(loadOews(tempFile('bad.xlsx', xlsx)));
    expect(message).toMatch(/bad\.xlsx:3:4: employment "lots" in TOT_EMP \(column 4, D\) is not a number/);
  });

  it('collects every bad row when asked, keeping the good ones', async () => {
    const csv = [HEADER, '00-0000,All,total,100,1,1', '1-1,Bad code,detailed,1,1,1', '15-1252,Dev,detailed,x,1,1', '15-1253,Test,detailed,5,1,1'].join('\n');
    const problems: Problem[] = [];
    const table = await loadOews(tempFile('many.csv', csv), { problems });
    expect(problems.map((p) => [p.line, p.column, p.severity])).toEqual([
      [3, 1, 'error'],
      [4, 4, 'error'],
    ]);
    expect(table.records.map((r) => r.soc)).toEqual(['00-0000', '15-1253']);
  });

  it('tells the year from BLS file names and picks the top wage for it', () => {
    expect(yearFromName('/x/national_M2024_dl.xlsx')).toBe(2024);
    expect(yearFromName('national_May2021_dl.csv')).toBe(2021);
    expect(yearFromName('oesm23nat/national_M2023_dl.xlsx')).toBe(2023);
    expect(yearFromName('oesm22nat.zip')).toBe(2022);
    expect(yearFromName('employment.csv')).toBeUndefined();
    expect(topWageForYear(2021)).toBe(208_000);
    expect(topWageForYear(2022)).toBe(239_200);
    expect(topWageForYear(2024)).toBe(239_200);
  });
});

describe('malformed input', () => {
  for (const fixture of OEWS_BAD_CASES) {
    it(`rejects ${fixture.name} with file, line and column`, async () => {
      expect(await messageOf(loadOews(fixture.path))).toMatch(fixture.expectMessage);
    });
  }

  it('reports a missing file as input, not a crash', async () => {
    expect(await messageOf(loadOews(path.join(os.tmpdir(), 'no-such-oews.xlsx')))).toMatch(/file not found: expected a BLS OEWS national table/);
  });

  it('reports a zip that is not a workbook', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const file = tempFile('archive.xlsx', zipSync({ 'readme.txt': strToU8('hello') }));
    expect(await messageOf(loadOews(file))).toMatch(/archive\.xlsx: file is a zip but not a readable xlsx workbook/);
  });
});
