// The method section: how every figure above was made, with this run's parameters, sources and caveats.
import type { Analysis } from '../../analysis/types.js';
import { NEW_WORK_PRESETS } from '../../frontier/presets.js';
import { formatCount, formatNumber, html, raw, type Html } from './format.js';

const TASK_WEIGHTING: Record<string, string> = {
  core: 'Core tasks weigh 2 and Supplemental or untyped tasks 1 (the GPTs-are-GPTs convention).',
  equal: 'Every task weighs the same.',
  importance: 'Tasks weigh their O*NET importance rating (IM, 1 to 5); occupations without ratings fall back to Core 2, Supplemental 1.',
};

const MEASURES: Record<string, string> = {
  alpha: 'α: a task counts 1 when directly exposed (E1), 0 otherwise',
  beta: 'β: E1 counts 1 and E2 (exposed once software is built on the model) counts ½',
  zeta: 'ζ: E1 and E2 both count 1',
  automation: 'the automation level, T0..T4 read as 0, ¼, ½, ¾ or all of the task done by the system',
};

const DATASET_KINDS: Record<string, string> = { onet: 'an O*NET text release', table: 'a task table', sample: 'the bundled sample' };

// Equations as HTML (sub/sup, var), so the page needs no maths library and no script.
const EQUATIONS = raw(`<div class="equations">
<p><var>L</var><sub><var>t</var></sub>(<var>y</var>) = 1 / (1 + e<sup>−<var>s</var>(<var>y</var> − <var>h</var><sub><var>t</var></sub> − <var>ℓ</var>)</sup>)
&nbsp;and&nbsp; <var>A</var><sub><var>t</var></sub>(<var>y</var>) = <var>c</var> · (<var>L</var><sub><var>t</var></sub>(<var>y</var>) − <var>L</var><sub><var>t</var></sub>(<var>h</var><sub><var>t</var></sub>)) / (1 − <var>L</var><sub><var>t</var></sub>(<var>h</var><sub><var>t</var></sub>)) for <var>y</var> &gt; <var>h</var><sub><var>t</var></sub>, else 0</p>
<p><strong>Dark</strong>: <var>D</var><sub><var>o</var></sub>(<var>y</var>) = Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub> <var>m</var><sub><var>t</var></sub> (<var>A</var><sub><var>t</var></sub>(<var>y</var>) − <var>A</var><sub><var>t</var></sub>(<var>y</var><sub>0</sub>)) / Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub>,
&nbsp; <var>D</var>(<var>y</var>) = Σ<sub><var>o</var></sub> <var>E</var><sub><var>o</var></sub> <var>D</var><sub><var>o</var></sub>(<var>y</var>) / Σ<sub><var>o</var></sub> <var>E</var><sub><var>o</var></sub></p>
<p><strong>White</strong>: <var>W</var>(<var>y</var>) = 1 − <var>D</var>(<var>y</var>)</p>
<p><strong>Grey</strong>: <var>G</var>(<var>y</var>) = <var>G</var>(<var>y</var> − 1) + <var>ρ</var> · (<var>W</var> + <var>G</var>)(<var>y</var> − 1) + <var>η</var> · (<var>D</var>(<var>y</var>) − <var>D</var>(<var>y</var> − 1)), &nbsp; <var>G</var>(<var>y</var><sub>0</sub>) = 0</p>
</div>`);

