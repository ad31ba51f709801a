// The GPTs-are-GPTs GPT-4 labels imported and exported on the label set's own tasks: occupations.csv
// gives every occupation's alpha, beta and zeta exactly as the paper's definitions compute them.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED_DATA, tempHome } from './helpers/cli.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const haveLabels = existsSync(LABELS);
if (!haveLabels) console.warn(`skipping the label export test: ${LABELS} is absent`);

/** alpha, beta, zeta per occupation straight from the file: E1 -> 1/1/1, E2 -> 0/0.5/1, E0 -> 0; Core weighs 2, else 1. */
function expectedFromFile(): Map<string, { alpha: number; beta: number; zeta: number }> {
  const rows = parse(readFileSync(LABELS, 'utf8'), { delimiter: '\t', quote: false, columns: true, relax_column_count: true }) as Record<string, string>[];
  const sums = new Map<string, { a: number; b: number; z: number; w: number }>();
  for (const row of rows) {
    const e = row.gpt4_exposure;
    const w = row['Task Type'] === 'Core' ? 2 : 1;
    const s = sums.get(row['O*NET-SOC Code']!) ?? { a: 0, b: 0, z: 0, w: 0 };
    s.a += w * (e === 'E1' ? 1 : 0);
    s.b += w * (e === 'E1' ? 1 : e === 'E2' ? 0.5 : 0);
    s.z += w * (e === 'E0' ? 0 : 1);
    s.w += w;
    sums.set(row['O*NET-SOC Code']!, s);
  }
  return new Map([...sums].map(([code, s]) => [code, { alpha: s.a / s.w, beta: s.b / s.w, zeta: s.z / s.w }]));
}

describe.skipIf(!haveLabels)('export with the imported GPT-4 labels', () => {
  it('writes occupations.csv with each of the 923 occupations exactly as defined', async () => {
    const env = { AI_FRONTIER_HOME: tempHome() };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-export-'));
    const store = path.join(dir, 'scores.db');
    const imported = await runCli(['scores', 'import', LABELS, '--name', 'gpt4', '--store', store], { env });
    expect(imported.code, imported.stderr).toBe(0);
    const out = path.join(dir, 'reports');
    const exported = await runCli(['export', '--dataset', LABELS, '--scorer', 'gpt4', '--store', store, '--format', 'csv', '--out', out], { env });
    expect(exported.code, exported.stderr).toBe(0);

    const occupations = parse(readFileSync(path.join(out, 'occupations.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const expected = expectedFromFile();
    expect(occupations).toHaveLength(923);
    // The CSV rounds shares to 4 decimal places (report.json keeps full precision): within half a unit of the 4th.
    const within = (cell: string | undefined, want: number) => expect(Math.abs(Number(cell) - want)).toBeLessThanOrEqual(0.5e-4 + 1e-12);
    for (const row of occupations) {
      const want = expected.get(row.code!)!;
      within(row.alpha, want.alpha);
      within(row.beta, want.beta);
      within(row.zeta, want.zeta);
    }
    // Untyped tasks (weight 1) are in the export as they are in the file.
    const tasks = parse(readFileSync(path.join(out, 'tasks.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(tasks).toHaveLength(19_265);
    expect(tasks.filter((t) => t.task_type === '').length).toBe(1_312);
  });
});
