// What the injection defences are worth and cost (src/score/llm/batches.ts, src/score/llm/canaries.ts): the share
// of neighbours an obedient model moves for each phrasing of the test set, with no defence, with the
// phrasing filter alone (the defence before the check tasks), with the check tasks alone and with both;
// and what the check costs a run with no injection in it.
import { cleanRunCost, injectionTrial, movedShare, type Defences } from '../testing/injection-trial.js';
import { INJECTIONS } from '../testing/injections.js';
import type { Figures } from './harness.js';

const VARIANTS: [string, Defences][] = [
  ['no defence', { isolateInstructionLike: false, checkTasks: false }],
  ['phrasing filter only', { isolateInstructionLike: true, checkTasks: false }],
  ['check tasks only', { isolateInstructionLike: false, checkTasks: true }],
  ['both (default)', {}],
];

export async function benchInjection(): Promise<Figures> {
  const figures: Figures = {};
  const aimedAtAll = INJECTIONS.filter((i) => i.target === 'all').length;
  for (const [label, defences] of VARIANTS) {
    const outcomes = await injectionTrial({ defences });
    const all = movedShare(outcomes, 'all');
    const next = movedShare(outcomes, 'next');
    figures[`injection, ${label}: neighbours moved`] = { value: (100 * all.moved) / all.targeted, unit: '%', note: `${all.moved} of ${all.targeted}, ${aimedAtAll} phrasings aimed at every task` };
    figures[`injection, ${label}: aimed at the next task, moved`] = { value: next.moved, unit: `of ${next.targeted}` };
    figures[`injection, ${label}: requests for the set`] = { value: outcomes.reduce((sum, o) => sum + o.requests, 0), unit: 'requests', note: `${outcomes.length} requests of 20 tasks` };
  }
  for (const tasks of [200, 2000]) {
    const without = await cleanRunCost({ defences: { checkTasks: false }, tasks });
    const withCheck = await cleanRunCost({ defences: {}, tasks });
    figures[`clean run of ${tasks} tasks: requests without / with the check`] = { value: withCheck.requests, unit: 'requests', note: `${without.requests} without` };
    figures[`clean run of ${tasks} tasks: input tokens added by the check`] = { value: (100 * (withCheck.inputTokens - without.inputTokens)) / without.inputTokens, unit: '%' };
    figures[`clean run of ${tasks} tasks: output tokens added by the check`] = { value: (100 * (withCheck.outputTokens - without.outputTokens)) / without.outputTokens, unit: '%' };
    figures[`clean run of ${tasks} tasks: replies taken for swayed`] = { value: withCheck.swayedReplies, unit: 'replies' };
  }
  return figures;
}
