// Scoring settings from three places, in order of precedence: command-line flags, then environment variables,
// then a config file (`ai-frontier.config.json` in the working folder, else in the user config folder).
// The API key itself is only ever read from the environment: a config file names the variable, never the key.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appPaths } from '../data/paths.js';
import { InputError, UsageError } from '../errors.js';
import { isLocalURL, isProviderName, presetFor, presetForURL, type ProviderPreset } from './llm/providers.js';
import { checkSettings, SCORER_SETTING_NAMES, SETTING_NAMES, type ScorerSettingValues, type SettingName, type SettingValues } from './settings.js';
import { STORE_FILE_NAME } from './store/store.js';
import type { ProviderSettings } from './llm/run.js';
import type { OfflineTarget } from './offline/targets.js';

export const CONFIG_FILE_NAME = 'ai-frontier.config.json';

/** The config file's keys are the settings, each checked by its rule in settings.ts, and "scorers": a list
 * of models to score with in one run, each entry giving the settings of one (SCORER_SETTING_NAMES). */
export type ConfigFile = SettingValues & { scorers?: ScorerSettingValues[] };

const SCORERS_KEY = 'scorers';

/** Flags as commander hands them over (all optional; absent means "not given"). */
export interface ScoreFlags {
  provider?: string;
  baseUrl?: string;
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
  structuredOutput?: ProviderSettings['structuredOutput'];
  store?: string;
  dataset?: string;
  offline?: boolean;
  /** What the offline model reproduces (offline/targets.ts); the model's default when unset. */
  offlineTarget?: string;
}

export const DEFAULTS = {
  temperature: 0,
  batchSize: 20,
  timeoutMs: 120_000,
  maxRetries: 5,
  structuredOutput: 'auto' as const,
  dataset: 'sample',
};

/** The config file that applies, if any: the working folder's first, then the user's. */
export function findConfigFile(options: { env: NodeJS.ProcessEnv; cwd: string }): string | undefined {
  const candidates = [path.join(options.cwd, CONFIG_FILE_NAME), path.join(appPaths(options.env).config, CONFIG_FILE_NAME)];
  return candidates.find((file) => existsSync(file));
}

export function readConfigFile(file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`expected a JSON object of scoring defaults: ${(error as Error).message}`, { file });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('expected a JSON object of scoring defaults', { file });
  if ('apiKey' in raw || 'api_key' in raw) {
    throw new InputError('an API key does not belong in a config file; set "apiKeyEnv" to the name of the environment variable that holds it', { file });
  }
  const unknown = Object.keys(raw).find((key) => key !== SCORERS_KEY && !(SETTING_NAMES as string[]).includes(key));
  if (unknown !== undefined) throw new InputError(`"${unknown}": not a setting (allowed keys: ${[...SETTING_NAMES, SCORERS_KEY].join(', ')})`, { file });
  checkSettings(raw, { kind: 'file', file });
  if (SCORERS_KEY in raw) checkScorerEntries((raw as Record<string, unknown>)[SCORERS_KEY], file);
  return raw as ConfigFile;
}

/** "scorers": a non-empty list of objects, each naming a model or an endpoint with settings from the scorer's
 * keys, each checked by the same rules as the file's other settings. */
function checkScorerEntries(entries: unknown, file: string): void {
  const allowed = SCORER_SETTING_NAMES as readonly string[];
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new InputError(`"${SCORERS_KEY}": expected a list of scorers, such as [{ "provider": "openai", "model": "gpt-4.1-mini" }, { "model": "gpt-4.1" }]`, { file });
  }
  entries.forEach((entry: unknown, i) => {
    const at = `${SCORERS_KEY}[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(`"${at}": expected an object of one scorer's settings`, { file });
    if ('apiKey' in entry || 'api_key' in entry) {
      throw new InputError(`"${at}": an API key does not belong in a config file; set "apiKeyEnv" to the name of the environment variable that holds it`, { file });
    }
    const unknownKey = Object.keys(entry).find((key) => !allowed.includes(key));
    if (unknownKey !== undefined) throw new InputError(`"${at}.${unknownKey}": not a scorer setting (allowed keys: ${allowed.join(', ')})`, { file });
    checkSettings(entry, { kind: 'file', file, at });
    const named = entry as ScorerSettingValues;
    if (named.model === undefined && named.provider === undefined && named.baseURL === undefined) {
      throw new InputError(`"${at}": names no scorer; give it a "model", a "provider" or a "baseURL"`, { file });
    }
  });
}

export type ResolvedScoring =
  | { kind: 'offline'; reason: 'no-provider' | 'requested'; target?: OfflineTarget; common: CommonSettings }
  | {
      kind: 'model';
      /** Everything the engine needs. `model` is '' when the server must be asked which model it serves. */
      settings: ProviderSettings;
      /** No per-token price (a server on this machine). */
      local: boolean;
      /** Variable the key came from, for messages (never the key). */
      apiKeyEnv?: string;
      common: CommonSettings;
    };

