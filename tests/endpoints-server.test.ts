// The fake server's endpoint profiles are test instruments: each must refuse what the real endpoint refuses,
// in the real endpoint's words and shape, or the client tests in endpoints-runs.test.ts prove less than they
// claim. Requests go through the real `openai` SDK (this tool's own client) over HTTP, as the tool sends them.
import { afterEach, describe, expect, it } from 'vitest';
import { BadRequestError, type OpenAI } from 'openai';
import { buildMessages, horizonBounds, replyJsonSchema, SCHEMA_NAME } from '../src/score/rubric.js';
import { newWorkJsonSchema, yearBounds } from '../src/newwork/prompt.js';
import { openaiClient } from '../src/score/llm/request.js';
import { strictSchemaViolation, STRICT_LIMITS } from '../src/testing/openai-strict-schema.js';
import { GROQ_STRICT_MODELS, VLLM_OLD_XGRAMMAR_UNSUPPORTED } from '../src/testing/endpoint-profiles.js';
import { startFakeLlmServer, type FakeLlmServer, type FakeLlmServerOptions } from './helpers/fake-llm-server.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const bounds = horizonBounds();
const tasks = [{ id: 't1', occupation: 'Roofers', task: 'Install roofing systems.' }];
const rubricSchema = () => replyJsonSchema(bounds, ['t1']);

async function start(options: FakeLlmServerOptions): Promise<OpenAI> {
  server = await startFakeLlmServer({ apiKey: 'sk-endpoint-test-key', ...options });
  return openaiClient({ apiKey: server.apiKey, baseURL: server.baseURL, timeoutMs: 10_000 }, { maxRetries: 0 });
}

function ask(client: OpenAI, options: { schema?: Record<string, unknown>; mode?: 'json_schema' | 'json_object'; name?: string; system?: string } = {}) {
  const mode = options.mode ?? 'json_schema';
  const messages = buildMessages(tasks, { schemaInPrompt: mode === 'json_object', bounds });
  if (options.system !== undefined) messages[0] = { role: 'system', content: options.system };
  return client.chat.completions.create({
    model: server!.model,
    messages,
    response_format: mode === 'json_schema'
      ? { type: 'json_schema', json_schema: { name: options.name ?? SCHEMA_NAME, strict: true, schema: options.schema ?? rubricSchema() } }
      : { type: 'json_object' },
  });
}

