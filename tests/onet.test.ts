import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOnet } from '../src/data/onet.js';
import type { Problem } from '../src/data/problems.js';
import type { Dataset } from '../src/data/types.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHARED = path.resolve(REPO, '../shared/data');
const RELEASE = path.join(SHARED, 'onet-29.1');
const SMALL = path.join(REPO, 'tests/fixtures/onet-small');

if (!existsSync(RELEASE)) console.warn(`skipping O*NET 29.1 release tests: ${RELEASE} is absent (it is in CI)`);

function expectFullRelease(dataset: Dataset): void {
  expect(dataset.version).toBe('29.1');
  expect(dataset.name).toBe('onet-29.1');
  expect(dataset.kind).toBe('onet');
  expect(dataset.occupations).toHaveLength(1016);
  expect(dataset.tasks).toHaveLength(18796);
  expect(dataset.emergingTasks).toHaveLength(240);
  expect(dataset.occupations.filter((o) => o.jobZone !== undefined)).toHaveLength(923);
  expect(Object.keys(dataset.workActivities ?? {}).length).toBeGreaterThan(2000);

  const ceo = dataset.occupations.find((o) => o.code === '11-1011.00')!;
  expect(ceo).toMatchObject({ soc: '11-1011', majorGroup: '11', title: 'Chief Executives', jobZone: 5 });
  expect(ceo.alternateTitleCount).toBeGreaterThan(10);
  expect(dataset.occupations.reduce((sum, o) => sum + (o.alternateTitleCount ?? 0), 0)).toBe(55120);

  const task = dataset.tasks.find((t) => t.id === '8823')!;
  expect(task).toMatchObject({ occupationCode: '11-1011.00', type: 'Core' });
  expect(task.dwaIds!.every((id) => dataset.workActivities![id] !== undefined)).toBe(true);
  // Unquoted format: a `"` in task text is text, not a field delimiter.
  expect(dataset.tasks.find((t) => t.id === '15287')!.text).toBe('Conduct "head counts" to help predict the outcome of upcoming votes.');
  expect(dataset.tasks.filter((t) => t.type === null).length).toBe(1157);
}

describe.skipIf(!existsSync(RELEASE))('O*NET 29.1 release (shared reference data)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'onet-zip-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads occupations, tasks, emerging tasks, job zones and DWAs from the folder, with no problems', async () => {
    const problems: Problem[] = [];
    const started = performance.now();
    const before = process.memoryUsage().heapUsed;
    const dataset = await loadOnet(RELEASE, { problems });
    const ms = performance.now() - started;
    console.log(
      `O*NET 29.1 folder loaded in ${ms.toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(0)} MB`,
    );
    expect(problems).toEqual([]);
    expectFullRelease(dataset);
    expect(dataset.files.map((f) => path.basename(f))).toContain('Alternate Titles.txt');
  });

  it('loads the same from the official zip form (files under db_29_1_text/)', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const name of readdirSync(RELEASE)) entries[`db_29_1_text/${name}`] = readFileSync(path.join(RELEASE, name));
    const zip = path.join(tmp, 'db_29_1_text.zip');
    writeFileSync(zip, zipSync(entries));
    const dataset = await loadOnet(zip);
    expectFullRelease(dataset);
    expect(dataset.source).toBe(zip);
    expect(dataset.files[0]).toBe(`${zip}!/db_29_1_text/Occupation Data.txt`);
  });
});

