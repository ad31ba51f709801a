// SOC 2018 major group labels for reports: "15 Computer and Mathematical". The names themselves live
// with the data model (src/data/major-groups.ts) so loaders and aggregation share one table.

import { MAJOR_GROUPS, majorGroupName } from '../data/major-groups.js';

export { MAJOR_GROUPS, majorGroupName };

/** The 22 major group codes in SOC order. */
export const MAJOR_GROUP_CODES: readonly string[] = Object.keys(MAJOR_GROUPS).sort();

/** "11 Management", the form reports and charts print. */
export function majorGroupLabel(code: string): string {
  return `${code} ${majorGroupName(code)}`;
}

