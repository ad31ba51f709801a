// The parsed-dataset cache: a second run reads one file and gets exactly what parsing gives; a changed
// source, a damaged cache file or another version of the loaders is noticed and the entry rebuilt; two
// processes building it at once both succeed; --no-cache and `datasets cache clear` do what they say.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheAt, type DatasetCache } from '../src/data/cache.js';
import { appPaths } from '../src/data/paths.js';
import { register } from '../src/data/registry.js';
import { resolveDataset } from '../src/data/resolve.js';
import type { Dataset } from '../src/data/types.js';
import { ensureBuilt } from './global-setup.js';
import { BIN, REPO_ROOT, runCli, SHARED_DATA, spawnCli, tempHome } from './helpers/cli.js';

const SMALL_RELEASE = path.join(REPO_ROOT, 'tests/fixtures/onet-small/with-title');
const SMALL_TABLE = path.join(REPO_ROOT, 'tests/fixtures/onet-small/tasks.csv');
const LABELS = path.join(SHARED_DATA, 'gpts-are-gpts/full_labelset.tsv');
const OEWS_XLSX = path.join(SHARED_DATA, 'oews/national_M2024_dl.xlsx');
const hasShared = existsSync(LABELS) && existsSync(OEWS_XLSX);
if (!hasShared) console.warn(`skipping the label set + OEWS xlsx cache checks: ${SHARED_DATA} is absent (it is in CI)`);

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-cache-'));
}

/** A copy of the small O*NET release and a BLS-shaped OEWS CSV for it, in a folder the test may change. */
function sources(): { release: string; table: string; oews: string } {
  const dir = scratch();
  const release = path.join(dir, 'release');
  cpSync(SMALL_RELEASE, release, { recursive: true });
  const table = path.join(dir, 'tasks.csv');
  cpSync(SMALL_TABLE, table);
  const oews = path.join(dir, 'national_M2024_dl.csv');
  const codes = [...new Set(readFileSync(path.join(release, 'Occupation Data.txt'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split('\t')[0]!.slice(0, 7)))];
  writeFileSync(
    oews,
    ['OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_MEAN,A_MEDIAN', '00-0000,All Occupations,total,1000000,60000,50000', ...codes.map((c, i) => `${c},Occupation ${i},detailed,${(i + 1) * 1000},${50000 + i},${48000 + i}`)].join('\n'),
  );
  return { release, table, oews };
}

async function load(spec: string, cache: DatasetCache, oews?: string): Promise<Dataset> {
  return resolveDataset(spec, { env: { AI_FRONTIER_HOME: scratch() }, cwd: REPO_ROOT, oews, cache });
}

/** The dataset without what names it in the cache (a cache that is off names nothing). */
function withoutDigest(dataset: Dataset): Dataset {
  const { parsedDigest: _digest, ...rest } = dataset;
  return rest;
}

function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
}

