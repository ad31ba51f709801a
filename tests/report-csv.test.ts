// The CSV and JSON reports as a user meets them: files in a folder that a spreadsheet or a script
// reads back to the figures of the analysis, with nothing a spreadsheet would execute, and an export
// that either writes every file or leaves the folder as it was.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';
import type { Analysis } from '../src/analysis/types.js';
import { UsageError } from '../src/errors.js';
import { exportReports, parseFormats } from '../src/report/export.js';
import { csvTables, type Cell } from '../src/report/tables.js';
import { sampleAnalysis, TRICKY_NEW_WORK, TRICKY_TEXTS } from './helpers/report-fixture.js';

const CSV_FILES = ['tasks.csv', 'occupations.csv', 'groups.csv', 'frontier.csv', 'frontier-detail.csv', 'new-work.csv'];

let analysis: Analysis;
let outDir: string;

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-report-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Strict RFC 4180 read: CRLF record ends only, UTF-8, a header row. */
function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(outDir, file), 'utf8'), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

/** What a cell should read back as: empty for missing, the number's text, or the text with a leading ' when it could run as a formula. */
function expectedCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

beforeAll(async () => {
  analysis = await sampleAnalysis();
  outDir = tempDir();
  await exportReports(analysis, { outDir, formats: ['csv', 'json'] });
});

describe('CSV reports', () => {
  it('writes every CSV file, and nothing else, for the csv and json formats', () => {
    expect(readdirSync(outDir).sort()).toEqual([...CSV_FILES, 'report.json'].sort());
  });

  it('round-trips every table through csv-parse to the same cells', () => {
    const tables = csvTables(analysis);
    for (const file of CSV_FILES) {
      const table = tables[file]!;
      const records = readCsv(file);
      expect(Object.keys(records[0]!), file).toEqual(table.header);
      expect(records.length, file).toBe(table.rows.length);
      records.forEach((record, r) => {
        table.header.forEach((column, c) => expect(record[column], `${file} row ${r + 1} ${column}`).toBe(expectedCell(table.rows[r]![c])));
      });
    }
  });

  it('tasks.csv carries each task with its score, scorer, model and rubric version', () => {
    const records = readCsv('tasks.csv');
    expect(records).toHaveLength(analysis.tasks.length);
    const scored = analysis.tasks.find((t) => t.score?.exposure === 'E2')!;
    const row = records.find((r) => r.task_id === scored.task.id && r.occupation_code === scored.task.occupationCode)!;
    expect(row).toMatchObject({ exposure: 'E2', beta: '0.5', scorer: 'test', model: 'test-model', rubric_version: 'r1', occupation_title: scored.occupationTitle });
    expect(Number(row.horizon)).toBe(scored.score!.horizon);
    const unscored = analysis.tasks.find((t) => !t.score)!;
    const empty = records.find((r) => r.task_id === unscored.task.id)!;
    expect([empty.exposure, empty.beta, empty.scorer]).toEqual(['', '', '']);
  });

  // Shares are rounded to 4 decimal places in the CSVs, people and jobs to whole numbers (report.json keeps full precision).
  const share = (value: number | null) => (value === null ? null : Math.round(value * 1e4) / 1e4);

  it('occupations.csv and groups.csv read back to the aggregated figures', () => {
    const occupations = readCsv('occupations.csv');
    for (const o of analysis.occupations) {
      const row = occupations.find((r) => r.code === o.code)!;
      expect(row.title).toBe(o.title);
      expect(row.employment === '' ? null : Number(row.employment)).toBe(o.employment === null ? null : Math.round(o.employment));
      expect(row.beta === '' ? null : Number(row.beta)).toBe(share(o.beta));
    }
    const groups = readCsv('groups.csv');
    const total = groups.at(-1)!;
    expect(total.major_group).toBe('total');
    expect(Number(total.employment)).toBe(Math.round(analysis.workforce.employment));
    expect(Number(total.beta_exposed_50)).toBe(share(analysis.workforce.exposed.beta!.atLeast50));
    expect(groups.slice(0, -1).map((g) => g.major_group)).toEqual(analysis.groups.map((g) => g.majorGroup));
  });

  it('frontier.csv has one row per year with shares and jobs; negative net jobs stay numbers', () => {
    const records = readCsv('frontier.csv');
    expect(records.map((r) => Number(r.year))).toEqual(analysis.frontier.years.map((p) => p.year));
    records.forEach((r, i) => {
      const p = analysis.frontier.years[i]!;
      expect([r.dark, r.white, r.grey, r.net_jobs].map(Number)).toEqual([share(p.dark), share(p.white), share(p.grey), Math.round(p.netJobs)]);
    });
    const negative = records.filter((r) => Number(r.net_jobs) < 0);
    expect(negative.length).toBeGreaterThan(0);
    for (const r of negative) expect(r.net_jobs).toMatch(/^-\d/);
  });

  it('neutralises text cells that start with = + - @ tab or CR, keeping the text after the apostrophe', () => {
    const records = readCsv('tasks.csv');
    const formulaStarts = TRICKY_TEXTS.filter((t) => /^[=+\-@\t\r]/.test(t));
    expect(formulaStarts).toHaveLength(6);
    for (const text of formulaStarts) {
      expect(records.filter((r) => r.task === `'${text}`), JSON.stringify(text)).toHaveLength(1);
      expect(records.some((r) => r.task === text)).toBe(false);
    }
    const newWork = readCsv('new-work.csv').find((r) => r.source === TRICKY_NEW_WORK.source)!;
    expect(newWork.rationale).toBe(`'${TRICKY_NEW_WORK.rationale}`);
    expect(newWork.text).toBe(TRICKY_NEW_WORK.text);
  });

  it('keeps commas, quotes, line breaks and UTF-8 text intact, with CRLF record ends', () => {
    const raw = readFileSync(path.join(outDir, 'tasks.csv'));
    expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = raw.toString('utf8');
    expect(text.startsWith('task_id,occupation_code,')).toBe(true);
    expect(text.split('\r\n')[0]).not.toContain('\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"Comma, ""quoted"" words and\na line break"');
    const tasks = readCsv('tasks.csv').map((r) => r.task);
    for (const t of ['Comma, "quoted" words and\na line break', 'Café rota – plan shifts for the crème brûlée station']) {
      expect(tasks).toContain(t);
    }
  });
});