export interface CommonSettings {
  batchSize: number;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  maxCost?: number;
  store: string;
  dataset: string;
  configFile?: string;
}

/** A key for servers that need none: the SDK refuses an empty one. Not a secret. */
const NO_KEY = 'no-key';

export function resolveScoring(flags: ScoreFlags, options: { env: NodeJS.ProcessEnv; cwd: string }): ResolvedScoring {
  return resolveWith(flags, options, readSettingLayers(flags, options));
}

/**
 * The scorers of one `score` run, each resolved as `resolveScoring` resolves one. `variants` are the
 * command line's scorers (`--model a --model b`, `--scorer x --scorer y`), each the flags as they apply to
 * it. Without them, the config file's "scorers" list applies when neither the command line nor
 * AI_FRONTIER_PROVIDER / AI_FRONTIER_MODEL name a scorer; else the one scorer the settings name.
 */
export function resolveScorers(flags: ScoreFlags, options: { env: NodeJS.ProcessEnv; cwd: string; variants?: ScoreFlags[] }): ResolvedScoring[] {
  if (options.variants?.length) return options.variants.map((variant) => resolveScoring(variant, options));
  const layers = readSettingLayers(flags, options);
  const named = [flags.provider, flags.baseUrl, flags.model, flags.offline, flags.offlineTarget, options.env.AI_FRONTIER_PROVIDER, options.env.AI_FRONTIER_MODEL].some(
    (value) => value !== undefined && value !== '' && value !== false,
  );
  const entries = layers.file.scorers;
  if (named || !entries) return [resolveWith(flags, options, layers)];
  return entries.map((entry) => resolveWith(flags, options, { ...layers, file: entryLayer(layers.file, entry) }, { ownEndpoint: namesEndpoint(entry) }));
}

const namesEndpoint = (entry: ScorerSettingValues) => entry.provider !== undefined || entry.baseURL !== undefined;

/**
 * One "scorers" entry over the file's other settings. An entry that names its own endpoint takes nothing
 * that belongs to another endpoint from them (its model, key variable and rate limits); an entry that only
 * names a model scores on the file's endpoint with the file's limits.
 */
function entryLayer(file: ConfigFile, entry: ScorerSettingValues): ConfigFile {
  const { scorers: _list, ...top } = file;
  if (!namesEndpoint(entry)) return { ...top, ...entry };
  const { provider: _p, baseURL: _b, apiKeyEnv: _k, model: _m, rpm: _r, tpm: _t, concurrency: _c, ...shared } = top;
  return { ...shared, ...entry };
}

interface SettingLayers {
  file: ConfigFile;
  configFile?: string;
}

function readSettingLayers(flags: ScoreFlags, options: { env: NodeJS.ProcessEnv; cwd: string }): SettingLayers {
  // Every layer is checked by the same rules before anything is loaded or sent.
  checkSettings(flagSettings(flags), { kind: 'flags' });
  checkSettings(envSettings(options.env), { kind: 'env' });
  const configFile = findConfigFile(options);
  return { file: configFile ? readConfigFile(configFile) : {}, configFile };
}

function resolveWith(
  flags: ScoreFlags,
  options: { env: NodeJS.ProcessEnv; cwd: string },
  { file, configFile }: SettingLayers,
  entry: { ownEndpoint?: boolean } = {},
): ResolvedScoring {
  const { env, cwd } = options;
  const envProvider = env.AI_FRONTIER_PROVIDER || undefined;

  const common: CommonSettings = {
    batchSize: flags.batchSize ?? file.batchSize ?? DEFAULTS.batchSize,
    concurrency: flags.concurrency ?? file.concurrency,
    rpm: flags.rpm ?? file.rpm,
    tpm: flags.tpm ?? file.tpm,
    maxCost: flags.maxCost ?? file.maxCost,
    store: path.resolve(cwd, flags.store ?? env.AI_FRONTIER_STORE ?? file.store ?? path.join(appPaths(env).data, STORE_FILE_NAME)),
    dataset: flags.dataset ?? file.dataset ?? DEFAULTS.dataset,
    configFile,
  };
  const target = (flags.offlineTarget as OfflineTarget | undefined) ?? file.offlineTarget;
  const offline = (reason: 'no-provider' | 'requested'): ResolvedScoring => ({ kind: 'offline', reason, ...(target ? { target } : {}), common });
  if (flags.offline) return offline('requested');

  // The endpoint comes from the first layer that names one; a layer that only sets a model does not. A
  // "scorers" entry with an endpoint of its own is not redirected by OPENAI_BASE_URL (but for OpenAI's preset, as the SDK does).
  const endpoint = pickEndpoint(flags, env, file, envProvider, { envLayer: !entry.ownEndpoint });
  if (!endpoint) {
    if (flags.model) {
      throw new UsageError(`--model ${flags.model} needs an endpoint: set OPENAI_API_KEY, or pass --provider or --base-url`);
    }
    return offline('no-provider');
  }
  if (flags.offlineTarget !== undefined) {
    throw new UsageError(`--offline-target chooses what the offline model reproduces, but ${endpoint.provider} is set to score with; add --offline to use the offline model`);
  }

  const apiKeyEnv = flags.apiKeyEnv ?? file.apiKeyEnv ?? endpoint.preset?.apiKeyEnv ?? 'OPENAI_API_KEY';
  const apiKey = env[apiKeyEnv] || undefined;
  const local = endpoint.preset?.local ?? isLocalURL(endpoint.baseURL);
  if (!apiKey && !local && endpoint.preset && endpoint.provider !== 'custom') {
    throw new UsageError(
      `${apiKeyEnv} is not set: export it with your ${endpoint.provider} API key, or name another variable with --api-key-env`,
    );
  }
  const model = flags.model ?? (entry.ownEndpoint ? undefined : env.AI_FRONTIER_MODEL) ?? file.model ?? endpoint.preset?.defaultModel ?? '';
  const settings: ProviderSettings = {
    provider: endpoint.provider,
    baseURL: endpoint.baseURL,
    apiKey: apiKey ?? NO_KEY,
    model,
    temperature: flags.temperature ?? file.temperature ?? DEFAULTS.temperature,
    timeoutMs: flags.timeoutMs ?? file.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: flags.maxRetries ?? file.maxRetries ?? DEFAULTS.maxRetries,
    structuredOutput: flags.structuredOutput ?? file.structuredOutput ?? DEFAULTS.structuredOutput,
  };
  return { kind: 'model', settings, local, apiKeyEnv: apiKey ? apiKeyEnv : undefined, common };
}

