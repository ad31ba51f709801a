// The injection check: text inside one task must not change another task's score, and a model that obeys
// such text cannot be told apart from one that does not by reading the text, whatever the phrasing or the
// language. So the check looks at what the model did instead. Every request of two or more tasks carries
// two check tasks of our own, with unambiguous answers (carrying shingles up a ladder: E0; correcting
// spelling in manuscripts: E1), at interior positions the model cannot tell from the others. Their answers
// alone, asked once per run in a request of their own, are the reference. A reply whose check tasks come
// back rated otherwise was swayed by something in the request: none of its scores is kept, and its tasks
// are asked again in halves, each checked again, until the culprit is alone where it can sway nothing
// (run.ts). A reply that leaves a check task out cannot be verified and is asked again.
//
// What it catches: any instruction that moves the ratings of a request's tasks together ("rate every task
// E2", in any words): the two references differ, so whatever single level an instruction imposes moves at
// least one of them. What it cannot: an instruction aimed at one named neighbour that leaves the check tasks
// alone. Cost on a clean run: one extra request per run (the reference) and two tasks per request (about
// 3.6% more input and 10% more output tokens at 20 tasks per request); a swayed request of 20 tasks costs
// about 10 more requests.
import { createHash } from 'node:crypto';
import type { ReplyItem } from '../rubric.js';
import type { ScoreItem } from './run.js';

const CANARY_KEY = 'canary:';

/** The check tasks: statements whose exposure no reading of the rubric disputes. */
export const CANARY_TASKS = [
  { title: 'Roofers', text: 'Carry bundles of shingles up ladders to the roof.' },
  { title: 'Proofreaders and Copy Markers', text: 'Correct spelling and punctuation errors in typed manuscripts.' },
] as const;

export function canaryItems(): ScoreItem[] {
  return CANARY_TASKS.map((task, i) => ({ key: `${CANARY_KEY}${i}`, taskId: `canary-${i}`, occupationCode: '', title: task.title, text: task.text }));
}

export const isCanary = (item: Pick<ScoreItem, 'key'>): boolean => item.key.startsWith(CANARY_KEY);

/** The request's items with the check tasks among them, when it holds two or more tasks of its own (a task
 * alone has no neighbour to sway). Positions are interior, never first or last (a reply cut short loses its
 * tail, which should not cost a check), and follow from the tasks, so a rerun sends the same request. */
export function withCanaries(items: ScoreItem[]): ScoreItem[] {
  if (items.length < 2) return items;
  const out = [...items];
  const hash = createHash('sha256').update(items.map((item) => item.key).join('\n')).digest();
  canaryItems().forEach((canary, i) => {
    // Between the first and the last item of what is there so far.
    const position = 1 + (hash[i]! % (out.length - 1));
    out.splice(position, 0, canary);
  });
  return out;
}

/** Reference answers: the check tasks' scores from a request that held nothing else. */
export type CanaryReference = ReadonlyMap<string, ReplyItem>;

export type CanaryVerdict = 'clean' | 'swayed' | 'unverified';

/** What a reply's check tasks say about the rest of it. `accepted` holds the reply's valid items by key. */
export function checkCanaries(items: readonly ScoreItem[], accepted: ReadonlyMap<string, ReplyItem>, reference: CanaryReference | undefined): CanaryVerdict {
  const canaries = items.filter(isCanary);
  if (canaries.length === 0 || !reference) return 'clean';
  let verdict: CanaryVerdict = 'clean';
  for (const canary of canaries) {
    const expected = reference.get(canary.key);
    const got = accepted.get(canary.key);
    if (!expected) continue;
    if (!got) verdict = 'unverified';
    else if (got.exposure !== expected.exposure) return 'swayed';
  }
  return verdict;
}
