// A score run against each endpoint the tool names (--provider), played by the loopback fake server from
// what each vendor documents (src/testing/endpoint-profiles.ts): the run completes, falling back where a
// documented fallback exists and retrying what is transient, or stops at once with one message that names
// the endpoint and the fix, exit 1. Every request goes through the real `openai` SDK over real HTTP.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/score/store/store.js';
import { GROQ_STRICT_MODELS, VLLM_OLD_XGRAMMAR_UNSUPPORTED } from '../src/testing/endpoint-profiles.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer, type FakeLlmServerOptions, type Fault } from './helpers/fake-llm-server.js';

const KEY = 'sk-endpoints-4b1d9e0c7a';
const TASKS = 12;
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The environment variable each provider reads its key from. */
const KEY_ENV: Record<string, string> = { openai: 'OPENAI_API_KEY', groq: 'GROQ_API_KEY', openrouter: 'OPENROUTER_API_KEY', vllm: 'VLLM_API_KEY' };

interface Run extends CliResult {
  store: string;
  /** The lines the CLI wrote as errors (one expected when a run stops). */
  errors: string[];
}

async function scoreAgainst(provider: string, options: FakeLlmServerOptions & { faults?: Fault[]; args?: string[] } = {}): Promise<Run> {
  const { faults = [], args = [], ...serverOptions } = options;
  server = await startFakeLlmServer({ apiKey: KEY, endpoint: provider as FakeLlmServerOptions['endpoint'], ...serverOptions });
  server.faults.push(...faults);
  const store = path.join(mkdtempSync(path.join(os.tmpdir(), `ai-frontier-${provider}-`)), 'scores.db');
  const model = serverOptions.model && provider !== 'vllm' ? ['--model', serverOptions.model] : [];
  const env = KEY_ENV[provider] ? { [KEY_ENV[provider]!]: KEY } : {};
  const result = await runCli(['score', '--provider', provider, '--base-url', server.baseURL, ...model, '--store', store, '--limit', String(TASKS), '--batch-size', '5', ...args], { env });
  return { ...result, store, errors: result.stderr.split('\n').filter((line) => line.startsWith('ai-frontier:')) };
}

/** What the store holds for the run's scorer: scores, and the requests it recorded as paid for. */
function stored(run: Run, scorer: string) {
  const store = openStore(run.store);
  try {
    return { scores: store.scoresFor({ scorer }), listed: store.listScorers().find((s) => s.scorer === scorer) };
  } finally {
    store.close();
  }
}

const modes = () => server!.requests.map((r) => `${r.mode} ${r.status}`);

