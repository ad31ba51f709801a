// One validation for every setting, wherever it comes from: flags, environment, config file. A setting
// nothing can honour is a usage error (exit 2) before anything is loaded or sent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.js';

let server: FakeLlmServer;
let dir: string;
beforeEach(async () => {
  server = await startFakeLlmServer({ apiKey: 'sk-settings-test-key' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-frontier-settings-'));
});
afterEach(async () => server.close());

const env = (extra: NodeJS.ProcessEnv = {}) => ({ OPENAI_API_KEY: 'sk-settings-test-key', AI_FRONTIER_HOME: path.join(dir, 'home'), ...extra });

describe('impossible settings', () => {
  it.each([
    [['--timeout', '0'], /--timeout 0: expected a time above 0/],
    [['--base-url', 'notaurl'], /--base-url "notaurl": expected an http:\/\/ or https:\/\/ URL/],
    [['--temperature', '5'], /--temperature 5: expected a number from 0 to 2/],
    [['--batch-size', '100000'], /--batch-size 100000: expected a whole number of tasks from 1 to 200/],
  ])('%j is a usage error before any request', async (flags, message) => {
    for (const command of ['score', 'new-work']) {
      const args = [command, '--model', 'fake-model', '--store', path.join(dir, 's.db'), ...(flags[0] === '--base-url' ? [] : ['--base-url', server.baseURL]), ...flags];
      if (command === 'new-work' && flags[0] === '--batch-size') continue;
      const result = await runCli(args, { env: env(), cwd: dir });
      expect(result.code, `${command} ${flags.join(' ')}`).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('the same rules refuse the environment and the config file, naming the variable or the file and key', async () => {
    const fromEnv = await runCli(['score', '--model', 'fake-model'], { env: env({ OPENAI_BASE_URL: 'notaurl' }), cwd: dir });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/OPENAI_BASE_URL="notaurl": expected an http/);
    for (const [key, value, message] of [
      ['temperature', 5, /"temperature": expected a number from 0 to 2, got 5/],
      ['batchSize', 100000, /"batchSize": expected a whole number of tasks from 1 to 200/],
      ['timeoutMs', 0, /"timeoutMs": expected a time above 0/],
      ['baseURL', 'notaurl', /"baseURL": expected an http/],
    ] as const) {
      writeFileSync(path.join(dir, 'ai-frontier.config.json'), JSON.stringify({ [key]: value }));
      const result = await runCli(['score', '--model', 'fake-model', '--base-url', server.baseURL], { env: env(), cwd: dir });
      expect(result.code, key).toBe(2);
      expect(result.stderr).toContain(path.join(dir, 'ai-frontier.config.json'));
      expect(result.stderr).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });
});
