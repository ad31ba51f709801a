// Usage: node scripts/fault-campaign/media.mjs [build]. Needs `unshare -rm` and tmpfs mounts. Issue 15 items 6 and 8.
// Full filesystem and read-only filesystem, each a tmpfs in a private mount namespace (unshare -rm).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The worktree to measure (built: npm run build): this one by default, or an older commit's build.
const repo = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { startFakeLlmServer } = await import(path.join(repo, 'dist/testing/fake-llm-server.js'));
const server = await startFakeLlmServer({ apiKey: 'k', latencyMs: 50 });
const cli = `${process.execPath} ${path.join(repo, 'bin/ai-frontier.js')}`;
const sh = (script) => new Promise((resolve) => { const c = spawn('unshare', ['-rm', 'sh', '-c', script], { env: { PATH: process.env.PATH, OPENAI_API_KEY: 'k' } }); let o = ''; c.stdout.on('data', (d) => o += d); c.stderr.on('data', (d) => o += d); c.on('close', (code) => resolve(o)); });
const mnt = mkdtempSync(path.join(os.tmpdir(), 'media-'));
const home = mkdtempSync(path.join(os.tmpdir(), 'media-home-'));
const score = `${cli} score --base-url ${server.baseURL} --model fake-model --store ${mnt}/scores.db --limit 200`;
let n0 = server.requests.length;
let out = await sh(`export AI_FRONTIER_HOME=${home}; mount -t tmpfs -o size=2m tmpfs ${mnt} && ${cli} score --offline --limit 10 --store ${mnt}/scores.db >/dev/null 2>&1; head -c 10m /dev/zero > ${mnt}/fill 2>/dev/null; rm ${mnt}/fill; head -c $(( $(df -k --output=avail ${mnt} | tail -1) * 1024 - 96*1024 )) /dev/zero > ${mnt}/fill; df -k ${mnt} | tail -1; ${score}; echo "exit $?"; ${score}; echo "rerun exit $?"`);
console.log('--- full disk\n' + out.split('\n').filter((l) => /exit|error|ai-frontier:|tmpfs|scored now|failed/.test(l)).join('\n'));
console.log(`requests received by the server (two runs): ${server.requests.length - n0}, answered 200: ${server.requests.slice(n0).filter((r) => r.status === 200).length}, tasks in them: ${server.requests.slice(n0).filter((r) => r.status === 200).reduce((s, r) => s + r.tasks.length, 0)}`);
n0 = server.requests.length;
out = await sh(`export AI_FRONTIER_HOME=${home}; mount -t tmpfs -o size=8m tmpfs ${mnt} && ${cli} score --offline --limit 10 --store ${mnt}/scores.db >/dev/null 2>&1 && mount -o remount,ro ${mnt} && ${score}; echo "score exit $?"; ${cli} scores list --store ${mnt}/scores.db; echo "list exit $?"; ${cli} frontier --store ${mnt}/scores.db >/dev/null; echo "frontier exit $?"; ${cli} export --store ${mnt}/scores.db --out ${home}/out >/dev/null; echo "export exit $?"`);
console.log('--- read-only filesystem\n' + out.split('\n').filter((l) => l.trim()).join('\n'));
console.log(`requests before failing: ${server.requests.length - n0}`);
await server.close();
