// The sentences every output prints beside its figures, so no figure goes without what it is made of:
// which scorer and why, where employment came from (or that jobs cannot be counted), and what share of the
// dataset the figures cover, in parts that add up to the dataset's workers. Plain strings: the terminal,
// the static view and the HTML report print the same words.
import path from 'node:path';
import { countText as count } from '../count-text.js';
import type { CalibrationSummary, FrontierSeries } from '../frontier/types.js';
import type { Analysis } from './types.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Which scorer made the scores, why it was chosen, and how to choose another. */
export function scorerStatement(analysis: Pick<Analysis, 'scorer' | 'dataset'>): string {
  const { scorer, dataset } = analysis;
  const models = scorer.models.length && !(scorer.models.length === 1 && scorer.models[0] === scorer.name) ? ` (${scorer.models.join(', ')})` : '';
  const tasks = `${count(scorer.scoredTasks)} of ${count(scorer.tasks)} tasks`;
  const choice = scorer.choice;
  let why: string;
  switch (choice?.reason) {
    case 'requested':
      why = `as asked with --scorer; ${tasks}`;
      break;
    case 'last-run':
      why = `the scorer \`score\` last ran on ${dataset.name}${choice.lastRunAt ? ` (${choice.lastRunAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}; ${tasks}`;
      break;
    case 'most-coverage':
      why = `the stored scorer covering most of ${dataset.name}, on which \`score\` has not run; ${tasks}`;
      break;
    case 'offline-default':
      why = `the default, since \`score\` has not run on ${dataset.name} and no other stored scorer covers it; ${tasks}`;
      break;
    default:
      why = tasks;
  }
  const computed = choice?.computedNow ? `, ${count(choice.computedNow)} of them computed now (not yet stored; same model, same scores)` : '';
  const others = choice?.alternatives.length
    ? ` Other scorers: ${choice.alternatives.map((a) => `${a.scorer} (${count(a.covered)} tasks)`).join(', ')}; --scorer NAME picks one.`
    : ' --scorer NAME picks another (`ai-frontier scores list`).';
  return `Scores: ${scorer.name}${models}, ${why}${computed}.${choice ? others : ''}`;
}

/** Where employment came from, or that jobs cannot be counted and how to fix it. */
export function employmentStatement(analysis: Pick<Analysis, 'employment' | 'coverage'>): string {
  const { employment, coverage } = analysis;
  if (employment.how === 'none') {
    return (
      'No employment data: jobs cannot be counted, worker shares are not shown, and occupations count once each. ' +
      'Run `ai-frontier datasets fetch oews` (every command then uses it), or pass --oews FILE.'
    );
  }
  const file = employment.file ? path.basename(employment.file) : 'BLS OEWS';
  const how =
    employment.how === 'bundled'
      ? 'bundled with the sample'
      : employment.how === 'fetched'
        ? 'the newest file fetched with `datasets fetch oews`; --oews picks another'
        : 'from --oews';
  return `Employment: BLS OEWS ${file} (${how}): ${count(coverage.workers)} workers in the dataset's occupations.`;
}

/**
 * What the figures cover. A partial run is said first and plainly; with employment, the workers in the figures
 * and those outside them add up to the dataset's workers (the total `datasets info` reports).
 */
export function coverageStatements(analysis: Pick<Analysis, 'coverage' | 'employment' | 'dataset'>): string[] {
  const c = analysis.coverage;
  const lines: string[] = [];
  const withEmployment = analysis.employment.how !== 'none' && c.workers > 0;
  if (c.partial) {
    const workers = withEmployment ? ` and ${percent(c.scored.workers / c.workers)} of workers (${count(c.scored.workers)} of ${count(c.workers)})` : '';
    lines.push(
      `PARTIAL: these figures cover ${count(c.scoredTasks)} of ${count(c.tasks)} tasks (${percent(c.tasks ? c.scoredTasks / c.tasks : 0)}), ` +
        `${count(c.scored.occupations)} of ${count(c.scored.occupations + c.notScored.occupations)} occupations with tasks${workers}. ` +
        `Score the rest (\`ai-frontier score --dataset ${analysis.dataset.name}\` without --sample, --limit, --occupation or --major-group) before quoting them.`,
    );
  }
  if (withEmployment) {
    const unweighted = c.scoredWithoutEmployment ? ` (${count(c.scoredWithoutEmployment)} of them without employment)` : '';
    const parts = [`${count(c.scored.workers)} in the ${count(c.scored.occupations)} occupations with scored tasks${unweighted}`];
    if (c.notScored.occupations) parts.push(`${count(c.notScored.workers)} in ${count(c.notScored.occupations)} occupations whose tasks have no score`);
    if (c.withoutTasks.occupations) parts.push(`${count(c.withoutTasks.workers)} in ${count(c.withoutTasks.occupations)} occupations without task data`);
    if (parts.length > 1) lines.push(`Workers: ${parts.join(' + ')} = ${count(c.workers)}; figures count the first part only.`);
  }
  return lines;
}

/** All of the above, in the order they are printed. */
export function provenanceLines(analysis: Pick<Analysis, 'scorer' | 'dataset' | 'employment' | 'coverage'>): string[] {
  return [scorerStatement(analysis), employmentStatement(analysis), ...coverageStatements(analysis)];
}

/** What the new-work examples are and how many, reconciled with the dataset's Emerging Tasks rows. */
export function newWorkStatement(analysis: Pick<Analysis, 'newWork' | 'dataset'>): string {
  const by = (origin: string) => analysis.newWork.filter((e) => e.origin === origin).length;
  const parts: string[] = [];
  const proposals = by('proposal');
  if (proposals) parts.push(`${count(proposals)} proposed by a model (\`ai-frontier new-work\`)`);
  const reported = by('onet-emerging');
  if (reported) {
    const { revisions } = analysis.dataset.emergingTasks;
    const release = analysis.dataset.version ? `O*NET ${analysis.dataset.version}` : 'O*NET';
    parts.push(
      `${count(reported)} tasks new to their occupation in ${release} Emerging Tasks, naming a technology and most recent first` +
        (revisions ? ` (its ${count(revisions)} revisions of existing tasks are not new work)` : ''),
    );
  }
  const sample = by('sample');
  if (sample) parts.push(`${count(sample)} examples written for the bundled sample (not O*NET data)`);
  if (parts.length === 0) return 'No examples of new work: the dataset has no emerging tasks and no model proposed any (`ai-frontier new-work`).';
  return `Examples of new work (the grey; they show its kind, not its size): ${parts.join('; ')}.`;
}

/** The time model in one sentence: where capability and adoption come from. */
export function timeModelStatement(frontier: FrontierSeries): string {
  const p = frontier.params;
  if (p.time.model === 'legacy' || !p.calibration) {
    return `legacy time model: adoption from each score's horizon year, lag ${p.adoption.lag} y, speed ${p.adoption.speed}, ceiling ${p.adoption.ceiling}`;
  }
  const c = p.calibration;
  return `calibrated time model${c.asOf ? ` as of ${c.asOf}` : ''}: AI time horizons on ${c.capability.label} (band ${days(c.capability.doublingDays.fast)} to ${days(c.capability.doublingDays.slow)}); ${adoptionWords(c)}`;
}

function adoptionWords(c: CalibrationSummary): string {
  const a = c.adoption.anchor;
  const where = a.basis === 'observed' ? `observed use in ${a.groups.join(' and ')}` : "workers' use of AI at work (no observed-use measurement known)";
  return `adoption anchored on ${where}, ${Math.round(a.level * 100)}% of feasible exposed work in use early ${Math.floor(a.date)}`;
}

function days(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} days` : 'no growth';
}
