// The score store under bad conditions: a damaged file is refused before anything is written or sent and
// `scores repair` salvages it; a full disk and a read-only filesystem stop a run before any request is paid
// for (or at the first failed write, naming the file and what to do); readers work on read-only media; two
// processes creating one store at once both succeed, 50 times.
//
// Root ignores file permissions, so read-only and full filesystems are real ones: a small tmpfs mounted in a
// private mount namespace (`unshare -rm`: user and mount namespaces, no privilege needed where the kernel
// allows user namespaces), gone when the shell ends. Where the sandbox allows no such mount, those cases skip and say so; the in-process cases
// below (SQLite's own page limit for a full store) run everywhere.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { openStore } from '../src/score/store/store.js';
import { StoreDamagedError, StoreWriteError } from '../src/score/store/open.js';
import { ensureBuilt } from './global-setup.js';
import { BIN, REPO_ROOT, runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

const KEY = 'sk-store-hardening-key';
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-hardening-'));
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
beforeAll(() => ensureBuilt());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A store with the sample's first 120 tasks scored offline, closed (its WAL folded back into the file). */
async function seededStore(dir: string): Promise<string> {
  const file = path.join(dir, 'scores.db');
  const seeded = await runCli(['score', '--offline', '--limit', '120', '--store', file], { env: { AI_FRONTIER_HOME: path.join(dir, 'home') } });
  expect(seeded.code, seeded.stderr).toBe(0);
  return file;
}

/** Overwrites one page of the file with junk, as a bad sector or a torn copy would. */
function damagePage(file: string, page: number): void {
  const junk = Buffer.alloc(4096, 0);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 17) & 255;
  const fd = openSync(file, 'r+');
  writeSync(fd, junk, 0, junk.length, (page - 1) * 4096);
  closeSync(fd);
}

/** A leaf page of the scores table (SQLite's dbstat): damaging it loses the rows on it, not the table. */
function scoresLeafPage(file: string): number {
  const store = openStore(file, { readonly: true });
  try {
    const leaves = store.db.prepare(`SELECT pageno FROM dbstat WHERE name = 'scores' AND pagetype = 'leaf' ORDER BY pageno`).pluck().all() as number[];
    expect(leaves.length).toBeGreaterThan(2);
    return leaves[Math.floor(leaves.length / 2)]!;
  } finally {
    store.close();
  }
}

describe('a damaged store', () => {
  it('is refused before any write or request, readers refuse it too, and scores repair salvages the readable rows', async () => {
    const dir = tmp();
    const file = await seededStore(dir);
    damagePage(file, scoresLeafPage(file));
    const before = sha(file);
    server = await startFakeLlmServer({ apiKey: KEY });
    const env = { OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(dir, 'home') };

    const scored = await runCli(['score', '--base-url', server.baseURL, '--model', 'fake-model', '--store', file], { env });
    expect(scored.code).toBe(2);
    expect(scored.stderr).toContain(`${file}: the score store is damaged`);
    expect(scored.stderr).toContain(`ai-frontier scores repair --store ${file}`);
    expect(server.requests).toHaveLength(0);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);

    const listed = await runCli(['scores', 'list', '--store', file], { env });
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('scores repair');
    expect(listed.stderr).not.toMatch(/unexpected error/);

    const repaired = await runCli(['--json', 'scores', 'repair', '--store', file], { env });
    expect(repaired.code, repaired.stderr).toBe(0);
    const report = JSON.parse(repaired.stdout) as { repaired: boolean; damagedCopy: string; tables: { table: string; copied: number; unreadable: number }[] };
    const scores = report.tables.find((t) => t.table === 'scores')!;
    expect(report.repaired).toBe(true);
    expect(scores.copied).toBeGreaterThan(0);
    expect(scores.copied).toBeLessThan(120);
    expect(scores.copied + scores.unreadable).toBeGreaterThanOrEqual(120);
    expect(sha(report.damagedCopy)).toBe(before);

    const after = await runCli(['--json', 'scores', 'list', '--store', file], { env });
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).scorers[0]).toMatchObject({ scorer: 'offline', count: scores.copied });
    // What was lost is scored again by the next run, and the store is whole.
    const rescored = await runCli(['score', '--offline', '--limit', '120', '--store', file], { env });
    expect(rescored.code, rescored.stderr).toBe(0);
    expect(rescored.stdout).toMatch(new RegExp(`scored now\\s+${120 - scores.copied}\\b`));
    const again = await runCli(['scores', 'repair', '--store', file], { env });
    expect(again.stderr).toMatch(/finds no damage; nothing to repair/);
  });

  it('a file that is not a store is refused, naming it, and left as it was', () => {
    const file = path.join(tmp(), 'notes.db');
    writeFileSync(file, 'plain text, not SQLite, long enough to fill a header page. '.repeat(100));
    expect(() => openStore(file)).toThrow(InputError);
    expect(() => openStore(file, { readonly: true })).toThrow(/notes\.db: the score store is damaged/);
    expect(readFileSync(file, 'utf8')).toMatch(/^plain text/);
  });
});

