// The method section: how every figure above was made, with this run's parameters, sources and caveats.
import type { Analysis } from '../../analysis/types.js';
import { NEW_WORK_PRESETS } from '../../frontier/presets.js';
import { formatCount, formatNumber, formatShare, html, raw, type Html } from './format.js';

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
const CALIBRATED_EQUATIONS = raw(`<div class="equations">
<p><strong>Capability</strong>: log<sub>2</sub> <var>H</var>(<var>t</var>) = <var>a</var> + <var>b</var> (<var>t</var> − <var>t̄</var>) up to the last measured release, then doubling every <var>D</var> days;
&nbsp; <var>F</var>(<var>L</var>, <var>t</var>) = 1 / (1 + e<sup>−<var>β</var> (log<sub>2</sub> <var>H</var>(<var>t</var>) − log<sub>2</sub> <var>g</var> − log<sub>2</sub> <var>L</var>)</sup>)</p>
<p><strong>Adoption</strong>: <var>A</var>(<var>t</var>) = <var>c</var> / (1 + e<sup>−<var>k</var> (<var>t</var> − <var>t</var><sub>0</sub>) − logit(<var>s</var>/<var>c</var>)</sup>), &nbsp; <var>A</var>(<var>t</var><sub>0</sub>) = <var>s</var></p>
<p><strong>Per occupation</strong>: feasible = Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub> <var>m</var><sub><var>t</var></sub> <var>F</var>(<var>L</var><sub><var>t</var></sub>/2) / Σ <var>w</var><sub><var>t</var></sub>;
&nbsp; in use = <var>A</var> · feasible; &nbsp; <strong>dark</strong> = <var>A</var> · Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub> <var>m</var><sub><var>t</var></sub> <var>a</var><sub><var>t</var></sub> <var>F</var>(<var>s</var><sub><var>t</var></sub> <var>L</var><sub><var>t</var></sub>) / Σ <var>w</var><sub><var>t</var></sub></p>
<p><strong>White</strong>: <var>W</var> = 1 − <var>D</var>; &nbsp; <strong>Grey</strong>: <var>G</var>(<var>y</var>) = <var>G</var>(<var>y</var> − 1) + <var>ρ</var> · (<var>W</var> + <var>G</var>)(<var>y</var> − 1) + <var>η</var> · (<var>D</var>(<var>y</var>) − <var>D</var>(<var>y</var> − 1)), from dark and grey 0 before the origin year</p>
</div>`);

const LEGACY_EQUATIONS = raw(`<div class="equations">
<p><var>L</var><sub><var>t</var></sub>(<var>y</var>) = 1 / (1 + e<sup>−<var>s</var>(<var>y</var> − <var>h</var><sub><var>t</var></sub> − <var>ℓ</var>)</sup>)
&nbsp;and&nbsp; <var>A</var><sub><var>t</var></sub>(<var>y</var>) = <var>c</var> · (<var>L</var><sub><var>t</var></sub>(<var>y</var>) − <var>L</var><sub><var>t</var></sub>(<var>h</var><sub><var>t</var></sub>)) / (1 − <var>L</var><sub><var>t</var></sub>(<var>h</var><sub><var>t</var></sub>)) for <var>y</var> &gt; <var>h</var><sub><var>t</var></sub>, else 0</p>
<p><strong>Dark</strong>: <var>D</var><sub><var>o</var></sub>(<var>y</var>) = Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub> <var>m</var><sub><var>t</var></sub> (<var>A</var><sub><var>t</var></sub>(<var>y</var>) − <var>A</var><sub><var>t</var></sub>(<var>y</var><sub>0</sub>)) / Σ<sub><var>t</var></sub> <var>w</var><sub><var>t</var></sub>,
&nbsp; <var>D</var>(<var>y</var>) = Σ<sub><var>o</var></sub> <var>E</var><sub><var>o</var></sub> <var>D</var><sub><var>o</var></sub>(<var>y</var>) / Σ<sub><var>o</var></sub> <var>E</var><sub><var>o</var></sub></p>
<p><strong>White</strong>: <var>W</var>(<var>y</var>) = 1 − <var>D</var>(<var>y</var>)</p>
<p><strong>Grey</strong>: <var>G</var>(<var>y</var>) = <var>G</var>(<var>y</var> − 1) + <var>ρ</var> · (<var>W</var> + <var>G</var>)(<var>y</var> − 1) + <var>η</var> · (<var>D</var>(<var>y</var>) − <var>D</var>(<var>y</var> − 1)), &nbsp; <var>G</var>(<var>y</var><sub>0</sub>) = 0</p>
</div>`);

