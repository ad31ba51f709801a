// Every JSON schema we send says what our validators accept: a reply made from the schema alone (as a
// server that enforces it and knows nothing else could give it) validates in full, for every kind of
// request, including the edge cases (fewest items, every enum value, the bounds, the longest text); and one
// value just outside any constraint is refused. Then the same end to end, against the fake server answering
// from the schema.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROPOSALS, newWorkJsonSchema, proposalSchema, yearBounds } from '../src/newwork/prompt.js';
import { parseNewWorkReply } from '../src/newwork/reply.js';
import { parseReply } from '../src/score/llm/reply.js';
import { horizonBounds, replyItemSchema, replyJsonSchema } from '../src/score/rubric.js';
import { CANARY_TASKS } from '../src/score/llm/canaries.js';
import { openStore } from '../src/score/store/store.js';
import { schemaInstances, violations } from '../src/testing/schema-instances.js';
import { runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

const scoreBounds = horizonBounds(2026);
const yearRange = yearBounds(2026);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);
const CODES = ['15-1252.00', '15-1253.00', '15-1211.00', '15-2051.00', '15-1232.00'];

describe('scoring: a reply made from the schema alone validates', () => {
  for (const count of [1, 7, 20]) {
    it(`for ${count} task(s): every instance scores every task, nothing dropped`, () => {
      const sent = ids(count);
      const instances = schemaInstances(replyJsonSchema(scoreBounds, sent), 16);
      for (const [n, reply] of instances.entries()) {
        const parsed = parseReply({ content: JSON.stringify(reply), sentIds: sent, bounds: scoreBounds });
        expect([...parsed.missing.entries()], `instance ${n}: ${JSON.stringify(reply).slice(0, 300)}`).toEqual([]);
        expect(parsed.dropped).toEqual({ unknownIds: 0, duplicateIds: 0, invalidItems: 0 });
      }
      // The edge cases are in there: the bounds of the horizon and confidence, every level, 25 words.
      const items = instances.flatMap((reply) => (reply as { scores: Record<string, unknown>[] }).scores);
      expect(new Set(items.map((item) => item.horizon))).toContain(scoreBounds.max);
      expect(new Set(items.map((item) => item.exposure))).toEqual(new Set(['E0', 'E1', 'E2']));
      expect(Math.max(...items.map((item) => String(item.rationale).trim().split(/\s+/).length))).toBe(25);
    });
  }

  it('the schema in the prompt (JSON mode, the same for every request) allows only valid items too', () => {
    for (const reply of schemaInstances(replyJsonSchema(scoreBounds), 16)) {
      for (const item of (reply as { scores: object[] }).scores) expect(replyItemSchema(scoreBounds).safeParse({ ...item, id: 't1' }).success).toBe(true);
    }
  });

  it('one value just outside the schema is refused by the validator', () => {
    const found = violations(replyJsonSchema(scoreBounds, ids(1)));
    expect(found.map((v) => v.path.join('.'))).toEqual(expect.arrayContaining(['scores.0.id', 'scores.0.exposure', 'scores.0.horizon', 'scores.0.confidence', 'scores.0.rationale']));
    for (const { path: at, instance } of found) {
      const parsed = parseReply({ content: JSON.stringify(instance), sentIds: ids(1), bounds: scoreBounds });
      expect(parsed.accepted.size, `${at.join('.')}: ${JSON.stringify(instance)}`).toBe(0);
    }
  });

  it('the one rule no schema can say, each id once, is enforced by the validator alone', () => {
    const [reply] = schemaInstances(replyJsonSchema(scoreBounds, ids(2)), 1) as { scores: { id: string }[] }[];
    reply!.scores[1]!.id = 't1';
    const parsed = parseReply({ content: JSON.stringify(reply), sentIds: ids(2), bounds: scoreBounds });
    expect(parsed.accepted.size).toBe(0);
    expect(parsed.dropped.duplicateIds).toBe(1);
  });
});

