// An endpoint that cannot do the job at all (nothing listening, a key it rejects, no such route or model)
// stops the run after a few attempts with one message naming the URL and the likely fix, instead of
// failing every request on its own after all its retries.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FailureError } from '../src/errors.js';
import { runScore } from '../src/score/score-run.js';
import { openStore } from '../src/score/store/store.js';
import { runCli } from './helpers/cli.js';
import { closedPort, startServer, type TestServer } from './helpers/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const storeIn = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-dead-')), 'scores.db');

describe('a loopback port that refuses every connection', () => {
  it('stops after a few attempts, not six per request, and stores no failure', async () => {
    const port = await closedPort();
    const store = storeIn();
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const run = runScore(
      {
        flags: { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', store, maxRetries: 5 },
        selection: {},
        env: {},
        cwd: process.cwd(),
        fetch: counting,
      },
      {},
    );
    const error = (await run.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(FailureError);
    expect(error.message).toContain(`cannot reach http://127.0.0.1:${port}/v1: connection refused (ECONNREFUSED 127.0.0.1:${port})`);
    expect(error.message).toContain('Is the server running, and is --base-url its address');
    // The sample is 336 tasks in 17 requests: each is tried at most once before the retry that ends the run
    // (the old loop made 6 attempts per request, 102 in all).
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(17 + 4);
    const opened = openStore(store);
    expect(opened.listScorers()).toEqual([]);
    opened.close();
  });

  it('tells an Ollama user to start Ollama, in one line, exit 1', async () => {
    const port = await closedPort();
    const result = await runCli(['score', '--provider', 'ollama', '--base-url', `http://127.0.0.1:${port}/v1`, '--store', storeIn()]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('ai-frontier:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`ai-frontier: cannot reach http://127.0.0.1:${port}/v1: connection refused (ECONNREFUSED 127.0.0.1:${port})`);
    expect(errors[0]).toContain('Is Ollama running? Start it with `ollama serve` (and `ollama pull llama3.1:8b` once).');
    expect(result.stderr).not.toMatch(/failed: task/);
    expect(result.stderr).not.toMatch(/\(100%\)/);
  });

  it('stops new-work the same way', async () => {
    const port = await closedPort();
    const result = await runCli(['new-work', '--base-url', `http://127.0.0.1:${port}/v1`, '--model', 'm', '--store', storeIn()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ai-frontier: cannot reach http://127.0.0.1:${port}/v1: connection refused`);
  });
});

describe('a server that refuses every request', () => {
  it('answering 404 to everything: one request, and a message about the base URL', async () => {
    server = await startServer();
    const result = await runCli(['score', '--base-url', server.url('/wrong/v1'), '--model', 'm', '--store', storeIn()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ai-frontier: ${server.url('/wrong/v1')} has no chat completions endpoint`);
    expect(result.stderr).toContain('Check --base-url: OpenAI-compatible servers usually end in /v1.');
    expect(server.count('/wrong/v1/chat/completions')).toBeLessThanOrEqual(4);
  });

  it('answering 401 to everything: a message about the key', async () => {
    server = await startServer();
    server.route('/v1/chat/completions', { status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } }), headers: { 'content-type': 'application/json' } });
    const result = await runCli(['score', '--base-url', server.url('/v1'), '--model', 'm', '--store', storeIn()], { env: { OPENAI_API_KEY: 'wrong' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ai-frontier: ${server.url('/v1')} rejected the API key (HTTP 401: Incorrect API key provided.)`);
  });

  it('answering 404 for the model: a message about --model, with the pull command for Ollama', async () => {
    server = await startServer();
    const body = JSON.stringify({ error: { message: 'model "llama3.1:8b" not found, try pulling it first', type: 'api_error' } });
    server.route('/v1/chat/completions', { status: 404, body, headers: { 'content-type': 'application/json' } });
    const result = await runCli(['score', '--provider', 'ollama', '--base-url', server.url('/v1'), '--store', storeIn()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`has no model "llama3.1:8b"`);
    expect(result.stderr).toContain('Check --model (`ollama pull llama3.1:8b`).');
  });
});
