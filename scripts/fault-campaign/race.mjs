// Usage: node scripts/fault-campaign/race.mjs [build] [rounds]. Issue 15 item 7.
// Two processes create one new store at the same moment, N rounds; counts failures.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The worktree to measure (built: npm run build): this one by default, or an older commit's build.
const repo = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rounds = Number(process.argv[3] ?? 50);
const child = `const { openStore } = await import(${JSON.stringify(path.join(repo, 'dist/score/store/store.js'))});
const go = Number(process.argv[2]); while (Date.now() < go) {}
try { const s = openStore(process.argv[1]); s.close(); } catch (e) { console.error(e.message); process.exit(1); }`;
let failures = 0; const messages = new Map();
for (let i = 0; i < rounds; i++) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'race-')), 'scores.db');
  const go = Date.now() + 400;
  const runs = [0, 1].map(() => new Promise((resolve) => {
    const c = spawn(process.execPath, ['--input-type=module', '-e', child, file, String(go)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = ''; c.stderr.on('data', (d) => err += d); c.on('close', (code) => resolve({ code, err }));
  }));
  for (const r of await Promise.all(runs)) if (r.code !== 0) { failures++; const m = process.env.FULL ? r.err.trim() : r.err.trim().split('\n')[0]; messages.set(m, (messages.get(m) ?? 0) + 1); }
}
console.log(`${rounds} rounds x 2 processes: ${failures} failed`, Object.fromEntries(messages));
