// `export --out` where the reports cannot go: a virtual file system, a file, a read-only folder, a folder
// where a report file goes. Each ends at once with one message naming the path and the fix, exit 1 or 2,
// and nothing written. The tests run as root here, and root ignores a folder's mode bits, so the read-only
// cases are real ones: a folder made read-only by chmod is written by an unprivileged user (nobody, when
// running as root), and a read-only tmpfs is mounted in a private mount namespace (unshare -m).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../src/folders.js';
import { BIN, REPO_ROOT } from './helpers/cli.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const canUnshare = process.platform === 'linux' && isRoot && spawnSync('unshare', ['-m', 'true']).status === 0;
if (!canUnshare) console.warn('output-folders: unshare -m is not available (needs root on Linux), skipping the read-only mount test');

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-out-'));

/** A home any user may write to, so the CLI can run as nobody. */
function openHome(): string {
  const home = scratch();
  chmodSync(home, 0o777);
  return home;
}

/** The built CLI, optionally as another user or wrapped in another command; killed if it ever hangs. */
function exportTo(out: string, options: { uid?: number; wrap?: (command: string[]) => string[] } = {}) {
  const command = [process.execPath, BIN, 'export', '--out', out];
  const [file, ...args] = options.wrap ? options.wrap(command) : command;
  const result = spawnSync(file!, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, AI_FRONTIER_HOME: openHome(), NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 30_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  const message = result.stderr.split('\n').filter((line) => line.startsWith('ai-frontier:'));
  return { code: result.status, signal: result.signal, stderr: result.stderr, message };
}

describe('export --out where reports cannot go', () => {
  it.skipIf(!existsSync('/proc/self'))('/proc/forbidden: ends at once (Node’s recursive mkdir spins there) with exit 2', () => {
    const result = exportTo('/proc/forbidden');
    expect(result.signal, 'the export hung and was killed').toBeNull();
    expect(result.code).toBe(2);
    expect(result.message).toEqual([
      'ai-frontier: cannot write the reports to /proc/forbidden: /proc does not accept new files or folders ' +
        '(a virtual file system such as /proc or /sys); choose another folder with --out',
    ]);
  });

  it('an existing file, or a folder under one: exit 2 naming the file', () => {
    const dir = scratch();
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'keep me');
    for (const out of [file, path.join(file, 'reports')]) {
      const result = exportTo(out);
      expect(result.code).toBe(2);
      expect(result.message).toEqual([`ai-frontier: cannot write the reports to ${out}: ${file} is a file, not a folder; choose another folder with --out`]);
    }
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('a read-only folder (chmod 555, written by a user who is not root): exit 1 naming the path, nothing written', () => {
    const dir = scratch();
    chmodSync(dir, 0o555);
    const out = path.join(dir, 'reports');
    const result = exportTo(out, isRoot ? { uid: NOBODY } : {});
    expect(result.code).toBe(1);
    expect(result.message).toEqual([
      `ai-frontier: cannot write the reports to ${out}: permission denied at ${out}; choose another folder with --out, or make it writable for you`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(!canUnshare)('a read-only file system (a tmpfs mounted ro): exit 1 naming the path', () => {
    const mount = scratch();
    const out = path.join(mount, 'reports');
    const result = exportTo(out, {
      wrap: (command) => ['unshare', '-m', 'sh', '-c', `mount -t tmpfs -o ro tmpfs '${mount}' && exec "$@"`, 'sh', ...command],
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.message).toEqual([`ai-frontier: cannot write the reports to ${out}: ${out} is on a read-only file system; choose another folder with --out`]);
  });

  it('a folder where a report file goes: exit 2, and the folder and files already there are left as they were', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'report.html'));
    writeFileSync(path.join(dir, 'tasks.csv'), 'an earlier export');
    const result = exportTo(dir);
    expect(result.code).toBe(2);
    expect(result.message).toEqual([
      `ai-frontier: cannot write the reports to ${dir}: ${path.join(dir, 'report.html')} is a folder where a file goes; move it away or choose another folder with --out`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'tasks.csv']);
    expect(readFileSync(path.join(dir, 'tasks.csv'), 'utf8')).toBe('an earlier export');
  });
});

describe('datasets fetch with the cache on /proc', () => {
  it.skipIf(!existsSync('/proc/self'))('ends at once with exit 2, naming the folder and AI_FRONTIER_HOME', () => {
    const result = spawnSync(process.execPath, [BIN, 'datasets', 'fetch', 'onet', '--url', path.join(scratch(), 'none.zip')], {
      env: { PATH: process.env.PATH, AI_FRONTIER_HOME: '/proc/ai-frontier' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.signal, 'the fetch hung and was killed').toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ai-frontier: cannot write the onet-29.1 download to /proc/ai-frontier/cache: /proc does not accept new files or folders');
    expect(result.stderr).toContain('set AI_FRONTIER_HOME to a folder you can write to');
  });
});

describe('makeFolder', () => {
  it('makes missing parents one level at a time, and accepts a folder that exists', () => {
    const dir = scratch();
    const deep = path.join(dir, 'a', 'b', 'c');
    makeFolder(deep);
    makeFolder(deep);
    expect(readdirSync(path.join(dir, 'a', 'b'))).toEqual(['c']);
  });
});
