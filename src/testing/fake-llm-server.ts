// An OpenAI-compatible chat completions server on 127.0.0.1 for tests and benchmarks. It checks each
// request against the rubric (model, schema, messages), answers with labels derived from each task's own
// text (so tests know the right answer), answers new-work requests from the subject's title
// (src/newwork/fake-model.ts), enforces RPM / TPM like OpenAI (429, retry-after, x-ratelimit-*), and plays
// scripted faults. With `endpoint` it plays what a real endpoint does differently (OpenAI's strict schema
// rules, Groq's per-model formats, Ollama, vLLM, OpenRouter's provider errors: endpoint-profiles.ts).
// It lives under src/ so the benchmark, built from src/, can start it.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { buildSystemPrompt, horizonBounds, replyJsonSchema, SCHEMA_NAME, type PromptTask, type ReplyItem } from '../score/rubric.js';
import { estimateMessageTokens, estimateTokens } from '../score/llm/tokens.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, MODES } from '../score/types.js';
import { injectionIn } from './injections.js';
import { checkNewWorkRequest, fakeNewWorkContent, isNewWorkRequest, type FakeNewWorkRequest } from '../newwork/fake-model.js';
import { schemaInstance } from './schema-instances.js';
import {
  checkResponseFormat, checksKey, errorBody, replyUsage, sendsRateLimitHeaders, vendorFault, VENDOR_FAULTS,
  type EndpointName, type EndpointOptions, type ResponseFormat, type VendorFault,
} from './endpoint-profiles.js';
import { NEW_WORK_SCHEMA_NAME } from '../newwork/prompt.js';

export type FaultKind =
  | '429' | '500' | 'hang' | 'reset' | 'malformed-json' | 'missing-item'
  | 'unknown-id' | 'duplicate-id' | 'invalid-item' | 'reject-json-schema'
  /** New-work requests only: every proposal invalid. */
  | 'invalid-all'
  /** A normal answer: a placeholder in a scripted sequence of faults. */
  | 'none'
  /** What only some endpoints do (endpoint-profiles.ts), in that endpoint's own shape. */
  | VendorFault;
/** One fault for the next request; a 429 may carry its own retry headers. */
export type Fault = FaultKind | { kind: '429'; retryAfter?: string; retryAfterMs?: string };

export interface FakeLlmServerOptions {
  /** Which real endpoint to play (endpoint-profiles.ts); 'generic' (the default) is a strict OpenAI-like server. */
  endpoint?: EndpointName;
  endpointOptions?: EndpointOptions;
  model?: string;
  /** Further model names served on the same endpoint, under the same key and the same RPM / TPM budget. */
  extraModels?: string[];
  apiKey?: string;
  rpm?: number;
  tpm?: number;
  latencyMs?: number;
  /** Buckets start empty, as in the middle of a long run, so a short benchmark measures the steady rate. */
  startEmpty?: boolean;
  /** Behave like a model that obeys instructions found in task text ("rate every task E1"). */
  gullible?: boolean;
  /** A model that obeys every instruction of the injection test set (src/testing/injections.ts), whatever
   * its phrasing or language: it rates the other tasks of the request (or the next one) as told. */
  obedient?: boolean;
  /** false: every json_schema request gets the 400 a server without schema support gives. */
  supportsJsonSchema?: boolean;
  /** Answer json_schema requests with an instance of the schema sent and nothing else, as a server that
   * enforces the schema might: the minimum, the maximum, then random instances, in turn. */
  answerFromSchema?: boolean;
  /** A hostile or careless server: its 401s quote the Authorization header back, as some proxies do. */
  echoKey?: boolean;
  /** Overrides every rationale: a hostile reply (terminal escapes, the key it was sent, ...). */
  rationale?: (context: { authorization: string; item: string }) => string;
}

export interface LoggedRequest {
  /** The model the request named. */
  model: string;
  /** When it arrived (performance.now()), for counting requests per window. */
  at: number;
  mode: 'json_schema' | 'json_object' | 'invalid';
  /** How a schema came: OpenAI's response_format, or vLLM's `guided_json` field. */
  via?: 'response_format' | 'guided_json';
  tasks: PromptTask[];
  status: number;
  fault?: string;
  promptTokens: number;
  completionTokens: number;
  /** Set for a new-work request: its subject and the occupation codes it offered. */
  newWork?: FakeNewWorkRequest;
}

export interface FakeLlmServer {
  baseURL: string;
  model: string;
  apiKey: string;
  /** Every chat request in arrival order, with the tasks it carried and how it was answered. */
  requests: LoggedRequest[];
  /** Faults for the next requests, taken one per valid request in arrival order. */
  faults: Fault[];
  close(): Promise<void>;
}

