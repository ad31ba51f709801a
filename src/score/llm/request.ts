// One request to the model: build the messages, call the endpoint once, and say what happened in terms
// the run loop can act on. Retrying is the run loop's job, with the SDK's own retries switched off
// (maxRetries: 0): the SDK honours retry-after without an upper bound and its retries are invisible to the
// limiter, which must see every 429 to slow down and every header to pace. So there is one retry layer,
// ours, bounded and adaptive.
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { buildMessages, replyJsonSchema, SCHEMA_NAME, type ChatMessage, type HorizonBounds, type PromptTask } from '../rubric.js';
import { parseRetryAfter } from './limiter.js';
import { connectionReason, isUnreachable } from '../../connection-errors.js';
import { FailureError, UsageError } from '../../errors.js';
import { unreachableMessage } from './endpoint.js';
import { redactingFetch } from './redact.js';
import { errorBodyFetch } from './error-bodies.js';
import type { ProviderSettings } from './run.js';

export type StructuredMode = 'json_schema' | 'json_object';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

export type Attempt =
  | { kind: 'reply'; content: string | null; refusal: string | null; truncated: boolean; usage: Usage; headers: Headers }
  | { kind: 'rate-limited'; reason: string; headers?: Headers }
  /** `unreachable`: no server was reached at all (refused, no such host), as opposed to one that failed. */
  | { kind: 'retryable'; reason: string; retryAfterMs?: number; unreachable?: boolean }
  | { kind: 'schema-unsupported'; reason: string }
  | { kind: 'fatal'; reason: string; status?: number; code?: string; message?: string }
  | { kind: 'aborted' };

/** The one way this tool makes a client, for every request path (scoring, new work, model discovery, the
 * Batch API): its fetch takes the key out of whatever the server sends back (see redact.ts). */
export function openaiClient(
  settings: Pick<ProviderSettings, 'apiKey' | 'baseURL' | 'timeoutMs'>,
  options: { maxRetries: number; fetch?: typeof fetch },
): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: redactingFetch(settings.apiKey, errorBodyFetch(options.fetch)),
  });
}

export function createChatClient(settings: ProviderSettings, fetchImpl?: typeof fetch): OpenAI {
  return openaiClient(settings, { maxRetries: 0, fetch: fetchImpl });
}

/** One chat request of any kind: the messages and the reply schema to ask for in json_schema mode. */
export interface ChatRequest {
  messages: ChatMessage[];
  schemaName: string;
  schema: Record<string, unknown>;
}

export interface SendChatOptions {
  client: OpenAI;
  settings: ProviderSettings;
  mode: StructuredMode;
  request: ChatRequest;
  signal: AbortSignal;
}

/** Sends one chat request (scoring, new work, ...) once and classifies what came back. */
export async function sendChat(options: SendChatOptions): Promise<Attempt> {
  const { client, settings, mode, request } = options;
  const response_format =
    mode === 'json_schema'
      ? ({ type: 'json_schema', json_schema: { name: request.schemaName, strict: true, schema: request.schema } } as const)
      : ({ type: 'json_object' } as const);
  try {
    const { data, response } = await client.chat.completions
      .create({ model: settings.model, temperature: settings.temperature, messages: request.messages, response_format }, { signal: options.signal })
      .withResponse();
    // OpenRouter reports a provider that failed after the request was accepted inside a 200: as the body's
    // `error`, or as a choice that ended with finish_reason "error" (its content cut short). Neither is a reply.
    const inBody = (data as { error?: ServerError }).error;
    if (inBody && typeof inBody === 'object') {
      const status = typeof inBody.code === 'number' ? inBody.code : 502;
      return classifyStatus({ status, message: describe(inBody), code: typeof inBody.code === 'string' ? inBody.code : undefined, headers: response.headers, inBody: true });
    }
    const choice = data.choices?.[0];
    const choiceError = (choice as { error?: ServerError } | undefined)?.error;
    if (choiceError || (choice?.finish_reason as string | undefined) === 'error') {
      return { kind: 'retryable', reason: `the reply ended in an error (finish_reason "error"): ${choiceError ? describe(choiceError) : 'no detail given'}` };
    }
    const usage = data.usage;
    return {
      kind: 'reply',
      content: choice?.message?.content ?? null,
      refusal: choice?.message?.refusal ?? null,
      truncated: choice?.finish_reason === 'length',
      usage: {
        inputTokens: usage?.prompt_tokens ?? 0,
        outputTokens: usage?.completion_tokens ?? 0,
        cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      },
      headers: response.headers,
    };
  } catch (error) {
    return classifyError(error, settings);
  }
}

export interface SendOptions {
  client: OpenAI;
  settings: ProviderSettings;
  mode: StructuredMode;
  tasks: PromptTask[];
  bounds: HorizonBounds;
  signal: AbortSignal;
}

/** The scoring request for these tasks: the rubric's messages and reply schema. */
export function scoreChatRequest(tasks: PromptTask[], options: { mode: StructuredMode; bounds: HorizonBounds }): ChatRequest {
  return {
    messages: buildMessages(tasks, { schemaInPrompt: options.mode === 'json_object', bounds: options.bounds }),
    schemaName: SCHEMA_NAME,
    schema: replyJsonSchema(options.bounds, tasks.map((task) => task.id)),
  };
}

