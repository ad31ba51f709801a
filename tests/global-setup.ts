// Builds the CLI once before end-to-end tests that spawn bin/ai-frontier.js, and only when dist/ is older
// than the sources. Used as vitest `globalSetup`, and called from such tests' beforeAll as well so they also
// work when run on their own.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  // For running in-process tests while the tree does not build (mid-edit): AI_FRONTIER_SKIP_BUILD=1.
  if (process.env.AI_FRONTIER_SKIP_BUILD === '1') return;
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource(path.join(ROOT, 'src'))) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`npm run build failed; end-to-end tests need the built CLI:\n${output}`);
  }
}

export default function setup(): void {
  ensureBuilt();
}
