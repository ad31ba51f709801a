// The GPTs-are-GPTs headline form (share of workers in occupations with at least 10% / 50% of tasks
// exposed), from the published labels and BLS employment, printed for the README beside the paper's figures.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SHARED_DATA, tempHome } from './helpers/cli.js';

const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts', 'full_labelset.tsv');
const OEWS = {
  2021: path.join(SHARED_DATA, 'oews', 'national_May2021_dl.csv'),
  2024: path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx'),
};
const haveData = existsSync(LABELS) && existsSync(OEWS[2021]) && existsSync(OEWS[2024]);
if (!haveData) console.warn(`skipping the paper headline test: ${SHARED_DATA} is absent`);

describe.skipIf(!haveData)('workers in occupations with >= 10% / >= 50% of tasks exposed (beta)', () => {
  const env = { AI_FRONTIER_HOME: tempHome() };
  const store = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-paper-')), 'scores.db');

  beforeAll(async () => {
    for (const [name, column] of [['gpt4', 'gpt4_exposure'], ['human', 'human_exposure_agg']] as const) {
      const result = await runCli(['scores', 'import', LABELS, '--name', name, '--column', column, '--store', store], { env });
      expect(result.code, result.stderr).toBe(0);
    }
  });

  async function shares(scorer: string, year: 2021 | 2024) {
    const result = await runCli(['--json', 'frontier', '--dataset', LABELS, '--scorer', scorer, '--oews', OEWS[year], '--store', store], { env });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout).headline.workersExposed.beta as { atLeast10: number; atLeast50: number };
  }

  it.each([
    ['gpt4', 2021],
    ['gpt4', 2024],
    ['human', 2021],
    ['human', 2024],
  ] as const)('%s labels with BLS May %i employment', async (scorer, year) => {
    const beta = await shares(scorer, year);
    console.log(`${scorer} x OEWS ${year}: ${(beta.atLeast10 * 100).toFixed(1)}% of workers >= 10% exposed, ${(beta.atLeast50 * 100).toFixed(1)}% >= 50%`);
    // The paper: about 80% and 19%. Published labels with a different employment year land near it.
    expect(beta.atLeast10).toBeGreaterThan(0.74);
    expect(beta.atLeast10).toBeLessThan(0.88);
    expect(beta.atLeast50).toBeGreaterThan(0.15);
    expect(beta.atLeast50).toBeLessThan(0.33);
  });
});
