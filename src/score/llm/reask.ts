// How often to ask again for a task a reply left unscored. A fixed 3 asks gave up on tasks while the server
// was recovering (at 30% malformed replies, 8 runs in 9 ended incomplete); an unbounded count would pay
// forever for a server that never recovers, or for a task the model cannot answer. So the budget follows
// the run:
// - a task that fails on its own (its reply scored other tasks validly) is given up after `ownFailures`
//   such failures: the model cannot score that task, and asking again only pays again;
// - a whole reply that failed (malformed JSON, no scores) is the server's fault, not the task's: its tasks
//   are asked again beyond the first 3 asks, up to 8, while the run is healthy (a fifth or more of the items
//   asked in the last 10 replies came back valid) and while the extra asks stay within a quarter of the
//   run's tasks (at least 20): a run that goes well affords the server's bad moments, one that goes badly
//   stops paying.

export interface ReaskOptions {
  /** Tasks in the run; the extra-ask budget is a share of it. */
  tasks: number;
  /** Failures of a task on its own before it is given up (default 3). */
  ownFailures?: number;
}

/** Asks every task gets whatever happens (the first and two more). */
const BASE_ASKS = 3;
const MAX_ASKS = 8;
const WINDOW = 10;
const HEALTHY_SHARE = 0.2;
const BUDGET_SHARE = 0.25;
const MIN_BUDGET = 20;

export interface ReaskPolicy {
  /** A reply arrived: `asked` items were in it, `accepted` came back valid. */
  observe(asked: number, accepted: number): void;
  /** Whether a task asked `ask` times so far, `ownFailures` of them failing on its own, is asked again. */
  allows(task: { ask: number; ownFailures: number }): boolean;
  /** Extra asks spent beyond the first 3, for the summary. */
  readonly extraAsks: number;
}

export function createReaskPolicy(options: ReaskOptions): ReaskPolicy {
  const ownLimit = options.ownFailures ?? 3;
  const budget = Math.max(MIN_BUDGET, Math.ceil(options.tasks * BUDGET_SHARE));
  const recent: { asked: number; accepted: number }[] = [];
  let extraAsks = 0;
  const healthy = () => {
    const asked = recent.reduce((sum, r) => sum + r.asked, 0);
    const accepted = recent.reduce((sum, r) => sum + r.accepted, 0);
    return asked === 0 || accepted / asked >= HEALTHY_SHARE;
  };
  return {
    observe(asked, accepted) {
      recent.push({ asked, accepted });
      if (recent.length > WINDOW) recent.shift();
    },
    allows({ ask, ownFailures }) {
      if (ownFailures >= ownLimit) return false;
      if (ask < BASE_ASKS) return true;
      if (ask >= MAX_ASKS || !healthy() || extraAsks >= budget) return false;
      extraAsks++;
      return true;
    },
    get extraAsks() {
      return extraAsks;
    },
  };
}
