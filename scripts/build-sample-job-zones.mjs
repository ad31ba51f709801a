#!/usr/bin/env node
// Regenerates datasets/sample/Job Zones.txt from an O*NET text release's Job Zones.txt: the Job Zone (1..5, the
// preparation an occupation needs) of each occupation in datasets/sample/Occupation Data.txt, the rows copied as
// O*NET ships them. The frontier's task-duration prior reads the Job Zone (calibration/frontier-facts.json).
//
//   node scripts/build-sample-job-zones.mjs "path/to/db_29_1_text/Job Zones.txt" [--out file.txt]
//
// No data lives in this script: the codes come from the sample, the zones from the release.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE_DIR = path.join(ROOT, 'datasets', 'sample');

const args = process.argv.slice(2);
const source = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const out = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]) : path.join(SAMPLE_DIR, 'Job Zones.txt');
if (!source) {
  console.error('usage: node scripts/build-sample-job-zones.mjs "path/to/Job Zones.txt" [--out file.txt]');
  process.exit(2);
}

const lines = (file) => readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
const codes = lines(path.join(SAMPLE_DIR, 'Occupation Data.txt')).slice(1).map((line) => line.split('\t')[0]);
const [header, ...rows] = lines(path.resolve(source));
const byCode = new Map(rows.map((row) => [row.split('\t')[0], row]));
const missing = codes.filter((code) => !byCode.has(code));
if (missing.length) {
  console.error(`${source}: no Job Zone for ${missing.join(', ')}`);
  process.exit(1);
}
writeFileSync(out, [header, ...codes.map((code) => byCode.get(code))].map((line) => `${line}\r\n`).join(''));
console.error(`wrote ${codes.length} Job Zones to ${out}`);
