// How each real OpenAI-compatible endpoint differs from OpenAI's own, as its documentation (and its known
// issues) describe it, played by the fake server when started with `endpoint: NAME`. A profile decides three
// things: which response formats a request may use (and the 400 for one it may not), the shape of an error
// body, and what a successful reply carries besides the content (usage, rate-limit headers). Vendor faults
// (no credit, a provider down, an error inside a 200) are scripted like any other fault.
//
// These are loopback imitations of documented behaviour, not the live services: see the README's support
// table for what was read where.
import { invalidFormatName, strictSchemaViolation } from './openai-strict-schema.js';
import type { JsonSchema } from './schema-instances.js';

export type EndpointName = 'generic' | 'openai' | 'groq' | 'ollama' | 'vllm' | 'openrouter';
export const ENDPOINT_NAMES: readonly EndpointName[] = ['generic', 'openai', 'groq', 'ollama', 'vllm', 'openrouter'];

/** Groq's Structured Outputs page: constrained decoding (`strict: true`) on these models only... */
export const GROQ_STRICT_MODELS = ['openai/gpt-oss-20b', 'openai/gpt-oss-120b'];
/** ...and best-effort json_schema (`strict: false`) on these too. Every other model has JSON mode only. */
export const GROQ_BEST_EFFORT_MODELS = [
  ...GROQ_STRICT_MODELS,
  'moonshotai/kimi-k2-instruct',
  'meta-llama/llama-4-maverick-17b-128e-instruct',
  'meta-llama/llama-4-scout-17b-16e-instruct',
];

/** Schema keywords vLLM's xgrammar backend refused for a while (vllm-project/vllm#12201, #16880). */
export const VLLM_OLD_XGRAMMAR_UNSUPPORTED = ['minItems', 'maxItems'];

export interface EndpointOptions {
  /** vLLM: schema keywords its guided-decoding backend refuses with a 400 (none by default). */
  vllmUnsupported?: readonly string[];
  /** Ollama: a reply's usage in full (no details), with prompt tokens only, or absent. */
  usage?: 'full' | 'partial' | 'none';
}

export interface ResponseFormat {
  type?: string;
  json_schema?: { name?: string; strict?: boolean; schema?: JsonSchema };
}

export interface Rejection {
  status: number;
  body: unknown;
}

const JSON_WORD = /json/i;

/** The error body each endpoint sends, with `extra` fields merged into its error object. */
export function errorBody(endpoint: EndpointName, status: number, message: string, extra: Record<string, unknown> = {}): unknown {
  switch (endpoint) {
    case 'openrouter':
      // OpenRouter: the HTTP status repeated as a number in `code`, details under `metadata`.
      return { error: { code: status, message, ...extra } };
    case 'vllm':
      // vLLM's OpenAI server (before 0.10) puts the error at the top level, with no `error` wrapper.
      return { object: 'error', message, type: status === 404 ? 'NotFoundError' : 'BadRequestError', param: null, code: status, ...extra };
    case 'ollama':
      return { error: { message, type: status >= 500 ? 'api_error' : 'invalid_request_error', param: null, code: null, ...extra } };
    default:
      return { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null, ...extra } };
  }
}

/** Whether the request's response format is one this endpoint accepts for this model: a Rejection if not.
 * `schema` is the schema the request asks the server to follow, however it was sent. */