describe('OpenAI, structured outputs in strict mode', () => {
  it("completes with the rubric's schema accepted under OpenAI's strict rules on every request", async () => {
    const run = await scoreAgainst('openai', { model: 'gpt-4.1-mini' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(new Set(modes())).toEqual(new Set(['json_schema 200']));
  });

  it('stops at the first out-of-quota 429 with where to add credit, exit 1, sending nothing more', async () => {
    const run = await scoreAgainst('openai', { model: 'gpt-4.1-mini', faults: ['insufficient-credits'] });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(`${server!.baseURL}: the account is out of credit (HTTP 429: You exceeded your current quota`);
    expect(run.errors[0]).toContain('https://platform.openai.com/settings/organization/billing');
    expect(server!.requests).toHaveLength(1);
    expect(stored(run, 'openai:gpt-4.1-mini').scores).toEqual([]);
  });
});

describe('Groq', () => {
  it('falls back to JSON mode on a model without json_schema support after one refused request, and completes', async () => {
    const run = await scoreAgainst('groq', { model: 'llama-3.3-70b-versatile' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(run.stderr).toContain('retrying: the server does not accept a JSON schema (HTTP 400: This model does not support response format `json_schema`');
    // One refused request for the whole run, then JSON mode, whose prompt mentions JSON as Groq requires.
    expect(modes()[0]).toBe('invalid 400');
    expect(modes().slice(1).every((m) => m === 'json_object 200')).toBe(true);
    expect(stored(run, 'groq:llama-3.3-70b-versatile').scores).toHaveLength(TASKS);
  });

  it('with --structured-output json_schema there is no fallback: one message naming the endpoint and the flag to change, exit 1', async () => {
    const run = await scoreAgainst('groq', { model: 'llama-3.3-70b-versatile', args: ['--structured-output', 'json_schema'] });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `ai-frontier: groq (llama-3.3-70b-versatile) at ${server!.baseURL} does not accept the json_schema response format (HTTP 400: This model does not support response format \`json_schema\`. See supported models at https://console.groq.com/docs/structured-outputs#supported-models). Use --structured-output auto (falls back to JSON mode with the schema in the prompt) or --structured-output json_object.`,
    ]);
    expect(server!.requests).toHaveLength(1);
  });

  it('uses strict json_schema on a model Groq lists for it', async () => {
    const run = await scoreAgainst('groq', { model: GROQ_STRICT_MODELS[0] });
    expect(run.code, run.stderr).toBe(0);
    expect(new Set(modes())).toEqual(new Set(['json_schema 200']));
  });

  it("asks again after Groq's json_validate_failed 400 instead of stopping the run", async () => {
    const run = await scoreAgainst('groq', { model: 'llama-3.3-70b-versatile', args: ['--structured-output', 'json_object'], faults: ['json-validate-failed', 'json-validate-failed'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(run.stderr).toContain("retrying: the model's JSON failed the server's check (HTTP 400: Failed to generate JSON.");
    expect(server!.requests.filter((r) => r.fault === 'json-validate-failed').map((r) => r.status)).toEqual([400, 400]);
  });
});

describe('Ollama', () => {
  it('completes with no key, no rate-limit headers and no usage in its replies', async () => {
    const run = await scoreAgainst('ollama', { model: 'llama3.1:8b', endpointOptions: { usage: 'none' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(new Set(modes())).toEqual(new Set(['json_schema 200']));
    expect(stored(run, 'ollama:llama3.1:8b').scores).toHaveLength(TASKS);
  });

  it('completes when replies carry prompt tokens only', async () => {
    const run = await scoreAgainst('ollama', { model: 'llama3.1:8b', endpointOptions: { usage: 'partial' } });
    expect(run.code, run.stderr).toBe(0);
    expect(stored(run, 'ollama:llama3.1:8b').scores).toHaveLength(TASKS);
  });

  it('stops at once when the model does not fit in memory, suggesting a smaller model, instead of retrying every request', async () => {
    const run = await scoreAgainst('ollama', { model: 'llama3.1:8b', faults: ['out-of-memory'] });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(`${server!.baseURL} cannot load llama3.1:8b: it does not fit in memory (HTTP 500: model requires more system memory`);
    expect(run.errors[0]).toContain('Use a smaller model');
    expect(server!.requests).toHaveLength(1);
  });
});

describe('vLLM', () => {
  it('asks the server for its model and completes with guided decoding through response_format', async () => {
    const run = await scoreAgainst('vllm');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(new Set(server!.requests.map((r) => r.via))).toEqual(new Set(['response_format']));
  });

  it("falls back to JSON mode when the guided-decoding backend refuses the schema's keywords, reading vLLM's own error shape", async () => {
    const run = await scoreAgainst('vllm', { endpointOptions: { vllmUnsupported: VLLM_OLD_XGRAMMAR_UNSUPPORTED } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('the server does not accept a JSON schema (HTTP 400: The provided JSON schema contains features not supported by xgrammar.)');
    expect(stored(run, 'vllm:fake-model').scores).toHaveLength(TASKS);
  });

  it('without a fallback, says what vLLM said (not "no body") and which flag to change, exit 1', async () => {
    const run = await scoreAgainst('vllm', { endpointOptions: { vllmUnsupported: VLLM_OLD_XGRAMMAR_UNSUPPORTED }, args: ['--structured-output', 'json_schema'] });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('does not accept the json_schema response format (HTTP 400: The provided JSON schema contains features not supported by xgrammar.). Use --structured-output auto');
  });

  it('stops on a request longer than the context, suggesting a lower --batch-size', async () => {
    const run = await scoreAgainst('vllm', { faults: ['context-length'] });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain("a request is longer than fake-model can take (HTTP 400: This model's maximum context length is 4096 tokens.");
    expect(run.errors[0]).toContain('lower --batch-size');
  });
});

describe('OpenRouter', () => {
  it('stops on 402 insufficient credits with where to add them, exit 1', async () => {
    const run = await scoreAgainst('openrouter', { model: 'openai/gpt-4.1-mini', faults: ['insufficient-credits'] });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('the account is out of credit (HTTP 402: Insufficient credits.');
    expect(run.errors[0]).toContain('Add credits at https://openrouter.ai/credits');
    expect(server!.requests).toHaveLength(1);
  });

  it('retries provider errors (502, 503, an error inside a 200, a choice that ended in error) and stores only clean replies', async () => {
    const faults: Fault[] = ['provider-error', 'no-provider', 'error-in-body', 'choice-error'];
    const run = await scoreAgainst('openrouter', { model: 'openai/gpt-4.1-mini', faults });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`scored now\\s+${TASKS}`));
    expect(run.stderr).toContain('retrying: HTTP 502: Provider returned error (provider Fireworks; it said: upstream connect error');
    expect(run.stderr).toContain('retrying: HTTP 503: No allowed providers are available');
    expect(run.stderr).toContain('retrying: error in a 200 reply, HTTP 502: Provider returned error (provider Fireworks');
    expect(run.stderr).toContain('retrying: the reply ended in an error (finish_reason "error"): Provider disconnected mid-generation (provider Fireworks');
    const { scores, listed } = stored(run, 'openrouter:openai/gpt-4.1-mini');
    expect(scores).toHaveLength(TASKS);
    for (const score of scores) expect(score.rationale).toMatch(/^Deterministic label [0-9a-f]{8} derived from this task statement alone\.$/);
    // Paid-for requests recorded: the clean replies only, none of the four that came with an error.
    const clean = server!.requests.filter((r) => r.status === 200 && !r.fault).length;
    expect(server!.requests.filter((r) => r.fault && faults.includes(r.fault as Fault))).toHaveLength(4);
    expect(listed?.requests).toBe(clean);
  });
});
