// The built CLI's `view` as a person meets it: in a real terminal (tmux) at 80x24 and 160x48, driven
// by keys, checked by what the pane shows; and through a pipe, where it prints static charts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './global-setup.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'ai-frontier.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('view-tmux: tmux is not installed, skipping the terminal tests (apt-get install -y tmux; .ci/run installs it)');

// A socket of our own, so the tests never touch a person's tmux sessions.
const SOCKET = `ai-frontier-view-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
// Polling the pane, not waiting a set time: each check looks for what the test expects to see.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let home: string;
beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-view-'));
});

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
});

interface Pane {
  name: string;
  capture: () => string;
  waitFor: (check: string | RegExp | ((screen: string) => boolean), what?: string) => Promise<string>;
  keys: (...keys: string[]) => Promise<void>;
}

let sessions = 0;

async function startView(size: { columns: number; rows: number }, env: Record<string, string> = {}): Promise<Pane> {
  const name = `view${++sessions}`;
  const vars = Object.entries({ AI_FRONTIER_HOME: home, TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}='${v}'`);
  const args = ['view', '--base-year', '2026'].join(' ');
  // After the view quits, its exit code stays on screen for the test to read.
  const command = `cd '${ROOT}' && env -u CI -u NO_COLOR ${vars.join(' ')} node bin/ai-frontier.js ${args}; echo VIEW-EXITED $?; sleep 120`;
  tmux('new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), command);
  const capture = () => tmux('capture-pane', '-p', '-t', name);
  const waitFor: Pane['waitFor'] = async (check, what) => {
    const test = typeof check === 'function' ? check : (s: string) => (typeof check === 'string' ? s.includes(check) : check.test(s));
    let screen = '';
    for (let waited = 0; waited < 20_000; waited += 100) {
      screen = capture();
      if (test(screen)) return screen;
      await sleep(100);
    }
    throw new Error(`the pane never showed ${what ?? String(check)}; it shows:\n${screen}`);
  };
  // One key at a time, each drawn before the next, as a person types: an Escape followed at once by
  // another key would read as Alt+key. Every key these tests send changes the screen.
  const keys = async (...names: string[]) => {
    for (const key of names) {
      const before = capture();
      tmux('send-keys', '-t', name, key);
      await waitFor((screen) => screen !== before, `a redraw after key ${key}`);
    }
  };
  return { name, capture, waitFor, keys };
}

const lines = (screen: string) => screen.replace(/\n+$/, '').split('\n');
/** The whole first frame: tmux may be caught half-way through drawing it, so wait for its footer too. */
const frontierScreen = (s: string) => s.includes('Year 2036') && s.includes('q quit');
const figure = (screen: string, label: string) => screen.match(new RegExp(`${label} +([-+\\d.,%kM]+)`))?.[1];

describe.skipIf(!hasTmux)('view in a terminal (tmux)', () => {
  it('at 80x24: chart, cursor year, rings, occupations, filter, drill-down and back, quit', async () => {
    const pane = await startView({ columns: 80, rows: 24 });
    let screen = await pane.waitFor(frontierScreen, 'the frontier screen');
    expect(lines(screen).length).toBeLessThanOrEqual(24);
    for (const line of lines(screen)) expect([...line].length).toBeLessThanOrEqual(80);
    expect(screen).toContain('[Frontier]');
    expect(screen).toMatch(/100% ┤/);
    expect(screen).toMatch(/2026 .* 2046/);
    expect(screen).toContain('▲');
    expect(screen).toContain('q quit');

    // From the base year, where the frontier still moves fast (it levels off later).
    await pane.keys('Home');
    screen = await pane.waitFor('Year 2026');
    const dark2026 = figure(screen, 'dark displaced');
    await pane.keys('Right');
    screen = await pane.waitFor('Year 2027');
    expect(Number.parseFloat(figure(screen, 'dark displaced')!)).toBeGreaterThan(Number.parseFloat(dark2026!));

    await pane.keys('r');
    screen = await pane.waitFor((s) => !s.includes('100% ┤') && s.includes('r area chart'), 'the rings');
    expect(screen).toMatch(/[▀▄█]{6,}/);

    await pane.keys('Tab');
    screen = await pane.waitFor('[Occupations]');
    expect(screen).toContain('displaced▼');
    expect(screen).toMatch(/^› \S/m);

    await pane.keys('/', 's', 'o', 'f', 't');
    screen = await pane.waitFor('filter: soft');
    expect(screen).toContain('Software Developers');
    expect(screen).toMatch(/^1\/\d+ {2}sort: /m);

    await pane.keys('Enter', 'Enter');
    screen = await pane.waitFor('Tasks (', 'the occupation detail');
    expect(screen).toContain('15-1252.00 Software Developers');
    expect(screen).toMatch(/exposure E[012] +automation T[0-4] +mode/);

    await pane.keys('Escape');
    screen = await pane.waitFor((s) => s.includes('displaced▼') && !s.includes('Tasks ('), 'the table again');

    await pane.keys('q');
    await pane.waitFor('VIEW-EXITED 0', 'the view to quit with exit code 0');
  });

  it('at 160x48 under NO_COLOR: patterns, a wider chart, scenario keys, and a redraw on resize', async () => {
    const pane = await startView({ columns: 160, rows: 48 }, { NO_COLOR: '1' });
    let screen = await pane.waitFor(frontierScreen, 'the frontier screen');
    expect(lines(screen).length).toBeGreaterThan(40);
    expect(Math.max(...lines(screen).map((l) => [...l].length))).toBeGreaterThan(140);
    // Without colour the areas are told apart by pattern: dark solid, white dotted, grey shaded.
    expect(screen).toMatch(/█{10}/);
    expect(screen).toMatch(/·{10}/);
    expect(screen).toMatch(/░{10}/);
    const grey = figure(screen, 'grey new work');

    await pane.keys('p', 'p');
    screen = await pane.waitFor('new work none');
    expect(figure(screen, 'grey new work')).toBe('0.0%');
    expect(grey).not.toBe('0.0%');
    expect(screen).not.toMatch(/░{10}/);

    await pane.keys('m');
    screen = await pane.waitFor('measure zeta');

    tmux('resize-window', '-t', pane.name, '-x', '80', '-y', '24');
    screen = await pane.waitFor((s) => lines(s).length <= 24 && s.includes('Year 2036') && s.includes('q quit'), 'a redraw at 80x24');
    for (const line of lines(screen)) expect([...line].length).toBeLessThanOrEqual(80);

    await pane.keys('q');
    await pane.waitFor('VIEW-EXITED 0');
  });
});

describe('view without a terminal', () => {
  it('prints the static chart, the rings and the top of the table through a pipe, and exits 0', () => {
    const result = spawnSync(process.execPath, [BIN, 'view', '--base-year', '2026'], {
      cwd: ROOT,
      env: { ...process.env, AI_FRONTIER_HOME: home, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/100% ┤/);
    expect(result.stdout).toMatch(/2036 {2}net/);
    expect(result.stdout).toMatch(/Top 10 of \d+ occupations by jobs displaced by 2046/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });
});