/** The settings among the flags commander hands over (a command's other options are not settings). */
function flagSettings(flags: ScoreFlags): Partial<Record<SettingName, unknown>> {
  const { provider, baseUrl, apiKeyEnv, model, temperature, batchSize, concurrency, rpm, tpm, maxCost, timeoutMs, maxRetries, structuredOutput, store, dataset, offlineTarget } = flags;
  return { provider, baseURL: baseUrl, apiKeyEnv, model, temperature, batchSize, concurrency, rpm, tpm, maxCost, timeoutMs, maxRetries, structuredOutput, store, dataset, offlineTarget };
}

/** The settings the environment can give (the SDK's OPENAI_BASE_URL among them); empty means unset. */
function envSettings(env: NodeJS.ProcessEnv): Partial<Record<SettingName, unknown>> {
  return {
    provider: env.AI_FRONTIER_PROVIDER || undefined,
    baseURL: env.OPENAI_BASE_URL || undefined,
    model: env.AI_FRONTIER_MODEL || undefined,
    store: env.AI_FRONTIER_STORE || undefined,
  };
}

interface Endpoint {
  provider: string;
  baseURL: string;
  preset?: ProviderPreset;
}

function pickEndpoint(
  flags: ScoreFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
  envProvider: string | undefined,
  options: { envLayer: boolean },
): Endpoint | undefined {
  const layers: { provider?: string; baseURL?: string }[] = [
    { provider: flags.provider, baseURL: flags.baseUrl },
    // The SDK's own variables: OPENAI_BASE_URL names an endpoint, OPENAI_API_KEY alone means OpenAI.
    ...(options.envLayer ? [{ provider: envProvider, baseURL: env.OPENAI_BASE_URL || undefined }] : []),
    { provider: file.provider, baseURL: file.baseURL },
  ];
  for (const layer of layers) {
    if (layer.baseURL) {
      const preset = layer.provider && isProviderName(layer.provider) ? presetFor(layer.provider) : presetForURL(layer.baseURL);
      return { provider: preset?.name ?? 'custom', baseURL: layer.baseURL.replace(/\/+$/, ''), preset };
    }
    if (layer.provider && isProviderName(layer.provider)) {
      const preset = presetFor(layer.provider);
      // As the SDK does: OPENAI_BASE_URL redirects the OpenAI client unless a base URL was given.
      const baseURL = preset.name === 'openai' && env.OPENAI_BASE_URL ? env.OPENAI_BASE_URL.replace(/\/+$/, '') : preset.baseURL;
      return { provider: preset.name, baseURL, preset };
    }
  }
  if (env.OPENAI_API_KEY) return { provider: 'openai', baseURL: presetFor('openai').baseURL, preset: presetFor('openai') };
  return undefined;
}

/** Where the store is, for commands that only read it (`scores ...`): flag, then env, then config file, then the data folder. */
export function resolveStorePath(flag: string | undefined, options: { env: NodeJS.ProcessEnv; cwd: string }): string {
  if (flag) return path.resolve(options.cwd, flag);
  if (options.env.AI_FRONTIER_STORE) return path.resolve(options.cwd, options.env.AI_FRONTIER_STORE);
  const configFile = findConfigFile(options);
  const store = configFile ? readConfigFile(configFile).store : undefined;
  return path.resolve(options.cwd, store ?? path.join(appPaths(options.env).data, STORE_FILE_NAME));
}