export function methodSection(analysis: Analysis): Html {
  const { params } = analysis.frontier;
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
  ${params.time.model === 'calibrated' && params.calibration ? calibratedMethod(analysis) : legacyMethod(analysis)}
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

function workforceCell(analysis: Analysis): string {
  const { params } = analysis.frontier;
  return params.weightedBy === 'occupations'
    ? `${formatCount(params.occupationCount)} occupations counted once each (no employment data)`
    : `${formatCount(params.employment)} base-year workers in ${formatCount(params.occupationCount)} occupations${params.weightedBy === 'wages' ? ', weighted by wage bill' : ''}`;
}

function newWorkRows(analysis: Analysis): Html {
  const { params } = analysis.frontier;
  const preset = params.newWork.preset ? NEW_WORK_PRESETS[params.newWork.preset] : null;
  return html`<tr><th scope="row">New work</th><td><var>ρ</var> = ${formatNumber(params.newWork.rho)} a year, <var>η</var> = ${formatNumber(params.newWork.eta)} per unit displaced${preset ? html`: preset <code>${preset.id}</code>, ${preset.label}` : ' (set by hand)'}</td></tr>
      ${preset ? html`<tr><th scope="row">Source</th><td>${preset.citation}</td></tr><tr><th scope="row">Derivation</th><td>${preset.derivation}</td></tr>` : ''}`;
}

/** The calibrated time model: its equations, and every parameter with where it comes from. */
function calibratedMethod(analysis: Analysis): Html {
  const { params } = analysis.frontier;
  const c = params.calibration!;
  const cap = c.capability;
  const ad = c.adoption;
  const days = (d: number) => (Number.isFinite(d) ? `${Math.round(d)} days` : 'no growth');
  return html`<p>Each task's exposed share <var>m</var><sub><var>t</var></sub> (${MEASURES[params.measure] ?? params.measure}) comes into use as AI can manage
  half the task (exposure means AI halves its time) and is automated as AI can manage its automated share <var>s</var><sub><var>t</var></sub>
  (the automation level), where what AI can manage is its measured time horizon <var>H</var> against the task's duration <var>L</var><sub><var>t</var></sub>.
  Feasible is not used: adoption <var>A</var> carries it into use. <var>a</var><sub><var>t</var></sub> is the automated part of the task's use.
  The series starts from the estimated present, counted from ${c.origin}; shares are of base-year (${params.baseYear}) employment.
  The band is the lowest and highest path over the scenarios: capability slow or fast, adoption slow or fast, observed use low or high. It is about timing, not the end state.</p>
  ${CALIBRATED_EQUATIONS}
  <table class="params">
    <tbody>
      <tr><th scope="row">Years</th><td>${params.firstYear} to ${params.horizonYear}, each at mid-year; base year ${params.baseYear}${c.asOf ? `; fitted with the facts known before ${c.asOf}` : ''}</td></tr>
      <tr><th scope="row">Capability</th><td>${cap.label}; measured past: doubling every ${days(cap.fitted.doublingDays)} (95% interval ${cap.fitted.interval ? `${days(cap.fitted.interval[0])} to ${days(cap.fitted.interval[1])}` : 'none'}) over ${cap.fitted.models.join(', ')}; band ${days(cap.doublingDays.fast)} to ${days(cap.doublingDays.slow)}; ${formatNumber(cap.horizonHoursAtBase)} hours at mid ${params.baseYear}${cap.beyondReliableFrom !== null ? `; beyond the ${cap.reliableHours} hours METR measures reliably from ${cap.beyondReliableFrom}` : ''}</td></tr>
      <tr><th scope="row">Success slope <var>β</var></th><td>${formatNumber(cap.successSlope)} log-odds per doubling: the 80% horizon ${formatNumber(cap.horizonRatio.central)} times shorter than the 50% horizon (measured ${cap.horizonRatio.range[0]} to ${cap.horizonRatio.range[1]})</td></tr>
      <tr><th scope="row">E2 factor <var>g</var></th><td>${formatNumber(cap.e2Factor.central)} (band ${cap.e2Factor.fast} to ${cap.e2Factor.slow}): E2 work goes through software built on the model, whose horizons (operating a graphical interface) are that much shorter; <var>g</var> = 1 for E1; E0 is never feasible</td></tr>
      <tr><th scope="row">Adoption</th><td>speed <var>k</var> = ${formatNumber(ad.speed)} a year (95% interval ${formatNumber(ad.speedInterval[0])} to ${formatNumber(ad.speedInterval[1])}), the common growth of the survey series ${ad.series.join(', ')};
        level <var>s</var> = ${formatShare(ad.anchor.level)} (${formatShare(ad.anchor.low)} to ${formatShare(ad.anchor.high)}) at ${formatNumber(ad.anchor.date)}, ${ad.anchor.basis === 'observed' ? `matching observed against theoretical use in ${ad.anchor.groups.join(' and ')}` : "workers' use of AI at work"}; ceiling <var>c</var> = ${formatNumber(ad.ceiling)}</td></tr>
      <tr><th scope="row">Durations and priors</th><td>${formatCount(params.priors.durations)} of ${formatCount(params.priors.exposedTasks)} exposed tasks use the duration prior (Job Zone and wording); ${formatCount(params.priors.automation)} use the observed automation share of AI use${c.automationPrior ? ` (${formatShare(c.automationPrior.share)})` : ''} for a mode the scorer did not give</td></tr>
      ${newWorkRows(analysis)}
      <tr><th scope="row">Workforce</th><td>${workforceCell(analysis)}</td></tr>
      <tr><th scope="row">Sources</th><td><ul class="rules">${c.sources.map((source) => html`<li>${source}</li>`)}</ul></td></tr>
    </tbody>
  </table>`;
}

/** The legacy time model (--time-model legacy). */
function legacyMethod(analysis: Analysis): Html {
  const { params } = analysis.frontier;
  return html`<p>Each task's exposed share <var>m</var><sub><var>t</var></sub> (${MEASURES[params.measure] ?? params.measure}) is taken up along a logistic adoption curve
  that starts at the task's horizon year <var>h</var><sub><var>t</var></sub>, the year by which the scorer judged the exposure practical at scale.
  Shares are of base-year (${params.baseYear}) employment <var>E</var><sub><var>o</var></sub>; task weights <var>w</var><sub><var>t</var></sub> as above.</p>
  ${LEGACY_EQUATIONS}
  <table class="params">
    <tbody>
      <tr><th scope="row">Years</th><td>${params.baseYear} (base, <var>y</var><sub>0</sub>) to ${params.horizonYear}</td></tr>
      <tr><th scope="row">Adoption</th><td>lag <var>ℓ</var> = ${formatNumber(params.adoption.lag)} years to half uptake, speed <var>s</var> = ${formatNumber(params.adoption.speed)} a year (10% to 90% in ${(Math.log(81) / params.adoption.speed).toFixed(1)} years), ceiling <var>c</var> = ${formatNumber(params.adoption.ceiling)}</td></tr>
      <tr><th scope="row">Tasks without a horizon</th><td>${formatCount(params.tasksWithoutHorizon)} of ${formatCount(params.taskCount)}, taken as practical in ${params.defaultHorizon}</td></tr>
      ${newWorkRows(analysis)}
      <tr><th scope="row">Workforce</th><td>${workforceCell(analysis)}</td></tr>
    </tbody>
  </table>`;
}
