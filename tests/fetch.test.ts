// `datasets fetch`: downloads from a loopback server into a temporary AI_FRONTIER_HOME, then checks what a
// user would see: the registered entry, the unpacked files, the messages when something goes wrong,
// and that nothing half-written is left in the cache.
import { createHash, pbkdf2, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerFetch } from '../src/cli/commands/fetch.js';
import { createOutput } from '../src/cli/output.js';
import type { ContextFactory } from '../src/cli/program.js';
import { FailureError, InputError, UsageError } from '../src/errors.js';
import { datasetSource, fetchDataset } from '../src/data/fetch.js';
import { appPaths, type AppPaths } from '../src/data/paths.js';
import { findRegistered, listRegistered, register, registryFile, type RegisteredDataset } from '../src/data/registry.js';
import { closedPort, startServer, type TestServer } from './helpers/http-server.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '../shared/data');
const ONET_DIR = path.join(SHARED, 'onet-29.1');
const OEWS_XLSX = path.join(SHARED, 'oews', 'national_M2024_dl.xlsx');
if (!existsSync(ONET_DIR)) console.warn(`skipping O*NET 29.1 fetch test: ${ONET_DIR} is absent`);
if (!existsSync(OEWS_XLSX)) console.warn(`skipping OEWS 2024 fetch test: ${OEWS_XLSX} is absent`);

const OCCUPATIONS = 'O*NET-SOC Code\tTitle\tDescription\r\n15-1252.00\tSoftware Developers\tResearch, design, and develop software.\r\n';
const TASKS =
  'O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n' +
  '15-1252.00\tSoftware Developers\t16363\tModify existing software to correct errors.\tCore\t42\t08/2023\tIncumbent\r\n';

function tinyOnetZip(extra: Uint8Array = strToU8('not unpacked\r\n')): Uint8Array {
  // A fixed time stamp: zip entries record one, and the same archive built a second later must be the same bytes.
  return zipSync(
    {
      'db_29_1_text/': {},
      'db_29_1_text/Occupation Data.txt': strToU8(OCCUPATIONS),
      'db_29_1_text/Task Statements.txt': strToU8(TASKS),
      'db_29_1_text/Abilities.txt': extra,
    },
    { mtime: new Date('2024-08-01T00:00:00Z') },
  );
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, relative, so tests can assert that nothing was left behind. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(folder, f)).isFile());
}

let home: string;
let paths: AppPaths;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'ai-frontier-fetch-'));
  paths = appPaths({ AI_FRONTIER_HOME: home });
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('appPaths', () => {
  it('puts cache, data and config under AI_FRONTIER_HOME', () => {
    expect(appPaths({ AI_FRONTIER_HOME: '/tmp/af' })).toEqual({
      cache: path.resolve('/tmp/af/cache'),
      data: path.resolve('/tmp/af/data'),
      config: path.resolve('/tmp/af/config'),
    });
  });

  it('uses the per-user folders named ai-frontier otherwise', () => {
    const p = appPaths({});
    for (const folder of [p.cache, p.data, p.config]) expect(folder).toMatch(/ai-frontier$/);
    expect(new Set([p.cache, p.data, p.config]).size).toBe(3);
  });
});

describe('datasetSource', () => {
  it('names the official O*NET and BLS addresses', () => {
    expect(datasetSource({ kind: 'onet' })).toMatchObject({
      name: 'onet-29.1',
      version: '29.1',
      url: 'https://www.onetcenter.org/dl_files/database/db_29_1_text.zip',
      official: true,
    });
    expect(datasetSource({ kind: 'onet', release: '28.3' }).url).toBe('https://www.onetcenter.org/dl_files/database/db_28_3_text.zip');
    expect(datasetSource({ kind: 'oews' })).toMatchObject({
      name: 'oews-2024',
      url: 'https://www.bls.gov/oes/special-requests/oesm24nat.zip',
    });
    expect(datasetSource({ kind: 'oews', year: 2023, url: 'http://mirror/x.zip' })).toMatchObject({
      name: 'oews-2023',
      url: 'http://mirror/x.zip',
      official: false,
    });
  });

  it('rejects a malformed release or year, or an option for the other kind', () => {
    expect(() => datasetSource({ kind: 'onet', release: 'latest' })).toThrow(UsageError);
    expect(() => datasetSource({ kind: 'oews', year: 24 })).toThrow(/four-digit survey year/);
    expect(() => datasetSource({ kind: 'onet', year: 2024 })).toThrow(/--year applies to oews/);
  });
});

