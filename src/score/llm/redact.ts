// The API key must never reach a message, a stack trace, the store or a report, whoever sends it back: a
// proxy that quotes the Authorization header in a 401, or a model that writes it into a rationale. Every
// request this tool makes goes through one fetch (see `openaiClient` in request.ts), and that fetch takes
// the key out of everything the server says (body, headers, transport errors) before the SDK, the engine or
// any message sees it. So nothing downstream has a key to leak, and no caller has to remember to redact.
//
// A reply that echoes the key is redacted, not refused: the key cannot be in the prompt, so a reply holding
// it comes from a server that inserts it, and asking again would pay again for the same echo. The scores in
// such a reply are still checked item by item as any other; only the echoed text changes.

export const REDACTED_KEY = '[redacted key]';

/** Keys shorter than this are not redacted: replacing a short word such as "test" everywhere would garble
 * rationales, and a key that short protects nothing. The placeholder for key-less servers is not a secret. */
const MIN_SECRET_LENGTH = 8;

export function isRedactable(secret: string | undefined): secret is string {
  return secret !== undefined && secret.length >= MIN_SECRET_LENGTH && secret !== 'no-key';
}

/** `text` with every occurrence of the key replaced, including its JSON- and URL-encoded forms. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!isRedactable(secret) || !text) return text;
  let out = text;
  for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
    out = out.split(form).join(REDACTED_KEY);
  }
  return out;
}

/** The same error (its type decides whether a request is retried), with the key out of its text. Only
 * touched when it holds the key: some errors (DOMException) have a read-only message. */
function redactError(error: unknown, secret: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.message.includes(secret) || error.stack?.includes(secret)) {
    Object.defineProperty(error, 'message', { value: redactSecret(error.message, secret), configurable: true, writable: true });
    Object.defineProperty(error, 'stack', { value: redactSecret(error.stack ?? '', secret), configurable: true, writable: true });
  }
  if (error.cause instanceof Error) redactError(error.cause, secret);
  return error;
}

/** Statuses whose responses may not carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/** A fetch that hands back every response with the key taken out of its body and headers, and every
 * transport error with the key taken out of its message. Bodies are read whole: replies, model lists and
 * batch files are read whole by their callers anyway. */
export function redactingFetch(secret: string, inner: typeof fetch = globalThis.fetch): typeof fetch {
  if (!isRedactable(secret)) return inner;
  return async (input, init) => {
    let response: Response;
    let body: string;
    try {
      response = await inner(input, init);
      body = NO_BODY.has(response.status) ? '' : await response.text();
    } catch (error) {
      throw redactError(error, secret);
    }
    const headers = new Headers();
    response.headers.forEach((value, name) => {
      // The body below is already decoded and may have changed length.
      if (name === 'content-length' || name === 'content-encoding') return;
      headers.set(name, redactSecret(value, secret));
    });
    return new Response(NO_BODY.has(response.status) ? null : redactSecret(body, secret), {
      status: response.status,
      statusText: redactSecret(response.statusText, secret),
      headers,
    });
  };
}
