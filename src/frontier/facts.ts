// The published measurements the frontier's time axis is fitted to, as data: `calibration/frontier-facts.json`
// holds each figure with its date and source; this file says what a valid file looks like and reads dates.
// Nothing here is a measurement: every number the model uses comes from the file.
import { InputError } from '../errors.js';

type Pair = [number, number];

interface Common {
  id: string;
  /** When the thing measured happened: a model's release, a survey's month. */
  date: string;
  source: string;
  note?: string;
  /** Read in a summary of the source rather than the source: used to check, never to fit. */
  secondary?: boolean;
}

/** Each kind of fact and its own fields. */
interface FactFields {
  horizon: { model: string; minutes: number; range?: Pair; rangeKind?: string };
  doubling: { window: string; days: number; range: Pair; rangeKind: string; published: string };
  'horizon-ratio': { ratio: Pair };
  'domain-factor': { domain: string; factor: Pair };
  'slow-domain': { domain: string; growth: number; years: number };
  'reliable-range': { hours: number };
  adoption: { series: string; population: string; share: number };
  'work-hours': { population: string; range: Pair };
  'occupation-use': { tasksAtLeast: number; share: number };
  'automation-share': { series: string; population: string; share: number };
  'directive-share': { population: string; share: number };
  'observed-exposure': { majorGroup: string; group: string; theoretical: Pair; observed: Pair };
  gdpval: { model: string; winOrTie: number; taskMinutes: number };
  origin: Record<never, never>;
  reinstatement: { period: Pair; displacement: number; reinstatement: number };
  'new-titles': { period: Pair; share: number };
  outcome: { value?: number };
}

export type FactOf<K extends keyof FactFields> = Common & { kind: K } & FactFields[K];
export type Fact = { [K in keyof FactFields]: FactOf<K> }[keyof FactFields];

export interface DurationPriorSpec {
  about: string;
  source: string;
  /** Hours by O*NET Job Zone ("1".."5"). */
  byJobZone: Record<string, number>;
  withoutJobZone: number;
  /** Hours at most, by rounded Task Ratings frequency category ("5".."7"); "about" explains. */
  frequencyCap: Record<string, number | string>;
  wording: { brief: { factor: number; verbs: string[] }; project: { factor: number; verbs: string[] } };
}

export interface CalibrationFile {
  schema: 1;
  about: string;
  sources: Record<string, { citation: string; published: string; url?: string }>;
  facts: Fact[];
  durationPrior: DurationPriorSpec;
}

// What each field must be. A small table rather than a schema library: the file is read on every frontier, and
// this check costs nothing next to building and running a schema the first time in a process.
type Check = 'string' | 'date' | 'year' | 'group' | 'number' | 'positive' | 'share' | 'above one' | 'pair' | 'boolean';
const COMMON: Record<string, Check> = { id: 'string', date: 'date', source: 'string' };
const OPTIONAL_COMMON: Record<string, Check> = { note: 'string', secondary: 'boolean' };
const KINDS: { [K in keyof FactFields]: { required: Record<string, Check>; optional?: Record<string, Check> } } = {
  horizon: { required: { model: 'string', minutes: 'positive' }, optional: { range: 'pair', rangeKind: 'string' } },
  doubling: { required: { window: 'year', days: 'positive', range: 'pair', rangeKind: 'string', published: 'date' } },
  'horizon-ratio': { required: { ratio: 'pair' } },
  'domain-factor': { required: { domain: 'string', factor: 'pair' } },
  'slow-domain': { required: { domain: 'string', growth: 'above one', years: 'positive' } },
  'reliable-range': { required: { hours: 'positive' } },
  adoption: { required: { series: 'string', population: 'string', share: 'share' } },
  'work-hours': { required: { population: 'string', range: 'pair' } },
  'occupation-use': { required: { tasksAtLeast: 'share', share: 'share' } },
  'automation-share': { required: { series: 'string', population: 'string', share: 'share' } },
  'directive-share': { required: { population: 'string', share: 'share' } },
  'observed-exposure': { required: { majorGroup: 'group', group: 'string', theoretical: 'pair', observed: 'pair' } },
  gdpval: { required: { model: 'string', winOrTie: 'share', taskMinutes: 'positive' } },
  origin: { required: {} },
  reinstatement: { required: { period: 'pair', displacement: 'share', reinstatement: 'share' } },
  'new-titles': { required: { period: 'pair', share: 'share' } },
  outcome: { required: {}, optional: { value: 'number' } },
};

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Why a value fails its check, or null when it passes. */
function problem(value: unknown, check: Check): string | null {
  const number = typeof value === 'number' && Number.isFinite(value);
  switch (check) {
    case 'string':
      return typeof value === 'string' && value.length > 0 ? null : 'expected text';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? null : 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD';
    case 'year':
      return typeof value === 'string' && /^\d{4}$/.test(value) ? null : 'expected a year as YYYY';
    case 'group':
      return typeof value === 'string' && /^\d{2}$/.test(value) ? null : 'expected a two-digit SOC major group';
    case 'number':
      return number ? null : 'expected a number';
    case 'positive':
      return number && (value as number) > 0 ? null : 'expected a number above 0';
    case 'above one':
      return number && (value as number) > 1 ? null : 'expected a number above 1';
    case 'share':
      return number && (value as number) >= 0 && (value as number) <= 1 ? null : 'expected a share from 0 to 1';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'pair':
      return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) && value[0] <= value[1]
        ? null
        : 'expected a range [low, high] with low <= high';
  }
}