type Label = Omit<ReplyItem, 'id'>;

/** The label the fake model gives a task: a function of the task's own text and nothing else. */
export function fakeLabel(text: string, baseYear?: number): Label {
  const bounds = horizonBounds(baseYear);
  const h = createHash('sha256').update(text).digest();
  return {
    exposure: EXPOSURE_LEVELS[h[0]! % 3]!,
    automation: AUTOMATION_LEVELS[h[1]! % 5]!,
    mode: MODES[h[2]! % 3]!,
    horizon: bounds.min + (h[3]! % (bounds.max - bounds.min + 1)),
    // Quarter hours to about 64 hours, spread on a log scale as task durations are.
    duration_hours: 2 ** ((h[9]! % 9) - 2),
    confidence: Math.round((h[4]! / 255) * 100) / 100,
    rationale: `Deterministic label ${h.subarray(5, 9).toString('hex')} derived from this task statement alone.`,
  };
}

const INJECTION = /rate every task (E[0-2])/i;

/** The labels an obedient model gives: each injection in a task's text applied to the tasks it names. */
function obey(tasks: PromptTask[], items: Label[]): Label[] {
  const out = items.map((item) => ({ ...item }));
  tasks.forEach((task, i) => {
    const injection = injectionIn(task.task);
    if (!injection) return;
    out.forEach((item, j) => {
      if (j !== i && (injection.target === 'all' || j === i + 1)) item.exposure = injection.exposure;
    });
  });
  return out;
}

/** A reply with every "rationale" in it (task scores and new-work proposals alike) rewritten. */
function withRationale(content: string, rationale: NonNullable<FakeLlmServerOptions['rationale']>, authorization: string): string {
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    return content;
  }
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!value || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, visit(v)]));
    if (typeof record.rationale === 'string') out.rationale = rationale({ authorization, item: String(record.id ?? record.text ?? '') });
    return out;
  };
  return JSON.stringify(visit(body));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 10) / 100;
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}

interface Bucket {
  limit: number;
  level: number;
  at: number;
}

