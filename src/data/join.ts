// Attributes BLS OEWS employment and wages to a dataset's O*NET occupations. O*NET splits some SOC
// codes into several occupations (11-1011.00 and 11-1011.03), and OEWS publishes some SOC codes only
// as a broader group, so a plain lookup would count workers twice or lose them. The rule below gives
// each worker to at most one occupation and reports everything it could not place.

import type { Dataset, JoinReport, OewsRecord, OewsTable, Occupation } from './types.js';

export const JOIN_RULES: readonly string[] = [
  'An O*NET-SOC code joins to the SOC code without its ".NN" suffix (15-1252.00 -> 15-1252).',
  'Where OEWS has a detailed row for that SOC code with employment, its workers are split equally among all occupations in the dataset that share the code (in whole workers, the remainder going one each to the first occupations in the dataset order), and each takes the row\'s wages.',
  'Otherwise the occupation falls back to the smallest broader BLS group that contains its code and reports employment: its broad group (NN-NNN0), then its minor group.',
  'A broader group gives only its residual: its employment minus the workers already attributed to occupations inside it, never below zero and never more than its detailed rows that no occupation took (BLS rounds each row to the nearest 10), split equally among the occupations that fall back to it; they take the group\'s wages.',
  'Occupations with no OEWS row at any of these levels, or only rows without employment (**), get no employment and are listed as unmatched.',
  'Detailed OEWS rows that no occupation takes, directly or through a broader group\'s residual, are listed as unclaimed.',
];

/** An occupation's SOC code: the loader's `soc`, or the O*NET code without its suffix. */
function socOf(occupation: Occupation): string {
  return occupation.soc || occupation.code.replace(/\.\d+$/, '');
}

/** "15-1250" -> "15-125", "29-1000" -> "29-1": the start every code inside the group shares. */
function groupPrefix(code: string): string {
  const [major, rest = ''] = code.split('-');
  return `${major}-${rest.replace(/0+$/, '')}`;
}

interface Attribution {
  /** The detailed SOC code or the group code the workers came from. */
  code: string;
  employment: number;
}

interface Index {
  detailed: Map<string, OewsRecord>;
  /** Broad and minor groups, plus detailed-level rows with a group code (BLS publishing only the aggregate). */
  groups: { record: OewsRecord; prefix: string }[];
}

function indexTable(table: OewsTable): Index {
  const detailed = new Map<string, OewsRecord>();
  const groups = new Map<string, OewsRecord>();
  for (const record of table.records) {
    if (record.level === 'detailed') {
      if (!detailed.has(record.soc)) detailed.set(record.soc, record);
      // 13-1020 appears as both broad and detailed: keep one group row for it, the broad one.
      if (record.soc.endsWith('0') && !groups.has(record.soc)) groups.set(record.soc, record);
    } else if (record.level === 'broad' || record.level === 'minor') {
      const seen = groups.get(record.soc);
      if (!seen || seen.level === 'detailed') groups.set(record.soc, record);
    }
  }
  return {
    detailed,
    groups: [...groups.values()].map((record) => ({ record, prefix: groupPrefix(record.soc) })),
  };
}

