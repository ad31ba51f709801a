// What a failed connection means, in words: fetch (undici) wraps the socket error in a cause chain, sometimes
// in an AggregateError (one error per address tried), and the useful part is the code at the bottom of it.
// Shared by downloads (`datasets fetch`) and model requests (`score`, `new-work`).

/** The error code somewhere in fetch's cause chain (undici wraps the socket error, sometimes in an AggregateError). */
export function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && code !== 'ERR_STREAM_PREMATURE_CLOSE') return code;
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return undefined;
}

function detail(error: unknown, code: string): string {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    const e = current as { code?: unknown; hostname?: unknown; address?: unknown; port?: unknown; cause?: unknown; errors?: unknown[] };
    if (e.code === code) {
      if (typeof e.hostname === 'string') return `${code} ${e.hostname}`;
      if (typeof e.address === 'string') return `${code} ${e.address}${e.port !== undefined ? `:${String(e.port)}` : ''}`;
      if (Array.isArray(e.errors) && e.errors.length > 0) {
        current = e.errors[0];
        continue;
      }
      return code;
    }
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return code;
}

export function connectionReason(error: unknown): string {
  if (blockedPort(error)) return 'fetch refuses to connect to this port, one that browsers block (such as 1, 9, 25 or 6000); serve on another port';
  const code = errorCode(error);
  if (!code) return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const what = detail(error, code);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return `network unreachable (${what})`;
    case 'ECONNREFUSED':
      return `connection refused (${what})`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the connection was closed by the server (${what})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `the server did not answer in time (${what})`;
    default:
      if (code.startsWith('ERR_TLS') || code.includes('CERT')) return `the secure connection failed (${what})`;
      return `${error instanceof Error ? error.message : String(error)} (${what})`;
  }
}

/** Codes that mean no server was reached at all: nothing listening, no such host, no route to it. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** Whether the request never reached a server (as opposed to a server that broke off or was slow). */
export function isUnreachable(error: unknown): boolean {
  if (blockedPort(error)) return true;
  const code = errorCode(error);
  return code !== undefined && UNREACHABLE.has(code);
}

/** undici refuses the fetch standard's "bad ports" before connecting, with no code: only this message. */
function blockedPort(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.message === 'bad port') return true;
  }
  return false;
}
