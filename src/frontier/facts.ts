// The published measurements the frontier's time axis is fitted to, as data: `calibration/frontier-facts.json`
// holds each figure with its date and source; this file says what a valid file looks like and reads dates.
// Nothing here is a measurement: every number the model uses comes from the file.
import { z } from 'zod';
import { InputError } from '../errors.js';

const dateText = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
const share = z.number().min(0).max(1);
const pair = z.tuple([z.number(), z.number()]).refine(([a, b]) => a <= b, 'a range [low, high] with low <= high');

const common = {
  id: z.string().min(1),
  /** When the thing measured happened: a model's release, a survey's month. */
  date: dateText,
  source: z.string().min(1),
  note: z.string().optional(),
  /** Read in a summary of the source rather than the source: used to check, never to fit. */
  secondary: z.boolean().optional(),
};

const factSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('horizon'), model: z.string(), minutes: z.number().positive(), range: pair.optional(), rangeKind: z.string().optional() }),
  z.object({ ...common, kind: z.literal('doubling'), window: z.string().regex(/^\d{4}$/), days: z.number().positive(), range: pair, rangeKind: z.string(), published: dateText }),
  z.object({ ...common, kind: z.literal('horizon-ratio'), ratio: pair }),
  z.object({ ...common, kind: z.literal('domain-factor'), domain: z.string(), factor: pair }),
  z.object({ ...common, kind: z.literal('slow-domain'), domain: z.string(), growth: z.number().gt(1), years: z.number().positive() }),
  z.object({ ...common, kind: z.literal('reliable-range'), hours: z.number().positive() }),
  z.object({ ...common, kind: z.literal('adoption'), series: z.string(), population: z.string(), share }),
  z.object({ ...common, kind: z.literal('work-hours'), population: z.string(), range: pair }),
  z.object({ ...common, kind: z.literal('occupation-use'), tasksAtLeast: share, share }),
  z.object({ ...common, kind: z.literal('automation-share'), series: z.string(), population: z.string(), share }),
  z.object({ ...common, kind: z.literal('directive-share'), population: z.string(), share }),
  z.object({ ...common, kind: z.literal('observed-exposure'), majorGroup: z.string().regex(/^\d{2}$/), group: z.string(), theoretical: pair, observed: pair }),
  z.object({ ...common, kind: z.literal('gdpval'), model: z.string(), winOrTie: share, taskMinutes: z.number().positive() }),
  z.object({ ...common, kind: z.literal('origin') }),
  z.object({ ...common, kind: z.literal('reinstatement'), period: pair, displacement: share, reinstatement: share }),
  z.object({ ...common, kind: z.literal('new-titles'), period: pair, share }),
  z.object({ ...common, kind: z.literal('outcome'), value: z.number().optional() }),
]);

const verbClass = z.object({ factor: z.number().positive(), verbs: z.array(z.string().min(1)) });

const fileSchema = z.object({
  schema: z.literal(1),
  about: z.string(),
  sources: z.record(z.string(), z.object({ citation: z.string(), published: dateText, url: z.string().optional() })),
  facts: z.array(factSchema),
  durationPrior: z.object({
    about: z.string(),
    source: z.string(),
    byJobZone: z.record(z.string().regex(/^[1-5]$/), z.number().positive()),
    withoutJobZone: z.number().positive(),
    frequencyCap: z.record(z.string(), z.union([z.number().positive(), z.string()])),
    wording: z.object({ brief: verbClass, project: verbClass }),
  }),
});

export type CalibrationFile = z.infer<typeof fileSchema>;
export type Fact = CalibrationFile['facts'][number];
export type FactOf<K extends Fact['kind']> = Extract<Fact, { kind: K }>;
export type DurationPriorSpec = CalibrationFile['durationPrior'];

/** Validates a parsed facts file: every fact's source is listed, ids are unique, the kinds the model needs exist. */
export function parseCalibrationFile(json: unknown, file: string): CalibrationFile {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`calibration facts: ${issue.message} at ${issue.path.join('.') || 'the top level'}`, { file });
  }
  const data = parsed.data;
  const ids = new Set<string>();
  for (const fact of data.facts) {
    if (ids.has(fact.id)) throw new InputError(`calibration facts: fact id "${fact.id}" appears twice`, { file });
    ids.add(fact.id);
    if (!data.sources[fact.source]) throw new InputError(`calibration facts: fact "${fact.id}" names source "${fact.source}", which is not listed under sources`, { file });
  }
  for (const kind of ['horizon', 'horizon-ratio', 'domain-factor', 'slow-domain', 'origin', 'adoption'] as const) {
    if (!data.facts.some((f) => f.kind === kind)) throw new InputError(`calibration facts: no fact of kind "${kind}", which the frontier model needs`, { file });
  }
  return data;
}

export function factsOfKind<K extends Fact['kind']>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f): f is FactOf<K> => f.kind === kind);
}

/**
 * A date as a decimal year, at the middle of the period it names: "2025" is 1 July 2025, "2024-08" is the
 * middle of August, "2025-08-07" that day. Surveys report a month or a year, not an instant.
 */
export function decimalYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  const start = Date.UTC(y, 0, 1);
  const length = Date.UTC(y + 1, 0, 1) - start;
  if (m === undefined) return y + 0.5;
  if (d === undefined) {
    const mid = (Date.UTC(y, m - 1, 1) + Date.UTC(y, m, 1)) / 2;
    return y + (mid - start) / length;
  }
  return y + (Date.UTC(y, m - 1, d) - start) / length;
}

/** The first instant of an as-of date: facts dated before it are known, the rest are to be predicted. */
export function asOfYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  const start = Date.UTC(y, 0, 1);
  const length = Date.UTC(y + 1, 0, 1) - start;
  return y + (Date.UTC(y, (m ?? 1) - 1, d ?? 1) - start) / length;
}

/**
 * Facts known before `asOf` (a decimal year), or all of them. A measurement of something fixed (a model's
 * horizon at its release, a survey month) counts from its date, even when measured later; a published
 * estimate of a trend counts from its publication.
 */
export function knownAsOf(facts: readonly Fact[], asOf: number | null): Fact[] {
  if (asOf === null) return [...facts];
  return facts.filter((f) => decimalYear('published' in f ? f.published : f.date) < asOf);
}
