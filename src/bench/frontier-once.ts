// One cold frontier call, in a process of its own: load O*NET 29.1 + OEWS May 2024, score offline, then time a
// single frontierSeries with the time model given on the command line. Prints {"ms": n}. Used by frontier.ts.
import path from 'node:path';
import { joinEmployment } from '../data/join.js';
import { loadOews } from '../data/oews.js';
import { loadOnet } from '../data/onet.js';
import { frontierSeries } from '../frontier/index.js';
import { offlineScores } from '../score/scorers.js';
import { SHARED_DATA, timed } from './harness.js';

const model = process.argv[2] === 'legacy' ? 'legacy' : 'calibrated';
const [onet, table] = await Promise.all([loadOnet(path.join(SHARED_DATA, 'onet-29.1')), loadOews(path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx'))]);
const dataset = joinEmployment(onet, table);
const scores = offlineScores(dataset);
// Number formatting loads ICU's locale data on first use; a command pays that for its output whatever the model,
// so it is paid here before the clock starts rather than by whichever model formats a note first.
(1234.5).toLocaleString('en-US');
const { ms } = await timed(() => frontierSeries({ dataset, scores, baseYear: 2026, horizonYear: 2046, time: { model } }));
process.stdout.write(`${JSON.stringify({ ms })}\n`);
