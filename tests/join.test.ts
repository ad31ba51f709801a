import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOIN_RULES, joinEmployment } from '../src/data/join.js';
import { loadOews } from '../src/data/oews.js';
import { loadOnet } from '../src/data/onet.js';
import type { Dataset, Occupation, OewsRecord, OewsTable } from '../src/data/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '../shared/data');
const ONET = path.join(SHARED, 'onet-29.1');
const XLSX_2024 = path.join(SHARED, 'oews', 'national_M2024_dl.xlsx');
const HAVE_SHARED = existsSync(ONET) && existsSync(XLSX_2024);
if (!HAVE_SHARED) console.warn(`join.test: ${SHARED} is absent; skipping the join of the real O*NET and OEWS files`);

function occupation(code: string, title = `Occupation ${code}`): Occupation {
  const soc = code.slice(0, 7);
  return { code, soc, majorGroup: soc.slice(0, 2), title };
}

function row(soc: string, level: OewsRecord['level'], employment: number | null, wage = 50_000): OewsRecord {
  return { soc, title: `Row ${soc}`, level, employment, meanWage: wage + 1000, medianWage: wage, wageTopCoded: false };
}

const table: OewsTable = {
  source: 'oews-test.csv',
  year: 2024,
  records: [
    row('00-0000', 'total', 10_000),
    row('11-1011', 'detailed', 1000, 200_000),
    // BLS publishes buyers only as an aggregate, at both levels.
    row('13-1020', 'broad', 900, 70_000),
    row('13-1020', 'detailed', 900, 70_000),
    row('15-1250', 'broad', 1000, 100_000),
    row('15-1252', 'detailed', 600, 120_000),
    row('15-1253', 'detailed', 400, 95_000),
    // The minor group holding 29-12xx is 29-1000, not 29-1200; the broad physicians group is suppressed.
    row('29-1000', 'minor', 2000, 110_000),
    row('29-1210', 'broad', null),
    row('29-1211', 'detailed', 800, 300_000),
    row('29-1215', 'detailed', 1200, 250_000),
    row('45-2099', 'detailed', null),
    row('47-4090', 'broad', 100),
    row('47-4091', 'detailed', 100),
    row('53-7062', 'detailed', 500),
    // Rounded to the nearest 10 row by row, a group can exceed the sum of its detailed rows.
    row('53-1040', 'broad', 110),
    row('53-1041', 'detailed', 50),
    row('53-1047', 'detailed', 50),
  ],
};

const dataset: Dataset = {
  name: 'test',
  kind: 'table',
  source: 'test',
  occupations: [
    occupation('11-1011.00', 'Chief Executives'),
    occupation('11-1011.03', 'Chief Sustainability Officers'),
    occupation('13-1021.00'),
    occupation('13-1022.00'),
    occupation('13-1023.00'),
    occupation('15-1252.00'),
    occupation('15-1255.00', 'Web and Digital Interface Designers'),
    occupation('29-1211.00'),
    occupation('29-1218.00'),
    occupation('45-2099.00', 'Agricultural Workers, All Other'),
    occupation('47-4091.00'),
    occupation('47-4099.00'),
    occupation('53-1041.00'),
    occupation('53-1042.00'),
    { ...occupation('55-1011.00', 'Air Crew Officers'), employment: 7, medianWage: 1 },
  ],
  tasks: [],
  emergingTasks: [],
  files: [],
};

const find = (d: Dataset, code: string): Occupation => d.occupations.find((o) => o.code === code)!;

