// A loopback HTTP server for tests: serves fixed bodies at fixed paths, records every request, and can
// misbehave on purpose (a status, a delay, a connection dropped part-way through the body).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body?: Uint8Array | string;
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send only this many body bytes (with the full Content-Length), then destroy the socket. */
  dropAfter?: number;
  /** Body is written in chunks of this size so clients see progress. Default 64 KiB. */
  chunkSize?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** "http://127.0.0.1:<port>" */
  origin: string;
  url(path: string): string;
  requests: RecordedRequest[];
  /** Requests seen for a path. */
  count(path: string): number;
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = table.get(path) ?? { status: 404, body: 'not found' };
    const body = typeof route.body === 'string' ? Buffer.from(route.body) : Buffer.from(route.body ?? new Uint8Array());
    const send = () => {
      res.writeHead(route.status ?? 200, { 'Content-Length': String(body.length), ...route.headers });
      const limit = route.dropAfter ?? body.length;
      const size = route.chunkSize ?? 65_536;
      let offset = 0;
      const next = () => {
        while (offset < limit) {
          const chunk = body.subarray(offset, Math.min(offset + size, limit));
          offset += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', next);
        }
        // Drop once what was written has gone out: a reset sent at once can discard the bytes still queued.
        if (route.dropAfter !== undefined) setImmediate(() => res.socket?.destroy());
        else res.end();
      };
      next();
    };
    if (route.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A loopback port that was just listening and is now closed, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