describe('registry', () => {
  const entry = (name: string, version: string): RegisteredDataset => ({
    name,
    kind: 'onet',
    path: `/somewhere/${name}`,
    version,
    source: 'https://example.org/x.zip',
    fetchedAt: '2025-01-01T00:00:00.000Z',
    bytes: 10,
    sha256: 'a'.repeat(64),
  });

  it('is empty before anything is fetched', () => {
    expect(listRegistered(paths)).toEqual([]);
    expect(findRegistered('onet-29.1', paths)).toBeUndefined();
  });

  it('adds entries, replaces one with the same name, and leaves no temporary file', () => {
    register(entry('onet-29.1', '29.1'), paths);
    register(entry('onet-28.3', '28.3'), paths);
    register({ ...entry('onet-29.1', '29.1'), bytes: 99 }, paths);
    expect(listRegistered(paths).map((d) => d.name)).toEqual(['onet-28.3', 'onet-29.1']);
    expect(findRegistered('onet-29.1', paths)?.bytes).toBe(99);
    expect(readdirSync(paths.data)).toEqual(['datasets.json']);
  });

  it('reports a damaged registry file by name', () => {
    register(entry('onet-29.1', '29.1'), paths);
    writeFileSync(registryFile(paths), '{"version": 1, "datasets": [');
    expect(() => listRegistered(paths)).toThrow(InputError);
    expect(() => listRegistered(paths)).toThrow(/datasets\.json: not valid JSON/);
    writeFileSync(registryFile(paths), '{"version": 1, "datasets": [{"name": "x"}]}');
    expect(() => listRegistered(paths)).toThrow(/expected \{"version": 1, "datasets": \[\.\.\.\]\}.* at datasets\.0\.kind/);
  });
});

