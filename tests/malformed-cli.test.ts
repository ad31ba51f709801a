// Every malformed input, met the way a user meets it: through the CLI. One short message naming the
// file (and line and column where they apply), exit code 2 for bad input or 1 from validate, no stack trace.
import { describe, expect, it } from 'vitest';
import { malformedCases } from './fixtures/malformed/cases.js';
import { OEWS_BAD_CASES } from './fixtures/oews/cases.js';
import { runCli } from './helpers/cli.js';

const STACK_LINE = /\n\s+at .+\(.+:\d+:\d+\)/;
const invalid = malformedCases.filter((c) => !c.valid);

describe('malformed datasets through `datasets info`', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('%s: exit 2, one message, no stack', async (_name, c) => {
    const result = await runCli(['datasets', 'info', c.path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ai-frontier: /);
    expect(result.stderr).toMatch(c.expectMessage);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it.each(malformedCases.filter((c) => c.valid).map((c) => [c.name, c] as const))('%s: valid, loads', async (_name, c) => {
    const result = await runCli(['datasets', 'info', c.path]);
    expect(result.code).toBe(0);
  });
});

describe('malformed datasets through `datasets validate`', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('%s: listed, exit 1', async (_name, c) => {
    const result = await runCli(['datasets', 'validate', c.path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/: error: /);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

describe('malformed OEWS files through `datasets info --oews`', () => {
  it.each(OEWS_BAD_CASES.map((c) => [c.name, c] as const))('%s: exit 2, one message, no stack', async (_name, c) => {
    const result = await runCli(['datasets', 'info', 'sample', '--oews', c.path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(c.expectMessage);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it.each(OEWS_BAD_CASES.map((c) => [c.name, c] as const))('%s: `datasets validate` lists it, exit 1', async (_name, c) => {
    const result = await runCli(['datasets', 'validate', c.path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error: /);
  });
});

describe('validate on sound data', () => {
  it('reports no errors for the bundled sample and exits 0', async () => {
    const result = await runCli(['datasets', 'validate', 'datasets/sample']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no errors/);
  });
});
