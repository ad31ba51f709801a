// The API key never leaves the process, whoever sends it back: a server whose 401s quote the Authorization
// header, or a model that writes the key into its rationales. Every request path (model discovery, scoring,
// new work, the Batch API, batch-status) and every output (stdout, stderr, stack traces under
// AI_FRONTIER_DEBUG, the store with its WAL, the Batch API files, every export) is searched for the key.
// Control characters from a model reach no terminal: `scores show` of a rationale that sets the window title.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printable } from '../src/cli/format.js';
import { REDACTED_KEY } from '../src/score/llm/redact.js';
import { fit } from '../src/ui/text.js';
import { runScore } from '../src/score/score-run.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startFakeBatchApi } from './helpers/fake-batch-api.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

const KEY = 'sk-proj-MARKER-5c0ffee9b1d2';
let dir: string;
const servers: FakeLlmServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-secrets-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startFakeLlmServer>[0]): Promise<FakeLlmServer> {
  const started = await startFakeLlmServer(options);
  servers.push(started);
  return started;
}

const env = (extra: NodeJS.ProcessEnv = {}) => ({ OPENAI_API_KEY: KEY, AI_FRONTIER_HOME: path.join(dir, 'home'), ...extra });
const store = () => path.join(dir, 'scores.db');

/** Every file under the folder (store, WAL, SHM, batch files, reports, the home folder), recursively. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true })
    .map((name) => path.join(folder, String(name)))
    .filter((file) => statSync(file).isFile());
}

function expectNoKey(label: string, ...results: CliResult[]) {
  for (const result of results) {
    expect(result.stdout, `${label}: stdout`).not.toContain(KEY);
    expect(result.stderr, `${label}: stderr`).not.toContain(KEY);
  }
  for (const file of filesUnder(dir)) expect(readFileSync(file).includes(KEY), `${label}: ${file}`).toBe(false);
}

describe('a server that quotes the key back in its errors', () => {
  it('model discovery: the failure is reported without the key, in the message and in the debug stack', async () => {
    // The server knows another key, so ours is wrong and quoted back in the 401.
    const echo = await server({ apiKey: 'the-right-key-0000', echoKey: true });
    for (const extra of [{}, { AI_FRONTIER_DEBUG: '1' }]) {
      const result = await runCli(['score', '--base-url', echo.baseURL, '--store', store(), '--limit', '3'], { env: env(extra) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/could not ask .* which model it serves/);
      expect(result.stderr).toContain(`Bearer ${REDACTED_KEY}`);
      if ('AI_FRONTIER_DEBUG' in extra) expect(result.stderr).toMatch(/at discoverModel/);
      expectNoKey('discovery', result);
    }
  });

  it('scoring and new work: the refused request is reported without the key', async () => {
    const echo = await server({ apiKey: 'the-right-key-0000', echoKey: true });
    const scored = await runCli(['score', '--base-url', echo.baseURL, '--model', 'fake-model', '--store', store(), '--limit', '3'], { env: env({ AI_FRONTIER_DEBUG: '1' }) });
    expect(scored.code).toBe(1);
    expect(scored.stderr).toMatch(/HTTP 401/);
    const proposed = await runCli(['new-work', '--base-url', echo.baseURL, '--model', 'fake-model', '--store', store(), '--occupation', '15-1252.00'], { env: env({ AI_FRONTIER_DEBUG: '1' }) });
    expect(proposed.code).toBe(1);
    expect(proposed.stderr).toMatch(/HTTP 401/);
    expectNoKey('score and new-work', scored, proposed);
  });

  it('--batch-api and scores batch-status: the refused upload and poll are reported without the key', async () => {
    const chat = await server({ apiKey: 'the-right-key-0000' });
    const api = await startFakeBatchApi({ chatBaseURL: chat.baseURL, apiKey: 'the-right-key-0000', echoKey: true });
    try {
      const refused = await runCli(['score', '--batch-api', '--base-url', api.baseURL, '--model', 'fake-model', '--store', store(), '--limit', '3'], { env: env({ AI_FRONTIER_DEBUG: '1' }) });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(REDACTED_KEY);
      // A batch submitted with the right key, then followed with a wrong one.
      const controller = new AbortController();
      const flags = { baseUrl: api.baseURL, model: 'fake-model', store: store() };
      const submitted = await runScore(
        { flags, selection: { limit: 3 }, batchApi: true, env: env({ OPENAI_API_KEY: 'the-right-key-0000', AI_FRONTIER_BATCH_POLL_MS: '20' }), cwd: dir, signal: controller.signal },
        { onEvent: (e) => e.type === 'batch' && controller.abort() },
      );
      expect(submitted.status).toBe('interrupted');
      const followed = await runCli(['scores', 'batch-status', api.batches[0]!.id, '--store', store()], { env: env({ AI_FRONTIER_DEBUG: '1' }) });
      expect(followed.code).toBe(1);
      expect(followed.stderr).toContain(REDACTED_KEY);
      expectNoKey('batch-api', refused, followed);
    } finally {
      await api.close();
    }
  });
});

describe('a model that writes the key and terminal escapes into its replies', () => {
  const hostile = ({ authorization }: { authorization: string }) => `Echoing ${authorization} \u001b]0;PWNED\u0007 \u001b[2J done`;

  it('stores, prints and exports the replies with the key redacted and every control character shown, not obeyed', async () => {
    const model = await server({ apiKey: KEY, rationale: hostile });
    const scored = await runCli(['score', '--base-url', model.baseURL, '--model', 'fake-model', '--store', store(), '--limit', '8'], { env: env() });
    expect(scored.code, scored.stderr).toBe(0);
    const proposed = await runCli(['new-work', '--base-url', model.baseURL, '--model', 'fake-model', '--store', store(), '--occupation', '11-1021.00'], { env: env() });
    expect(proposed.code, proposed.stderr).toBe(0);

    const show = await runCli(['scores', 'show', '900001', '--store', store()], { env: env() });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Echoing Bearer ${REDACTED_KEY}`);
    // The escapes are visible as text, and no ESC or BEL byte reaches the terminal.
    expect(show.stdout).toContain('\\x1b]0;PWNED\\x07');
    expect(show.stdout).not.toMatch(/[\u0007\u001b]/);

    const outputs = [
      await runCli(['scores', 'list', '--store', store()], { env: env() }),
      await runCli(['--json', 'scores', 'show', '900001', '--store', store()], { env: env() }),
      await runCli(['new-work', '--store', store(), '--occupation', '11-1021.00'], { env: env({ OPENAI_API_KEY: '' }) }),
      await runCli(['frontier', '--store', store(), '--scorer', 'custom:fake-model'], { env: env() }),
      await runCli(['view', '--store', store(), '--scorer', 'custom:fake-model'], { env: env() }),
      await runCli(['export', '--store', store(), '--scorer', 'custom:fake-model', '--out', path.join(dir, 'reports')], { env: env() }),
    ];
    for (const output of outputs) expect(output.code, output.stderr).toBe(0);
    for (const output of [scored, proposed, show, ...outputs]) expect(output.stdout + output.stderr).not.toMatch(/[\u0007\u001b]/);
    expect(readdirSync(path.join(dir, 'reports')).length).toBeGreaterThan(5);
    expect(readFileSync(path.join(dir, 'reports', 'tasks.csv'), 'utf8')).toContain(REDACTED_KEY);
    expectNoKey('hostile replies', scored, proposed, show, ...outputs);
  });
});

describe('printable: one helper for every terminal line', () => {
  it('shows control characters and bidirectional overrides as escapes, keeping only the colours this tool adds', () => {
    const hostile = 'a\u001b]0;title\u0007b\u001b[2Jc\rd\u202ee\u009bf\tg\nh';
    expect(printable(hostile)).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x0dd\\u202ee\\x9bf\tg\nh');
    expect(printable(`\u001b[33mwarn\u001b[39m ${hostile}`, { colour: true })).toBe(`\u001b[33mwarn\u001b[39m ${printable(hostile)}`);
    // The view lays out every line with fit().
    expect(fit('x\u001b]0;t\u0007', 20)).toBe('x\\x1b]0;t\\x07'.padEnd(20));
  });
});
