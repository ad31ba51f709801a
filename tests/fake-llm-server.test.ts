// The fake server is itself a test instrument: it must refuse what a real server would refuse, and
// rate-limit the way OpenAI does, or the engine tests prove less than they claim.
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessages, replyJsonSchema, horizonBounds, SCHEMA_NAME } from '../src/score/rubric.js';
import { fakeLabel, formatDuration, startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

let server: FakeLlmServer;
afterEach(async () => server?.close());

const bounds = horizonBounds();
const tasks = [{ id: 't1', occupation: 'Roofers', task: 'Install roofing systems.' }];
const body = (overrides: Record<string, unknown> = {}) => ({
  model: 'fake-model',
  messages: buildMessages(tasks, { schemaInPrompt: false, bounds }),
  response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: replyJsonSchema(bounds, ['t1']) } },
  ...overrides,
});
const post = (payload: unknown, key = 'test-key') =>
  fetch(`${server.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(payload),
  });

describe('the fake OpenAI-compatible server', () => {
  it('answers a rubric request with each task\'s deterministic label and usage', async () => {
    server = await startFakeLlmServer();
    const res = await post(body());
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { choices: { message: { content: string } }[]; usage: { prompt_tokens: number } };
    expect(JSON.parse(reply.choices[0]!.message.content)).toEqual({ scores: [{ id: 't1', ...fakeLabel('Install roofing systems.') }] });
    expect(reply.usage.prompt_tokens).toBeGreaterThan(0);
    expect(server.requests[0]).toMatchObject({ mode: 'json_schema', status: 200, tasks });
  });

  it('refuses a wrong key, an unknown model, a schema or system prompt that is not the rubric\'s', async () => {
    server = await startFakeLlmServer();
    expect((await post(body(), 'other')).status).toBe(401);
    expect((await post(body({ model: 'gpt-9' }))).status).toBe(404);
    const schema = { ...replyJsonSchema(bounds, ['t1']), required: [] };
    expect((await post(body({ response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema } } }))).status).toBe(400);
    expect((await post(body({ response_format: { type: 'json_object' } }))).status).toBe(400);
    expect((await post(body({ response_format: undefined }))).status).toBe(400);
  });

  it('enforces its request limit with a 429, retry-after and x-ratelimit headers', async () => {
    server = await startFakeLlmServer({ rpm: 2 });
    expect((await post(body())).status).toBe(200);
    expect((await post(body())).status).toBe(200);
    const res = await post(body());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset-requests')).toMatch(/s$/);
  });

  it('writes durations the way OpenAI does', () => {
    expect(formatDuration(20)).toBe('20ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(360_000)).toBe('6m0s');
  });
});
