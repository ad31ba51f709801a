// What to tell a person whose endpoint cannot do the job at all: nothing listening, no such host, a key it
// rejects, a model or a route it does not have. One message naming the URL and the likely fix, instead of
// every request failing on its own.
import { isLocalURL } from './providers.js';
import type { ProviderSettings } from './run.js';

type Endpoint = Pick<ProviderSettings, 'provider' | 'model'> & { baseURL: string };

/** How to start each local server when nothing listens at its address. */
const START_HINTS: Record<string, string> = {
  ollama: 'Is Ollama running? Start it with `ollama serve` (and `ollama pull MODEL` once).',
  lmstudio: "Is LM Studio's server running? Start it in LM Studio's Developer tab or with `lms server start`.",
  vllm: 'Is vLLM running? Start it with `vllm serve MODEL`.',
};

/** No connection could be made, several times in a row, one of them after a pause. */
export function unreachableMessage(endpoint: Endpoint, reason: string, attempts: number): string {
  const hint =
    START_HINTS[endpoint.provider]?.replaceAll('MODEL', endpoint.model) ??
    (isLocalURL(endpoint.baseURL)
      ? 'Is the server running, and is --base-url its address (usually ending in /v1)?'
      : 'Check the network connection (or proxy) and --base-url.');
  return `cannot reach ${endpoint.baseURL}: ${reason} (${attempts} attempts, none connected). ${hint}`;
}

/** Where to add credit, for the providers that say. */
const CREDIT_HINTS: Record<string, string> = {
  openrouter: 'Add credits at https://openrouter.ai/credits (or raise the key\'s credit limit), or use another key.',
  openai: 'Add credit at https://platform.openai.com/settings/organization/billing, or use another key.',
};

/** A refusal that asking again cannot fix: what the status most likely means here, and what to change. */
export function refusedMessage(endpoint: Endpoint, refusal: { status?: number; code?: string; reason: string; message?: string }): string {
  const { baseURL, model } = endpoint;
  const said = `(${refusal.reason})`;
  const text = refusal.message ?? refusal.reason;
  if (refusal.status === 402 || refusal.code === 'insufficient_quota') {
    const hint = CREDIT_HINTS[endpoint.provider] ?? (/openrouter\.ai/.test(baseURL) ? CREDIT_HINTS.openrouter! : 'Add credit or use another key.');
    return `${baseURL}: the account is out of credit ${said}. ${hint} Nothing more was sent; what was answered before is stored.`;
  }
  if (/requires more system memory/i.test(text)) {
    return `${baseURL} cannot load ${model}: it does not fit in memory ${said}. Use a smaller model (or a smaller quantisation) with --model, or free memory and try again.`;
  }
  if (/maximum context length|context length|context window/i.test(text)) {
    return `${baseURL}: a request is longer than ${model} can take ${said}. Send fewer tasks per request with a lower --batch-size, or serve the model with a longer context.`;
  }
  switch (refusal.status) {
    case 401:
      return `${baseURL} rejected the API key ${said}. Check the key in the variable it is read from (OPENAI_API_KEY, the provider's own, or --api-key-env).`;
    case 403:
      return `${baseURL} refused access ${said}. The key may lack access to ${model}, or the account or region may not be allowed to use it.`;
    case 404:
      if (refusal.code === 'model_not_found' || /model/i.test(refusal.reason)) {
        const pull = endpoint.provider === 'ollama' ? ` (\`ollama pull ${model}\`)` : '';
        return `${baseURL} has no model "${model}" ${said}. Check --model${pull}.`;
      }
      return `${baseURL} has no chat completions endpoint ${said}. Check --base-url: OpenAI-compatible servers usually end in /v1.`;
    default:
      return `${endpoint.provider} (${model}) at ${baseURL} refused the request ${said}.`;
  }
}

/** The server refuses the response format the run must use: which flag makes it work. */
export function formatRefusedMessage(endpoint: Endpoint, mode: 'json_schema' | 'json_object', setting: string, reason: string): string {
  const { baseURL, model } = endpoint;
  const fix =
    mode === 'json_schema'
      ? setting === 'auto'
        ? 'It refused JSON mode too, so no reply format is left to try.'
        : 'Use --structured-output auto (falls back to JSON mode with the schema in the prompt) or --structured-output json_object.'
      : 'The model or server does not support JSON mode; choose a model that does (--model).';
  return `${endpoint.provider} (${model}) at ${baseURL} does not accept the ${mode} response format (${reason}). ${fix}`;
}
