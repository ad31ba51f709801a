// Provider presets: every one is an OpenAI-compatible endpoint reached through the `openai` SDK.
// A preset only supplies defaults (base URL, which variable holds the key, a model); flags override each.

export interface ProviderPreset {
  name: string;
  baseURL: string;
  /** Environment variable that holds the key; undefined for local servers that need none. */
  apiKeyEnv?: string;
  /** undefined: ask the server which model it serves (vLLM and LM Studio serve whatever was loaded). */
  defaultModel?: string;
  /** Local servers cost nothing per token. */
  local: boolean;
}

export const PROVIDERS = {
  openai: { name: 'openai', baseURL: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', defaultModel: 'gpt-4.1-mini', local: false },
  groq: { name: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKeyEnv: 'GROQ_API_KEY', defaultModel: 'llama-3.3-70b-versatile', local: false },
  openrouter: { name: 'openrouter', baseURL: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY', defaultModel: 'openai/gpt-4.1-mini', local: false },
  ollama: { name: 'ollama', baseURL: 'http://localhost:11434/v1', defaultModel: 'llama3.1:8b', local: true },
  vllm: { name: 'vllm', baseURL: 'http://localhost:8000/v1', apiKeyEnv: 'VLLM_API_KEY', local: true },
  lmstudio: { name: 'lmstudio', baseURL: 'http://localhost:1234/v1', local: true },
} as const satisfies Record<string, ProviderPreset>;

export type ProviderName = keyof typeof PROVIDERS;
export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

export function isProviderName(value: string): value is ProviderName {
  return Object.hasOwn(PROVIDERS, value);
}

export function presetFor(name: ProviderName): ProviderPreset {
  return PROVIDERS[name];
}

/** A base URL on this machine: no key needed, no per-token price. */
export function isLocalURL(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]' || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

/** Which preset a bare base URL belongs to, so `OPENAI_BASE_URL=https://api.groq.com/openai/v1` is priced as Groq. */
export function presetForURL(baseURL: string): ProviderPreset | undefined {
  const normal = baseURL.replace(/\/+$/, '');
  return Object.values(PROVIDERS).find((preset) => preset.baseURL === normal);
}
