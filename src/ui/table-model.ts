// The occupations table as data: one row per occupation with its exposure and, at the cursor year,
// the jobs displaced and the new work, then filtered and sorted. Pure, so the view, the static
// output and the tests share it.
import type { OccupationScore } from '../aggregate/types.js';
import type { Analysis } from '../analysis/types.js';
import type { FrontierMeasure } from '../frontier/types.js';

export const SORT_KEYS = ['exposure', 'employment', 'displaced', 'newWork'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface OccupationRow {
  code: string;
  title: string;
  majorGroup: string;
  employment: number | null;
  /** The measure in use for the frontier (beta by default), for the occupation. */
  exposure: number | null;
  /** Jobs displaced by the cursor year (dark x employment); null without scores or employment. */
  displaced: number | null;
  /** New work by the cursor year, in jobs (grey x employment). */
  newWork: number | null;
}

export interface TableQuery {
  sort: SortKey;
  descending: boolean;
  /** Case-insensitive text matched against title and code. */
  filter: string;
  /** Two-digit SOC major group, or null for all. */
  majorGroup: string | null;
}

export function sortLabel(key: SortKey, measure: FrontierMeasure): string {
  return key === 'exposure' ? measure : key === 'newWork' ? 'new work' : key;
}

/** Every occupation's row for the year at `yearIndex` of the frontier (0 = base year). */
export function occupationRows(analysis: Analysis, yearIndex: number): OccupationRow[] {
  const series = new Map(analysis.frontier.byOccupation.map((s) => [s.code, s]));
  const measure = analysis.frontier.params.measure;
  return analysis.occupations.map((o) => {
    const s = series.get(o.code);
    const jobs = (shares: number[] | undefined) => {
      const share = shares?.[Math.min(yearIndex, shares.length - 1)];
      return share === undefined || o.employment === null ? null : share * o.employment;
    };
    return {
      code: o.code,
      title: o.title,
      majorGroup: o.majorGroup,
      employment: o.employment,
      exposure: exposureOf(o, measure),
      displaced: jobs(s?.dark),
      newWork: jobs(s?.grey),
    };
  });
}

function exposureOf(o: OccupationScore, measure: FrontierMeasure): number | null {
  return measure === 'automation' ? o.automation : o[measure];
}

/** Filtered and sorted rows; missing values sort last whichever the direction, ties by title. */
export function queryRows(rows: readonly OccupationRow[], query: TableQuery): OccupationRow[] {
  const needle = query.filter.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (query.majorGroup === null || r.majorGroup === query.majorGroup) &&
      (needle === '' || r.title.toLowerCase().includes(needle) || r.code.includes(needle)),
  );
  const sign = query.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const x = a[query.sort];
    const y = b[query.sort];
    if (x === null || y === null) return x === y ? a.title.localeCompare(b.title) : x === null ? 1 : -1;
    return x === y ? a.title.localeCompare(b.title) : sign * (x - y);
  });
}

/** Major groups present in the analysis, in code order, for the group filter. */
export function majorGroupsOf(analysis: Analysis): { code: string; label: string }[] {
  return analysis.groups.map((g) => ({ code: g.majorGroup, label: g.label })).sort((a, b) => a.code.localeCompare(b.code));
}