function checkFields(object: Record<string, unknown>, required: Record<string, Check>, optional: Record<string, Check>, where: string, file: string): void {
  for (const [field, check] of Object.entries(required)) {
    const why = field in object ? problem(object[field], check) : 'missing';
    if (why) throw new InputError(`calibration facts: ${where}.${field}: ${why}`, { file });
  }
  for (const [field, check] of Object.entries(optional)) {
    const why = object[field] === undefined ? null : problem(object[field], check);
    if (why) throw new InputError(`calibration facts: ${where}.${field}: ${why}`, { file });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's shape: every fact of a known kind with its fields, the sources, the duration prior. */
function checkShape(json: unknown, file: string): CalibrationFile {
  const fail = (where: string, why: string): never => {
    throw new InputError(`calibration facts: ${where}: ${why}`, { file });
  };
  if (!isObject(json)) return fail('the top level', 'expected an object');
  if (json.schema !== 1) fail('schema', 'expected 1');
  if (!isObject(json.sources)) fail('sources', 'expected an object of sources by id');
  for (const [id, source] of Object.entries(json.sources as Record<string, unknown>)) {
    if (!isObject(source)) fail(`sources.${id}`, 'expected an object');
    checkFields(source as Record<string, unknown>, { citation: 'string', published: 'date' }, { url: 'string' }, `sources.${id}`, file);
  }
  if (!Array.isArray(json.facts)) fail('facts', 'expected a list');
  (json.facts as unknown[]).forEach((fact, i) => {
    const where = `facts[${i}]${isObject(fact) && typeof fact.id === 'string' ? ` (${fact.id})` : ''}`;
    if (!isObject(fact)) return fail(where, 'expected an object');
    const spec = KINDS[fact.kind as keyof FactFields];
    if (!spec) return fail(`${where}.kind`, `expected one of ${Object.keys(KINDS).join(', ')}`);
    checkFields(fact, { ...COMMON, ...spec.required }, { ...OPTIONAL_COMMON, ...spec.optional }, where, file);
  });
  const prior = json.durationPrior;
  if (!isObject(prior)) return fail('durationPrior', 'expected an object');
  checkFields(prior, { about: 'string', source: 'string', withoutJobZone: 'positive' }, {}, 'durationPrior', file);
  if (!isObject(prior.byJobZone)) fail('durationPrior.byJobZone', 'expected hours by Job Zone');
  checkFields(prior.byJobZone as Record<string, unknown>, Object.fromEntries(['1', '2', '3', '4', '5'].map((z) => [z, 'positive'])), {}, 'durationPrior.byJobZone', file);
  if (!isObject(prior.frequencyCap)) fail('durationPrior.frequencyCap', 'expected hours by frequency category');
  if (!isObject(prior.wording)) return fail('durationPrior.wording', 'expected brief and project verbs');
  for (const kind of ['brief', 'project']) {
    const words = (prior.wording as Record<string, unknown>)[kind];
    if (!isObject(words) || problem(words.factor, 'positive') || !Array.isArray(words.verbs) || !words.verbs.every((v) => typeof v === 'string' && v)) {
      fail(`durationPrior.wording.${kind}`, 'expected { factor: a number above 0, verbs: a list of words }');
    }
  }
  return json as unknown as CalibrationFile;
}

/** Validates a parsed facts file: every fact's source is listed, ids are unique, the kinds the model needs exist. */
export function parseCalibrationFile(json: unknown, file: string): CalibrationFile {
  const data = checkShape(json, file);
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

export function factsOfKind<K extends keyof FactFields>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f) => f.kind === kind) as unknown as FactOf<K>[];
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
