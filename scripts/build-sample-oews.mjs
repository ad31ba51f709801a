#!/usr/bin/env node
// Regenerates datasets/sample/oews-2024.csv from the BLS OEWS national xlsx as BLS ships it
// (national_M2024_dl.xlsx). It keeps the cross-industry national rows for the total, the 22 major
// groups and the detailed SOC codes that datasets/sample/Occupation Data.txt uses, with values
// copied as they are: plain numbers, and BLS's special values (`*`, `**`, `#`) untouched.
//
//   node scripts/build-sample-oews.mjs path/to/national_M2024_dl.xlsx [--out file.csv]
//
// No data lives in this script: the codes come from the sample, the figures from the xlsx.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readXlsxFile from 'read-excel-file/node';
import { stringify } from 'csv-stringify/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE_DIR = path.join(ROOT, 'datasets', 'sample');
const COLUMNS = ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'A_MEAN', 'A_MEDIAN'];

function parseArgs(argv) {
  const args = { xlsx: undefined, out: path.join(SAMPLE_DIR, 'oews-2024.csv') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.out = path.resolve(argv[++i] ?? '');
    else args.xlsx = path.resolve(argv[i]);
  }
  if (!args.xlsx) {
    console.error('usage: node scripts/build-sample-oews.mjs path/to/national_M2024_dl.xlsx [--out file.csv]');
    process.exit(2);
  }
  return args;
}

/** SOC codes ("15-1252") of the sample's occupations, read from its O*NET-format occupation file. */
function sampleSocCodes() {
  const text = readFileSync(path.join(SAMPLE_DIR, 'Occupation Data.txt'), 'utf8');
  const codes = text.split(/\r?\n/).slice(1).filter(Boolean).map((line) => line.split('\t')[0].slice(0, 7));
  return new Set(codes);
}

/** A cell as BLS wrote it: integers without separators, special markers as text, blanks empty. */
function cell(value, column, occCode) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // BLS publishes counts and annual wages as whole numbers; anything else means the file changed shape.
    if (!Number.isInteger(value)) throw new Error(`${occCode} ${column}: expected a whole number, found ${value}`);
    return String(value);
  }
  return String(value).trim();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sheets = await readXlsxFile(args.xlsx);
  // The data sheet is the one whose header carries OCC_CODE; BLS adds description sheets after it.
  const sheet = sheets.find((s) => s.data[0]?.includes('OCC_CODE'));
  if (!sheet) throw new Error(`${args.xlsx}: no sheet with an OCC_CODE column`);
  const [header, ...rows] = sheet.data;
  const at = Object.fromEntries(header.map((name, index) => [String(name), index]));
  for (const column of [...COLUMNS, 'I_GROUP']) {
    if (at[column] === undefined) throw new Error(`${args.xlsx}: missing column ${column}`);
  }

  const wanted = sampleSocCodes();
  const found = new Set();
  const records = [];
  for (const row of rows) {
    // National files for May 2024 hold only cross-industry rows; filtering keeps the script safe on files that do not.
    if (row[at.I_GROUP] !== 'cross-industry') continue;
    const code = String(row[at.OCC_CODE]);
    const group = String(row[at.O_GROUP]);
    // Some codes appear twice, as a broad and a detailed row with equal figures; the sample wants the detailed one.
    const keep = group === 'total' || group === 'major' || (group === 'detailed' && wanted.has(code));
    if (!keep) continue;
    if (group === 'detailed') found.add(code);
    records.push(COLUMNS.map((column) => cell(row[at[column]], column, code)));
  }
  const missing = [...wanted].filter((code) => !found.has(code));
  if (missing.length > 0) throw new Error(`no detailed cross-industry row for sample SOC codes: ${missing.join(', ')}`);

  writeFileSync(args.out, stringify([COLUMNS, ...records]));
  console.error(`wrote ${records.length} rows (${found.size} detailed) to ${path.relative(process.cwd(), args.out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
