// `ai-frontier new-work` through the real CLI in-process, against the fake OpenAI-compatible server on
// 127.0.0.1: proposals stored per subject, resumable, validated, and flowing into the analysis.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAnalysis } from '../src/analysis/load.js';
import { yearBounds } from '../src/newwork/prompt.js';
import { openStore } from '../src/score/store/store.js';
import { runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

const SECRET = 'sk-test-NEWWORK-SECRET-9d3e1f';
let server: FakeLlmServer;
let dir: string;

beforeEach(async () => {
  server = await startFakeLlmServer({ apiKey: SECRET });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-new-work-'));
});
afterEach(async () => {
  await server.close();
});

const storeFile = () => path.join(dir, 'scores.db');
const model = () => ['new-work', '--base-url', server.baseURL, '--model', 'fake-model', '--store', storeFile()];
const env = () => ({ OPENAI_API_KEY: SECRET, AI_FRONTIER_HOME: path.join(dir, 'home') });
const newWorkRequests = () => server.requests.filter((r) => r.newWork);

function storedRows() {
  const store = openStore(storeFile());
  try {
    return store.newWorkFor();
  } finally {
    store.close();
  }
}

describe('new-work with a model', () => {
  it('stores proposals for the top occupations of the sample, and a rerun sends nothing', async () => {
    const first = await runCli(['--json', ...model()], { env: env() });
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json.status).toBe('complete');
    expect(json.plan).toMatchObject({ scope: 'occupation', subjects: 10, alreadyStored: 0, requests: 10, scorer: 'offline' });
    expect(json.subjects).toHaveLength(10);
    expect(newWorkRequests()).toHaveLength(10);
    const bounds = yearBounds();
    for (const subject of json.subjects) {
      const sent = newWorkRequests().find((r) => r.newWork!.subject === subject.subject)!;
      expect(sent.newWork!.codes[0]).toBe(subject.subject);
      expect(subject.proposals).toHaveLength(3);
      for (const p of subject.proposals) {
        expect(p.year).toBeGreaterThanOrEqual(bounds.min);
        expect(p.year).toBeLessThanOrEqual(bounds.max);
        expect(p.drawsFrom.length).toBeGreaterThan(0);
        expect(p.drawsFrom.every((c: string) => sent.newWork!.codes.includes(c))).toBe(true);
      }
    }
    expect(storedRows()).toHaveLength(30);

    const again = await runCli(model(), { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already stored\s+10/);
    expect(again.stderr).toMatch(/requests to send\s+0/);
    expect(newWorkRequests()).toHaveLength(10);
    // Printed per subject: year, kind, text, and what it draws from.
    expect(again.stdout).toMatch(/\n {2}20\d\d {2}task {2}Review AI-drafted work of /);
    expect(again.stdout).toMatch(/draws from \d\d-\d{4}\.\d\d/);
    expect(storedRows()).toHaveLength(30);
  });

  it('--dry-run plans requests, tokens and cost and sends nothing', async () => {
    const result = await runCli([...model(), '--dry-run', '--limit', '3'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    // The plan is the data of a dry run: stdout.
    expect(result.stdout).toMatch(/subjects\s+3/);
    expect(result.stdout).toMatch(/requests to send\s+3/);
    expect(result.stdout).toMatch(/est\. input tokens\s+[1-9]/);
    expect(server.requests).toHaveLength(0);
  });

  it('--by group asks once per major group with draws_from limited to the group', async () => {
    const result = await runCli(['--json', ...model(), '--by', 'group', '--major-group', '13', '--major-group', '15'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.subjects.map((s: { subject: string }) => s.subject)).toEqual(['13', '15']);
    expect(newWorkRequests().map((r) => r.newWork!.scope)).toEqual(['group', 'group']);
    for (const r of newWorkRequests()) {
      expect(r.newWork!.codes.length).toBeGreaterThan(1);
      expect(r.newWork!.codes.every((c) => c.startsWith(`${r.newWork!.subject}-`))).toBe(true);
    }
    for (const row of storedRows()) {
      expect(row.scope).toBe('group');
      expect(row.drawsFrom.every((c) => c.startsWith(`${row.subject}-`))).toBe(true);
    }
  });

  it('drops invalid proposals and unknown draws_from codes, re-asks a reply with none valid, and never stores them', async () => {
    server.faults.push('invalid-all', 'unknown-id');
    const result = await runCli(['--json', ...model(), '--occupation', '13-2011.00'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(newWorkRequests()).toHaveLength(2);
    expect(json.dropped.invalidProposals).toBeGreaterThanOrEqual(3);
    expect(json.dropped.unknownCodes).toBe(2);
    const rows = storedRows();
    const sent = newWorkRequests()[1]!.newWork!.codes;
    const bounds = yearBounds();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.year).toBeLessThanOrEqual(bounds.max);
      expect(row.drawsFrom).not.toContain('99-9999.00');
      expect(row.drawsFrom.every((c) => sent.includes(c))).toBe(true);
    }
    expect(rows.map((r) => r.text)).not.toContain('Coordinate work with an occupation that was never sent.');
  });

  it('reports a subject as failed when every ask comes back invalid, storing nothing', async () => {
    server.faults.push('invalid-all', 'invalid-all', 'invalid-all');
    const result = await runCli([...model(), '--occupation', '13-2011.00'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed: 13-2011\.00: no valid proposal/);
    expect(newWorkRequests()).toHaveLength(3);
    expect(storedRows()).toHaveLength(0);
  });

  it('retries a 500 through the shared retry layer', async () => {
    server.faults.push('500');
    const result = await runCli([...model(), '--occupation', '13-2011.00'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(storedRows()).toHaveLength(3);
  });

  it('falls back to JSON mode on a server without schema support, as scoring does', async () => {
    await server.close();
    server = await startFakeLlmServer({ apiKey: SECRET, supportsJsonSchema: false });
    const result = await runCli([...model(), '--occupation', '13-2011.00'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(newWorkRequests().map((r) => r.mode)).toEqual(['json_object']);
    expect(storedRows()).toHaveLength(3);
  });

  it('never writes the API key to stdout, stderr or the store', async () => {
    server.faults.push('500');
    const result = await runCli([...model(), '--limit', '2'], { env: env() });
    const offline = await runCli(['new-work', '--store', storeFile()], { env: { AI_FRONTIER_HOME: path.join(dir, 'home') } });
    expect(result.stdout + result.stderr + offline.stdout + offline.stderr).not.toContain(SECRET);
    for (const file of readdirSync(dir)) {
      if (file.startsWith('scores.db')) expect(readFileSync(path.join(dir, file)).includes(SECRET), file).toBe(false);
    }
  });

  it('after a run, loadAnalysis on the sample includes the stored proposals in newWork', async () => {
    const result = await runCli([...model(), '--limit', '2'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    const { analysis } = await loadAnalysis({ dataset: 'sample', store: storeFile(), frontier: { baseYear: 2025 }, env: env(), cwd: dir });
    const proposed = analysis.newWork.filter((e) => e.source === 'custom:fake-model proposal');
    expect(proposed).toHaveLength(6);
    expect(proposed.some((e) => e.kind === 'role' && e.text.startsWith('AI Operations Lead'))).toBe(true);
    expect(analysis.newWork.some((e) => e.origin === 'sample' && e.source.includes('not O*NET data'))).toBe(true);
  });
});

describe('new-work offline', () => {
  it('prints the sample\'s emerging tasks and stored proposals as examples, says a model is needed, exits 0', async () => {
    await runCli([...model(), '--limit', '1'], { env: env() });
    const result = await runCli(['new-work', '--store', storeFile()], { env: { AI_FRONTIER_HOME: path.join(dir, 'home') } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Decide which business processes to hand to AI tools and plan retraining for the staff affected.');
    expect(result.stdout).toContain('written for this project to illustrate new work (not O*NET data)');
    expect(result.stdout).toContain('custom:fake-model proposal');
    expect(result.stderr).toMatch(/a model is needed to propose new work; set OPENAI_API_KEY/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--json prints one document with the examples', async () => {
    const result = await runCli(['--json', 'new-work', '--store', storeFile()], { env: { AI_FRONTIER_HOME: path.join(dir, 'home') } });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.status).toBe('offline');
    expect(json.examples.length).toBeGreaterThan(10);
    expect(json.examples[0]).toMatchObject({ kind: 'task', drawsFrom: [expect.stringMatching(/^\d\d-\d{4}\.\d\d$/)] });
  });
});