/** The 400 a request got, as the SDK hands it to the tool. */
async function refusal(request: Promise<unknown>): Promise<BadRequestError> {
  const error = await request.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

/** Rubric item schema with one change, at scores.items. */
function withItem(change: (item: Record<string, unknown>) => void): Record<string, unknown> {
  const schema = structuredClone(rubricSchema()) as { properties: { scores: { items: Record<string, unknown> } } };
  change(schema.properties.scores.items);
  return schema;
}

describe('OpenAI structured outputs, strict: true', () => {
  it("accepts the rubric's reply schema and the new-work schema, with and without ids", () => {
    expect(strictSchemaViolation(replyJsonSchema(bounds))).toBeUndefined();
    expect(strictSchemaViolation(replyJsonSchema(bounds, Array.from({ length: 200 }, (_, i) => `t${i + 1}`)))).toBeUndefined();
    expect(strictSchemaViolation(newWorkJsonSchema(yearBounds()))).toBeUndefined();
    expect(strictSchemaViolation(newWorkJsonSchema(yearBounds(), ['15-1252.00', '43-4051.00']))).toBeUndefined();
  });

  it('answers a rubric request in strict mode over HTTP', async () => {
    const client = await start({ endpoint: 'openai' });
    const reply = await ask(client);
    expect(JSON.parse(reply.choices[0]!.message.content!).scores[0].id).toBe('t1');
    expect(server!.requests[0]).toMatchObject({ mode: 'json_schema', status: 200 });
  });

  // Each rule, broken once, refused as OpenAI refuses it: 400, param response_format, the rule named with
  // where in the schema it was broken.
  const broken: [string, Record<string, unknown>, RegExp][] = [
    ['a property left out of required', withItem((item) => (item.required = (item.required as string[]).filter((k) => k !== 'rationale'))),
      /In context=\('properties', 'scores', 'items'\), 'required' is required to be supplied and to be an array including every key in properties\. Missing 'rationale'\./],
    ['additionalProperties missing on a nested object', withItem((item) => delete item.additionalProperties),
      /In context=\('properties', 'scores', 'items'\), 'additionalProperties' is required to be supplied and to be false\./],
    ['additionalProperties true at the root', { ...rubricSchema(), additionalProperties: true },
      /In context=\(\), 'additionalProperties' is required to be supplied and to be false\./],
    ['a composition keyword (allOf)', withItem((item) => ((item.properties as Record<string, unknown>).confidence = { allOf: [{ type: 'number' }] })),
      /In context=\('properties', 'scores', 'items', 'properties', 'confidence'\), 'allOf' is not permitted\./],
    ['an unsupported keyword (uniqueItems)', { ...rubricSchema(), properties: { scores: { ...(rubricSchema().properties as { scores: object }).scores, uniqueItems: true } } },
      /In context=\('properties', 'scores'\), 'uniqueItems' is not permitted\./],
    ['a root that is not an object', { type: 'array', items: { type: 'string' } }, /schema must be a JSON Schema of 'type: "object"', got 'type: "array"'/],
    ['anyOf at the root', { anyOf: [rubricSchema()] }, /must not be 'anyOf' at the root/],
    ['more than 10 levels of nesting', nested(11), /11 levels of nesting exceeds limit of 10\./],
    ['more than 1,000 enum values', withItem((item) => ((item.properties as Record<string, unknown>).id = { type: 'string', enum: Array.from({ length: STRICT_LIMITS.enumValues + 1 }, (_, i) => `t${i}`) })),
      /Expected at most 1000 enum values in total within a single schema when using structured outputs, but received \d{4}\./],
  ];
  it.each(broken)('refuses %s with a 400 naming the rule', async (_, schema, message) => {
    const client = await start({ endpoint: 'openai' });
    const error = await refusal(ask(client, { schema }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('response_format');
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toMatch(new RegExp(`^400 Invalid schema for response_format '${SCHEMA_NAME}': `));
    expect(error.message).toMatch(message);
  });

  it('refuses more than 5,000 properties, and a format name OpenAI does not allow', async () => {
    const wide = { type: 'object', additionalProperties: false, required: [] as string[], properties: {} as Record<string, unknown> };
    for (let i = 0; i <= STRICT_LIMITS.properties; i++) {
      wide.properties[`p${i}`] = { type: 'boolean' };
      wide.required.push(`p${i}`);
    }
    expect(strictSchemaViolation(wide)).toMatch(/Expected at most 5000 properties in total .* but received 5001/);
    const client = await start({ endpoint: 'openai' });
    expect((await refusal(ask(client, { name: 'task scores!' }))).message).toMatch(/json_schema\.name.*\^\[a-zA-Z0-9_-\]\+\$/);
  });

  it("refuses JSON mode when no message mentions JSON, as OpenAI does; the rubric's JSON-mode prompt does", async () => {
    const client = await start({ endpoint: 'openai' });
    const error = await refusal(ask(client, { mode: 'json_object', system: 'Rate each task.' }));
    expect(error.message).toContain("'messages' must contain the word 'json' in some form");
    expect(error.param).toBe('messages');
    expect((await ask(client, { mode: 'json_object' })).choices[0]!.message.content).toContain('"scores"');
  });
});

function nested(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', additionalProperties: false, required: ['x'], properties: { x: schema } };
  return schema;
}

describe('Groq', () => {
  it('refuses json_schema with strict: true on a model without constrained decoding, naming the supported-models page', async () => {
    const client = await start({ endpoint: 'groq', model: 'llama-3.3-70b-versatile' });
    const error = await refusal(ask(client));
    expect(error.message).toContain('This model does not support response format `json_schema`');
    expect(error.message).toContain('https://console.groq.com/docs/structured-outputs#supported-models');
    expect((await ask(client, { mode: 'json_object' })).choices[0]!.message.content).toContain('"scores"');
  });

  it('accepts strict json_schema on the models its docs list, and holds it to the strict rules', async () => {
    const client = await start({ endpoint: 'groq', model: GROQ_STRICT_MODELS[1] });
    expect((await ask(client)).choices[0]!.message.content).toContain('"t1"');
    expect((await refusal(ask(client, { schema: withItem((item) => delete item.additionalProperties) }))).message).toContain("'additionalProperties' is required");
  });

  it('refuses JSON mode without JSON in the prompt, and answers json_validate_failed with the failed generation', async () => {
    const client = await start({ endpoint: 'groq', model: 'llama-3.3-70b-versatile' });
    expect((await refusal(ask(client, { mode: 'json_object', system: 'Rate each task.' }))).message).toContain("must contain the word 'json'");
    server!.faults.push('json-validate-failed');
    const error = await refusal(ask(client, { mode: 'json_object' }));
    expect(error.code).toBe('json_validate_failed');
    expect((error.error as { failed_generation?: string }).failed_generation).toMatch(/^\{"scores"/);
  });
});

describe('Ollama', () => {
  it('takes json_schema and json_object, ignores the key, and sends no rate-limit headers or usage details', async () => {
    server = await startFakeLlmServer({ endpoint: 'ollama', model: 'llama3.1:8b', rpm: 1000 });
    const client = openaiClient({ apiKey: 'ollama', baseURL: server.baseURL, timeoutMs: 10_000 }, { maxRetries: 0 });
    const { data, response } = await ask(client).withResponse();
    expect(data.usage).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) });
    expect([...response.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
    expect((await ask(client, { mode: 'json_object' })).choices[0]!.message.content).toContain('"scores"');
  });

  it('can leave usage out, or give prompt tokens only', async () => {
    for (const usage of ['none', 'partial'] as const) {
      server = await startFakeLlmServer({ endpoint: 'ollama', model: 'llama3.1:8b', endpointOptions: { usage } });
      const client = openaiClient({ apiKey: 'ollama', baseURL: server.baseURL, timeoutMs: 10_000 }, { maxRetries: 0 });
      const reply = await ask(client);
      expect(reply.usage).toEqual(usage === 'none' ? undefined : { prompt_tokens: expect.any(Number) });
      await server.close();
      server = undefined;
    }
  });
});

describe('vLLM', () => {
  it("follows a schema sent as response_format or as vLLM's own guided_json", async () => {
    const client = await start({ endpoint: 'vllm' });
    expect((await ask(client)).choices[0]!.message.content).toContain('"t1"');
    const guided = await client.chat.completions.create({
      model: server!.model,
      messages: buildMessages(tasks, { schemaInPrompt: false, bounds }),
      // @ts-expect-error vLLM's extra field, sent as vLLM's docs show
      guided_json: rubricSchema(),
    });
    expect(guided.choices[0]!.message.content).toContain('"t1"');
    expect(server!.requests.map((r) => r.via)).toEqual(['response_format', 'guided_json']);
  });

  it("refuses a schema its backend cannot compile, in vLLM's top-level error shape, which the tool's client reads", async () => {
    const client = await start({ endpoint: 'vllm', endpointOptions: { vllmUnsupported: VLLM_OLD_XGRAMMAR_UNSUPPORTED } });
    const raw = await fetch(`${server!.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server!.apiKey}` },
      body: JSON.stringify({ model: server!.model, messages: buildMessages(tasks, { schemaInPrompt: false, bounds }), guided_json: rubricSchema() }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ object: 'error', message: 'The provided JSON schema contains features not supported by xgrammar.', type: 'BadRequestError', param: null, code: 400 });
    // Without the client's error-body fetch the SDK would say "400 status code (no body)".
    expect((await refusal(ask(client))).message).toBe('400 The provided JSON schema contains features not supported by xgrammar.');
  });
});

describe('OpenRouter', () => {
  it('sends its errors as {error: {code, message, metadata}}, some of them inside a 200', async () => {
    await start({ endpoint: 'openrouter', model: 'openai/gpt-4.1-mini' });
    const post = () => fetch(`${server!.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server!.apiKey}` },
      body: JSON.stringify({ model: server!.model, messages: buildMessages(tasks, { schemaInPrompt: true, bounds }), response_format: { type: 'json_object' } }),
    });
    server!.faults.push('insufficient-credits', 'provider-error', 'error-in-body', 'choice-error');
    const credits = await post();
    expect(credits.status).toBe(402);
    expect(await credits.json()).toEqual({ error: { code: 402, message: expect.stringContaining('Insufficient credits') } });
    const provider = await post();
    expect(provider.status).toBe(502);
    expect(await provider.json()).toMatchObject({ error: { code: 502, metadata: { provider_name: 'Fireworks' } } });
    const inBody = await post();
    expect(inBody.status).toBe(200);
    expect(await inBody.json()).toMatchObject({ error: { code: 502, message: 'Provider returned error' } });
    const choice = await post();
    expect(choice.status).toBe(200);
    expect(await choice.json()).toMatchObject({ choices: [{ finish_reason: 'error', error: { code: 502 } }] });
  });
});
