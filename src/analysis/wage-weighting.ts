// `--weight wages` for the frontier: the workforce and group shares weighted by wage bill (employment x mean
// wage, as in src/aggregate/groups.ts) instead of employment. Jobs stay jobs: each occupation's dark and grey
// shares times its own workers, summed, so they do not equal share x workers under this weighting.
import { occupationWeight } from '../aggregate/groups.js';
import type { OccupationScore } from '../aggregate/types.js';
import type { FrontierOccupationSeries, FrontierSeries } from '../frontier/types.js';

export function frontierByWageBill(series: FrontierSeries, occupations: readonly OccupationScore[]): FrontierSeries {
  const byCode = new Map(occupations.map((o) => [o.code, o]));
  const billOf = (o: FrontierOccupationSeries): number => {
    const occupation = byCode.get(o.code);
    return occupation ? (occupationWeight(occupation, 'wages') ?? 0) : 0;
  };
  const weighted = series.byOccupation.filter((o) => billOf(o) > 0);
  if (weighted.length === 0) {
    return { ...series, params: { ...series.params, notes: [...series.params.notes, 'no scored occupation has employment and wages, so the frontier stays weighted by employment'] } };
  }
  const yearCount = series.years.length;
  const sums = (members: readonly FrontierOccupationSeries[]) => {
    const dark = new Array<number>(yearCount).fill(0);
    const grey = new Array<number>(yearCount).fill(0);
    const darkJobs = new Array<number>(yearCount).fill(0);
    const greyJobs = new Array<number>(yearCount).fill(0);
    let bill = 0;
    let workers = 0;
    for (const o of members) {
      const weight = billOf(o);
      const employment = o.employment ?? 0;
      bill += weight;
      workers += employment;
      for (let y = 0; y < yearCount; y++) {
        dark[y]! += weight * o.dark[y]!;
        grey[y]! += weight * o.grey[y]!;
        darkJobs[y]! += employment * o.dark[y]!;
        greyJobs[y]! += employment * o.grey[y]!;
      }
    }
    for (let y = 0; y < yearCount; y++) {
      dark[y]! /= bill;
      grey[y]! /= bill;
    }
    return { dark, grey, darkJobs, greyJobs, workers };
  };

  const all = sums(weighted);
  const years = series.years.map((point, y) => {
    const dark = all.dark[y]!;
    const grey = all.grey[y]!;
    const darkJobs = all.darkJobs[y]!;
    const greyJobs = all.greyJobs[y]!;
    return { year: point.year, dark, white: 1 - dark, grey, total: 1 - dark + grey, darkJobs, whiteJobs: all.workers - darkJobs, greyJobs, netJobs: greyJobs - darkJobs };
  });
  const byGroup = series.byGroup.flatMap((group) => {
    const members = weighted.filter((o) => o.majorGroup === group.majorGroup);
    if (members.length === 0) return [];
    const s = sums(members);
    return [{ ...group, employment: s.workers, occupationCount: members.length, dark: s.dark, grey: s.grey }];
  });
  const left = series.byOccupation.length - weighted.length;
  const notes = [
    ...series.params.notes,
    'shares are of the wage bill (employment x mean wage); jobs are each occupation\'s shares times its workers, summed',
    ...(left > 0 ? [`${left.toLocaleString('en-US')} scored occupation${left === 1 ? ' has' : 's have'} no wage and ${left === 1 ? 'is' : 'are'} left out of the wage-weighted figures`] : []),
  ];
  return { ...series, years, byGroup, params: { ...series.params, weightedBy: 'wages', employment: all.workers, notes } };
}
