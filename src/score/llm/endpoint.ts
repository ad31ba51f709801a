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

/** A refusal that asking again cannot fix: what the status most likely means here, and what to change. */
export function refusedMessage(endpoint: Endpoint, refusal: { status?: number; code?: string; reason: string }): string {
  const { baseURL, model } = endpoint;
  const said = `(${refusal.reason})`;
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
      if (refusal.code === 'insufficient_quota') return `${baseURL}: the account is out of credit ${said}. Add credit or use another key.`;
      return `${endpoint.provider} (${model}) at ${baseURL} refused the request ${said}.`;
  }
}
