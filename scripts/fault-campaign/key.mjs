// Issue 15 items 1-3: is the API key printed (a 401 quoting the Authorization header, on model discovery,
// with AI_FRONTIER_DEBUG=1, on --batch-api, scoring and new-work), stored or exported (a rationale echoing
// it), and does `scores show` print a rationale's terminal escapes raw? Runs the CLI of the given build
// against this repo's fake server.
// Usage: node scripts/fault-campaign/key.mjs [path to a built ai-frontier checkout]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spawnAsync = (cmd, args, opts) => new Promise((resolve) => { const c = spawn(cmd, args, opts); let stdout = '', stderr = ''; c.stdout.on('data', (d) => stdout += d); c.stderr.on('data', (d) => stderr += d); const t = setTimeout(() => c.kill('SIGKILL'), opts.timeout ?? 60000); c.on('close', (status) => { clearTimeout(t); resolve({ status, stdout, stderr }); }); });
// The worktree to measure (built: npm run build): this one by default, or an older commit's build.
const repo = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { startFakeLlmServer } = await import(path.join(here, 'dist/testing/fake-llm-server.js'));
const KEY = 'sk-MARKER-7f3a9c2e1b';
const echo401 = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(401, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}`, code: 'invalid_api_key' } })); }); });
await new Promise((r) => echo401.listen(0, '127.0.0.1', r));
const base401 = `http://127.0.0.1:${echo401.address().port}/v1`;
const hostile = await startFakeLlmServer({ apiKey: KEY, rationale: ({ authorization }) => `Echo ${authorization} \u001b]0;PWNED\u0007 title set` });
const cli = path.join(repo, 'bin/ai-frontier.js');
async function run(label, args, extraEnv = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'r15-'));
  const r = await spawnAsync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, AI_FRONTIER_HOME: home, OPENAI_API_KEY: KEY, ...extraEnv }, encoding: 'utf8', timeout: 60000, cwd: home });
  const files = [];
  const walk = (d) => { for (const f of readdirSync(d)) { const p = path.join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
  walk(home);
  const inFiles = files.filter((f) => readFileSync(f).includes(KEY)).map((f) => path.relative(home, f));
  const out = r.stdout + r.stderr;
  console.log(`${label}: exit ${r.status}; key in stdout/stderr: ${out.includes(KEY)} (${out.split(KEY).length - 1}x); key in files: ${JSON.stringify(inFiles)}; ESC in output: ${out.includes('\u001b]0;')}`);
  if (process.env.SHOW) console.log(out.slice(0, 1500));
  return home;
}
await run('1a discovery 401 (no --model)', ['score', '--base-url', base401, '--limit', '3']);
await run('1b discovery 401 + AI_FRONTIER_DEBUG=1', ['score', '--base-url', base401, '--limit', '3'], { AI_FRONTIER_DEBUG: '1' });
await run('1c --batch-api 401', ['score', '--base-url', base401, '--model', 'm', '--batch-api', '--limit', '3']);
await run('1d chat 401', ['score', '--base-url', base401, '--model', 'm', '--limit', '3']);
await run('1e new-work 401', ['new-work', '--base-url', base401, '--model', 'm', '--occupation', '15-1252.00']);
const home = await run('2 reply echoes key (score)', ['score', '--base-url', hostile.baseURL, '--model', 'fake-model', '--limit', '12', '--store', 'scores.db']);
const show = await spawnAsync(process.execPath, [cli, 'scores', 'show', '900001', '--store', path.join(home, 'scores.db')], { env: { PATH: process.env.PATH, AI_FRONTIER_HOME: home } });
console.log(`3 scores show: exit ${show.status}; ESC]0; raw in output: ${show.stdout.includes('\u001b]0;')}; key: ${(show.stdout+show.stderr).includes(KEY)}`);
const exp = await spawnAsync(process.execPath, [cli, 'export', '--store', path.join(home, 'scores.db'), '--out', path.join(home, 'out')], { cwd: home, env: { PATH: process.env.PATH, AI_FRONTIER_HOME: home } });
const files = readdirSync(path.join(home, 'out'), { recursive: true }).map(String).filter((f) => { try { return readFileSync(path.join(home, 'out', f)).includes(KEY); } catch { return false; } });
console.log(`2b export: exit ${exp.status}; files with the key: ${JSON.stringify(files)}`);
await hostile.close(); echo401.close();
