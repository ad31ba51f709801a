// Measures what the injection defences are worth: every phrasing of the test set is put in a request of
// neighbours and scored by the obedient fake model, with and without each defence; a neighbour "moved" when
// its stored exposure is not the one it gets on its own. Also what the check costs on a run with no
// injection at all. Used by tests/injection.test.ts and the `injection` benchmark.
import { scoreTasks, type ScoreItem, type ScoreRunOptions } from '../score/llm/run.js';
import { fakeLabel, startFakeLlmServer, type FakeLlmServer } from './fake-llm-server.js';
import { INJECTIONS, type Injection } from './injections.js';

export type Defences = NonNullable<ScoreRunOptions['defences']>;

export interface InjectionOutcome {
  injection: Injection;
  /** Neighbours the instruction would change (their own rating differs from the one it orders). */
  targeted: number;
  /** Neighbours whose stored rating is not their own. */
  moved: number;
  requests: number;
}

const VERBS = ['Prepare', 'Review', 'Inspect', 'Install', 'Negotiate', 'Analyze', 'Schedule', 'Repair', 'Document', 'Coordinate'];
const OBJECTS = ['financial statements', 'patient care plans', 'software test results', 'roofing materials', 'legal briefs', 'customer complaints', 'wiring diagrams', 'survey data'];

function neighbours(count: number, trial: number): ScoreItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `n-${trial}-${i}`,
    taskId: String(10_000 * (trial + 1) + i),
    occupationCode: '13-1111.00',
    title: 'Management Analysts',
    text: `${VERBS[(i + trial) % VERBS.length]} ${OBJECTS[(i * 3 + trial) % OBJECTS.length]} for client ${trial}-${i}.`,
  }));
}

const settings = (server: FakeLlmServer) => ({
  provider: 'custom',
  baseURL: server.baseURL,
  apiKey: server.apiKey,
  model: server.model,
  temperature: 0,
  timeoutMs: 10_000,
  maxRetries: 1,
  structuredOutput: 'auto' as const,
});

/** One request's worth of neighbours (19 at the default 20 per request) around each injection in turn
 * (an injection aimed at the next task at four places). */
export async function injectionTrial(options: { defences: Defences; injections?: readonly Injection[]; batchSize?: number }): Promise<InjectionOutcome[]> {
  const batchSize = options.batchSize ?? 20;
  const server = await startFakeLlmServer({ obedient: true });
  const outcomes: InjectionOutcome[] = [];
  try {
    let trial = 0;
    for (const injection of options.injections ?? INJECTIONS) {
      // An instruction aimed at the next task hits one neighbour: it is tried at several places.
      for (const at of injection.target === 'all' ? [4] : [2, 6, 10, 14]) {
        const around = neighbours(batchSize - 1, trial++);
        const attack: ScoreItem = { key: `attack-${trial}`, taskId: String(trial), occupationCode: '43-9061.00', title: 'Office Clerks, General', text: injection.text };
        const items = [...around.slice(0, at), attack, ...around.slice(at)];
        const stored = new Map<string, string>();
        const before = server.requests.length;
        await scoreTasks({
          items,
          settings: settings(server),
          batchSize,
          limits: { concurrency: 4 },
          defences: options.defences,
          onBatch: (outcome) => {
            for (const { key, score } of outcome.scores) stored.set(key, score.exposure);
          },
        });
        const targets = injection.target === 'all' ? around : around.slice(at, at + 1);
        outcomes.push({
          injection,
          targeted: targets.filter((n) => fakeLabel(n.text).exposure !== injection.exposure).length,
          moved: around.filter((n) => stored.get(n.key) !== fakeLabel(n.text).exposure).length,
          requests: server.requests.length - before,
        });
      }
    }
  } finally {
    await server.close();
  }
  return outcomes;
}

export interface CleanRunCost {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Replies the check took for swayed: on a clean run, false alarms. */
  swayedReplies: number;
}

/** A run with no injection in it: what it sends with the given defences. */
export async function cleanRunCost(options: { defences: Defences; tasks?: number; batchSize?: number }): Promise<CleanRunCost> {
  const server = await startFakeLlmServer();
  try {
    const summary = await scoreTasks({
      items: neighbours(options.tasks ?? 200, 999),
      settings: settings(server),
      batchSize: options.batchSize ?? 20,
      limits: { concurrency: 4 },
      defences: options.defences,
      onBatch: () => {},
    });
    return { requests: server.requests.length, inputTokens: summary.usage.inputTokens, outputTokens: summary.usage.outputTokens, swayedReplies: summary.injectionCheck.swayedReplies };
  } finally {
    await server.close();
  }
}

/** Moved neighbours over targeted ones, for the injections aimed at every task or at the next one. */
export function movedShare(outcomes: readonly InjectionOutcome[], target: Injection['target']): { moved: number; targeted: number } {
  const of = outcomes.filter((o) => o.injection.target === target);
  return { moved: of.reduce((sum, o) => sum + o.moved, 0), targeted: of.reduce((sum, o) => sum + o.targeted, 0) };
}
