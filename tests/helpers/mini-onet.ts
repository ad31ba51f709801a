// A small O*NET text release written by the tests (made-up statements, real SOC layout) with what the
// "one set of numbers" tests need: two occupations sharing one SOC code (an odd number of workers to split),
// an occupation without tasks but with workers, a military one BLS does not survey, Emerging Tasks with an
// old ordinary task, a recent technology one and a revision, and an OEWS CSV and xlsx for the same codes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { minimalXlsx, type FixtureCell } from '../fixtures/oews/xlsx.js';

const OCCUPATIONS: [string, string][] = [
  ['15-1252.00', 'Software Developers'],
  ['43-9021.00', 'Data Entry Keyers'],
  ['43-9021.01', 'Data Entry Keyers, Remote'],
  ['47-2181.00', 'Roofers'],
  ['51-9199.00', 'Production Workers, All Other'],
  ['55-1011.00', 'Air Crew Officers'],
];

/** [code, task id, text, type]: 51-9199.00 and 55-1011.00 have none. */
export const MINI_TASKS: [string, string, string, 'Core' | 'Supplemental'][] = [
  ['15-1252.00', '101', 'Write and test code for new features of business applications.', 'Core'],
  ['15-1252.00', '102', 'Review requirements with users and document the agreed changes.', 'Core'],
  ['15-1252.00', '103', 'Estimate the time and cost of software projects.', 'Supplemental'],
  ['43-9021.00', '201', 'Enter customer records into databases from paper forms.', 'Core'],
  ['43-9021.00', '202', 'Compare entered data with source documents to find errors.', 'Core'],
  ['43-9021.01', '211', 'Key invoice data into accounting software from scanned images.', 'Core'],
  ['43-9021.01', '212', 'Report unreadable scans to the sending office.', 'Supplemental'],
  ['47-2181.00', '301', 'Install shingles on sloped roofs using nail guns.', 'Core'],
  ['47-2181.00', '302', 'Carry bundles of roofing materials up ladders.', 'Core'],
  ['47-2181.00', '303', 'Inspect roofs for leaks and damaged flashing.', 'Supplemental'],
];

/** Workers per SOC row; 43-9021 is odd so its split between two occupations must round. */
export const MINI_EMPLOYMENT: Record<string, number> = { '15-1252': 1_000, '43-9021': 301, '47-2181': 150, '51-9199': 77 };
export const MINI_WORKERS = Object.values(MINI_EMPLOYMENT).reduce((a, b) => a + b, 0);
/** Workers in occupations with tasks: all but 51-9199's (and 55-1011 has no row). */
export const MINI_WORKERS_WITH_TASKS = MINI_WORKERS - MINI_EMPLOYMENT['51-9199']!;

const WAGES: Record<string, number> = { '15-1252': 130_000, '43-9021': 40_000, '47-2181': 52_000, '51-9199': 45_000 };

function tsv(rows: string[][]): string {
  return rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
}

/** Writes the release into `dir` and returns its folder. */
export function writeMiniOnet(dir: string, options: { taskRatings?: boolean } = {}): string {
  const folder = path.join(dir, 'mini-onet');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'Occupation Data.txt'), tsv([['O*NET-SOC Code', 'Title', 'Description'], ...OCCUPATIONS.map(([c, t]) => [c, t, `${t}.`])]));
  const titles = new Map(OCCUPATIONS);
  writeFileSync(
    path.join(folder, 'Task Statements.txt'),
    tsv([
      ['O*NET-SOC Code', 'Title', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
      ...MINI_TASKS.map(([c, id, text, type]) => [c, titles.get(c)!, id, text, type, '20', '08/2023', 'Incumbent']),
    ]),
  );
  writeFileSync(
    path.join(folder, 'Emerging Tasks.txt'),
    tsv([
      ['O*NET-SOC Code', 'Task', 'Category', 'Original Task ID', 'Original Task', 'Date', 'Domain Source'],
      ['43-9021.00', 'Sort incoming mail by department.', 'New', 'n/a', 'n/a', '07/2012', 'Incumbent'],
      ['15-1252.00', 'Review code suggested by AI assistants before it is merged.', 'New', 'n/a', 'n/a', '08/2024', 'Incumbent'],
      ['47-2181.00', 'Inspect roofs for leaks, damaged flashing and rot.', 'Revision', '303', 'Inspect roofs for leaks and damaged flashing.', '08/2024', 'Incumbent'],
    ]),
  );
  if (options.taskRatings) {
    writeFileSync(
      path.join(folder, 'Task Ratings.txt'),
      tsv([
        ['O*NET-SOC Code', 'Task ID', 'Scale ID', 'Category', 'Data Value', 'N', 'Standard Error', 'Lower CI Bound', 'Upper CI Bound', 'Recommend Suppress', 'Date', 'Domain Source'],
        ...MINI_TASKS.map(([c, id], i) => [c, id, 'IM', 'n/a', (1 + (i % 5)).toFixed(2), '20', '0.1', 'n/a', 'n/a', 'N', '08/2023', 'Incumbent']),
      ]),
    );
  }
  return folder;
}

function oewsRows(): FixtureCell[][] {
  return [
    ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'A_MEAN', 'A_MEDIAN'],
    ['00-0000', 'All Occupations', 'total', MINI_WORKERS, 60_000, 50_000],
    ...Object.entries(MINI_EMPLOYMENT).map(([soc, employment]): FixtureCell[] => [soc, `Occupation ${soc}`, 'detailed', employment, WAGES[soc]!, WAGES[soc]! - 1_000]),
  ];
}

/** The same employment as a BLS-style CSV (for --oews FILE). */
export function writeMiniOews(dir: string): string {
  const file = path.join(dir, 'mini-oews.csv');
  writeFileSync(file, oewsRows().map((row) => row.join(',')).join('\n') + '\n');
  return file;
}

/** The same employment as BLS ships it for `datasets fetch oews --year 2024 --url`: a zip holding the xlsx. */
export function writeMiniOewsZip(dir: string): string {
  const file = path.join(dir, 'oesm24nat.zip');
  writeFileSync(file, zipSync({ 'oesm24nat/national_M2024_dl.xlsx': minimalXlsx([{ name: 'All May 2024 data', rows: oewsRows() }]) }));
  return file;
}

/** A label-set style table over the same codes and ids, with task 202 reworded: its scores must not reach the release. */
export function writeMiniLabelTable(dir: string): string {
  const file = path.join(dir, 'labels.tsv');
  const titles = new Map(OCCUPATIONS);
  const rows = MINI_TASKS.map(([c, id, text, type]) => [c, titles.get(c)!, id, id === '202' ? 'Check keyed data against the original forms and correct any errors.' : text, type, 'E1']);
  writeFileSync(file, tsv([['O*NET-SOC Code', 'Title', 'Task ID', 'Task', 'Task Type', 'gpt4_exposure'], ...rows]));
  return file;
}