describe('joinEmployment on a small table', () => {
  const before = structuredClone(dataset);
  const joined = joinEmployment(dataset, table);
  const report = joined.join!;

  it('leaves the input dataset as it was', () => {
    expect(dataset).toEqual(before);
    expect(joined).not.toBe(dataset);
  });

  it('splits a SOC code shared by several O*NET occupations equally, each with the row wages', () => {
    expect(find(joined, '11-1011.00')).toMatchObject({ employment: 500, medianWage: 200_000, meanWage: 201_000 });
    expect(find(joined, '11-1011.03')).toMatchObject({ employment: 500, medianWage: 200_000 });
    expect(find(joined, '15-1252.00')).toMatchObject({ employment: 600, medianWage: 120_000 });
  });

  it('gives occupations without a detailed row the residual of their broad group', () => {
    // 13-1020 has no detailed rows of its own: all 900 split three ways.
    for (const code of ['13-1021.00', '13-1022.00', '13-1023.00']) {
      expect(find(joined, code)).toMatchObject({ employment: 300, medianWage: 70_000 });
    }
    // 15-1250 holds 1000; 15-1252's 600 are already attributed, so web designers get the other 400
    // (the workers of 15-1253, which no occupation in this dataset maps to).
    expect(find(joined, '15-1255.00')).toMatchObject({ employment: 400, medianWage: 100_000 });
    expect(report.viaBroaderGroup).toContainEqual({ code: '15-1255.00', oewsSoc: '15-1250' });
    expect(report.viaBroaderGroup).toContainEqual({ code: '13-1022.00', oewsSoc: '13-1020' });
  });

  it('never gives more than the detailed rows nobody took, whatever the group total says', () => {
    expect(find(joined, '53-1042.00').employment).toBe(50);
  });

  it('falls back to the minor group when the broad group has no employment', () => {
    expect(find(joined, '29-1218.00')).toMatchObject({ employment: 1200, medianWage: 110_000 });
    expect(report.viaBroaderGroup).toContainEqual({ code: '29-1218.00', oewsSoc: '29-1000' });
  });

  it('lists unmatched occupations with the reason, and clears stale figures', () => {
    const reasons = Object.fromEntries(report.unmatchedCodes.map((u) => [u.code, u.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['45-2099.00', '47-4099.00', '55-1011.00']);
    expect(reasons['45-2099.00']).toMatch(/no employment \(\*\*\) for SOC 45-2099/);
    expect(reasons['55-1011.00']).toMatch(/no OEWS row for SOC 55-1011/);
    expect(reasons['47-4099.00']).toMatch(/broader group 47-4090 are all attributed/);
    expect(report.unmatchedCodes.find((u) => u.code === '45-2099.00')?.title).toBe('Agricultural Workers, All Other');
    const stale = find(joined, '55-1011.00');
    expect(stale.employment).toBeUndefined();
    expect(stale.medianWage).toBeUndefined();
  });

  it('reports totals that add up and never exceed the OEWS total', () => {
    const attributed = joined.occupations.reduce((sum, o) => sum + (o.employment ?? 0), 0);
    expect(report.matchedEmployment).toBeCloseTo(attributed, 6);
    expect(report.matchedEmployment).toBe(500 * 2 + 900 + 600 + 400 + 800 + 1200 + 100 + 50 + 50);
    expect(report.oewsDetailedEmployment).toBe(1000 + 900 + 600 + 400 + 800 + 1200 + 100 + 500 + 50 + 50);
    expect(report.matchedEmployment).toBeLessThanOrEqual(10_000);
    expect(report.matchedOccupations).toBe(12);
    expect(report.oewsSource).toBe('oews-test.csv');
    expect(report.rules).toEqual(JOIN_RULES);
  });

  it('lists detailed rows nobody took, but not those inside a residual that was given out', () => {
    expect(report.unclaimedOewsCodes).toEqual([{ soc: '53-7062', title: 'Row 53-7062', employment: 500 }]);
  });

  it('gives the same result when joined again', () => {
    expect(joinEmployment(joined, table)).toEqual(joined);
  });
});

describe.skipIf(!HAVE_SHARED)('O*NET 29.1 joined to OEWS May 2024', () => {
  it('attributes most OEWS workers, none twice, and says what it could not place', async () => {
    const [onet, oews] = await Promise.all([loadOnet(ONET), loadOews(XLSX_2024)]);
    expect(onet.occupations).toHaveLength(1016);
    const joined = joinEmployment(onet, oews);
    const report = joined.join!;
    const total = oews.records.find((r) => r.soc === '00-0000')!.employment!;

    expect(report.matchedEmployment).toBeLessThanOrEqual(report.oewsDetailedEmployment);
    expect(report.oewsDetailedEmployment).toBeLessThanOrEqual(total);
    expect(report.matchedEmployment / report.oewsDetailedEmployment).toBeGreaterThan(0.95);
    const attributed = joined.occupations.reduce((sum, o) => sum + (o.employment ?? 0), 0);
    expect(attributed).toBeCloseTo(report.matchedEmployment, 0);

    // Every occupation is either matched or listed, never both.
    const unmatched = new Set(report.unmatchedCodes.map((u) => u.code));
    for (const o of joined.occupations) expect(o.employment !== undefined).toBe(!unmatched.has(o.code));
    expect(report.matchedOccupations + unmatched.size).toBe(1016);

    // Chief executives and chief sustainability officers share 11-1011.
    const ceo = oews.records.find((r) => r.soc === '11-1011' && r.level === 'detailed')!.employment!;
    expect(find(joined, '11-1011.00').employment).toBe(ceo / 2);
    expect(find(joined, '11-1011.03').employment).toBe(ceo / 2);

    const share = ((100 * report.matchedEmployment) / report.oewsDetailedEmployment).toFixed(2);
    console.log(
      `O*NET 29.1 x OEWS May 2024: matched ${Math.round(report.matchedEmployment).toLocaleString('en-US')} of ` +
        `${report.oewsDetailedEmployment.toLocaleString('en-US')} detailed (${share}%), ${report.matchedOccupations} occupations, ` +
        `${report.viaBroaderGroup.length} via a broader group, ${report.unmatchedCodes.length} unmatched, ` +
        `${report.unclaimedOewsCodes.length} OEWS rows unclaimed\n` +
        report.unmatchedCodes.slice(0, 8).map((u) => `  ${u.code} ${u.title}: ${u.reason}`).join('\n') +
        '\n' +
        report.unclaimedOewsCodes.slice(0, 8).map((u) => `  unclaimed ${u.soc} ${u.title} ${u.employment}`).join('\n') +
        '\n' +
        report.viaBroaderGroup.slice(0, 40).map((v) => `${v.code}->${v.oewsSoc}`).join(' '),
    );
  });
});
