#!/usr/bin/env node
// Regenerates datasets/gpts-are-gpts-excerpt/labels.tsv, the labelled tasks `ai-frontier check` uses by default,
// from the GPTs-are-GPTs label set (full_labelset.tsv, MIT, copyright OpenAI) and the committed offline model:
// whole occupations the model never trained on (neither the occupation nor any of its statements), spread over
// the SOC major groups (src/score/check/excerpt.ts), at most 600 tasks. Rows are copied byte for byte, in the
// file's order, under its header. Run it again after retraining the offline model: tests/check-excerpt.test.ts
// fails while the excerpt holds a task the model trained on.
//
//   npm run build && node scripts/build-check-excerpt.mjs [path/to/full_labelset.tsv] [--model models/offline-v4.json] [--out folder]
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { excerptOccupations } from '../dist/score/check/excerpt.js';
import { EXCERPT_MAX_TASKS, EXCERPT_SEED } from '../dist/score/check/bundled.js';
import { readLabelSet } from '../dist/score/labels.js';
import { DEFAULT_MODEL_PATH, readModelFile } from '../dist/score/offline/model.js';
import { isHeldOutTask, trainingSample } from '../dist/score/offline/seen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'datasets', 'gpts-are-gpts-excerpt');

function parseArgs(argv) {
  const args = { labels: path.join(ROOT, '..', 'shared', 'data', 'gpts-are-gpts', 'full_labelset.tsv'), model: DEFAULT_MODEL_PATH, out: OUT_DIR };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') args.model = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--out') args.out = path.resolve(argv[++i] ?? '');
    else args.labels = path.resolve(argv[i]);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const modelFile = readModelFile(args.model);
const seen = trainingSample(modelFile);
if (!seen) {
  console.error(`${args.model} does not record its training sample, so held-out tasks cannot be told apart`);
  process.exit(1);
}
const set = await readLabelSet(args.labels);
const byOccupation = new Map();
for (const row of set.scores) byOccupation.set(row.occupationCode, [...(byOccupation.get(row.occupationCode) ?? []), row]);
// An occupation qualifies only when every one of its statements is held out too.
const heldOut = [...byOccupation].filter(([, rows]) => rows.every((row) => isHeldOutTask(seen, { occupationCode: row.occupationCode, text: row.task })));
const codes = new Set(excerptOccupations(heldOut.map(([code, rows]) => ({ code, tasks: rows.length })), { maxTasks: EXCERPT_MAX_TASKS, seed: EXCERPT_SEED }));

const lines = readFileSync(args.labels, 'utf8').split('\n');
const kept = set.scores.filter((row) => codes.has(row.occupationCode));
const text = [lines[0], ...kept.map((row) => lines[row.line - 1])].join('\n') + '\n';
mkdirSync(args.out, { recursive: true });
const out = path.join(args.out, 'labels.tsv');
writeFileSync(`${out}.tmp`, text);
renameSync(`${out}.tmp`, out);
copyFileSync(path.join(path.dirname(args.labels), 'LICENSE'), path.join(args.out, 'LICENSE'));

const groups = new Set(kept.map((row) => row.occupationCode.slice(0, 2)));
const labels = Object.fromEntries(['E0', 'E1', 'E2'].map((e) => [e, kept.filter((row) => row.exposure === e).length]));
console.log(
  `${out}: ${kept.length} tasks of ${codes.size} occupations in ${groups.size} major groups, ` +
    `held out from ${modelFile.name} (${heldOut.length} of ${byOccupation.size} occupations qualify); GPT-4 labels ${JSON.stringify(labels)}`,
);