export function methodSection(analysis: Analysis): Html {
  const { params } = analysis.frontier;
  const preset = params.newWork.preset ? NEW_WORK_PRESETS[params.newWork.preset] : null;
  const { dataset } = analysis;
  const notes = [...params.notes, ...analysis.workforce.notes];
  return html`<section id="method" aria-labelledby="method-title">
  <h2 id="method-title">Method</h2>
  <h3>From tasks to occupations</h3>
  <p>Each task statement was scored by <strong>${analysis.scorer.name}</strong>${analysis.scorer.rubricVersions.length > 0 ? ` under rubric ${analysis.scorer.rubricVersions.join(', ')}` : ''}
  for exposure to language models (E0 none, E1 direct, E2 with further software, as in Eloundou et al. 2023, “GPTs are GPTs”).
  An occupation's exposure is the weighted mean over its scored tasks. ${TASK_WEIGHTING[analysis.params.taskWeights] ?? ''}
  Occupations are combined into groups and the workforce weighted by ${analysis.params.weight === 'wages' ? 'wage bill (employment × mean wage)' : 'employment'}.</p>
  <h3>The frontier</h3>
  <p>Each task's exposed share <var>m</var><sub><var>t</var></sub> (${MEASURES[params.measure] ?? params.measure}) is taken up along a logistic adoption curve
  that starts at the task's horizon year <var>h</var><sub><var>t</var></sub>, the year by which the scorer judged the exposure practical at scale.
  Shares are of base-year (${params.baseYear}) employment <var>E</var><sub><var>o</var></sub>; task weights <var>w</var><sub><var>t</var></sub> as above.</p>
  ${EQUATIONS}
  <table class="params">
    <tbody>
      <tr><th scope="row">Years</th><td>${params.baseYear} (base, <var>y</var><sub>0</sub>) to ${params.horizonYear}</td></tr>
      <tr><th scope="row">Adoption</th><td>lag <var>ℓ</var> = ${formatNumber(params.adoption.lag)} years to half uptake, speed <var>s</var> = ${formatNumber(params.adoption.speed)} a year (10% to 90% in ${(Math.log(81) / params.adoption.speed).toFixed(1)} years), ceiling <var>c</var> = ${formatNumber(params.adoption.ceiling)}</td></tr>
      <tr><th scope="row">Tasks without a horizon</th><td>${formatCount(params.tasksWithoutHorizon)} of ${formatCount(params.taskCount)}, taken as practical in ${params.defaultHorizon}</td></tr>
      <tr><th scope="row">New work</th><td><var>ρ</var> = ${formatNumber(params.newWork.rho)} a year, <var>η</var> = ${formatNumber(params.newWork.eta)} per unit displaced${preset ? html`: preset <code>${preset.id}</code>, ${preset.label}` : ' (set by hand)'}</td></tr>
      ${preset ? html`<tr><th scope="row">Source</th><td>${preset.citation}</td></tr><tr><th scope="row">Derivation</th><td>${preset.derivation}</td></tr>` : ''}
      <tr><th scope="row">Workforce</th><td>${params.weightedBy === 'occupations' ? `${formatCount(params.occupationCount)} occupations counted once each (no employment data)` : `${formatCount(params.employment)} base-year workers in ${formatCount(params.occupationCount)} occupations${params.weightedBy === 'wages' ? ', weighted by wage bill' : ''}`}</td></tr>
    </tbody>
  </table>
  <h3>Data</h3>
  <p>${dataset.name}${dataset.version ? ` (release ${dataset.version})` : ''}, ${DATASET_KINDS[dataset.kind] ?? dataset.kind}, from <code>${dataset.source}</code>: ${formatCount(dataset.occupations)} occupations and ${formatCount(dataset.tasks)} tasks.</p>
  ${dataset.join
    ? html`<p>Employment and wages from <code>${dataset.oewsSource}</code>: ${formatCount(dataset.join.matchedEmployment)} of ${formatCount(dataset.join.oewsDetailedEmployment)} workers in detailed BLS occupations attributed to ${formatCount(dataset.join.matchedOccupations)} occupations (${formatCount(dataset.join.viaBroaderGroup)} through a broader BLS group); ${dataset.join.unmatchedCodes.length ? `${formatCount(dataset.join.unmatchedCodes.length)} unmatched: ${dataset.join.unmatchedCodes.slice(0, 25).join(', ')}${dataset.join.unmatchedCodes.length > 25 ? ', …' : ''}` : 'none unmatched'}. The rules:</p><ul class="rules">${dataset.join.rules.map((r) => html`<li>${r}</li>`)}</ul>`
    : html`<p>No employment file was joined${params.weightedBy === 'occupations' ? ', so each occupation counts once and job figures are 0' : ''}.</p>`}
  <h3>Caveats</h3>
  <ul class="caveats">
    <li><strong>Task content, not jobs.</strong> Exposure and displacement are shares of what workers do. An occupation with half its task content exposed does not lose half its workers: work is reorganised, and tasks are bundled into new jobs. “Jobs” here are job-equivalents: a share times base-year employment.</li>
    <li>The base-year workforce is held fixed: no population or demand growth, prices or wages respond in this model.</li>
    <li>Scores are a model's judgement of each task statement, not observed use. ${analysis.scorer.scoredTasks < analysis.scorer.tasks ? `${formatCount(analysis.scorer.tasks - analysis.scorer.scoredTasks)} tasks have no score and are left out of every mean.` : 'Every task has a score.'}</li>
    <li>The grey is calibrated on history; the examples of new work illustrate its kind, not its size.</li>
    ${notes.map((note) => html`<li>${note}</li>`)}
  </ul>
</section>`;
}