describe('new work: a reply made from the schema alone validates', () => {
  for (const codes of [CODES.slice(0, 1), CODES]) {
    it(`with ${codes.length} occupation code(s) offered: every proposal kept, nothing dropped`, () => {
      const instances = schemaInstances(newWorkJsonSchema(yearRange, codes), 16);
      for (const [n, reply] of instances.entries()) {
        const parsed = parseNewWorkReply({ content: JSON.stringify(reply), sentCodes: codes, bounds: yearRange });
        const proposals = (reply as { proposals: unknown[] }).proposals;
        expect(parsed.reason, `instance ${n}: ${JSON.stringify(reply).slice(0, 400)}`).toBeUndefined();
        expect(parsed.proposals).toHaveLength(Math.min(proposals.length, MAX_PROPOSALS));
        expect(parsed.dropped.unknownCodes).toBe(0);
      }
      const proposals = instances.flatMap((reply) => (reply as { proposals: { kind: string; draws_from: string[] }[] }).proposals);
      expect(new Set(proposals.map((p) => p.kind))).toEqual(new Set(['task', 'role']));
      expect(Math.min(...proposals.map((p) => p.draws_from.length))).toBe(1);
    });
  }

  it('one value just outside the schema is refused by the validator', () => {
    const found = violations(newWorkJsonSchema(yearRange, CODES));
    expect(found.map((v) => v.path.join('.'))).toEqual(
      expect.arrayContaining(['proposals.0.kind', 'proposals.0.text', 'proposals.0.title', 'proposals.0.year', 'proposals.0.draws_from', 'proposals.0.draws_from.0', 'proposals.0.rationale']),
    );
    for (const { path: at, instance } of found) {
      const first = (instance as { proposals: unknown[] }).proposals[0];
      // draws_from is cleaned of unknown codes before validation, as parseNewWorkReply does.
      const cleaned = { ...(first as object), draws_from: ((first as { draws_from: string[] }).draws_from ?? []).filter((c) => CODES.includes(c)) };
      expect(proposalSchema(yearRange).safeParse(cleaned).success, `${at.join('.')}: ${JSON.stringify(first)}`).toBe(false);
    }
  });
});

describe('against a server that answers from the schema', () => {
  let server: FakeLlmServer;
  afterEach(async () => server?.close());

  it('score stores every task with no reply item refused; new-work keeps every proposal', async () => {
    server = await startFakeLlmServer({ answerFromSchema: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-schema-'));
    const common = ['--base-url', server.baseURL, '--model', server.model, '--store', path.join(dir, 'scores.db')];
    const env = { OPENAI_API_KEY: server.apiKey, AI_FRONTIER_HOME: path.join(dir, 'home') };

    const score = await runCli(['score', ...common, '--occupation', '15-1252.00', '--occupation', '29-1141.00', '--batch-size', '4'], { env });
    expect(score.code, score.stderr).toBe(0);
    expect(score.stderr).not.toMatch(/invalid|failed/);
    // Every request also carries the injection check's two tasks (src/score/llm/canaries.ts). A server answering
    // from the schema alone rates them at random, so the check sends some tasks again in smaller requests; what
    // matters here is that no item of any reply was refused, and every task was stored.
    const checkTexts = new Set<string>(CANARY_TASKS.map((t) => t.text));
    const own = new Set(server.requests.flatMap((r) => r.tasks.filter((t) => !checkTexts.has(t.task)).map((t) => t.task)));
    const stored = openStore(path.join(dir, 'scores.db'), { readonly: true });
    expect(stored.scoresFor({ scorer: `custom:${server.model}` })).toHaveLength(own.size);
    stored.close();

    const newWork = await runCli(['new-work', ...common, '--scorer', `custom:${server.model}`, '--occupation', '15-1252.00'], { env });
    expect(newWork.code, newWork.stderr).toBe(0);
    expect(newWork.stderr).not.toMatch(/dropped|no valid proposal/);
    const store = openStore(path.join(dir, 'scores.db'));
    const rows = store.newWorkFor();
    store.close();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.filter((r) => r.newWork)).toHaveLength(1);
  });
});


