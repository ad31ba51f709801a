import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { firstInvalidUtf8 } from '../src/data/utf8.js';
import { loadOnet } from '../src/data/onet.js';
import { MAX_ERRORS_PER_FILE, formatProblem, type Problem } from '../src/data/problems.js';
import { loadTaskTable } from '../src/data/table.js';
import { malformedCases, type MalformedCase } from './fixtures/malformed/cases.js';

function load(c: MalformedCase, problems?: Problem[]) {
  return c.kind === 'onet' ? loadOnet(c.path, { problems }) : loadTaskTable(c.path, { problems });
}

async function inputErrorOf(c: MalformedCase): Promise<InputError> {
  try {
    await load(c);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`${c.name} loaded without an error`);
}

describe('malformed input corpus', () => {
  it('has at least 18 malformed cases, each fixture on disk', () => {
    expect(malformedCases.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(18);
    for (const c of malformedCases) expect(existsSync(c.path), c.path).toBe(true);
  });

  for (const c of malformedCases.filter((x) => !x.valid)) {
    it(`${c.name}: the error names file, line, column and what was expected`, async () => {
      const error = await inputErrorOf(c);
      expect(error.message).toMatch(c.expectMessage);
      expect(error.message).not.toMatch(/\n/);
      if (c.expectLocation) {
        expect(error.location?.file).toMatch(c.expectLocation.file);
        expect(error.location?.line).toBe(c.expectLocation.line);
        expect(error.location?.column).toBe(c.expectLocation.column);
      }
    });

    it(`${c.name}: collecting problems reports the same first error instead of throwing`, async () => {
      const problems: Problem[] = [];
      await load(c, problems);
      const errors = problems.filter((p) => p.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(formatProblem(errors[0]!).replace(': error: ', ': ')).toMatch(c.expectMessage);
    });
  }

  for (const c of malformedCases.filter((x) => x.valid)) {
    it(`${c.name}: unusual but valid, loads with no problems`, async () => {
      const problems: Problem[] = [];
      const dataset = await load(c, problems);
      expect(problems).toEqual([]);
      expect(dataset.tasks.length).toBeGreaterThan(0);
      expect(dataset.occupations.length).toBeGreaterThan(0);
      expect(dataset.tasks.every((t) => !/[\r\uFEFF]/.test(t.text + t.id + t.occupationCode))).toBe(true);
      expect(dataset.occupations.every((o) => /^\d{2}-\d{4}/.test(o.code))).toBe(true);
    });
  }

  it('lists every problem in a file with several, not just the first', async () => {
    const c = malformedCases.find((x) => x.name === 'onet-several-problems')!;
    const problems: Problem[] = [];
    const dataset = await load(c, problems);
    expect(problems.map((p) => [p.line, p.column, p.message.split(':')[0]])).toEqual([
      [2, 3, 'expected 7 tab-separated columns (O*NET-SOC Code, Task ID, Task, Task Type, Incumbents Responding, Date, Domain Source), found 2'],
      [4, 2, 'duplicate Task ID "1002"'],
      [5, 4, 'Task Type "Main" in column 4'],
    ]);
    // The good rows still load, so `datasets validate` can summarise the rest.
    expect(dataset.tasks.map((t) => t.id)).toEqual(['1002', '1005']);
  });

  it('reports a folder that does not exist', async () => {
    await expect(loadOnet('/nonexistent/onet-folder')).rejects.toThrow(/\/nonexistent\/onet-folder: no such file or folder: expected an O\*NET text release/);
    await expect(loadTaskTable('/nonexistent/tasks.csv')).rejects.toThrow(/no such file: expected a task table/);
  });
});

describe('collecting problems in large broken files', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'onet-malformed-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const base = malformedCases.find((c) => c.name === 'onet-bom')!.path;

  it('lists the first errors of a file and counts the rest, instead of thousands of lines', async () => {
    const dir = path.join(tmp, 'many-bad-types');
    cpSync(base, dir, { recursive: true });
    const rows = ['O*NET-SOC Code\tTask ID\tTask\tTask Type'];
    for (let i = 0; i < 80; i++) rows.push(`15-1252.00\t${2000 + i}\tWrite code, part ${i}.\tMain`);
    writeFileSync(path.join(dir, 'Task Statements.txt'), rows.join('\r\n'));
    const problems: Problem[] = [];
    await loadOnet(dir, { problems });
    expect(problems).toHaveLength(MAX_ERRORS_PER_FILE + 1);
    expect(problems.at(-1)!.message).toBe(`${80 - MAX_ERRORS_PER_FILE} more errors in this file not listed (80 in all)`);
  });

  it('does not report every task as an orphan when Occupation Data itself is unusable', async () => {
    const dir = path.join(tmp, 'bad-occupations');
    cpSync(base, dir, { recursive: true });
    const occupations = readFileSync(path.join(dir, 'Occupation Data.txt'), 'utf8').replace('Title', 'Name');
    writeFileSync(path.join(dir, 'Occupation Data.txt'), occupations);
    const problems: Problem[] = [];
    const dataset = await loadOnet(dir, { problems });
    expect(problems.map((p) => p.message)).toEqual([
      'missing column "Title": expected tab-separated columns O*NET-SOC Code, Title; the header has O*NET-SOC Code, Name, Description',
    ]);
    expect(dataset.tasks).toHaveLength(5);
  });
});

describe('locating the first byte that is not UTF-8', () => {
  it('accepts valid multi-byte text and finds overlong, surrogate and cut-off sequences', () => {
    const valid = new TextEncoder().encode('café – 😀');
    expect(firstInvalidUtf8(valid)).toBe(valid.length);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });
});
