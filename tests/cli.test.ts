// The program's shared behaviour: help, version, typos, exit codes, --json, colour.
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from './helpers/cli.js';

describe('the ai-frontier program', () => {
  it('prints help with examples and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ai-frontier');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('datasets');
  });

  it('gives every datasets subcommand its own help with examples', async () => {
    for (const name of ['list', 'info', 'validate', 'fetch']) {
      const result = await runCli(['datasets', name, '--help']);
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toContain('Examples:');
    }
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('suggests the command meant by a typo and exits 2', async () => {
    const result = await runCli(['datasest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Did you mean datasets?");
    expect(result.stdout).toBe('');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['datasets', 'info', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option/);
  });

  it('exits 2 with a one-line message and no stack trace for an unknown dataset', async () => {
    const result = await runCli(['datasets', 'info', 'no-such-dataset']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ai-frontier: no dataset named "no-such-dataset"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('with --json prints one JSON document on stdout and nothing else there', async () => {
    const result = await runCli(['--json', 'datasets', 'info', 'sample']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.name).toBe('sample');
    expect(parsed.occupations).toBeGreaterThanOrEqual(40);
  });

  it('writes no colour codes when NO_COLOR is set or output is not a terminal', async () => {
    const forced = await runCli(['datasets', 'info', 'sample'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(forced.stdout).not.toMatch(/\u001b\[/);
    const colored = await runCli(['datasets', 'info', 'sample'], { env: { FORCE_COLOR: '1' } });
    expect(colored.stdout).toMatch(/\u001b\[1m/);
    const flag = await runCli(['--no-color', 'datasets', 'info', 'sample'], { env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('--quiet silences messages on stderr but keeps the data', async () => {
    const result = await runCli(['--quiet', 'datasets', 'info', 'sample']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('occupations');
    expect(result.stderr).toBe('');
  });
});

describe('small edges a user meets', () => {
  it('help reaches any depth: help datasets info shows the help of datasets info', async () => {
    const deep = await runCli(['help', 'datasets', 'info']);
    expect(deep.code).toBe(0);
    expect(deep.stdout).toMatch(/^Usage: ai-frontier datasets info /);
    const unknown = await runCli(['help', 'datasets', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no command "datasets nope"');
  });

  it('score --dry-run --quiet prints the plan on stdout: it is the data of a dry run', async () => {
    const result = await runCli(['--quiet', 'score', '--dry-run', '--limit', '12']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Plan: sample with offline\n {2}tasks selected +12\n/);
    expect(result.stderr).toBe('');
  });

  it('view --json prints the figures as one JSON document, not a screen', async () => {
    const result = await runCli(['--json', 'view']);
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout);
    expect(bundle.tool.name).toBe('ai-frontier');
    expect(bundle.frontier.years.length).toBeGreaterThan(10);
    expect(bundle.occupations.length).toBe(48);
  });

  it('scores clear with a scorer the store does not have: exit 2, naming those it has', async () => {
    const home = { AI_FRONTIER_HOME: tempHome() };
    expect((await runCli(['--quiet', 'score', '--limit', '3'], { env: home })).code).toBe(0);
    const result = await runCli(['scores', 'clear', '--scorer', 'nobody', '--yes'], { env: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ai-frontier: no scorer "nobody" in .*scores\.db; scorers there: offline\n$/);
    const list = await runCli(['--json', 'scores', 'list'], { env: home });
    expect(JSON.parse(list.stdout).scorers[0]).toMatchObject({ scorer: 'offline', count: 3 });
  });

  it('scores show with an id that is not a Task ID: exit 2; a Task ID with no score: exit 1', async () => {
    const word = await runCli(['scores', 'show', 'abc']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('O*NET Task IDs are whole numbers, such as 900101 in the bundled sample');
    const number = await runCli(['scores', 'show', '123']);
    expect(number.code).toBe(1);
    expect(number.stderr).toContain('No stored score for task 123.');
  });
});
