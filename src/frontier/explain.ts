// --explain: the chain behind one occupation's figures. For each of its tasks, the duration (and where it came
// from), the year the horizon passes half of it (in use) and the automated share of it (automated), the
// adoption then; for the occupation, its path with the band; and every parameter with its source.
import { UsageError } from '../errors.js';
import { calibrate } from './calibrate.js';
import { yearFeasible } from './capability.js';
import { adoptionAt } from './diffusion.js';
import { describeDuration } from './durations.js';
import type { CalibrationFile } from './facts.js';
import { eachTaskInput, type TaskInputOptions } from './task-inputs.js';
import type { FrontierSeries } from './types.js';

export interface ExplainedTask {
  id: string;
  text: string;
  type: string | null;
  exposure: string;
  /** The measure's value for the task and its weight in the occupation. */
  value: number;
  weight: number;
  durationHours: number | null;
  durationBasis: string | null;
  /** Decimal years at which feasibility of half the task, and of its automated share, reaches 0.5 (central). */
  inUseFrom: number | null;
  automatedFrom: number | null;
  /** Adoption (the share of feasible exposed work in use) at inUseFrom. */
  adoptionThen: number | null;
  /** The part of the task's use that is automated, and why. */
  automatedPart: number | null;
  automatedBasis: string | null;
}

export interface ExplainedParameter {
  name: string;
  value: string;
  sources: string[];
}

export interface OccupationExplanation {
  code: string;
  title: string;
  employment: number | null;
  jobZone: number | null;
  measure: string;
  exposed: number;
  years: { year: number; feasible: number; inUse: number; dark: number; darkLow: number; darkHigh: number; grey: number }[];
  tasks: ExplainedTask[];
  parameters: ExplainedParameter[];
}

export interface ExplainOptions {
  code: string;
  series: FrontierSeries;
  facts: CalibrationFile;
  inputs: Omit<TaskInputOptions, 'durationPrior' | 'automationPrior' | 'occupations'>;
}

export function explainOccupation(options: ExplainOptions): OccupationExplanation {
  const { series, facts } = options;
  const { params } = series;
  if (params.time.model !== 'calibrated' || !params.calibration) throw new UsageError('--explain shows the calibrated time model; drop --time-model legacy');
  const path = series.byOccupation.find((o) => o.code === options.code || o.code.startsWith(`${options.code}.`));
  if (!path) throw new UsageError(`--explain ${options.code}: no scored occupation with that code in this dataset (expected an O*NET-SOC code such as 15-1252.00)`);
  const occupation = options.inputs.dataset.occupations.find((o) => o.code === path.code)!;
  const calibration = calibrate(facts, params.time);
  const cap = calibration.capability;
  const anchor = params.calibration.adoption.anchor;
  const curve = { speed: params.calibration.adoption.speed, t0: anchor.date, level: anchor.level, ceiling: params.calibration.adoption.ceiling };

  const tasks: ExplainedTask[] = [];
  eachTaskInput(
    {
      ...options.inputs,
      dataset: { occupations: [occupation], tasks: options.inputs.dataset.tasks.filter((t) => t.occupationCode === path.code) },
      durationPrior: facts.durationPrior,
      automationPrior: calibration.automationPrior?.share ?? null,
    },
    (_occupation, _employment, input) => {
      if (!input) return;
      const exposed = input.exposed;
      const log2Minutes = exposed ? Math.log2(exposed.duration.hours * 60) : null;
      const e2 = input.score.exposure === 'E2';
      const inUseFrom = log2Minutes === null ? null : yearFeasible(cap, log2Minutes - 1, e2);
      const automated = exposed?.automated;
      tasks.push({
        id: input.task.id,
        text: input.task.text,
        type: input.task.type,
        exposure: input.score.exposure,
        value: input.value,
        weight: input.weight,
        durationHours: exposed?.duration.hours ?? null,
        durationBasis: exposed ? describeDuration(exposed.duration) : null,
        inUseFrom,
        automatedFrom: log2Minutes === null || !automated || automated.factor === 0 ? null : yearFeasible(cap, log2Minutes + Math.log2(automated.share), e2),
        adoptionThen: inUseFrom === null ? null : adoptionAt(curve, inUseFrom),
        automatedPart: automated?.factor ?? null,
        automatedBasis: automated ? automatedBasis(input.score, automated.prior) : null,
      });
    },
  );

  return {
    code: path.code,
    title: path.title,
    employment: path.employment,
    jobZone: occupation.jobZone ?? null,
    measure: params.measure,
    exposed: path.exposed,
    years: path.dark.map((dark, i) => ({
      year: params.firstYear + i,
      feasible: path.feasible[i]!,
      inUse: path.inUse[i]!,
      dark,
      darkLow: path.darkLow[i]!,
      darkHigh: path.darkHigh[i]!,
      grey: path.grey[i]!,
    })),
    tasks,
    parameters: parameters(series, facts),
  };
}

