// What each scoring setting may be, said once, and checked the same way wherever the setting comes from:
// a flag, an environment variable or the config file. A setting nothing can honour (a timeout of 0, a
// temperature of 5, a base URL that is no URL) is refused before anything is loaded or sent, naming where it
// came from: `--temperature 5`, `OPENAI_BASE_URL`, or the config file's key with the file's path (exit 2).
import { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import { isProviderName, PROVIDER_NAMES } from './providers.js';

const httpURL = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
});

interface Rule {
  schema: z.ZodType;
  /** What is expected, in the flag's words (the config file's are given where they differ). */
  expected: string;
  flag: string;
  /** How the flag writes the value, when its unit differs from the setting's. */
  flagValue?: (value: unknown) => string;
  env?: string;
}

export const SETTING_RULES = {
  provider: { schema: z.string().refine(isProviderName), expected: `one of ${PROVIDER_NAMES.join(', ')}`, flag: '--provider', env: 'AI_FRONTIER_PROVIDER' },
  baseURL: { schema: httpURL, expected: 'an http:// or https:// URL, such as http://localhost:8000/v1', flag: '--base-url', env: 'OPENAI_BASE_URL' },
  apiKeyEnv: { schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), expected: 'the name of an environment variable', flag: '--api-key-env' },
  model: { schema: z.string().trim().min(1), expected: 'a model id', flag: '--model', env: 'AI_FRONTIER_MODEL' },
  temperature: { schema: z.number().min(0).max(2), expected: 'a number from 0 to 2', flag: '--temperature' },
  batchSize: { schema: z.number().int().min(1).max(200), expected: 'a whole number of tasks from 1 to 200', flag: '--batch-size' },
  concurrency: { schema: z.number().int().min(1).max(1000), expected: 'a whole number of requests from 1 to 1000', flag: '--concurrency' },
  rpm: { schema: z.number().positive(), expected: 'a number of requests per minute above 0', flag: '--rpm' },
  tpm: { schema: z.number().positive(), expected: 'a number of tokens per minute above 0', flag: '--tpm' },
  maxCost: { schema: z.number().nonnegative(), expected: 'a number of US dollars of at least 0', flag: '--max-cost' },
  timeoutMs: {
    schema: z.number().int().min(1).max(3_600_000),
    expected: 'a time above 0 and at most an hour (--timeout in seconds, "timeoutMs" in whole milliseconds)',
    flag: '--timeout',
    flagValue: (value) => String(Number(value) / 1000),
  },
  maxRetries: { schema: z.number().int().min(0).max(20), expected: 'a whole number from 0 to 20', flag: '--max-retries' },
  structuredOutput: { schema: z.enum(['json_schema', 'json_object', 'auto']), expected: 'json_schema, json_object or auto', flag: '--structured-output' },
  store: { schema: z.string().trim().min(1), expected: 'a file path', flag: '--store', env: 'AI_FRONTIER_STORE' },
  dataset: { schema: z.string().trim().min(1), expected: 'a dataset name or path', flag: '--dataset' },
} satisfies Record<string, Rule>;

export type SettingName = keyof typeof SETTING_RULES;
export const SETTING_NAMES = Object.keys(SETTING_RULES) as SettingName[];

export type SettingsSource = { kind: 'flags' } | { kind: 'env' } | { kind: 'file'; file: string };

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Throws, naming the source, at the first setting in `values` its rule refuses; absent values pass. */
export function checkSettings(values: Partial<Record<SettingName, unknown>>, source: SettingsSource): void {
  for (const name of SETTING_NAMES) {
    const value = values[name];
    if (value === undefined) continue;
    const rule: Rule = SETTING_RULES[name];
    if (rule.schema.safeParse(value).success) continue;
    if (source.kind === 'file') {
      throw new InputError(`"${name}": expected ${rule.expected}, got ${shown(value)}`, { file: source.file });
    }
    if (source.kind === 'env') throw new UsageError(`${rule.env ?? name}=${shown(value)}: expected ${rule.expected}`);
    throw new UsageError(`${rule.flag} ${rule.flagValue ? rule.flagValue(value) : shown(value)}: expected ${rule.expected}`);
  }
}
