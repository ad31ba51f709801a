// The report's sections, each a function of the Analysis returning escaped markup.
import type { ExposureSummary, OccupationScore } from '../../aggregate/types.js';
import { majorGroupName } from '../../aggregate/major-groups.js';
import { milestones } from '../../analysis/headline.js';
import { coverageStatements, employmentStatement, newWorkStatement, scorerStatement, timeModelStatement } from '../../analysis/statements.js';
import type { Analysis } from '../../analysis/types.js';
import type { FrontierPoint } from '../../frontier/types.js';
import { formatCount, formatShare, formatSignedCount, html, type Html } from './format.js';

/** Years shown in the headline and as rings: the base year, +5 and +10 before the horizon, and the horizon year
 * (so --horizon-year reaches them), as every summary shows them (milestoneOffsets). */
export function headlinePoints(analysis: Analysis, offsets?: readonly number[]): FrontierPoint[] {
  return milestones(analysis.frontier, offsets);
}

/** Who a weighted share counts: workers, wage bill, or (no employment at all) occupations. */
export function weightNoun(summary: Pick<ExposureSummary, 'weightedBy'>): string {
  if (summary.weightedBy === 'wages') return 'of the wage bill';
  if (summary.weightedBy === 'occupations') return 'of occupations';
  return 'of workers';
}

/** "Scores: x" -> "x": the page's own labels say what the sentence is about. */
function withoutLabel(sentence: string): string {
  return sentence.replace(/^(Scores|Employment): /, '');
}

export function header(analysis: Analysis): Html {
  const { dataset, scorer } = analysis;
  const models = scorer.models.length > 0 ? ` (${scorer.models.join(', ')})` : '';
  const date = analysis.generatedAt.slice(0, 10);
  return html`<header class="page-header">
  <p class="eyebrow">ai-frontier report</p>
  <h1>Which work AI can take over, and what new work grows around it</h1>
  <dl class="meta">
    <div><dt>Dataset</dt><dd>${dataset.name}${dataset.version && !dataset.name.includes(dataset.version) ? ` ${dataset.version}` : ''}: ${formatCount(dataset.occupations)} occupations, ${formatCount(dataset.tasks)} tasks</dd></div>
    <div><dt>Scorer</dt><dd>${scorer.name}${models}: ${formatCount(scorer.scoredTasks)} of ${formatCount(scorer.tasks)} tasks scored</dd></div>
    <div><dt>Why this scorer</dt><dd id="scorer-choice">${withoutLabel(scorerStatement(analysis))}</dd></div>
    <div><dt>Employment</dt><dd id="employment-source">${withoutLabel(employmentStatement(analysis))}</dd></div>
    <div><dt>Generated</dt><dd><time datetime="${analysis.generatedAt}">${date}</time> by ai-frontier ${analysis.toolVersion}</dd></div>
  </dl>
</header>`;
}