describe('small hand-made releases', () => {
  it('finds columns by name when Task Statements has a Title column, and reads every optional file', async () => {
    const problems: Problem[] = [];
    const dataset = await loadOnet(path.join(SMALL, 'with-title'), { problems });
    expect(dataset.version).toBe('99.1');
    expect(dataset.tasks.map((t) => [t.id, t.occupationCode, t.type])).toEqual([
      ['1001', '15-1252.00', 'Core'],
      ['1002', '15-1252.00', 'Supplemental'],
      ['1003', '29-1141.00', 'Core'],
      ['1004', '29-1141.00', null],
      ['1005', '43-4051.00', 'Core'],
    ]);
    expect(dataset.tasks[1]!.text).toBe('Review other developers\' changes for defects and "style" issues.');

    const [t1001, t1002, t1003] = dataset.tasks;
    expect(t1001!.importance).toBe(4.25);
    // FT: 10% in category 3, 20% in 4, 40% in 5, 20% in 6, 10% in 7 -> mean category 5.
    expect(t1001!.frequency).toBeCloseTo(5, 10);
    expect(t1002!.importance).toBe(3.1);
    expect(t1002!.frequency).toBeUndefined();
    // Rows with Recommend Suppress = Y are left out.
    expect(t1003!.importance).toBeUndefined();
    expect(t1003!.frequency).toBeUndefined();

    expect(t1001!.dwaIds).toEqual(['4.A.3.b.1.I01.D01', '4.A.3.b.1.I01.D02']);
    expect(dataset.workActivities!['4.A.3.b.1.I01.D01']).toEqual({ id: '4.A.3.b.1.I01.D01', title: 'Write computer programs.' });
    expect(dataset.emergingTasks).toEqual([
      { occupationCode: '15-1252.00', text: 'Check code suggested by AI assistants before it is merged.', category: 'New', date: '08/2024' },
      {
        occupationCode: '29-1141.00',
        text: 'Record patient symptoms in the electronic health record.',
        category: 'Revision',
        originalTaskId: '1003',
        date: '08/2024',
      },
    ]);
    expect(dataset.occupations.map((o) => [o.code, o.jobZone, o.alternateTitleCount, o.description !== undefined])).toEqual([
      ['15-1252.00', 4, 3, true],
      ['29-1141.00', 3, 1, true],
      ['43-4051.00', undefined, 0, false],
    ]);
    // A rating for a task the release lacks is a warning, not an error.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'warning', line: 15 });
    expect(problems[0]!.message).toMatch(/1 row refer to Task IDs not in the release, such as "9999"/);
  });

  it('loads a release without the Title column or any optional file', async () => {
    const dataset = await loadOnet(path.join(SMALL, 'without-title'));
    expect(dataset.name).toBe('without-title');
    expect(dataset.version).toBeUndefined();
    expect(dataset.occupations.map((o) => [o.code, o.soc, o.majorGroup, o.title])).toEqual([
      ['15-1252.00', '15-1252', '15', 'Software Developers'],
      ['29-1141.00', '29-1141', '29', 'Registered Nurses'],
      ['43-4051.00', '43-4051', '43', 'Customer Service Representatives'],
    ]);
    expect(dataset.tasks).toHaveLength(5);
    expect(dataset.tasks.every((t) => t.importance === undefined && t.dwaIds === undefined)).toBe(true);
    expect(dataset.emergingTasks).toEqual([]);
    expect(dataset.workActivities).toBeUndefined();
    expect(dataset.occupations[0]!.alternateTitleCount).toBeUndefined();
  });

  it('reads a zip made on a Mac (resource forks beside the files) and a folder that kept the top folder', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'onet-small-'));
    try {
      const source = path.join(SMALL, 'without-title');
      const entries: Record<string, Uint8Array> = {};
      for (const name of readdirSync(source)) {
        entries[`release/${name}`] = readFileSync(path.join(source, name));
        entries[`__MACOSX/release/._${name}`] = new Uint8Array([0, 5, 22, 7, 0xff]);
      }
      const zip = path.join(tmp, 'release.zip');
      writeFileSync(zip, zipSync(entries));
      const fromZip = await loadOnet(zip);
      expect(fromZip.tasks).toHaveLength(5);
      expect(fromZip.name).toBe('release.zip');

      cpSync(source, path.join(tmp, 'unzipped/db_29_1_text'), { recursive: true });
      const fromFolder = await loadOnet(path.join(tmp, 'unzipped'));
      expect(fromFolder.tasks).toHaveLength(5);
      expect(fromFolder.files[0]).toBe(path.join(tmp, 'unzipped/db_29_1_text/Occupation Data.txt'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('uses the name the caller gives', async () => {
    const dataset = await loadOnet(path.join(SMALL, 'without-title'), { name: 'mine' });
    expect(dataset.name).toBe('mine');
  });
});
