// What each scoring setting may be, said once, and checked the same way wherever the setting comes from:
// a flag, an environment variable or the config file. A setting nothing can honour (a timeout of 0, a
// temperature of 5, a base URL that is no URL) is refused before anything is loaded or sent, naming where it
// came from: `--temperature 5`, `OPENAI_BASE_URL`, or the config file's key with the file's path (exit 2).
import { InputError, UsageError } from '../errors.js';
import { isOfflineTarget, OFFLINE_TARGETS, type OfflineTarget } from './offline/targets.js';
import { isProviderName, PROVIDER_NAMES } from './llm/providers.js';

/** Settings as the rules accept them (the config file's shape). */
export interface SettingValues {
  provider?: string;
  baseURL?: string;
  apiKeyEnv?: string;
  model?: string;
  temperature?: number;
  batchSize?: number;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  maxCost?: number;
  timeoutMs?: number;
  maxRetries?: number;
  structuredOutput?: 'json_schema' | 'json_object' | 'auto';
  store?: string;
  dataset?: string;
  /** What the offline model reproduces (offline/targets.ts). */
  offlineTarget?: OfflineTarget;
}

export type SettingName = keyof SettingValues;

interface Rule {
  /** Whether the value is one the setting can honour. */
  valid: (value: unknown) => boolean;
  /** What is expected, in the flag's words (the config file's are given where they differ). */
  expected: string;
  flag: string;
  /** How the flag writes the value, when its unit differs from the setting's. */
  flagValue?: (value: unknown) => string;
  env?: string;
}

// Plain checks rather than a schema library: every `score` run checks its flags, and zod takes longer to
// load than the rest of an offline run's start (see src/lazy-zod.ts).
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const between = (min: number, max: number) => (value: unknown) => finite(value) && value >= min && value <= max;
const wholeBetween = (min: number, max: number) => (value: unknown) => Number.isInteger(value) && between(min, max)(value);
const above = (min: number) => (value: unknown) => finite(value) && value > min;
const nonBlank = (value: unknown) => typeof value === 'string' && value.trim().length > 0;
const httpURL = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

export const SETTING_RULES: Record<SettingName, Rule> = {
  provider: { valid: (v) => typeof v === 'string' && isProviderName(v), expected: `one of ${PROVIDER_NAMES.join(', ')}`, flag: '--provider', env: 'AI_FRONTIER_PROVIDER' },
  baseURL: { valid: httpURL, expected: 'an http:// or https:// URL, such as http://localhost:8000/v1', flag: '--base-url', env: 'OPENAI_BASE_URL' },
  apiKeyEnv: { valid: (v) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v), expected: 'the name of an environment variable', flag: '--api-key-env' },
  model: { valid: nonBlank, expected: 'a model id', flag: '--model', env: 'AI_FRONTIER_MODEL' },
  temperature: { valid: between(0, 2), expected: 'a number from 0 to 2', flag: '--temperature' },
  batchSize: { valid: wholeBetween(1, 200), expected: 'a whole number of tasks from 1 to 200', flag: '--batch-size' },
  concurrency: { valid: wholeBetween(1, 1000), expected: 'a whole number of requests from 1 to 1000', flag: '--concurrency' },
  rpm: { valid: above(0), expected: 'a number of requests per minute above 0', flag: '--rpm' },
  tpm: { valid: above(0), expected: 'a number of tokens per minute above 0', flag: '--tpm' },
  maxCost: { valid: between(0, Infinity), expected: 'a number of US dollars of at least 0', flag: '--max-cost' },
  timeoutMs: {
    valid: wholeBetween(1, 3_600_000),
    expected: 'a time above 0 and at most an hour (--timeout in seconds, "timeoutMs" in whole milliseconds)',
    flag: '--timeout',
    flagValue: (value) => String(Number(value) / 1000),
  },
  maxRetries: { valid: wholeBetween(0, 20), expected: 'a whole number from 0 to 20', flag: '--max-retries' },
  structuredOutput: { valid: (v) => v === 'json_schema' || v === 'json_object' || v === 'auto', expected: 'json_schema, json_object or auto', flag: '--structured-output' },
  store: { valid: nonBlank, expected: 'a file path', flag: '--store', env: 'AI_FRONTIER_STORE' },
  dataset: { valid: nonBlank, expected: 'a dataset name or path', flag: '--dataset' },
  offlineTarget: { valid: (v) => typeof v === 'string' && isOfflineTarget(v), expected: `one of ${OFFLINE_TARGETS.join(', ')}`, flag: '--offline-target' },
};

export const SETTING_NAMES = Object.keys(SETTING_RULES) as SettingName[];

/** The settings one entry of the config file's "scorers" list may give: what chooses and paces one model.
 * The rest (store, dataset, --max-cost) belong to the whole run. */
export const SCORER_SETTING_NAMES = [
  'provider', 'baseURL', 'apiKeyEnv', 'model', 'temperature', 'batchSize', 'concurrency', 'rpm', 'tpm', 'timeoutMs', 'maxRetries', 'structuredOutput',
] as const satisfies readonly SettingName[];

export type ScorerSettingValues = Pick<SettingValues, (typeof SCORER_SETTING_NAMES)[number]>;

/** `at` names where in the file the values sit ("scorers[1]"), for messages. */
export type SettingsSource = { kind: 'flags' } | { kind: 'env' } | { kind: 'file'; file: string; at?: string };

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Throws, naming the source, at the first setting in `values` its rule refuses; absent values pass. */
export function checkSettings(values: Partial<Record<SettingName, unknown>>, source: SettingsSource): void {
  for (const name of SETTING_NAMES) {
    const value = values[name];
    if (value === undefined) continue;
    const rule = SETTING_RULES[name];
    if (rule.valid(value)) continue;
    if (source.kind === 'file') {
      throw new InputError(`"${source.at ? `${source.at}.` : ''}${name}": expected ${rule.expected}, got ${shown(value)}`, { file: source.file });
    }
    if (source.kind === 'env') throw new UsageError(`${rule.env ?? name}=${shown(value)}: expected ${rule.expected}`);
    throw new UsageError(`${rule.flag} ${rule.flagValue ? rule.flagValue(value) : shown(value)}: expected ${rule.expected}`);
  }
}