function automatedBasis(score: { mode?: string; automation?: string }, prior: boolean): string {
  const level = score.automation ? `level ${score.automation}` : 'no level: the whole task';
  if (prior) return `no mode from the scorer: observed automation share of AI use x ${level}`;
  if (score.mode === 'automate') return `mode automate, ${level}`;
  return `mode ${score.mode ?? 'none'}: not automated`;
}

function parameters(series: FrontierSeries, facts: CalibrationFile): ExplainedParameter[] {
  const c = series.params.calibration!;
  const cite = (ids: string[]) => [...new Set(ids.map((id) => facts.facts.find((f) => f.id === id)?.source).filter((s): s is string => Boolean(s)))].map((s) => facts.sources[s]!.citation);
  const ofKind = (kinds: string[]) => c.factIds.filter((id) => kinds.includes(facts.facts.find((f) => f.id === id)?.kind ?? ''));
  const days = (d: number) => (Number.isFinite(d) ? `${Math.round(d)} days` : 'no growth');
  const cap = c.capability;
  const ad = c.adoption;
  const list: ExplainedParameter[] = [
    {
      name: '50% time horizon, measured past',
      value: `doubling every ${days(cap.fitted.doublingDays)} (95% interval ${cap.fitted.interval ? `${days(cap.fitted.interval[0])} to ${days(cap.fitted.interval[1])}` : 'none'}), fitted to ${cap.fitted.models.join(', ')}; ${cap.horizonHoursAtBase.toFixed(1)} hours at mid ${series.params.baseYear}`,
      sources: cite(ofKind(['horizon'])),
    },
    {
      name: 'after the last measurement',
      value: `${cap.label} (band ${days(cap.doublingDays.fast)} to ${days(cap.doublingDays.slow)}); ${cap.basis}`,
      sources: cite(ofKind(cap.preset === 'trend-2023' ? ['horizon'] : ['doubling', 'slow-domain'])),
    },
    {
      name: 'success against task length',
      value: `the 80% horizon is ${cap.horizonRatio.central.toFixed(1)} times shorter than the 50% horizon (measured ${cap.horizonRatio.range[0]} to ${cap.horizonRatio.range[1]}): log-odds ${cap.successSlope.toFixed(2)} per doubling`,
      sources: cite(ofKind(['horizon-ratio'])),
    },
    {
      name: 'E2 work (through software built on the model)',
      value: `horizon ${cap.e2Factor.central.toFixed(0)} times shorter (band ${cap.e2Factor.fast} to ${cap.e2Factor.slow}), as measured for operating a graphical interface`,
      sources: cite(ofKind(['domain-factor'])),
    },
    {
      name: 'adoption speed',
      value: `log-odds of use grow ${ad.speed.toFixed(2)} a year (95% interval ${ad.speedInterval[0].toFixed(2)} to ${ad.speedInterval[1].toFixed(2)}), common to the series ${ad.series.join(', ')}`,
      sources: cite(ofKind(['adoption'])),
    },
    {
      name: 'adoption level',
      value:
        ad.anchor.basis === 'observed'
          ? `${(ad.anchor.level * 100).toFixed(0)}% of feasible exposed work in use at ${ad.anchor.date.toFixed(2)} (${(ad.anchor.low * 100).toFixed(0)}% to ${(ad.anchor.high * 100).toFixed(0)}%), matching observed against theoretical use in ${ad.anchor.groups.join(' and ')}`
          : `${(ad.anchor.level * 100).toFixed(0)}% at ${ad.anchor.date.toFixed(2)}: workers' use of AI at work, standing in for observed use`,
      sources: cite(ofKind(['observed-exposure', 'adoption'])),
    },
    {
      name: 'task duration prior',
      value: facts.durationPrior.about,
      sources: [facts.sources[facts.durationPrior.source]?.citation ?? facts.durationPrior.source],
    },
  ];
  if (c.automationPrior) {
    list.push({ name: 'automated part without a mode', value: `${(c.automationPrior.share * 100).toFixed(0)}% of AI use hands the task over`, sources: cite([c.automationPrior.factId]) });
  }
  const nw = series.params.newWork;
  list.push({ name: 'new work (grey)', value: `rho ${nw.rho.toFixed(4)} a year, eta ${nw.eta.toFixed(3)} per unit displaced${nw.preset ? ` (${nw.preset})` : ' (set by hand)'}`, sources: nw.citation ? [nw.citation] : [] });
  return list;
}