describe('fetchDataset', () => {
  it('downloads, verifies, unpacks and registers an O*NET release', async () => {
    // Incompressible filler makes the download big enough to arrive in several pieces.
    const zip = tinyOnetZip(randomBytes(400_000));
    server.route('/onet-tiny.zip', { body: zip, chunkSize: 16_384 });
    const progress: { received: number; total?: number }[] = [];
    const entry = await fetchDataset({ kind: 'onet', url: server.url('/onet-tiny.zip'), paths, onProgress: (p) => progress.push(p) });

    const folder = path.join(paths.cache, 'onet-29.1');
    expect(entry).toMatchObject({
      name: 'onet-29.1',
      kind: 'onet',
      version: '29.1',
      path: folder,
      source: server.url('/onet-tiny.zip'),
      bytes: zip.length,
      sha256: sha256(zip),
    });
    expect(Number.isNaN(Date.parse(entry.fetchedAt))).toBe(false);
    expect(findRegistered('onet-29.1', paths)).toEqual(entry);
    // Only the files the tool reads are unpacked; the archive itself is kept beside them.
    expect(readdirSync(folder).sort()).toEqual(['Occupation Data.txt', 'Task Statements.txt']);
    expect(readFileSync(path.join(folder, 'Task Statements.txt'), 'utf8')).toBe(TASKS);
    expect(sha256(readFileSync(path.join(paths.cache, 'onet-29.1.zip')))).toBe(entry.sha256);
    expect(filesUnder(paths.cache).filter((f) => f.startsWith('.'))).toEqual([]);

    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual({ received: 0, total: zip.length });
    expect(progress.at(-1)).toEqual({ received: zip.length, total: zip.length });
    const request = server.requests.findLast((r) => r.path === '/onet-tiny.zip');
    expect(request?.headers['user-agent']).toMatch(/^Mozilla\/5\.0 .*Chrome/);
    expect(request?.headers.accept).toContain('application/zip');
  });

  it('replaces an earlier fetch of the same release', async () => {
    server.route('/onet-tiny.zip', { body: tinyOnetZip() });
    await fetchDataset({ kind: 'onet', url: server.url('/onet-tiny.zip'), paths });
    const again = await fetchDataset({ kind: 'onet', url: server.url('/onet-tiny.zip'), paths });
    expect(listRegistered(paths)).toEqual([again]);
    expect(filesUnder(paths.cache).sort()).toEqual(
      [path.join('onet-29.1', 'Occupation Data.txt'), path.join('onet-29.1', 'Task Statements.txt'), 'onet-29.1.zip'].sort(),
    );
  });

  it('copies a local zip given as a path', async () => {
    const file = path.join(home, 'db_29_1_text.zip');
    writeFileSync(file, tinyOnetZip());
    const entry = await fetchDataset({ kind: 'onet', url: file, paths });
    expect(entry.source).toBe(file);
    expect(existsSync(path.join(entry.path, 'Occupation Data.txt'))).toBe(true);
  });

  it.skipIf(!existsSync(ONET_DIR))('fetches the real O*NET 29.1 release as O*NET zips it', async () => {
    const files: Zippable = {};
    for (const name of readdirSync(ONET_DIR)) files[`db_29_1_text/${name}`] = readFileSync(path.join(ONET_DIR, name));
    const zip = zipSync(files, { level: 1 });
    server.route('/dl_files/database/db_29_1_text.zip', { body: zip });
    const entry = await fetchDataset({ kind: 'onet', url: server.url('/dl_files/database/db_29_1_text.zip'), paths });
    expect(entry.sha256).toBe(sha256(zip));
    for (const name of readdirSync(ONET_DIR)) {
      expect(sha256(readFileSync(path.join(entry.path, name))), name).toBe(sha256(readFileSync(path.join(ONET_DIR, name))));
    }
    const occupations = readFileSync(path.join(entry.path, 'Occupation Data.txt'), 'utf8').trim().split('\r\n');
    expect(occupations.length - 1).toBe(1016);
  });

  it.skipIf(!existsSync(OEWS_XLSX))('fetches the BLS OEWS national zip and registers the xlsx', async () => {
    const xlsx = readFileSync(OEWS_XLSX);
    const zip = zipSync({ 'oesm24nat/field_descriptions.xlsx': strToU8('x'), 'oesm24nat/national_M2024_dl.xlsx': xlsx });
    server.route('/oes/special-requests/oesm24nat.zip', { body: zip });
    const entry = await fetchDataset({ kind: 'oews', url: server.url('/oes/special-requests/oesm24nat.zip'), paths });
    expect(entry).toMatchObject({ name: 'oews-2024', kind: 'oews', version: '2024' });
    expect(entry.path).toBe(path.join(paths.cache, 'oews-2024', 'national_M2024_dl.xlsx'));
    expect(sha256(readFileSync(entry.path))).toBe(sha256(xlsx));
    expect(readdirSync(path.dirname(entry.path))).toEqual(['national_M2024_dl.xlsx']);
  });

  it('finds the OEWS file for the year asked for', async () => {
    server.route('/oesm21nat.zip', { body: zipSync({ 'oesm21nat/national_M2021_dl.xlsx': strToU8('PK fake') }) });
    const entry = await fetchDataset({ kind: 'oews', year: 2021, url: server.url('/oesm21nat.zip'), paths });
    expect(entry.path).toBe(path.join(paths.cache, 'oews-2021', 'national_M2021_dl.xlsx'));
    await expect(fetchDataset({ kind: 'oews', year: 2022, url: server.url('/oesm21nat.zip'), paths })).rejects.toThrow(
      /expected the BLS OEWS national file national_M2022_dl\.xlsx .*but the zip holds oesm21nat\/national_M2021_dl\.xlsx/,
    );
  });

  it('refuses a zip without the expected files and leaves nothing in the cache', async () => {
    server.route('/wrong.zip', { body: zipSync({ 'stuff/readme.txt': strToU8('hello'), 'stuff/Task Statements.txt': strToU8(TASKS) }) });
    const attempt = fetchDataset({ kind: 'onet', url: server.url('/wrong.zip'), paths });
    await expect(attempt).rejects.toThrow(FailureError);
    await expect(fetchDataset({ kind: 'onet', url: server.url('/wrong.zip'), paths })).rejects.toThrow(
      /expected the O\*NET 29\.1 text release with "Occupation Data\.txt" and "Task Statements\.txt" under a top folder such as db_29_1_text\/, but the zip holds stuff\/readme\.txt, stuff\/Task Statements\.txt/,
    );
    expect(filesUnder(home)).toEqual([]);
  });

  it('says so when the server sends something that is not a zip', async () => {
    server.route('/page.zip', { body: '<!DOCTYPE html><html>Access Denied</html>', headers: { 'Content-Type': 'text/html' } });
    await expect(fetchDataset({ kind: 'oews', url: server.url('/page.zip'), paths })).rejects.toThrow(
      /page\.zip is not a zip archive \(text\/html, 41 B, starting "<!DOCTYPE html><html>Acc"\): expected the BLS OEWS national file/,
    );
    expect(filesUnder(home)).toEqual([]);
  });

  it('reports an HTTP error status in one sentence', async () => {
    const url = server.url('/missing.zip');
    await expect(fetchDataset({ kind: 'onet', url, paths })).rejects.toThrow(
      new FailureError(`could not download ${url}: the server answered 404 Not Found.`),
    );
    server.route('/blocked.zip', { status: 403, body: 'no' });
    await expect(fetchDataset({ kind: 'oews', url: server.url('/blocked.zip'), paths })).rejects.toThrow(/answered 403 Forbidden\.$/);
    expect(filesUnder(home)).toEqual([]);
  });

  it('reports a refused connection as a network problem', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/db_29_1_text.zip`;
    await expect(fetchDataset({ kind: 'onet', url, paths })).rejects.toThrow(
      new FailureError(
        `could not download ${url}: connection refused (ECONNREFUSED 127.0.0.1:${port}). Check your connection, or pass --url to a local copy.`,
      ),
    );
    expect(filesUnder(home)).toEqual([]);
  });

  it('reports a name that does not resolve as the network being unreachable', async () => {
    const url = 'http://does-not-exist.invalid/db_29_1_text.zip';
    await expect(fetchDataset({ kind: 'onet', url, paths })).rejects.toThrow(
      /^could not download http:\/\/does-not-exist\.invalid\/db_29_1_text\.zip: network unreachable \((ENOTFOUND|EAI_AGAIN) does-not-exist\.invalid\)\. Check your connection, or pass --url to a local copy\.$/,
    );
  });

  it('reports a connection dropped part-way and removes the partial file', async () => {
    server.route('/dropped.zip', { body: new Uint8Array(200_000), dropAfter: 70_000, chunkSize: 10_000 });
    await expect(fetchDataset({ kind: 'onet', url: server.url('/dropped.zip'), paths })).rejects.toThrow(
      /could not download .*dropped\.zip: the connection dropped after .* of 200 kB/,
    );
    expect(filesUnder(home)).toEqual([]);
  });

  it('leaves no partial file however early the connection drops', async () => {
    // The partial file is opened on libuv's thread pool. Keep every pool thread busy (key derivations) so the
    // dropped body fails the download before the open has run: the file must still be gone afterwards.
    server.route('/early.zip', { body: new Uint8Array(200_000), dropAfter: 10_000 });
    const busy = Array.from({ length: 8 }, () => new Promise((resolve) => pbkdf2('x', 'y', 400_000, 32, 'sha256', resolve)));
    await expect(fetchDataset({ kind: 'onet', url: server.url('/early.zip'), paths })).rejects.toThrow(/could not download/);
    await Promise.all(busy);
    expect(filesUnder(home)).toEqual([]);
  });

  it('stops and cleans up when cancelled', async () => {
    server.route('/slow.zip', { body: tinyOnetZip(), delayMs: 2_000 });
    const controller = new AbortController();
    const attempt = fetchDataset({ kind: 'onet', url: server.url('/slow.zip'), paths, signal: controller.signal });
    // Cancel once the download has reached the server, not after a set time.
    const whenAsked = async () => {
      while (server.count('/slow.zip') === 0) await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
    };
    void whenAsked();
    await expect(attempt).rejects.toThrow(/was cancelled/);
    expect(filesUnder(home)).toEqual([]);
  });
});

describe('ai-frontier datasets fetch', () => {
  function capture(isTTY: boolean) {
    let text = '';
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        text += String(chunk);
        callback();
      },
    }) as Writable & { isTTY?: boolean };
    stream.isTTY = isTTY;
    return { stream, text: () => text };
  }

  /** The fetch command on a program with the same global options as the real one. */
  async function run(args: string[], options: { tty?: boolean } = {}) {
    const stdout = capture(false);
    const stderr = capture(Boolean(options.tty));
    const streams = { stdout: stdout.stream, stderr: stderr.stream, env: { AI_FRONTIER_HOME: home } };
    const program = new Command('ai-frontier')
      .option('--json', '', false)
      .option('-q, --quiet', '', false)
      .exitOverride()
      .configureOutput({ writeOut: (s) => void stdout.stream.write(s), writeErr: (s) => void stderr.stream.write(s) });
    const datasets = program.command('datasets').exitOverride();
    const context: ContextFactory = (command) => {
      const g = command.optsWithGlobals() as { json?: boolean; quiet?: boolean };
      return { out: createOutput({ json: Boolean(g.json), quiet: Boolean(g.quiet), color: false }, streams), env: streams.env, cwd: home };
    };
    registerFetch(datasets, context);
    let error: unknown;
    try {
      await program.parseAsync(['node', 'ai-frontier', 'datasets', 'fetch', ...args]);
    } catch (e) {
      error = e;
    }
    return { stdout: stdout.text(), stderr: stderr.text(), error };
  }

  it('shows plain progress lines and the result when stderr is not a terminal', async () => {
    server.route('/cli.zip', { body: tinyOnetZip(), chunkSize: 32 });
    const { stdout, stderr, error } = await run(['onet', '--url', server.url('/cli.zip')]);
    expect(error).toBeUndefined();
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^downloading http:\/\/127\.0\.0\.1:\d+\/cli\.zip \(\d+ B\)$/);
    expect(lines.slice(1, 4).map((l) => l.trim().split(' ')[0])).toEqual(['25%', '50%', '75%']);
    expect(lines[1]).toMatch(/^ {2}25% {2}\d+ B of \d+ B/);
    expect(lines[4]).toMatch(/^ {2}done {2}\d+ B in \d+\.\d s/);
    expect(lines[5]).toBe(`fetched onet-29.1 (${tinyOnetZip().length} B, sha256 ${sha256(tinyOnetZip()).slice(0, 12)}…) into ${path.join(home, 'cache', 'onet-29.1')}`);
    expect(stderr).not.toContain('\r');
  });

  it('redraws one line on a terminal', async () => {
    server.route('/tty.zip', { body: tinyOnetZip() });
    const { stderr } = await run(['onet', '--url', server.url('/tty.zip')], { tty: true });
    expect(stderr).toMatch(/^\rdownloading http:\/\/127\.0\.0\.1:\d+\/tty\.zip {2}0 B \/ \d+ B {2}0%/);
    expect(stderr).toMatch(/\rdownloading \S+ {2}(\d+) B \/ \1 B {2}100% {2}\S+ [kMG]?B\/s\u001b\[K/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(/\r\u001b\[Kfetched onet-29\.1 /);
  });

  it('prints the registered entry with --json and nothing on stderr with --quiet', async () => {
    server.route('/json.zip', { body: tinyOnetZip() });
    const { stdout, stderr } = await run(['onet', '--json', '--quiet', '--url', server.url('/json.zip')]);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual(findRegistered('onet-29.1', paths));
  });

  it('does not download again what is already fetched, unless --force', async () => {
    server.route('/once.zip', { body: tinyOnetZip() });
    await run(['onet', '--url', server.url('/once.zip')]);
    const again = await run(['onet', '--url', server.url('/once.zip')]);
    expect(again.stderr).toBe(`onet-29.1 is already fetched into ${path.join(home, 'cache', 'onet-29.1')}; pass --force to download it again\n`);
    expect(server.count('/once.zip')).toBe(1);
    await run(['onet', '--force', '--url', server.url('/once.zip')]);
    expect(server.count('/once.zip')).toBe(2);
  });

  it('resolves a local --url against the working folder', async () => {
    writeFileSync(path.join(home, 'oesm23nat.zip'), zipSync({ 'oesm23nat/national_M2023_dl.xlsx': strToU8('xlsx') }));
    const { error } = await run(['oews', '--year', '2023', '--url', 'oesm23nat.zip']);
    expect(error).toBeUndefined();
    expect(findRegistered('oews-2023', paths)?.source).toBe(path.join(home, 'oesm23nat.zip'));
  });

  it('explains itself with --help', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('Usage: ai-frontier datasets fetch [options] <kind>');
    expect(stdout).toMatch(/--release <version> +O\*NET release to fetch \(default 29\.1\)/);
    expect(stdout).toContain('$ ai-frontier datasets fetch oews --year 2023');
  });

  it('passes failures and bad options on as errors for the one error handler', async () => {
    const failed = await run(['onet', '--url', server.url('/nope.zip')]);
    expect(failed.error).toBeInstanceOf(FailureError);
    expect(failed.error).toHaveProperty('message', expect.stringMatching(/answered 404 Not Found/));
    expect(failed.stderr).toBe('');
    expect((await run(['onet', '--release', 'newest'])).error).toBeInstanceOf(UsageError);
    expect((await run(['oews', '--year', '24'])).stderr).toContain('expected a four-digit year');
    expect((await run(['esco'])).stderr).toContain("value 'esco' is invalid for argument 'kind'. Allowed choices are onet, oews.");
  });
});
