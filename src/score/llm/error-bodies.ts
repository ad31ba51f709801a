// What a server says when it refuses a request, in the shape the `openai` SDK reads. The SDK takes the error
// from `body.error`; servers that write it elsewhere lose their words on the way to the person: vLLM's
// OpenAI server (before 0.10) puts `{object: "error", message, type, code}` at the top level, and Ollama's
// native routes answer `{error: "text"}`. Both came out as "400 status code (no body)", so a vLLM that cannot
// follow the schema read as an unknown refusal instead of a cue to fall back to JSON mode. This fetch moves
// such an error under `error` before the SDK reads it; every other response passes unchanged.

interface ServerError {
  message: string;
  type?: string;
  code?: unknown;
}

/** The error a non-OK body holds, if it is one of the shapes the SDK cannot read. */
function misplacedError(body: unknown): ServerError | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string') return { message: record.error };
  if (record.error !== undefined) return undefined;
  if (typeof record.message === 'string') return { message: record.message, type: typeof record.type === 'string' ? record.type : undefined, code: record.code };
  if (typeof record.detail === 'string') return { message: record.detail };
  return undefined;
}

export function errorBodyFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.ok || !response.headers.get('content-type')?.includes('json')) return response;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const error = misplacedError(parsed);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(error ? JSON.stringify({ error }) : text, { status: response.status, statusText: response.statusText, headers });
  };
}
