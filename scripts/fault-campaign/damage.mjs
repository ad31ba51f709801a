// Usage: node scripts/fault-campaign/damage.mjs [build]; REPAIR=1 also runs scores repair. Issue 15 item 5.
// Single-page corruptions of a store, then `score` (offline, writes new rows) and `scores list`.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, statSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The worktree to measure (built: npm run build): this one by default, or an older commit's build.
const repo = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'bin/ai-frontier.js');
const run = (args, home) => new Promise((resolve) => { const c = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, AI_FRONTIER_HOME: home } }); let o = '', e = ''; c.stdout.on('data', (d) => o += d); c.stderr.on('data', (d) => e += d); c.on('close', (code) => resolve({ code, out: o, err: e })); });
const seedHome = mkdtempSync(path.join(os.tmpdir(), 'dmg-'));
const seed = path.join(seedHome, 'seed.db');
await run(['score', '--limit', '150', '--store', seed], seedHome);
const pages = statSync(seed).size / 4096;
console.log(`seed store: ${pages} pages`);
let wrote = 0, exit0 = 0, listFails = 0, refused = 0, repairFails = 0, kept = 0, wholeLost = 0, okAfter = 0; const msgs = new Map();
const targets = Array.from({ length: 24 }, (_, i) => 2 + Math.floor((i * (pages - 2)) / 24));
for (const page of targets) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'dmg-'));
  const file = path.join(home, 'scores.db');
  copyFileSync(seed, file);
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(4096); for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + page * 7) & 255;
  writeSync(fd, junk, 0, 4096, (page - 1) * 4096); closeSync(fd);
  const before = statSync(file).mtimeMs;
  const s = await run(['score', '--store', file], home);
  if (s.code === 0) exit0++;
  else { refused++; const m = s.err.trim().split('\n').pop().replace(/\/tmp\/dmg-\w+/g, 'DIR'); msgs.set(m, (msgs.get(m) ?? 0) + 1); }
  let changed = false; try { changed = statSync(file).mtimeMs !== before || statSync(file + '-wal').size > 0; } catch {}
  if (changed) wrote++;
  const l = await run(['scores', 'list', '--store', file], home);
  if (l.code !== 0) listFails++;
  if (process.env.REPAIR) {
    const r = await run(['--json', 'scores', 'repair', '--store', file], home);
    if (r.code !== 0) { repairFails++; console.log('repair failed', r.err); continue; }
    const rep = JSON.parse(r.out);
    const scores = rep.tables?.find((t) => t.table === 'scores');
    if (scores) { kept += scores.copied; if (scores.lostWhole) wholeLost++; }
    else kept += 150;
    const l2 = await run(['--json', 'scores', 'list', '--store', file], home);
    const s2 = await run(['score', '--store', file], home);
    if (l2.code === 0 && s2.code === 0) okAfter++;
  }
}
if (process.env.REPAIR) console.log(`after scores repair: ${repairFails} repairs failed; scores rows kept ${kept} of ${24 * 150} (${wholeLost} stores lost the whole scores table); list + score both exit 0 afterwards in ${okAfter} of 24`);
console.log(`24 single-page corruptions: score exit 0 in ${exit0}, refused ${refused}, store written in ${wrote}; scores list failed afterwards in ${listFails}`);
console.log(Object.fromEntries(msgs));