export function headline(analysis: Analysis, points: readonly FrontierPoint[]): Html {
  const { workforce } = analysis;
  const beta = workforce.exposed.beta;
  const noun = weightNoun(workforce);
  const { params } = analysis.frontier;
  const jobs = params.weightedBy !== 'occupations';
  const banded = params.time.model === 'calibrated';
  const coverage = coverageStatements(analysis);
  return html`<section id="headline" aria-labelledby="headline-title">
  <h2 id="headline-title">Headline</h2>
  ${coverage.map((line) => html`<p class="${line.startsWith('PARTIAL') ? 'partial' : 'note'}" data-coverage>${line}</p>`)}
  <div class="cards">
    <div class="card"><p class="figure" data-figure="exposed-beta-10">${formatShare(beta?.atLeast10)}</p>
      <p>${noun} are in occupations with at least <strong>10%</strong> of their tasks exposed (β).</p></div>
    <div class="card"><p class="figure" data-figure="exposed-beta-50">${formatShare(beta?.atLeast50)}</p>
      <p>${noun} are in occupations with at least <strong>50%</strong> of their tasks exposed (β).</p></div>
    <div class="card"><p class="figure" data-figure="beta-mean">${formatShare(workforce.beta)}</p>
      <p>of task content is exposed (β), averaged ${workforce.weightedBy === 'occupations' ? 'over occupations' : `by ${workforce.weightedBy}`}, over ${formatCount(workforce.coveredOccupationCount)} occupations and ${formatCount(workforce.employmentCovered)} workers.</p></div>
  </div>
  <div class="table-wrap"><table class="numbers" id="headline-years">
    <caption>${frontierCaption(analysis)}</caption>
    <thead><tr><th scope="col">Year</th><th scope="col">Displaced (dark)</th>${banded ? html`<th scope="col">Band</th>` : ''}<th scope="col">Existing (white)</th><th scope="col">New (grey)</th>${jobs ? html`<th scope="col">Net jobs</th>` : ''}</tr></thead>
    <tbody>${points.map(
      (p) => html`<tr data-year="${p.year}"><th scope="row">${p.year}</th><td data-series="dark">${formatShare(p.dark)}</td>${banded ? html`<td data-series="dark-band">${formatShare(p.darkLow)} to ${formatShare(p.darkHigh)}</td>` : ''}<td data-series="white">${formatShare(p.white)}</td><td data-series="grey">${formatShare(p.grey)}</td>${jobs ? html`<td data-series="net-jobs">${formatSignedCount(p.netJobs)}</td>` : ''}</tr>`,
    )}</tbody>
  </table></div>
  <p class="note" id="time-model">${sentence(timeModelStatement(analysis.frontier))}</p>
  ${params.notes.length ? html`<ul class="caveats" id="frontier-notes">${params.notes.map((note) => html`<li>${sentence(note)}</li>`)}</ul>` : ''}
</section>`;
}