describe('a store that cannot take a write', () => {
  it('stops at the first failed write with the file and what to do (SQLite page limit as the full disk)', () => {
    const file = path.join(tmp(), 'scores.db');
    const store = openStore(file);
    const pageCount = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pageCount + 2}`);
    const items = Array.from({ length: 400 }, (_, i) => ({ key: `k${i}`, taskId: String(i), occupationCode: '11-1011.00', title: 'Chief Executives', text: `Task ${i} `.repeat(40) }));
    const save = (from: number) =>
      store.saveOutcome(
        {
          requestId: `r${from}`,
          scores: items.slice(from, from + 20).map((item) => ({ key: item.key, score: { taskId: item.taskId, occupationCode: item.occupationCode, exposure: 'E1', scorer: 'x' } })),
          failed: [],
          usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
        },
        { scorer: 'x', model: 'm', provider: 'p', rubricVersion: 'r1', costUsd: 0, items: new Map(items.map((i) => [i.key, i])) },
      );
    let error: unknown;
    for (let from = 0; from < items.length && !error; from += 20) {
      try {
        save(from);
      } catch (caught) {
        error = caught;
      }
    }
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as Error).message).toMatch(new RegExp(`^${file}: cannot write to the score store \\(the disk is full\\); free space on that disk, or pass --store`));
    store.close();
  });
});

describe('two processes creating one store at the same moment', () => {
  it('both open it, 50 times out of 50, with one schema version row', async () => {
    const storeModule = path.join(REPO_ROOT, 'dist', 'score', 'store', 'store.js');
    // Both children spin until the same instant, then open the new file.
    const child = `const { openStore } = await import(${JSON.stringify(storeModule)});
      const go = Number(process.argv[2]); while (Date.now() < go) {}
      try { openStore(process.argv[1]).close(); } catch (error) { console.error(error.message); process.exit(1); }`;
    const failures: string[] = [];
    for (let round = 0; round < 50; round++) {
      const file = path.join(tmp(), 'scores.db');
      const go = Date.now() + 300;
      const results = await Promise.all(
        [0, 1].map(
          () =>
            new Promise<{ code: number | null; stderr: string }>((resolve) => {
              const proc = spawn(process.execPath, ['--input-type=module', '-e', child, file, String(go)], { stdio: ['ignore', 'ignore', 'pipe'] });
              let stderr = '';
              proc.stderr.on('data', (chunk) => (stderr += chunk));
              proc.on('close', (code) => resolve({ code, stderr }));
            }),
        ),
      );
      for (const result of results) if (result.code !== 0) failures.push(result.stderr.trim());
      const store = openStore(file, { readonly: true });
      expect(store.db.prepare(`SELECT COUNT(*) FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe(1);
      store.close();
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

/** Whether this sandbox lets us mount a private tmpfs (`unshare -rm`); the reason when not. */
function privateMounts(): { ok: boolean; reason?: string } {
  const dir = tmp();
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs ${dir}`], { encoding: 'utf8' });
  if (probe.error) return { ok: false, reason: `unshare is not available (${probe.error.message})` };
  if (probe.status !== 0) return { ok: false, reason: `no private tmpfs mount allowed here: ${probe.stderr.trim()}` };
  return { ok: true };
}
const mounts = privateMounts();
if (!mounts.ok) console.warn(`store-hardening: skipping the read-only and full filesystem cases: ${mounts.reason}`);

/** Runs a shell script in a private mount namespace with a tmpfs of `size` at `mnt`; returns its output. */
function inNamespace(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn('unshare', ['-rm', 'sh', '-c', script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.stderr.on('data', (chunk) => (output += chunk));
    proc.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!mounts.ok)('real read-only and full filesystems (a private tmpfs)', () => {
  const cli = `${process.execPath} ${BIN}`;

  it('read-only: score sends nothing and says what to do; scores list, frontier and export read the store', async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    const mnt = tmp();
    const out = tmp();
    const store = `${mnt}/scores.db`;
    const { output } = await inNamespace(
      [
        `mount -t tmpfs -o size=8m tmpfs ${mnt}`,
        `${cli} score --offline --limit 30 --store ${store} >/dev/null 2>&1 || echo SEED-FAILED`,
        `mount -o remount,ro ${mnt}`,
        `${cli} score --base-url ${server.baseURL} --model fake-model --store ${store} --limit 60; echo "score-exit=$?"`,
        `${cli} --json scores list --store ${store}; echo "list-exit=$?"`,
        `${cli} frontier --store ${store} >/dev/null; echo "frontier-exit=$?"`,
        `${cli} export --store ${store} --out ${out}/reports >/dev/null; echo "export-exit=$?"`,
      ].join('\n'),
      { OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(out, 'home') },
    );
    expect(output).not.toContain('SEED-FAILED');
    expect(output).toContain('score-exit=1');
    expect(output).toContain(`${store}: cannot write to the score store`);
    expect(output).toMatch(/read-only.*pass --store with a path on writable disk/);
    expect(server.requests).toHaveLength(0);
    expect(output).toMatch(/"scorer": "offline",\s+"count": 30/);
    expect(output).toContain('list-exit=0');
    expect(output).toContain('frontier-exit=0');
    expect(output).toContain('export-exit=0');
    expect(readdirSync(path.join(out, 'reports'))).toContain('tasks.csv');
  });

  it('full before the run: nothing is sent, and the message gives the free space and what the run needs', async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    const mnt = tmp();
    const store = `${mnt}/scores.db`;
    const { output } = await inNamespace(
      [
        `mount -t tmpfs -o size=2m tmpfs ${mnt}`,
        `${cli} score --offline --limit 10 --store ${store} >/dev/null 2>&1 || echo SEED-FAILED`,
        // Fill the disk but for a few pages.
        `head -c $(( $(df -k --output=avail ${mnt} | tail -1) * 1024 - 64 * 1024 )) /dev/zero > ${mnt}/fill`,
        `${cli} score --base-url ${server.baseURL} --model fake-model --store ${store} --limit 200; echo "score-exit=$?"`,
      ].join('\n'),
      { OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(tmp(), 'home') },
    );
    expect(output).not.toContain('SEED-FAILED');
    expect(output).toContain('score-exit=1');
    expect(output).toMatch(new RegExp(`${store}: cannot write to the score store \\(only \\d+ KB free on its disk, and storing 200 tasks needs about 1\\.4 MB; nothing was sent\\)`));
    expect(server.requests).toHaveLength(0);
  });

  it('full during the run: scoring stops at the first failed write, keeping what was stored', async () => {
    server = await startFakeLlmServer({ apiKey: KEY, latencyMs: 600 });
    const mnt = tmp();
    const work = tmp();
    const marker = path.join(work, 'fill-now');
    const store = `${mnt}/scores.db`;
    const run = inNamespace(
      [
        `mount -t tmpfs -o size=4m tmpfs ${mnt}`,
        `${cli} score --base-url ${server.baseURL} --model fake-model --store ${store} --limit 200 --batch-size 5 --concurrency 1 > ${work}/stdout 2> ${work}/stderr &`,
        'pid=$!',
        // The test says when: once the third request of tasks has reached the server (after the injection
        // check's reference request), its reply is 600 ms away.
        `while [ ! -e ${marker} ]; do sleep 0.02; done`,
        `head -c 8m /dev/zero > ${mnt}/fill 2>/dev/null`,
        'wait $pid; echo "score-exit=$?"',
        `rm ${mnt}/fill`,
        `${cli} --json scores list --store ${store}`,
      ].join('\n'),
      { OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(work, 'home') },
    );
    await expect.poll(() => server!.requests.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(4);
    writeFileSync(marker, '');
    const { output } = await run;
    const stderr = readFileSync(path.join(work, 'stderr'), 'utf8');
    expect(output).toContain('score-exit=1');
    const message = new RegExp(`${store}: cannot write to the score store \\(the disk is full\\); scoring stopped at the first failed write \\(the (\\d+) tasks stored before it are kept, (\\d+) are left\\); free space on that disk`);
    expect(stderr).toMatch(message);
    const [, kept, left] = message.exec(stderr)!.map(Number);
    expect(kept! + left!).toBe(200);
    expect(kept).toBeGreaterThanOrEqual(10);
    // One request in flight at a time: the reference, the requests whose 5 scores were kept, and the one
    // whose reply could not be stored, the last one sent.
    expect(server.requests).toHaveLength(1 + kept! / 5 + 1);
    expect(output).toMatch(new RegExp(`"count": ${kept}\\b`));
  });
});