/** Broader rows containing `soc`, most specific first. */
function groupsContaining(index: Index, soc: string): OewsRecord[] {
  return index.groups
    .filter((g) => g.record.soc !== soc && soc.startsWith(g.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .map((g) => g.record);
}

/**
 * `total` workers split equally among `n` occupations in whole workers: people are not fractions, and whole
 * shares still add up to the BLS row exactly. The first `total mod n` occupations take one more.
 */
export function splitWhole(total: number, n: number): number[] {
  if (!Number.isInteger(total)) return new Array<number>(n).fill(total / n);
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

function withoutJoin(occupation: Occupation): Occupation {
  const { employment: _e, medianWage: _m, meanWage: _w, ...rest } = occupation;
  return rest;
}

function assign(occupation: Occupation, record: OewsRecord, employment: number): void {
  occupation.employment = employment;
  if (record.medianWage !== null) occupation.medianWage = record.medianWage;
  if (record.meanWage !== null) occupation.meanWage = record.meanWage;
}

export function joinEmployment(dataset: Dataset, table: OewsTable): Dataset {
  const index = indexTable(table);
  const occupations = dataset.occupations.map(withoutJoin);
  const bySoc = new Map<string, Occupation[]>();
  for (const occupation of occupations) {
    const soc = socOf(occupation);
    const list = bySoc.get(soc);
    if (list) list.push(occupation);
    else bySoc.set(soc, [occupation]);
  }

  const detailedRows = table.records.filter((r) => r.level === 'detailed');
  const attributions: Attribution[] = [];
  // Detailed rows are taken when an occupation maps to them, or when they lie inside a group whose
  // residual was given out (their workers are in that residual).
  const mappedSocs = new Set<string>();
  const givenGroups: string[] = [];
  const taken = (soc: string): boolean => mappedSocs.has(soc) || givenGroups.some((p) => soc.startsWith(p));
  const viaBroaderGroup: JoinReport['viaBroaderGroup'] = [];
  const unmatchedCodes: JoinReport['unmatchedCodes'] = [];
  const unmatched = (occupation: Occupation, reason: string): void => {
    unmatchedCodes.push({ code: occupation.code, title: occupation.title, reason });
  };

  // Own detailed rows first, so a broader group's residual knows what its detailed rows already gave.
  const fallbacks = new Map<string, { group: OewsRecord; occupations: Occupation[] }>();
  for (const [soc, sharing] of bySoc) {
    const own = index.detailed.get(soc);
    // A row an occupation maps to is not "unclaimed", even when it has no employment to give.
    if (own) mappedSocs.add(soc);
    if (own && own.employment !== null) {
      const shares = splitWhole(own.employment, sharing.length);
      sharing.forEach((occupation, i) => assign(occupation, own, shares[i]!));
      attributions.push({ code: soc, employment: own.employment });
      continue;
    }
    const broader = groupsContaining(index, soc);
    const group = broader.find((g) => g.employment !== null);
    if (group) {
      const entry = fallbacks.get(group.soc) ?? { group, occupations: [] };
      entry.occupations.push(...sharing);
      fallbacks.set(group.soc, entry);
      continue;
    }
    const groups = broader.map((g) => g.soc).join(', ');
    const reason = own
      ? `OEWS reports no employment (**) for SOC ${soc}${groups ? ` or its broader groups (${groups})` : ''}`
      : groups
        ? `OEWS has no row for SOC ${soc}, and its broader groups (${groups}) report no employment (**)`
        : `no OEWS row for SOC ${soc} at the detailed, broad or minor level`;
    for (const occupation of sharing) unmatched(occupation, reason);
  }

  // Broad groups before the minor groups that contain them, so each residual excludes nested ones.
  const ordered = [...fallbacks.values()].sort((a, b) => groupPrefix(b.group.soc).length - groupPrefix(a.group.soc).length);
  for (const { group, occupations: fallingBack } of ordered) {
    const prefix = groupPrefix(group.soc);
    const attributed = attributions.filter((a) => a.code.startsWith(prefix)).reduce((sum, a) => sum + a.employment, 0);
    let residual = Math.max(0, (group.employment ?? 0) - attributed);
    // BLS rounds every row to the nearest 10, so a group can exceed the sum of its detailed rows; capping
    // at the rows nobody took keeps the matched total within the detailed total.
    const inside = detailedRows.filter((r) => r.soc.startsWith(prefix) && r.employment !== null);
    if (inside.length > 0) {
      const untaken = inside.filter((r) => !taken(r.soc));
      residual = Math.min(residual, untaken.reduce((sum, r) => sum + (r.employment ?? 0), 0));
    }
    if (residual === 0) {
      for (const occupation of fallingBack) {
        unmatched(
          occupation,
          `OEWS has no detailed row for SOC ${socOf(occupation)}, and the workers of its broader group ${group.soc} are all attributed to other occupations in it`,
        );
      }
      continue;
    }
    const shares = splitWhole(residual, fallingBack.length);
    fallingBack.forEach((occupation, i) => {
      assign(occupation, group, shares[i]!);
      viaBroaderGroup.push({ code: occupation.code, oewsSoc: group.soc });
    });
    attributions.push({ code: group.soc, employment: residual });
    givenGroups.push(prefix);
  }

  const report: JoinReport = {
    oewsSource: table.source,
    rules: [...JOIN_RULES],
    oewsDetailedEmployment: detailedRows.reduce((sum, r) => sum + (r.employment ?? 0), 0),
    matchedEmployment: attributions.reduce((sum, a) => sum + a.employment, 0),
    matchedOccupations: occupations.filter((o) => o.employment !== undefined).length,
    viaBroaderGroup,
    unmatchedCodes,
    unclaimedOewsCodes: detailedRows
      .filter((r) => !taken(r.soc))
      .map((r) => ({ soc: r.soc, title: r.title, employment: r.employment })),
  };
  return { ...dataset, occupations, join: report };
}