export async function sendScoreRequest(options: SendOptions): Promise<Attempt> {
  const { client, settings, mode, tasks, bounds, signal } = options;
  return sendChat({ client, settings, mode, request: scoreChatRequest(tasks, { mode, bounds }), signal });
}

const SCHEMA_UNSUPPORTED = /response_format|json_schema|structured output|schema/i;
/** Ollama's 500 when the model does not fit: the next try will not fit either. */
const OUT_OF_MEMORY = /requires more system memory/i;

/** An error object as servers write it: OpenAI's (code a string), OpenRouter's (code the HTTP status, details
 * under metadata: which provider failed, and what it said). */
interface ServerError {
  message?: unknown;
  code?: unknown;
  metadata?: { provider_name?: unknown; raw?: unknown };
}

/** The error's message, with the provider behind a router and its own words when the router names them. */
function describe(error: ServerError): string {
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error.message ?? error);
  const provider = typeof error.metadata?.provider_name === 'string' ? error.metadata.provider_name : undefined;
  const raw = typeof error.metadata?.raw === 'string' ? error.metadata.raw : undefined;
  if (!provider && !raw) return message;
  return `${message} (${[provider && `provider ${provider}`, raw && `it said: ${raw.slice(0, 300)}`].filter(Boolean).join('; ')})`;
}

/** What an error status means for the run: the one table of what is retried, waited out, fallen back
 * from or stopped on, for errors sent as HTTP statuses and errors sent inside a 200 alike. */
export function classifyStatus(error: { status: number; message: string; code?: string; headers?: Headers; inBody?: boolean }): Attempt {
  const { status, code, headers } = error;
  const reason = `${error.inBody ? 'error in a 200 reply, ' : ''}HTTP ${status}: ${error.message}`;
  // Out of credit (OpenAI's 429 insufficient_quota, OpenRouter's 402): waiting does not fix it.
  if (status === 402 || code === 'insufficient_quota') return { kind: 'fatal', reason, status, code, message: error.message };
  if (status === 429) return { kind: 'rate-limited', reason, headers };
  // Groq checks the model's JSON itself and refuses a reply that fails: the model's fault, worth asking again.
  if (code === 'json_validate_failed') return { kind: 'retryable', reason: `the model's JSON failed the server's check (${reason})` };
  if (status >= 500 && OUT_OF_MEMORY.test(error.message)) return { kind: 'fatal', reason, status, code, message: error.message };
  if (status === 408 || status === 409 || status >= 500) return { kind: 'retryable', reason, retryAfterMs: parseRetryAfter(headers) };
  if ((status === 400 || status === 422) && SCHEMA_UNSUPPORTED.test(error.message)) return { kind: 'schema-unsupported', reason };
  return { kind: 'fatal', reason, status, code, message: error.message };
}

/** Turn whatever the SDK or fetch threw into a decision. Errors are typed, so no guessing from text except
 * where a server says in words that it lacks schema support or memory. (The key is already out of every
 * message: the client's fetch redacts it.) */
export function classifyError(error: unknown, settings: Pick<ProviderSettings, 'timeoutMs'>): Attempt {
  if (error instanceof APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'retryable', reason: `no reply within ${settings.timeoutMs} ms` };
  if (error instanceof APIConnectionError) {
    return { kind: 'retryable', reason: `connection failed: ${connectionReason(error)}`, unreachable: isUnreachable(error) };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = (error.error ?? {}) as ServerError;
    const message = body.message !== undefined ? describe(body) : error.message.replace(/^\d{3} /, '');
    return classifyStatus({ status: error.status, message, code: typeof error.code === 'string' ? error.code : undefined, headers: error.headers });
  }
  // A connection reset while the body streams in surfaces from undici as a bare `TypeError: terminated`,
  // and a cut body as a SyntaxError from JSON parsing: both are transport faults, worth another try.
  if (error instanceof TypeError || error instanceof SyntaxError) {
    return { kind: 'retryable', reason: `connection broken: ${error.message}` };
  }
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'aborted' };
  throw error;
}

/** vLLM and LM Studio serve whatever model was loaded; ask the server instead of making the person type it. */
export async function discoverModel(settings: ProviderSettings, fetchImpl?: typeof fetch): Promise<string> {
  const client = openaiClient({ ...settings, timeoutMs: Math.min(settings.timeoutMs, 10_000) }, { maxRetries: 1, fetch: fetchImpl });
  let first: string | undefined;
  try {
    first = (await client.models.list()).data[0]?.id;
  } catch (error) {
    if (error instanceof APIConnectionError && isUnreachable(error)) {
      throw new FailureError(unreachableMessage({ ...settings, baseURL: client.baseURL, model: 'MODEL' }, connectionReason(error), 2));
    }
    throw new FailureError(`could not ask ${settings.baseURL} which model it serves (${(error as Error).message}); pass --model`);
  }
  if (!first) throw new UsageError(`${settings.baseURL} lists no models; pass --model`);
  return first;
}
