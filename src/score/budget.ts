// --max-cost over a whole `score` run: one scorer, or several sharing one budget. Before each new request a
// scorer asks whether what every scorer has spent, plus what every scorer has in flight, plus this one more
// request would still fit; once one would not, that scorer stops sending (and the others stop at their next
// request, since the sum only grows).

export interface BudgetShare {
  /** Dollars this scorer has spent so far (null: its price is unknown, so the budget cannot apply). */
  spent(): number | null;
  /** Its requests sent and not yet ended. */
  inFlight(): number;
  /** Its estimated dollars per request (from the plan). */
  perRequest: number;
}

export interface Budget {
  maxCost?: number;
  /** Adds a scorer's share and returns its check, called before each of its requests. */
  join(share: BudgetShare): () => boolean;
  /** Whether a check has said no. */
  readonly hit: boolean;
}

export function createBudget(maxCost: number | undefined): Budget {
  const shares: BudgetShare[] = [];
  let hit = false;
  return {
    maxCost,
    join(share) {
      shares.push(share);
      return () => {
        if (maxCost === undefined || shares.some((s) => s.spent() === null)) return true;
        const committed = shares.reduce((sum, s) => sum + s.spent()! + s.inFlight() * s.perRequest, 0);
        const ok = committed + share.perRequest <= maxCost;
        if (!ok) hit = true;
        return ok;
      };
    },
    get hit() {
      return hit;
    },
  };
}
