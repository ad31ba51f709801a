// Usage: node scripts/fault-campaign/runs.mjs [build] [wait|listeners|requests|reask]; BAD=0.3 TASKS=400 for reask. Issue 15 items 10-12.
// Items 10-12 against the built CLI / engine in a worktree.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The worktree to measure (built: npm run build): this one by default, or an older commit's build.
const repo = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const what = process.argv[3] ?? 'all';
const { startFakeLlmServer } = await import(path.join(repo, 'dist/testing/fake-llm-server.js'));
const { scoreTasks } = await import(path.join(repo, 'dist/score/llm/run.js'));
const cli = path.join(repo, 'bin/ai-frontier.js');
const run = (args) => new Promise((resolve) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'vis-'));
  const c = spawn(process.execPath, [cli, ...args, '--store', path.join(home, 's.db')], { env: { PATH: process.env.PATH, AI_FRONTIER_HOME: home, OPENAI_API_KEY: 'k' } });
  let out = '', err = ''; const stamps = []; const t0 = Date.now();
  c.stdout.on('data', (d) => out += d); c.stderr.on('data', (d) => { err += d; stamps.push(Date.now() - t0); });
  c.on('close', (code) => resolve({ code, out, err, stamps, ms: Date.now() - t0 }));
});
const gap = (r) => { const s = [0, ...r.stamps, r.ms]; let g = 0; for (let i = 1; i < s.length; i++) g = Math.max(g, s[i] - s[i - 1]); return g; };
if (what === 'all' || what === 'wait') {
  const server = await startFakeLlmServer({ apiKey: 'k', latencyMs: 20 });
  server.faults.push('hang');
  const r = await run(['score', '--base-url', server.baseURL, '--model', 'fake-model', '--limit', '40', '--timeout', '20', '--concurrency', '1']);
  console.log(`10 hung request, piped: exit ${r.code}, ${r.ms} ms, longest silence on stderr ${gap(r)} ms`);
  server.faults.push({ kind: '429', retryAfter: '12' });
  const r2 = await run(['score', '--base-url', server.baseURL, '--model', 'fake-model', '--limit', '40', '--concurrency', '1']);
  console.log(`10 429 retry-after 12s, piped: exit ${r2.code}, ${r2.ms} ms, longest silence on stderr ${gap(r2)} ms`);
  await server.close();
}
if (what === 'all' || what === 'listeners') {
  let warned = 0; const runs = 6;
  for (let i = 0; i < runs; i++) {
    const server = await startFakeLlmServer({ apiKey: 'k', latencyMs: 150 });
    const r = await run(['score', '--base-url', server.baseURL, '--model', 'fake-model', '--batch-size', '2', '--concurrency', '16', '--limit', '120']);
    if (/MaxListenersExceededWarning/.test(r.err)) warned++;
    await server.close();
  }
  console.log(`11 MaxListenersExceededWarning in ${warned} of ${runs} runs at --concurrency 16`);
}
if (what === 'all' || what === 'requests') {
  const server = await startFakeLlmServer({ apiKey: 'k' });
  server.faults.push('500', '429', '500', 'malformed-json', '429', '500', 'hang', '500');
  const r = await run(['--json', 'score', '--base-url', server.baseURL, '--model', 'fake-model', '--limit', '100', '--concurrency', '1', '--timeout', '2']);
  console.log(`11 summary requests ${JSON.parse(r.out).requests} vs HTTP requests the server received ${server.requests.length}`);
  await server.close();
}
if (what === 'all' || what === 'reask') {
  let incomplete = 0; const runs = 9; let failedTasks = 0; let requests = 0;
  const texts = Array.from({ length: Number(process.env.TASKS ?? 200) }, (_, i) => ({ key: `k${i}`, taskId: String(i), occupationCode: '11-1011.00', title: 'Chief Executives', text: `Review plan number ${i} with the board.` }));
  for (let i = 0; i < runs; i++) {
    const server = await startFakeLlmServer({ apiKey: 'k' });
    let seed = i + 1; const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let j = 0; j < 2000; j++) server.faults.push(rnd() < Number(process.env.BAD ?? 0.2) ? 'malformed-json' : rnd() < 0.1 ? 'missing-item' : undefined);
    for (let j = 0; j < server.faults.length; j++) if (server.faults[j] === undefined) server.faults[j] = 'none';
    const s = await scoreTasks({ items: texts, settings: { provider: 'custom', baseURL: server.baseURL, apiKey: 'k', model: 'fake-model', temperature: 0, timeoutMs: 5000, maxRetries: 2, structuredOutput: 'auto' }, batchSize: 10, limits: { concurrency: 4 }, onBatch: () => {} });
    if (s.failed > 0) incomplete++;
    failedTasks += s.failed; requests += server.requests.length;
    await server.close();
  }
  console.log(`12 at ${process.env.BAD ?? 0.2} malformed JSON + 10% missing item, ${texts.length} tasks x ${runs} runs: ${incomplete} runs incomplete, ${failedTasks} tasks given up, ${requests} requests in all`);
}