describe('JSON bundle', () => {
  it('holds the run parameters, data versions and results', () => {
    const bundle = JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8'));
    expect(bundle.tool).toEqual({ name: 'ai-frontier', version: 'test' });
    expect(bundle.generatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(bundle.dataset).toMatchObject({ name: 'sample', kind: 'onet', occupations: analysis.dataset.occupations });
    expect(bundle.dataset.join.rules.length).toBeGreaterThan(0);
    expect(bundle.dataset.join.matchedEmployment).toBe(analysis.dataset.join!.matchedEmployment);
    expect(bundle.params.frontier).toMatchObject({ baseYear: 2026, horizonYear: 2046, measure: 'beta' });
    expect(bundle.params.frontier.newWork.preset).toBe('acemoglu-restrepo-1987-2016');
    expect(bundle.params.frontier.newWork.citation).toContain('Acemoglu');
    expect(bundle.params.frontier.newWork.derivation).toContain('10 / 16');
    expect(bundle.workforce.exposed.beta.atLeast50).toBe(analysis.workforce.exposed.beta!.atLeast50);
    expect(bundle.frontier.years).toEqual(analysis.frontier.years);
    expect(bundle.tasks).toHaveLength(analysis.tasks.length);
    expect(bundle.tasks.find((t: { text: string }) => t.text === TRICKY_TEXTS[6])).toBeTruthy();
  });
});

describe('export is all or nothing', () => {
  it('fails when --out is a file, writing nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'keep me');
    await expect(exportReports(analysis, { outDir: file, formats: ['csv', 'json', 'html'] })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('fails when one target is a folder, leaving earlier files as they were and no temporary files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tasks.csv'), 'previous export');
    mkdirSync(path.join(dir, 'report.html'));
    writeFileSync(path.join(dir, 'report.html', 'inside.txt'), 'x');
    await expect(exportReports(analysis, { outDir: dir, formats: ['csv', 'json', 'html'] })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'tasks.csv']);
    expect(readFileSync(path.join(dir, 'tasks.csv'), 'utf8')).toBe('previous export');
  });

  it('replaces earlier files on success and reports what it wrote', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'frontier.csv'), 'old');
    const result = await exportReports(analysis, { outDir: path.join(dir), formats: ['csv'] });
    expect(result.files.map((f) => path.basename(f.path))).toEqual(CSV_FILES);
    for (const f of result.files) expect(readFileSync(f.path).byteLength).toBe(f.bytes);
    expect(readFileSync(path.join(dir, 'frontier.csv'), 'utf8')).toMatch(/^year,dark,/);
    expect(readdirSync(dir).sort()).toEqual([...CSV_FILES].sort());
  });
});

describe('an analysis with no scores and no employment', () => {
  it('still exports every format, with empty cells and n/a rather than errors', async () => {
    const dir = tempDir();
    const bare: Analysis = analyze({
      dataset: { name: 'bare', kind: 'table', source: 'inline', occupations: [{ code: '15-1252.00', soc: '15-1252', majorGroup: '15', title: 'Software Developers' }], tasks: [{ id: '1', occupationCode: '15-1252.00', text: 'Write code.', type: null }], emergingTasks: [], files: [] },
      scores: [],
      scorer: 'none',
      frontier: { baseYear: 2026 },
      toolVersion: 'test',
    });
    await exportReports(bare, { outDir: dir, formats: ['csv', 'json', 'html'] });
    const occupations = parse(readFileSync(path.join(dir, 'occupations.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(occupations[0]).toMatchObject({ code: '15-1252.00', beta: '', employment: '' });
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('n/a');
  });
});

describe('parseFormats', () => {
  it('reads a comma list in any order and case, without repeats', () => {
    expect(parseFormats('html, CSV,json,csv')).toEqual(['csv', 'json', 'html']);
    expect(parseFormats('json')).toEqual(['json']);
  });

  it('rejects unknown or empty formats with a usage error naming the choices', () => {
    expect(() => parseFormats('csv,xlsx')).toThrow(UsageError);
    expect(() => parseFormats('csv,xlsx')).toThrow(/"xlsx".*csv, json, html/);
    expect(() => parseFormats(' , ')).toThrow(UsageError);
  });
});