export function checkResponseFormat(options: {
  endpoint: EndpointName;
  endpointOptions: EndpointOptions;
  model: string;
  format: ResponseFormat | undefined;
  guidedJson: unknown;
  messages: { content?: unknown }[];
}): Rejection | undefined {
  const { endpoint, model, format } = options;
  const reject = (status: number, message: string, extra: Record<string, unknown> = {}): Rejection => ({ status, body: errorBody(endpoint, status, message, extra) });
  const mentionsJson = options.messages.some((m) => typeof m.content === 'string' && JSON_WORD.test(m.content));
  const strictCheck = (): Rejection | undefined => {
    const name = format?.json_schema?.name;
    const badName = invalidFormatName(name);
    if (badName) return reject(400, badName, { param: 'response_format' });
    if (format?.json_schema?.strict !== true) return undefined;
    const problem = strictSchemaViolation((format.json_schema.schema ?? {}) as JsonSchema);
    return problem ? reject(400, `Invalid schema for response_format '${name}': ${problem}`, { param: 'response_format' }) : undefined;
  };

  switch (endpoint) {
    case 'openai':
      if (format?.type === 'json_schema') return strictCheck();
      if (format?.type === 'json_object' && !mentionsJson) {
        return reject(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", { param: 'messages' });
      }
      return undefined;
    case 'groq': {
      if (format?.type === 'json_schema') {
        const strict = format.json_schema?.strict === true;
        if (!(strict ? GROQ_STRICT_MODELS : GROQ_BEST_EFFORT_MODELS).includes(model)) {
          return reject(400, 'This model does not support response format `json_schema`. See supported models at https://console.groq.com/docs/structured-outputs#supported-models', { param: 'response_format' });
        }
        return strictCheck();
      }
      if (format?.type === 'json_object' && !mentionsJson) {
        return reject(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", { param: 'messages' });
      }
      return undefined;
    }
    case 'ollama':
      // Ollama maps json_object to `format: "json"` and json_schema to `format: SCHEMA` (it ignores `strict`).
      if (format?.type !== undefined && !['json_object', 'json_schema', 'text'].includes(format.type)) {
        return reject(400, `invalid response_format type: ${format.type}`);
      }
      return undefined;
    case 'vllm': {
      const schema = format?.type === 'json_schema' ? format.json_schema?.schema : options.guidedJson;
      const unsupported = options.endpointOptions.vllmUnsupported ?? [];
      if (schema && unsupported.some((keyword) => usesKeyword(schema, keyword))) {
        return reject(400, 'The provided JSON schema contains features not supported by xgrammar.');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function usesKeyword(value: unknown, keyword: string): boolean {
  if (Array.isArray(value)) return value.some((item) => usesKeyword(item, keyword));
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key === keyword || (key !== 'enum' && usesKeyword(inner, keyword)));
}

/** The usage block of a successful reply. */
export function replyUsage(endpoint: EndpointName, endpointOptions: EndpointOptions, tokens: { prompt: number; completion: number; cached: number }): Record<string, unknown> | undefined {
  const { prompt, completion, cached } = tokens;
  if (endpoint === 'ollama') {
    if (endpointOptions.usage === 'none') return undefined;
    if (endpointOptions.usage === 'partial') return { prompt_tokens: prompt };
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }
  if (endpoint === 'vllm') return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: null };
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: cached } };
}

/** Local servers send no rate-limit headers and ignore the key (Ollama) or check it only when started
 * with one (vLLM's --api-key: the fake checks it then too). */
export function sendsRateLimitHeaders(endpoint: EndpointName): boolean {
  return endpoint !== 'ollama' && endpoint !== 'vllm';
}
export function checksKey(endpoint: EndpointName): boolean {
  return endpoint !== 'ollama';
}

/** Faults only some endpoints have; each answers the request on its own terms. */
export type VendorFault =
  /** OpenRouter 402; OpenAI's 429 insufficient_quota elsewhere. */
  | 'insufficient-credits'
  /** OpenRouter 502: the provider behind the model failed (metadata.provider_name, metadata.raw). */
  | 'provider-error'
  /** OpenRouter 503: no provider meets the routing requirements. */
  | 'no-provider'
  /** OpenRouter: the provider failed after the request was accepted; HTTP 200 with an error body. */
  | 'error-in-body'
  /** OpenRouter: a 200 whose choice ended with finish_reason "error", an error object and partial content. */
  | 'choice-error'
  /** Groq: the model's JSON failed Groq's own validation (400 json_validate_failed). */
  | 'json-validate-failed'
  /** Ollama: the model does not fit in memory (500, and it will not fit on the next try either). */
  | 'out-of-memory'
  /** vLLM: the request is longer than the model's context (400). */
  | 'context-length';

export const VENDOR_FAULTS: readonly VendorFault[] = [
  'insufficient-credits', 'provider-error', 'no-provider', 'error-in-body', 'choice-error', 'json-validate-failed', 'out-of-memory', 'context-length',
];

export const PROVIDER_NAME = 'Fireworks';

/** A vendor fault's answer: an HTTP error, or (for the 200 kinds) a reply body built from `reply`. */
export function vendorFault(endpoint: EndpointName, kind: VendorFault, reply: { content: string; model: string; id: string; usage: unknown }): Rejection {
  const provider = { provider_name: PROVIDER_NAME, raw: 'upstream connect error or disconnect/reset before headers' };
  switch (kind) {
    case 'insufficient-credits':
      return endpoint === 'openrouter'
        ? { status: 402, body: errorBody(endpoint, 402, 'Insufficient credits. Add more using https://openrouter.ai/credits') }
        : { status: 429, body: errorBody(endpoint, 429, 'You exceeded your current quota, please check your plan and billing details.', { type: 'insufficient_quota', code: 'insufficient_quota' }) };
    case 'provider-error':
      return { status: 502, body: errorBody(endpoint, 502, 'Provider returned error', { metadata: provider }) };
    case 'no-provider':
      return { status: 503, body: errorBody(endpoint, 503, 'No allowed providers are available for the selected model.') };
    case 'error-in-body':
      return { status: 200, body: { error: { code: 502, message: 'Provider returned error', metadata: provider }, user_id: 'user_fake' } };
    case 'choice-error':
      return {
        status: 200,
        body: {
          id: reply.id,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: reply.model,
          provider: PROVIDER_NAME,
          choices: [{
            index: 0,
            finish_reason: 'error',
            native_finish_reason: 'error',
            error: { code: 502, message: 'Provider disconnected mid-generation', metadata: provider },
            message: { role: 'assistant', content: reply.content.slice(0, Math.floor(reply.content.length / 2)) },
          }],
          usage: reply.usage,
        },
      };
    case 'json-validate-failed':
      return {
        status: 400,
        body: errorBody(endpoint, 400, "Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.", {
          code: 'json_validate_failed',
          failed_generation: reply.content.slice(0, Math.floor(reply.content.length / 2)),
        }),
      };
    case 'out-of-memory':
      return { status: 500, body: errorBody(endpoint, 500, 'model requires more system memory (9.2 GiB) than is available (4.1 GiB)') };
    case 'context-length':
      return {
        status: 400,
        body: errorBody(endpoint, 400, "This model's maximum context length is 4096 tokens. However, you requested 5210 tokens (4186 in the messages, 1024 in the completion). Please reduce the length of the messages or completion."),
      };
  }
}