function sentence(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function frontierCaption(analysis: Analysis): string {
  const { params } = analysis.frontier;
  if (params.weightedBy === 'occupations') return `The frontier (${params.measure}) over ${formatCount(params.occupationCount)} occupations counted once each: no employment, so no jobs`;
  if (params.weightedBy === 'wages') return `The frontier (${params.measure}) as shares of the wage bill; jobs of ${formatCount(params.employment)} base-year workers`;
  return `The frontier (${params.measure}) as shares of ${formatCount(params.employment)} base-year jobs in ${formatCount(params.occupationCount)} occupations`;
}

const LIST_LENGTH = 15;

export function occupationLists(analysis: Analysis): Html {
  const scored = analysis.occupations.filter((o): o is OccupationScore & { beta: number } => o.beta !== null);
  const byEmployment = (a: OccupationScore, b: OccupationScore) => (b.employment ?? 0) - (a.employment ?? 0);
  const most = [...scored].sort((a, b) => b.beta - a.beta || byEmployment(a, b)).slice(0, LIST_LENGTH);
  const least = [...scored].sort((a, b) => a.beta - b.beta || byEmployment(a, b)).slice(0, LIST_LENGTH);
  const last = analysis.frontier.years.length - 1;
  const horizon = analysis.frontier.params.horizonYear;
  const darkByCode = new Map(analysis.frontier.byOccupation.map((o) => [o.code, o.dark[last]]));
  const table = (id: string, caption: string, rows: (OccupationScore & { beta: number })[]) => html`<div class="table-wrap"><table class="numbers occupations" id="${id}">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Occupation</th><th scope="col">Workers</th><th scope="col">Exposed (β)</th><th scope="col">Displaced by ${horizon}</th></tr></thead>
    <tbody>${rows.map(
      (o) => html`<tr data-code="${o.code}"><th scope="row"><span class="name">${o.title}</span> <span class="code">${o.code}</span></th><td>${formatCount(o.employment)}</td><td><span class="bar" aria-hidden="true"><span style="width:${(o.beta * 100).toFixed(1)}%"></span></span>${formatShare(o.beta)}</td><td>${formatShare(darkByCode.get(o.code))}</td></tr>`,
    )}</tbody>
  </table></div>`;
  if (scored.length === 0) return html`<section id="occupations"><h2>Occupations</h2><p class="empty">No occupation has a scored task.</p></section>`;
  return html`<section id="occupations" aria-labelledby="occupations-title">
  <h2 id="occupations-title">Most and least exposed occupations</h2>
  <div class="two-col">
    ${table('most-exposed', `Most exposed (top ${most.length} by β)`, most)}
    ${table('least-exposed', `Least exposed (bottom ${least.length} by β)`, least)}
  </div>
</section>`;
}

/** Workers in occupations the dataset lists without tasks: in the group totals above, in no figure. */
function withoutTasksRow(analysis: Analysis): Html | string {
  const part = analysis.coverage.withoutTasks;
  if (part.occupations === 0) return '';
  return html`<tr class="without-tasks"><th scope="row">of which in ${formatCount(part.occupations)} occupations without task data (in no figure)</th><td>${formatCount(part.workers)}</td><td></td><td></td><td></td><td></td></tr>`;
}

export function groupsSection(analysis: Analysis): Html {
  const last = analysis.frontier.years.length - 1;
  const horizon = analysis.frontier.params.horizonYear;
  const frontierByGroup = new Map(analysis.frontier.byGroup.map((g) => [g.majorGroup, g]));
  const groups = [...analysis.groups].sort((a, b) => (b.beta ?? -1) - (a.beta ?? -1));
  return html`<section id="groups" aria-labelledby="groups-title">
  <h2 id="groups-title">Occupation groups</h2>
  <div class="table-wrap"><table class="numbers" id="groups-table">
    <caption>SOC major groups, most exposed first</caption>
    <thead><tr><th scope="col">Group</th><th scope="col">Workers</th><th scope="col">Exposed (β)</th><th scope="col">${analysis.workforce.weightedBy === 'occupations' ? 'Occupations' : 'Workers'} ≥ 50% exposed</th><th scope="col">Displaced by ${horizon}</th><th scope="col">New by ${horizon}</th></tr></thead>
    <tbody>${groups.map((g) => {
      const f = frontierByGroup.get(g.majorGroup);
      return html`<tr data-group="${g.majorGroup}"><th scope="row"><span class="name">${g.name}</span> <span class="code">${g.majorGroup}</span></th><td>${formatCount(g.employment)}</td><td>${formatShare(g.beta)}</td><td>${formatShare(g.exposed.beta?.atLeast50)}</td><td>${formatShare(f?.dark[last])}</td><td>${formatShare(f?.grey[last])}</td></tr>`;
    })}</tbody>
    <tfoot>${withoutTasksRow(analysis)}<tr><th scope="row">All occupations</th><td>${formatCount(analysis.workforce.employment)}</td><td>${formatShare(analysis.workforce.beta)}</td><td>${formatShare(analysis.workforce.exposed.beta?.atLeast50)}</td><td>${formatShare(analysis.frontier.years[last]?.dark)}</td><td>${formatShare(analysis.frontier.years[last]?.grey)}</td></tr></tfoot>
  </table></div>
</section>`;
}

const NEW_WORK_LIMIT = 40;

export function newWorkSection(analysis: Analysis): Html {
  const titles = new Map(analysis.occupations.map((o) => [o.code, o.title]));
  const shown = analysis.newWork.slice(0, NEW_WORK_LIMIT);
  const where = (code: string | undefined, group: string | undefined) =>
    code ? (titles.get(code) ?? code) : group ? majorGroupName(group) : '';
  return html`<section id="new-work" aria-labelledby="new-work-title">
  <h2 id="new-work-title">New work: examples of the grey</h2>
  ${analysis.newWork.length === 0
    ? html`<p class="empty">No examples: the dataset has no emerging tasks and no model proposed any.</p>`
    : html`<p>${newWorkStatement(analysis)} ${analysis.newWork.length > shown.length ? `${formatCount(shown.length)} of ${formatCount(analysis.newWork.length)} shown; all are in new-work.csv.` : ''}</p>
  <div class="table-wrap"><table id="new-work-table">
    <thead><tr><th scope="col">New ${shown.every((w) => w.kind === 'role') ? 'role' : 'task'}</th><th scope="col">Where</th><th scope="col">Year</th><th scope="col">Source</th></tr></thead>
    <tbody>${shown.map(
      (w) => html`<tr><td>${w.text}${w.rationale ? html`<span class="rationale">${w.rationale}</span>` : ''}</td><td>${where(w.occupationCode, w.majorGroup)}</td><td>${w.year ?? ''}</td><td class="source">${w.source}</td></tr>`,
    )}</tbody>
  </table></div>`}
</section>`;
}