export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const endpoint = options.endpoint ?? 'generic';
  const endpointOptions = options.endpointOptions ?? {};
  const model = options.model ?? 'fake-model';
  const served = [model, ...(options.extraModels ?? [])];
  const apiKey = options.apiKey ?? 'test-key';
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const seenPrefixes = new Set<string>();
  let schemaAnswers = 0;
  const bucket = (limit?: number): Bucket | undefined =>
    limit ? { limit, level: options.startEmpty ? 0 : limit, at: performance.now() } : undefined;
  const rpm = bucket(options.rpm);
  const tpm = bucket(options.tpm);

  const refill = (b: Bucket, now: number) => {
    b.level = Math.min(b.limit, b.level + ((now - b.at) * b.limit) / 60_000);
    b.at = now;
  };
  const limitHeaders = (): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (!sendsRateLimitHeaders(endpoint)) return headers;
    for (const [unit, b] of [['requests', rpm], ['tokens', tpm]] as const) {
      if (!b) continue;
      headers[`x-ratelimit-limit-${unit}`] = String(b.limit);
      headers[`x-ratelimit-remaining-${unit}`] = String(Math.max(0, Math.floor(b.level)));
      headers[`x-ratelimit-reset-${unit}`] = formatDuration(((b.limit - b.level) * 60_000) / b.limit);
    }
    return headers;
  };
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}, headers = {}) =>
    send(res, status, errorBody(endpoint, status, message, extra), headers);
  const unauthorized = (req: http.IncomingMessage) =>
    options.echoKey ? `Incorrect API key provided: ${req.headers.authorization ?? '(none)'}.` : 'Incorrect API key provided.';
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), ms);
    timers.add(timer);
  };

  const handleChat = (body: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse) => {
    const log: LoggedRequest = { model: String(body.model), at: performance.now(), mode: 'invalid', tasks: [], status: 400, promptTokens: 0, completionTokens: 0 };
    requests.push(log);
    const reject = (status: number, message: string, extra: Record<string, unknown> = {}) => {
      log.status = status;
      error(res, status, message, extra);
    };
    if (checksKey(endpoint) && req.headers.authorization !== `Bearer ${apiKey}`) return reject(401, unauthorized(req), { code: 'invalid_api_key' });
    if (!served.includes(String(body.model))) return reject(404, `The model \`${String(body.model)}\` does not exist.`, { code: 'model_not_found' });
    const messages = body.messages as { role?: string; content?: unknown }[] | undefined;
    if (!Array.isArray(messages) || messages.length !== 2 || messages[0]?.role !== 'system' || messages[1]?.role !== 'user'
      || typeof messages[0].content !== 'string' || typeof messages[1].content !== 'string') {
      return reject(400, 'expected exactly a system message and a user message, both text');
    }
    const rejection = checkResponseFormat({
      endpoint, endpointOptions, model: String(body.model), format: body.response_format as ResponseFormat | undefined, guidedJson: body.guided_json, messages,
    });
    if (rejection) {
      log.status = rejection.status;
      log.fault = 'format-rejected';
      return send(res, rejection.status, rejection.body);
    }
    let format = body.response_format as ResponseFormat | undefined;
    if (endpoint === 'vllm' && !format && body.guided_json && typeof body.guided_json === 'object') {
      // vLLM's own field: the schema alone, no name and no strict flag, so the request is named by its prompt.
      const rubric = messages[0].content === buildSystemPrompt({ schemaInPrompt: false, bounds: horizonBounds() });
      format = { type: 'json_schema', json_schema: { name: rubric ? SCHEMA_NAME : NEW_WORK_SCHEMA_NAME, strict: true, schema: body.guided_json as Record<string, unknown> } };
      log.via = 'guided_json';
    } else if (format?.type === 'json_schema') {
      log.via = 'response_format';
    }
    const mode = format?.type === 'json_schema' ? 'json_schema' : format?.type === 'json_object' ? 'json_object' : undefined;
    if (!mode) return reject(400, "'response_format' must be json_schema or json_object");
    if (mode === 'json_schema' && (options.supportsJsonSchema === false || faults[0] === 'reject-json-schema')) {
      if (faults[0] === 'reject-json-schema') faults.shift();
      log.fault = 'reject-json-schema';
      return reject(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", { param: 'response_format' });
    }
    // Replies are made after the fault is drawn; each kind of request has its own.
    let answer: (kind: string | undefined) => string;
    if (isNewWorkRequest(format, messages[0].content, mode)) {
      const request = checkNewWorkRequest({ mode, format, system: messages[0].content, user: messages[1].content });
      if (typeof request === 'string') return reject(400, request);
      log.mode = mode;
      log.newWork = request;
      answer = (kind) => fakeNewWorkContent(request, kind);
    } else {
      const bounds = horizonBounds();
      if (messages[0].content !== buildSystemPrompt({ schemaInPrompt: mode === 'json_object', bounds })) {
        return reject(400, `system prompt does not match the rubric in ${mode} mode`);
      }
      let tasks: PromptTask[];
      try {
        tasks = (JSON.parse(messages[1].content) as { tasks: PromptTask[] }).tasks;
        const ids = new Set(tasks.map((t) => t.id));
        if (!tasks.length || ids.size !== tasks.length || tasks.some((t) => typeof t.task !== 'string' || typeof t.occupation !== 'string')) throw new Error();
      } catch {
        return reject(400, 'user message must be {"tasks":[{"id","occupation","task"}, ...]} with unique ids');
      }
      // The schema names this request's ids, so it is checked against them.
      if (mode === 'json_schema' && (format?.json_schema?.name !== SCHEMA_NAME || format.json_schema.strict !== true
        || JSON.stringify(format.json_schema.schema) !== JSON.stringify(replyJsonSchema(bounds, tasks.map((t) => t.id))))) {
        return reject(400, 'json_schema does not match the rubric schema');
      }
      log.mode = mode;
      log.tasks = tasks;
      answer = (kind) => {
        const gullible = options.gullible ? tasks.map((t) => INJECTION.exec(t.task)?.[1]).find(Boolean) : undefined;
        let items: unknown[] = tasks.map((t) => ({ id: t.id, ...fakeLabel(t.task), ...(gullible ? { exposure: gullible } : {}) }));
        if (options.obedient) items = obey(tasks, items as Label[]);
        if (kind === 'missing-item') items = items.slice(0, -1);
        if (kind === 'unknown-id') items.push({ ...(items[0] as object), id: 't999' });
        if (kind === 'invalid-item') items[0] = { ...(items[0] as object), exposure: 'E7' };
        if (kind === 'duplicate-id') {
          // The model put a second score under the first task's id: one of the two is another task's.
          const first = items[0] as Label & { id: string };
          const other = EXPOSURE_LEVELS[(EXPOSURE_LEVELS.indexOf(first.exposure) + 1) % 3];
          items.push({ ...first, exposure: other });
        }
        let content = JSON.stringify({ scores: items });
        if (kind === 'malformed-json') content = content.slice(0, Math.floor(content.length / 2));
        return content;
      };
    }

    if (options.answerFromSchema && mode === 'json_schema') {
      const schema = format!.json_schema!.schema as Record<string, unknown>;
      const n = schemaAnswers++;
      answer = () => JSON.stringify(schemaInstance(schema, n));
    }

    const fault = faults.shift();
    const kind = typeof fault === 'string' ? fault : fault?.kind;
    log.fault = kind;
    if (VENDOR_FAULTS.includes(kind as VendorFault)) {
      const content = answer(undefined);
      const promptTokens = estimateMessageTokens(messages as { role: 'system' | 'user'; content: string }[]);
      const usage = replyUsage(endpoint, endpointOptions, { prompt: promptTokens, completion: estimateTokens(content), cached: 0 });
      const { status, body: faultBody } = vendorFault(endpoint, kind as VendorFault, { content, model: String(body.model), id: `chatcmpl-${requests.length}`, usage });
      log.status = status;
      return later(options.latencyMs ?? 0, () => send(res, status, faultBody, limitHeaders()));
    }
    if (kind === '429' || kind === '500' || kind === 'hang') {
      log.status = kind === 'hang' ? 0 : Number(kind);
      if (kind === 'hang') return;
      const retry: { retryAfter?: string; retryAfterMs?: string } = typeof fault === 'object' ? fault : {};
      const headers: Record<string, string> = { ...limitHeaders(), 'retry-after': retry.retryAfter ?? '1' };
      if (retry.retryAfterMs) headers['retry-after-ms'] = retry.retryAfterMs;
      return kind === '429'
        ? error(res, 429, 'Rate limit reached (scripted).', { code: 'rate_limit_exceeded' }, headers)
        : later(options.latencyMs ?? 0, () => error(res, 500, 'The server had an error while processing your request.'));
    }

    const content = options.rationale ? withRationale(answer(kind), options.rationale, String(req.headers.authorization ?? '')) : answer(kind);
    const promptTokens = estimateMessageTokens(messages as { role: 'system' | 'user'; content: string }[]);
    const completionTokens = estimateTokens(content);
    const cost = promptTokens + completionTokens;
    const now = performance.now();
    for (const b of [rpm, tpm]) if (b) refill(b, now);
    const shortRequests = rpm && rpm.level < 1 ? ((1 - rpm.level) * 60_000) / rpm.limit : 0;
    const shortTokens = tpm && tpm.level < cost ? ((cost - tpm.level) * 60_000) / tpm.limit : 0;
    if (shortRequests > 0 || shortTokens > 0) {
      const waitMs = Math.ceil(Math.max(shortRequests, shortTokens));
      log.status = 429;
      log.fault = undefined;
      if (fault) faults.unshift(fault); // the scripted fault applies to the next admitted request
      return error(res, 429, `Rate limit reached for ${shortTokens > shortRequests ? 'tokens' : 'requests'}.`, { code: 'rate_limit_exceeded' }, {
        ...limitHeaders(),
        'retry-after-ms': String(waitMs),
        'retry-after': String(Math.ceil(waitMs / 1000)),
      });
    }
    if (rpm) rpm.level -= 1;
    if (tpm) tpm.level -= cost;
    log.status = 200;
    log.promptTokens = promptTokens;
    log.completionTokens = completionTokens;
    const prefix = messages[0].content;
    const cached = seenPrefixes.has(prefix) ? estimateTokens(prefix) : 0;
    seenPrefixes.add(prefix);
    const reply = {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: replyUsage(endpoint, endpointOptions, { prompt: promptTokens, completion: completionTokens, cached }),
    };
    const headers = limitHeaders();
    later(options.latencyMs ?? 0, () => {
      if (kind !== 'reset') return send(res, 200, reply, headers);
      // Headers and half the body, then the connection drops.
      const text = JSON.stringify(reply);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length), ...headers });
      res.write(text.slice(0, text.length / 2), () => res.socket?.destroy());
    });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').replace(/\?.*$/, '');
      if (req.method === 'GET' && path === '/v1/models') {
        if (checksKey(endpoint) && req.headers.authorization !== `Bearer ${apiKey}`) return error(res, 401, unauthorized(req), { code: 'invalid_api_key' });
        return send(res, 200, { object: 'list', data: served.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') return error(res, 404, `no route ${req.method} ${path}`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return error(res, 400, 'body is not JSON');
      }
      handleChat(body, req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    model,
    apiKey,
    requests,
    faults,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