describe('the parsed-dataset cache', () => {
  it('serves a second load from the cache with exactly what parsing gives, for releases, tables and joins', async () => {
    const { release, table, oews } = sources();
    const dir = scratch();
    for (const [spec, withOews] of [[release, oews], [release, undefined], [table, undefined], [table, oews]] as const) {
      const parsed = await load(spec, cacheAt(dir, { enabled: false }), withOews);
      const first = cacheAt(dir, { enabled: true });
      const built = await load(spec, first, withOews);
      const second = cacheAt(dir, { enabled: true });
      const cached = await load(spec, second, withOews);
      expect(second.outcomes.every((o) => o.outcome === 'hit'), `${spec} ${withOews ?? ''}`).toBe(true);
      expect(second.outcomes).toHaveLength(1);
      expect(withoutDigest(built)).toEqual(parsed);
      expect(withoutDigest(cached)).toEqual(parsed);
      expect(JSON.stringify(withoutDigest(cached))).toBe(JSON.stringify(parsed));
      // The digest names the parsed release or table, whether the joined dataset was built or read back.
      expect(parsed.parsedDigest).toBeUndefined();
      expect(cached.parsedDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(built.parsedDigest).toBe(cached.parsedDigest);
      if (spec === release) {
        // Everything the loaders read comes back, the Job Zones the frontier's duration prior uses among it.
        expect(cached.occupations.map((o) => [o.code, o.jobZone])).toEqual([['15-1252.00', 4], ['29-1141.00', 3], ['43-4051.00', undefined]]);
      }
    }
    // One entry per source and per join, never shared: release, table, OEWS table, and two joins.
    expect(cacheFiles(dir).map((n) => n.split('-')[0])).toEqual(['join', 'join', 'oews', 'onet', 'table']);
  });

  it('joins the OEWS file resolve picks by default (the newest fetched), another when a newer one is fetched, none with --oews none', async () => {
    const { release, oews } = sources();
    const home = scratch();
    const env = { AI_FRONTIER_HOME: home };
    const fetched = (year: number, file: string) =>
      register(
        { name: `oews-${year}`, kind: 'oews', path: file, version: String(year), source: file, fetchedAt: new Date().toISOString(), bytes: statSync(file).size, sha256: '0'.repeat(64) },
        appPaths(env),
      );
    const dir = scratch();
    const resolve = (oewsFlag?: string) => resolveDataset(release, { env, cwd: REPO_ROOT, oews: oewsFlag, cache: cacheAt(dir, { enabled: true }) });
    const employment = (d: Dataset) => d.occupations.map((o) => o.employment ?? null);

    fetched(2023, oews);
    const with2023 = await resolve();
    expect(with2023.join?.oewsSource).toBe(oews);
    expect(employment(await resolve())).toEqual(employment(with2023));

    // A newer survey fetched: the default moves to it, and the cache does not hand back the old join.
    const newer = path.join(path.dirname(oews), 'national_M2024_newer.csv');
    writeFileSync(newer, readFileSync(oews, 'utf8').replace(/,detailed,(\d+)000,/g, ',detailed,$1500,'));
    fetched(2024, newer);
    const with2024 = await resolve();
    expect(with2024.join?.oewsSource).toBe(newer);
    expect(employment(with2024)).not.toEqual(employment(with2023));
    expect(employment(with2024)).toEqual(employment(await resolveDataset(release, { env, cwd: REPO_ROOT, cache: cacheAt(scratch(), { enabled: false }) })));

    const none = await resolve('none');
    expect(none.join).toBeUndefined();
    expect(employment(none).every((e) => e === null)).toBe(true);
  });

  it('rebuilds when a source file changes, even only its modification time, and returns the new content', async () => {
    const { release, oews } = sources();
    const dir = scratch();
    await load(release, cacheAt(dir, { enabled: true }), oews);

    const tasksFile = path.join(release, 'Task Statements.txt');
    const text = readFileSync(tasksFile, 'utf8');
    const [header, first] = text.split('\r\n').map((line) => line.split('\t'));
    const [code, id, task] = ['O*NET-SOC Code', 'Task ID', 'Task'].map((name) => first![header!.indexOf(name)]!);
    const edited = text.replace(task!, 'Review the cache tests, changed in place.');
    writeFileSync(tasksFile, edited);
    const afterEdit = cacheAt(dir, { enabled: true });
    const changed = await load(release, afterEdit, oews);
    expect(afterEdit.outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(['onet built', 'oews hit', 'join built']);
    expect(changed.tasks.find((t) => t.occupationCode === code && t.id === id)!.text).toBe('Review the cache tests, changed in place.');

    utimesSync(oews, new Date(), new Date(Date.now() + 5_000));
    const afterTouch = cacheAt(dir, { enabled: true });
    expect(await load(release, afterTouch, oews)).toEqual(changed);
    expect(afterTouch.outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(['onet hit', 'oews built', 'join built']);

    const settled = cacheAt(dir, { enabled: true });
    expect(await load(release, settled, oews)).toEqual(changed);
    expect(settled.outcomes.map((o) => o.outcome)).toEqual(['hit']);
  });

  it('rebuilds when a file the release did not have appears beside the others', async () => {
    const { release } = sources();
    const dir = scratch();
    const before = await load(release, cacheAt(dir, { enabled: true }));
    const emerging = readFileSync(path.join(release, 'Emerging Tasks.txt'));
    const withoutEmerging = path.join(scratch(), 'release');
    cpSync(release, withoutEmerging, { recursive: true, filter: (src) => !src.endsWith('Emerging Tasks.txt') });
    const lacking = await load(withoutEmerging, cacheAt(dir, { enabled: true }));
    expect(lacking.emergingTasks).toEqual([]);
    writeFileSync(path.join(withoutEmerging, 'Emerging Tasks.txt'), emerging);
    const cache = cacheAt(dir, { enabled: true });
    const completed = await load(withoutEmerging, cache);
    expect(cache.outcomes.map((o) => o.outcome)).toEqual(['built']);
    expect(completed.emergingTasks).toEqual(before.emergingTasks);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['cut inside its header', (bytes: Buffer) => bytes.subarray(0, 40)],
    ['garbage', () => Buffer.from('\u0000\u0001not a cache file at all\n{]')],
    ['empty', () => Buffer.alloc(0)],
    ['from another format version', (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/"version":\d+,/, '"version":999,'))],
    ['from other loader code', (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/"loader":"[0-9a-f]+"/, '"loader":"0000000000000000"'))],
    // Still valid JSON of the same length: only the payload's checksum can tell.
    ['altered in its payload', (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace('"type":"Core"', '"type":"Cor3"'))],
  ])('detects a cache file that is %s and rebuilds it with the same result', async (_what, damage) => {
    const { table } = sources();
    const dir = scratch();
    const parsed = await load(table, cacheAt(dir, { enabled: true }));
    const [name] = cacheFiles(dir);
    const file = path.join(dir, name!);
    writeFileSync(file, damage(readFileSync(file)));

    const cache = cacheAt(dir, { enabled: true });
    expect(await load(table, cache)).toEqual(parsed);
    expect(cache.outcomes.map((o) => o.outcome)).toEqual(['built']);
    const again = cacheAt(dir, { enabled: true });
    expect(await load(table, again)).toEqual(parsed);
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['hit']);
  });

  it('a cache folder that cannot be written costs only the parse: the dataset still loads', async () => {
    const { table } = sources();
    const blocker = path.join(scratch(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const cache = cacheAt(path.join(blocker, 'parsed'), { enabled: true });
    const parsed = await load(table, cacheAt(scratch(), { enabled: false }));
    expect(withoutDigest(await load(table, cache))).toEqual(parsed);
    expect(withoutDigest(await load(table, cache))).toEqual(parsed);
    expect(cache.outcomes.map((o) => o.outcome)).toEqual(['built', 'built']);
  });

  it('with the cache switched off neither reads nor writes it', async () => {
    const { table } = sources();
    const dir = scratch();
    const off = cacheAt(dir, { enabled: false });
    await load(table, off);
    expect(off.outcomes.map((o) => o.outcome)).toEqual(['off']);
    expect(cacheFiles(dir)).toEqual([]);
  });
});

describe('the cache through the command line', () => {
  beforeAll(() => ensureBuilt());

  it.skipIf(!existsSync('/proc/self'))('a cache folder under /proc, where no folder can be made, costs only the parse: frontier ends and prints', () => {
    const run = spawnSync(process.execPath, [BIN, '--json', 'frontier'], {
      env: { PATH: process.env.PATH, AI_FRONTIER_HOME: '/proc/ai-frontier-home' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.signal, 'frontier hung and was killed').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).years.length).toBeGreaterThan(0);
  });

  it('--no-cache, a warm cache and a cold one print the same frontier; `datasets cache clear` empties it', async () => {
    const home = tempHome();
    const args = ['--json', 'frontier', '--dataset', 'sample', '--base-year', '2026'];
    const uncached = await runCli(['--no-cache', ...args], { env: { AI_FRONTIER_HOME: home } });
    expect(uncached.code).toBe(0);
    expect(cacheFiles(path.join(home, 'cache', 'parsed'))).toEqual([]);
    const cold = await runCli(args, { env: { AI_FRONTIER_HOME: home } });
    expect(cacheFiles(path.join(home, 'cache', 'parsed')).length).toBeGreaterThan(0);
    const warm = await runCli(args, { env: { AI_FRONTIER_HOME: home } });
    expect(cold.stdout).toBe(uncached.stdout);
    expect(warm.stdout).toBe(uncached.stdout);

    const cleared = await runCli(['--json', 'datasets', 'cache', 'clear'], { env: { AI_FRONTIER_HOME: home } });
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ dir: path.join(home, 'cache', 'parsed'), removed: 3 });
    expect(cacheFiles(path.join(home, 'cache', 'parsed'))).toEqual([]);
  });

  it('two processes building the same entries at once both succeed, and leave a whole cache behind', async () => {
    const home = tempHome();
    const { release, oews } = sources();
    const args = ['--json', 'datasets', 'info', release, '--oews', oews];
    const runs = await Promise.all([spawnCli(args, { env: { AI_FRONTIER_HOME: home } }), spawnCli(args, { env: { AI_FRONTIER_HOME: home } })]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    const dir = path.join(home, 'cache', 'parsed');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A third run reads what they left: the same answer, and no entry written again.
    const written = () => cacheFiles(dir).map((name) => `${name} ${statSync(path.join(dir, name)).mtimeMs}`);
    const before = written();
    expect(before).toHaveLength(3);
    const third = await spawnCli(args, { env: { AI_FRONTIER_HOME: home } });
    expect(third.stdout).toBe(runs[0]!.stdout);
    expect(written()).toEqual(before);
  });

  it.skipIf(!hasShared)('the label set with the OEWS 2024 xlsx gives the same frontier from a cold cache, a warm one and none', async () => {
    const home = tempHome();
    const imported = await spawnCli(['scores', 'import', LABELS, '--name', 'gpt4'], { env: { AI_FRONTIER_HOME: home } });
    expect(imported.code, imported.stderr).toBe(0);
    const args = ['--json', 'frontier', '--dataset', LABELS, '--oews', OEWS_XLSX, '--base-year', '2026'];
    const uncached = await spawnCli(['--no-cache', ...args], { env: { AI_FRONTIER_HOME: home } });
    const cold = await spawnCli(args, { env: { AI_FRONTIER_HOME: home } });
    const warm = await spawnCli(args, { env: { AI_FRONTIER_HOME: home } });
    expect(uncached.code, uncached.stderr).toBe(0);
    expect(JSON.parse(uncached.stdout).headline.workersExposed.beta.atLeast50).toBeCloseTo(0.2734, 4);
    expect(cold.stdout).toBe(uncached.stdout);
    expect(warm.stdout).toBe(uncached.stdout);
  });
});
