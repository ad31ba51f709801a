// What `frontier` prints: the yearly table with its band, the backtest, and --explain's chain for one
// occupation. The figures come from the core (src/frontier); this file only lays them out.
import type { Backtest, BacktestRow, OccupationExplanation } from '../frontier/index.js';
import { timeModelStatement } from '../analysis/statements.js';
import type { FrontierSeries } from '../frontier/types.js';
import { formatInteger, formatPercent, formatSigned, table, truncate } from './format.js';
import type { Output } from './output.js';

function days(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} days` : 'no growth';
}

function range(low: number, high: number): string {
  return `${(low * 100).toFixed(1)}-${(high * 100).toFixed(1)}`;
}

export function printFrontierTable(out: Output, frontier: FrontierSeries): void {
  const p = frontier.params;
  const jobs = p.weightedBy !== 'occupations';
  const banded = p.time.model === 'calibrated';
  const whose =
    p.weightedBy === 'occupations'
      ? `${formatInteger(p.occupationCount)} occupations counted once each (no employment: jobs not counted)`
      : p.weightedBy === 'wages'
        ? `shares of the wage bill of ${formatInteger(p.occupationCount)} occupations with ${formatInteger(p.employment)} base-year workers`
        : `${formatInteger(p.employment)} base-year workers in ${formatInteger(p.occupationCount)} occupations`;
  const exposed = frontier.years[0]?.exposed;
  out.data(`${out.style.bold('Frontier')} ${p.firstYear}-${p.horizonYear}, ${timeModelStatement(frontier)}.`);
  out.data(
    `Measure ${p.measure}${exposed !== undefined ? `: ${formatPercent(exposed)} of work exposed in theory` : ''}; ` +
      `new work ${p.newWork.preset ?? 'custom'} (rho ${round(p.newWork.rho)}, eta ${round(p.newWork.eta)}); ${whose}.`,
  );
  if (banded) out.data(out.style.dim('Bands: the lowest and highest path over the scenarios (capability slow or fast, adoption slow or fast, observed use low or high).'));
  const header = [
    'year',
    ...(banded ? ['feasible', 'in use'] : []),
    'dark',
    ...(banded ? ['band'] : []),
    'white',
    'grey',
    ...(banded ? ['band'] : []),
    ...(jobs ? ['jobs automated', 'new jobs', 'net'] : []),
  ];
  const rows = frontier.years.map((y) => [
    y.year < p.baseYear ? `${y.year}*` : String(y.year),
    ...(banded ? [formatPercent(y.feasible), formatPercent(y.inUse)] : []),
    formatPercent(y.dark),
    ...(banded ? [range(y.darkLow, y.darkHigh)] : []),
    formatPercent(y.white),
    formatPercent(y.grey),
    ...(banded ? [range(y.greyLow, y.greyHigh)] : []),
    ...(jobs ? [formatInteger(y.darkJobs), formatInteger(y.greyJobs), formatSigned(y.netJobs)] : []),
  ]);
  out.data(table(rows, { header, align: header.map((_, i) => (i === 0 ? 'left' : 'right')) }));
  if (p.firstYear < p.baseYear) out.data(out.style.dim(`* before the base year ${p.baseYear}: the path so far, as the model reads it.`));
  if (banded && p.calibration) {
    out.data(out.style.dim(`Dark and grey count from ${p.calibration.origin}, the first year of generative AI in general use; jobs are job-equivalents of task content.`));
  }
}

function round(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

/** A fact's value as its unit reads. */
function value(row: BacktestRow, v: number | null): string {
  if (v === null) return '-';
  if (row.unit === 'minutes') return v >= 120 ? `${(v / 60).toFixed(1)} h` : `${v.toFixed(v < 10 ? 1 : 0)} min`;
  if (row.unit === 'days') return `${Math.round(v)} d`;
  return formatPercent(v);
}

function error(row: BacktestRow): string {
  if (row.error === null) return '-';
  if (row.unit === 'minutes' || row.unit === 'days') return `x${row.error.toFixed(2)}`;
  return `${row.error >= 0 ? '+' : ''}${(row.error * 100).toFixed(1)} pts`;
}

function inRange(row: BacktestRow): string {
  if (row.withinRange === null) return '';
  const span = row.observedRange ? ` (${value(row, row.observedRange[0])} to ${value(row, row.observedRange[1])})` : '';
  return `${row.withinRange ? 'yes' : 'no'}${span}`;
}

const KIND_WORDS: Partial<Record<BacktestRow['kind'], string>> = {
  adoption: 'surveys',
  'occupation-use': 'occupations using AI',
  'automation-share': 'automation share',
  'observed-exposure': 'observed use',
  gdpval: 'GDPval',
  'work-hours': 'hours assisted',
};

export function printBacktest(out: Output, result: Backtest): void {
  const { bold, dim } = out.style;
  const predicted = result.rows.filter((r) => !r.known && r.predicted !== null);
  const reproduced = result.rows.filter((r) => r.known && r.predicted !== null);
  const unpredicted = result.rows.filter((r) => r.predicted === null);
  out.data(
    `${bold('Backtest')}: the time axis refitted with the ${result.knownFacts} facts known before ${result.asOf} ` +
      `(AI time horizon doubling every ${days(result.doublingDays)}, adoption log-odds growing ${result.adoptionSpeed.toFixed(2)} a year), ` +
      `against the ${result.laterFacts} facts after it.`,
  );
  const header = ['fact', 'date', 'observed', 'predicted', 'error', 'in range'];
  const rowsOf = (rows: BacktestRow[]) => rows.map((r) => [truncate(r.what, 58), r.date, value(r, r.observed), value(r, r.predicted), error(r), inRange(r)]);
  const align = header.map((_, i) => (i >= 2 && i <= 4 ? 'right' : 'left') as 'left' | 'right');
  out.data(`\n${bold(`Predicted: ${predicted.length} facts after ${result.asOf}`)}`);
  out.data(predicted.length ? table(rowsOf(predicted), { header, align }) : dim('  none: every fact in the file is known at this date'));
  out.data(`\n${bold(`Reproduced: ${reproduced.length} facts known at ${result.asOf} (in-sample; survey figures from the rest of their series)`)}`);
  out.data(reproduced.length ? table(rowsOf(reproduced), { header, align }) : dim('  none'));
  const notes = new Map<string, Set<string>>();
  for (const r of result.rows) if (r.note && r.predicted !== null) notes.set(r.note, (notes.get(r.note) ?? new Set()).add(KIND_WORDS[r.kind] ?? r.kind));
  if (notes.size) out.data(`\n${dim([...notes].map(([note, kinds]) => `Note (${[...kinds].join(', ')}): ${note}.`).join('\n'))}`);
  out.data(`\n${bold(`Not predicted: ${unpredicted.length} facts`)}`);
  for (const r of unpredicted) out.data(dim(`  ${r.factId} (${r.date}${r.known ? ', known' : ''}): ${r.note ?? 'no prediction'}`));
}

export function printExplanation(out: Output, e: OccupationExplanation): void {
  const { bold, dim } = out.style;
  out.data(
    `${bold(`${e.code} ${e.title}`)}: ${e.employment !== null ? `${formatInteger(e.employment)} workers` : 'no employment'}, ` +
      `${e.jobZone !== null ? `Job Zone ${e.jobZone}` : 'no Job Zone'}; ${formatPercent(e.exposed)} of its work exposed (${e.measure}).`,
  );
  out.data(
    table(
      e.years.map((y) => [String(y.year), formatPercent(y.feasible), formatPercent(y.inUse), formatPercent(y.dark), range(y.darkLow, y.darkHigh), formatPercent(y.grey)]),
      { header: ['year', 'feasible', 'in use', 'dark', 'band', 'grey'], align: ['left', 'right', 'right', 'right', 'right', 'right'] },
    ),
  );
  out.data(`\n${bold('Tasks')} ${dim('(in use from: the year AI manages half the task at 50% success; automated from: the automated share of it)')}`);
  for (const t of e.tasks) {
    out.data(`  ${t.exposure} ${t.type ?? 'untyped'} x${t.weight}  ${truncate(t.text, 100)}`);
    if (t.durationHours === null) {
      out.data(dim(`     ${t.exposure === 'E0' ? 'not exposed: never dark' : `exposed value ${t.value}: never feasible`}`));
      continue;
    }
    out.data(
      dim(
        `     ${formatHours(t.durationHours)} (${t.durationBasis}); in use from ${formatYear(t.inUseFrom)}` +
          `${t.adoptionThen !== null ? ` (adoption then ${formatPercent(t.adoptionThen, 0)})` : ''}; ` +
          `automated part ${formatPercent(t.automatedPart ?? 0, 0)} (${t.automatedBasis})${t.automatedFrom !== null ? `, from ${formatYear(t.automatedFrom)}` : ''}`,
      ),
    );
  }
  out.data(`\n${bold('Parameters and their sources')}`);
  for (const p of e.parameters) {
    out.data(`  ${p.name}: ${p.value}`);
    for (const s of p.sources) out.data(dim(`     source: ${s}`));
  }
}

function formatHours(hours: number): string {
  return hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(hours < 10 ? 1 : 0)} h`;
}

function formatYear(year: number | null): string {
  if (year === null) return '-';
  const whole = Math.floor(year);
  const month = Math.min(12, Math.floor((year - whole) * 12) + 1);
  return `${whole}-${String(month).padStart(2, '0')}`;
}
