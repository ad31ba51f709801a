// What every results command prints beside its figures (stdout, so --quiet never hides it): the scorer and
// why, the employment source or its absence, and what the figures cover. The words come from the core
// (src/analysis/statements.ts), so the HTML report and the static view say the same.
import { coverageStatements, employmentStatement, scorerStatement } from '../analysis/statements.js';
import type { Analysis } from '../analysis/types.js';
import type { Output } from './output.js';

export function provenanceText(out: Output, analysis: Analysis): string {
  const { bold, dim, yellow } = out.style;
  const coverage = coverageStatements(analysis).map((line) => (line.startsWith('PARTIAL') ? bold(yellow(line)) : dim(line)));
  const employment = employmentStatement(analysis);
  return [dim(scorerStatement(analysis)), analysis.employment.how === 'none' ? yellow(employment) : dim(employment), ...coverage].join('\n');
}

/** The frontier's own notes (tasks without a horizon, occupations left out), one line each. */
export function frontierNotesText(out: Output, analysis: Analysis): string {
  return analysis.frontier.params.notes.map((note) => out.style.dim(`Note: ${note}.`)).join('\n');
}
