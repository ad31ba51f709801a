// Which occupations the bundled GPTs-are-GPTs excerpt keeps (scripts/build-check-excerpt.mjs writes it).
// Whole occupations, not scattered tasks: the offline model reads a task beside its occupation's other tasks,
// and an occupation's beta needs several of its tasks, so an excerpt of whole occupations lets both mean what
// they mean on the full set. They are drawn from the occupations the offline model never trained on, spread
// over the SOC major groups in proportion to the groups' tasks.
import { seededRandom } from '../random.js';
import { majorGroupOf, proportionalQuotas } from './sample.js';

export interface OccupationSize {
  code: string;
  tasks: number;
}

export function excerptOccupations(occupations: readonly OccupationSize[], options: { maxTasks: number; seed: number }): string[] {
  const groups = new Map<string, OccupationSize[]>();
  for (const occupation of [...occupations].sort((a, b) => a.code.localeCompare(b.code))) {
    const group = majorGroupOf(occupation.code);
    groups.set(group, [...(groups.get(group) ?? []), occupation]);
  }
  const names = [...groups.keys()].sort();
  const quotas = proportionalQuotas(
    names.map((g) => groups.get(g)!.reduce((sum, o) => sum + o.tasks, 0)),
    options.maxTasks,
  );
  const random = seededRandom(options.seed);
  const shuffled = names.map((g) => shuffle(groups.get(g)!, random));
  const chosen: OccupationSize[] = [];
  let total = 0;
  // First each group up to its quota, in random order; a group whose every occupation is larger than its
  // quota still gets its smallest one, so every major group is present.
  names.forEach((_, g) => {
    let taken = 0;
    const rest: OccupationSize[] = [];
    for (const occupation of shuffled[g]!) {
      if (taken + occupation.tasks <= quotas[g]!) {
        chosen.push(occupation);
        taken += occupation.tasks;
      } else rest.push(occupation);
    }
    if (taken === 0 && rest.length > 0) {
      const smallest = rest.reduce((a, b) => (b.tasks < a.tasks ? b : a));
      chosen.push(smallest);
      taken += smallest.tasks;
      rest.splice(rest.indexOf(smallest), 1);
    }
    total += taken;
    shuffled[g] = rest;
  });
  // Then the room left, with whatever still fits, in the same random order across groups.
  for (const occupation of shuffle(shuffled.flat(), random)) {
    if (total + occupation.tasks <= options.maxTasks) {
      chosen.push(occupation);
      total += occupation.tasks;
    }
  }
  // The smallest-occupation rule can overshoot when quotas are tiny: drop the largest until it fits.
  chosen.sort((a, b) => b.tasks - a.tasks);
  while (total > options.maxTasks && chosen.length > 1) total -= chosen.shift()!.tasks;
  return chosen.map((o) => o.code).sort();
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
