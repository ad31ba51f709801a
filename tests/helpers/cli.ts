// Runs the CLI the two ways users meet it: in-process through main() (fast, most tests),
// and as the real built binary in a child process (end-to-end tests).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const BIN = path.join(REPO_ROOT, 'bin', 'ai-frontier.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh, empty AI_FRONTIER_HOME so no test sees another's cache, store or registry. */
export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-home-'));
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return () => Buffer.concat(chunks).toString('utf8');
}

export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const env = { AI_FRONTIER_HOME: tempHome(), ...options.env };
  const previousCwd = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const code = await main(['node', 'ai-frontier', ...args], { stdout, stderr, env });
    return { code, stdout: out(), stderr: err() };
  } finally {
    if (options.cwd) process.chdir(previousCwd);
  }
}

/** Spawns the built CLI (run `npm run build` first; `npm test` does). */
export function spawnCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AI_FRONTIER_HOME: tempHome(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
