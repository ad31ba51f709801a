// Start-up loads only the command table: --help, --version, each command's help and typo suggestions must
// not pull in the data loaders, the store, the model clients or the terminal UI (each adds tens of ms to
// every call). Times are measured by `npm run bench` (startup section), never asserted here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './global-setup.js';
import { BIN, REPO_ROOT, tempHome } from './helpers/cli.js';

const HOOK = path.join(REPO_ROOT, 'tests', 'helpers', 'module-log.mjs');

function loadedModules(args: string[]): { code: number | null; stdout: string; modules: string[] } {
  const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-modules-')), 'modules.txt');
  const run = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, AI_FRONTIER_HOME: tempHome(), AI_FRONTIER_MODULE_LOG: log },
    encoding: 'utf8',
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { code: run.status, stdout: run.stdout, modules };
}

/** Packages under node_modules that were loaded, by name. */
function packages(modules: string[]): string[] {
  const names = modules.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}

/** The frontier's modules the command table may load: defaults and the names of its choices, no model. */
const FRONTIER_AT_START = ['frontier/defaults.js', 'frontier/preset-ids.js', 'frontier/types.js'];

/** Modules of the built tool that only a running command should need (`allowed`: besides the usual few). */
function heavyOwnModules(modules: string[], allowed: string[] = []): string[] {
  return modules
    .map((url) => /\/dist\/(.+\.js)$/.exec(url)?.[1])
    .filter((file): file is string => file !== undefined)
    .filter(
      (file) =>
        /^(ui|report|analysis|aggregate|newwork|chart)\//.test(file) ||
        /^cli\/commands\/.*-actions?\.js$/.test(file) ||
        (/^score\//.test(file) && !['score/llm/providers.js', 'score/offline/targets.js'].includes(file)) ||
        (/^frontier\//.test(file) && !FRONTIER_AT_START.includes(file)) ||
        (/^data\//.test(file) && !['data/package-root.js', 'data/releases.js', 'data/cache-switch.js'].includes(file)),
    )
    .filter((file) => !allowed.includes(file));
}

describe('start-up', () => {
  beforeAll(() => ensureBuilt());

  it.each(['--version', '--help', 'score --help', 'view --help', 'datasets fetch --help', 'scores import --help', 'check --help', 'help datasets info'])(
    '`ai-frontier %s` loads the command table only: commander, no data, store, model client or UI code',
    (line) => {
      const run = loadedModules(line.split(' '));
      expect(run.code).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(packages(run.modules)).toEqual(['commander']);
      expect(heavyOwnModules(run.modules)).toEqual([]);
    },
  );

  it.each([['frontier', '--help'], ['help', 'export']])(
    '`ai-frontier %s %s` reads the calibration facts for its new-work presets, and nothing else of the frontier',
    (...line) => {
      const run = loadedModules(line);
      expect(run.code).toBe(0);
      // Each preset with its source, computed from calibration/frontier-facts.json.
      expect(run.stdout).toMatch(/acemoglu-restrepo-1987-2016 +Acemoglu & Restrepo \(2019\).*1987-2016: displacement about 16%, reinstatement about 10%/);
      expect(packages(run.modules)).toEqual(['commander']);
      expect(heavyOwnModules(run.modules, ['frontier/presets.js', 'frontier/facts.js', 'frontier/facts-file.js'])).toEqual([]);
    },
  );

  it('a typo still gets its suggestion without loading any command', () => {
    const run = loadedModules(['fronteir']);
    expect(run.code).toBe(2);
    expect(heavyOwnModules(run.modules)).toEqual([]);
  });

  it('a command that runs loads its handler (the log sees dynamic imports)', () => {
    const run = loadedModules(['datasets', 'list', '--json']);
    expect(run.code).toBe(0);
    expect(heavyOwnModules(run.modules)).toContain('cli/commands/datasets-actions.js');
  });
});
